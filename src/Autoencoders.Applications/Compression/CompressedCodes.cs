namespace Autoencoders.Applications.Compression;

/// <summary>
/// What a code file holds: n codes of <see cref="CodeSize"/> values at a <see cref="Precision"/>, the SHA-256 of the
/// model file that made them (only that model can decode them), and optionally the samples' labels and shape.
/// </summary>
/// <remarks><see cref="Codes"/> are the values as stored: at <see cref="CodePrecision.Float16"/> they are rounded to
/// the nearest half (ties to even) on construction, so what is measured before writing is what a reader gets back.</remarks>
public sealed class CompressedCodes
{
    /// <summary>The length of a SHA-256 digest in bytes.</summary>
    public const int HashLength = 32;

    /// <summary>The most dimensions a sample shape may have (images have 2).</summary>
    public const int MaxSampleRank = 8;

    private readonly byte[] modelSha256;

    /// <param name="codes">Row-major (n, <paramref name="codeSize"/>); copied, and rounded when <paramref name="precision"/> is float16.</param>
    /// <param name="sampleShape">How one decoded sample is laid out, e.g. [28, 28]; null for flat vectors.</param>
    /// <exception cref="ArgumentException">Sizes disagree, or a value is beyond float16's range at float16.</exception>
    public CompressedCodes(ReadOnlySpan<float> codes, int codeSize, CodePrecision precision, ReadOnlySpan<byte> modelSha256,
        int[]? labels = null, int[]? sampleShape = null)
    {
        if (codeSize <= 0)
            throw new ArgumentException($"expected a positive code size, received {codeSize}", nameof(codeSize));
        if (codes.Length % codeSize != 0)
            throw new ArgumentException($"expected whole codes of {codeSize} values, received {codes.Length} values", nameof(codes));
        if (!Enum.IsDefined(precision))
            throw new ArgumentException($"expected float16 or float32, received precision {(int)precision}", nameof(precision));
        if (modelSha256.Length != HashLength)
            throw new ArgumentException($"expected a {HashLength}-byte SHA-256, received {modelSha256.Length} bytes", nameof(modelSha256));
        int count = codes.Length / codeSize;
        if (labels is not null && labels.Length != count)
            throw new ArgumentException($"expected {count} labels (one per code), received {labels.Length}", nameof(labels));
        if (sampleShape is not null && (sampleShape.Length is 0 or > MaxSampleRank || sampleShape.Any(size => size <= 0)))
            throw new ArgumentException($"expected a sample shape of 1 to {MaxSampleRank} positive sizes, received [{string.Join(", ", sampleShape)}]", nameof(sampleShape));

        Codes = precision == CodePrecision.Float16 ? RoundToHalf(codes, codeSize) : codes.ToArray();
        CodeSize = codeSize;
        Count = count;
        Precision = precision;
        this.modelSha256 = modelSha256.ToArray();
        Labels = labels?.ToArray();
        SampleShape = sampleShape?.ToArray();
    }

    /// <summary>The codes as stored, row-major (Count, CodeSize).</summary>
    public float[] Codes { get; }

    public int CodeSize { get; }

    public int Count { get; }

    public CodePrecision Precision { get; }

    /// <summary>The SHA-256 of the bytes of the model file that encoded the samples.</summary>
    public ReadOnlySpan<byte> ModelSha256 => modelSha256;

    /// <summary>One label per code, or null.</summary>
    public int[]? Labels { get; }

    /// <summary>The layout of one decoded sample (e.g. [28, 28] for images), or null for flat vectors.</summary>
    public int[]? SampleShape { get; }

    /// <summary>Bytes per stored code value: 2 or 4.</summary>
    public int BytesPerValue => (int)Precision / 8;

    private static float[] RoundToHalf(ReadOnlySpan<float> codes, int codeSize)
    {
        var rounded = new float[codes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            rounded[i] = (float)(Half)codes[i];
            // A finite code that float16 cannot hold would come back as ±∞: refuse rather than corrupt it silently.
            if (float.IsInfinity(rounded[i]) && float.IsFinite(codes[i]))
                throw new ArgumentException($"code {i / codeSize + 1}, value {i % codeSize + 1} is {codes[i]}, beyond float16's range ±{(float)Half.MaxValue}; store float32 codes");
        }
        return rounded;
    }
}
