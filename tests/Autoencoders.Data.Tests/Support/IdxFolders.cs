namespace Autoencoders.Data.Tests;

/// <summary>Writes small MNIST-style folders whose pixel values encode the sample index, so splits can be checked exactly.</summary>
public static class IdxFolders
{
    public const int Rows = 2;
    public const int Columns = 3;

    /// <summary>Writes <c>{part}-images-idx3-ubyte.gz</c> and <c>{part}-labels-idx1-ubyte.gz</c>: image i is filled with i, label i is i % 10.</summary>
    public static void WritePair(string folder, string part, int count, bool compress = true, string separator = "-")
    {
        byte[] pixels = new byte[count * Rows * Columns];
        for (int i = 0; i < count; i++)
        {
            pixels.AsSpan(i * Rows * Columns, Rows * Columns).Fill((byte)i);
        }
        byte[] labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
        string suffix = compress ? ".gz" : "";
        IdxWriter.Write(Path.Combine(folder, $"{part}-images{separator}idx3-ubyte{suffix}"), new IdxArray([count, Rows, Columns], pixels), compress);
        IdxWriter.Write(Path.Combine(folder, $"{part}-labels{separator}idx1-ubyte{suffix}"), new IdxArray([count], labels), compress);
    }
}
