namespace Autoencoders.Applications.Compression;

/// <summary>How a code file stores each code value; the numbers are the bits per value, as written in the file.</summary>
public enum CodePrecision
{
    /// <summary>IEEE 754 binary16 (<see cref="Half"/>): 2 bytes, 11 significant bits (relative rounding error ≤ 2⁻¹¹), |x| ≤ 65,504.</summary>
    Float16 = 16,

    /// <summary>IEEE 754 binary32: 4 bytes, the codes exactly as the model computed them.</summary>
    Float32 = 32,
}
