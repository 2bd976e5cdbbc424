namespace Autoencoders.Data;

/// <summary>A named float32 tensor as stored in a safetensors file: its shape and row-major data.</summary>
/// <remarks>A record for its concise syntax; equality compares the array references, not their contents.</remarks>
public sealed record NamedTensor(string Name, int[] Shape, float[] Data)
{
    /// <summary>The shape as text, e.g. <c>[784, 128]</c>, for messages.</summary>
    public string DescribeShape() => $"[{string.Join(", ", Shape)}]";
}
