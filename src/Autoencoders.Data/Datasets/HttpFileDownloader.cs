namespace Autoencoders.Data;

/// <summary>Downloads over HTTPS with short timeouts, so that an offline machine fails within seconds, not minutes.</summary>
public sealed class HttpFileDownloader : IFileDownloader
{
    // The largest MNIST file is under 10 MB; anything far beyond that is not what we asked for.
    private const long LargestAcceptedBody = 64L << 20;

    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>The shared instance (one HttpClient per process, as .NET recommends).</summary>
    public static HttpFileDownloader Shared { get; } = new();

    /// <inheritdoc />
    public byte[] Download(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using HttpResponseMessage response = Client.Send(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > LargestAcceptedBody)
        {
            throw new InvalidDataException($"{uri}: response of {response.Content.Headers.ContentLength} bytes exceeds the {LargestAcceptedBody}-byte limit");
        }

        using Stream body = response.Content.ReadAsStream();
        using var copy = new MemoryStream();
        var buffer = new byte[1 << 16];
        int read;
        while ((read = body.Read(buffer)) > 0)
        {
            copy.Write(buffer, 0, read);
            if (copy.Length > LargestAcceptedBody)
            {
                throw new InvalidDataException($"{uri}: response exceeds the {LargestAcceptedBody}-byte limit");
            }
        }
        return copy.ToArray();
    }
}
