namespace Autoencoders.Drawing;

/// <summary>
/// Saves PNG files atomically: readers (a dashboard polling the file, say) see the old file or the new
/// one, never a half-written one, and a crash mid-write leaves the previous file intact.
/// </summary>
public static class PngFile
{
    /// <summary>Encodes <paramref name="image"/> and atomically replaces <paramref name="path"/> with it.</summary>
    public static void Save(string path, RgbImage image) => WriteAtomically(path, PngCodec.Encode(image));

    /// <summary>
    /// Writes to "path.tmp-random" in the same directory — so the final move is a rename within one file
    /// system — flushes it to disk, then renames it over <paramref name="path"/>.
    /// </summary>
    private static void WriteAtomically(string path, byte[] contents)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        string temporaryPath = $"{fullPath}.tmp-{Guid.NewGuid():N}";
        try
        {
            using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporaryPath, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporaryPath);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original exception matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
