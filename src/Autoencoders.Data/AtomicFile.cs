namespace Autoencoders.Data;

/// <summary>Writes a file so that readers see either the old file or the complete new one, never a part.</summary>
/// <remarks>
/// The temporary file lives in the destination folder because a rename is only atomic within one file
/// system. On any failure the temporary file is deleted, so an interrupted write leaves nothing behind.
/// </remarks>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> writeContents)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"{path}: cannot write to a root folder", nameof(path));
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{folder}: folder does not exist (needed to write {fullPath})");
        }

        string temporaryPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                writeContents(stream);
                // Flush to disk before the rename so a crash cannot leave a renamed but empty file.
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

    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original failure matters more than a leftover temporary file we could not remove.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
