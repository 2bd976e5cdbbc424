namespace Autoencoders.Data;

/// <summary>Fetches a file's bytes from a URL; the seam that keeps tests (and offline machines) off the network.</summary>
public interface IFileDownloader
{
    /// <summary>Returns the whole body of <paramref name="uri"/>, or throws (any exception) on failure.</summary>
    byte[] Download(Uri uri);
}
