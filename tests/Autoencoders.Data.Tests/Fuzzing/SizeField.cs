namespace Autoencoders.Data.Tests.Fuzzing;

/// <summary>A binary field of a format that declares a size or a count: where it lies and how it is encoded.</summary>
/// <param name="Offset">Byte offset from the start; negative counts from the end (-4 is a gzip trailer's ISIZE).</param>
/// <param name="Width">4 or 8 bytes.</param>
public sealed record SizeField(string Name, int Offset, int Width, bool BigEndian);
