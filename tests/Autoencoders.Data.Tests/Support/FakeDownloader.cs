namespace Autoencoders.Data.Tests;

/// <summary>Serves bytes from a table, or fails like an offline machine; records every request. Never touches the network.</summary>
public sealed class FakeDownloader(Func<Uri, byte[]> respond) : IFileDownloader
{
    public List<Uri> Requests { get; } = [];

    public static FakeDownloader Offline() =>
        new(uri => throw new HttpRequestException($"Name or service not known ({uri.Host}:443)"));

    public byte[] Download(Uri uri)
    {
        Requests.Add(uri);
        return respond(uri);
    }
}
