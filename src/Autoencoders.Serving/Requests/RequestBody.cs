using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Autoencoders.Serving.Requests;

/// <summary>
/// Reads a request body whole, up to a cap; a longer one gets 413. The excess is read and dropped (up to
/// <see cref="DrainBytes"/>) before the answer: a client still sending when the server answers and closes would see its
/// connection reset instead of the 413.
/// </summary>
internal static class RequestBody
{
    /// <summary>How much past the cap is read to let a client finish sending; a larger body has its connection cut.</summary>
    public const long DrainBytes = 64L << 20;

    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, long maxBytes)
    {
        // This reader counts the bytes itself, so Kestrel's own cap (which would cut the connection) is lifted here.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = null;
        var cancellation = request.HttpContext.RequestAborted;
        if (request.ContentLength > maxBytes)
        {
            if (request.ContentLength <= maxBytes + DrainBytes) await Drain(request.Body, cancellation);
            throw TooLarge(request, request.ContentLength.Value, maxBytes);
        }
        // Not disposed: its array is the answer, and a MemoryStream holds nothing else.
        var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[81_920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                long received = buffer.Length + read + await Drain(request.Body, cancellation);
                throw TooLarge(request, received, maxBytes);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>Reads and drops the rest of the body, up to <see cref="DrainBytes"/>; returns how much it read.</summary>
    private static async Task<long> Drain(Stream body, CancellationToken cancellation)
    {
        var chunk = new byte[81_920];
        long drained = 0;
        int read;
        while (drained < DrainBytes && (read = await body.ReadAsync(chunk, cancellation)) > 0) drained += read;
        return drained;
    }

    private static RequestException TooLarge(HttpRequest request, long received, long maxBytes)
    {
        request.HttpContext.Response.Headers.Connection = "close";
        return new(StatusCodes.Status413PayloadTooLarge,
            $"request body: expected at most {maxBytes:N0} bytes (ae serve --max-body-bytes), received {received:N0}{(received >= maxBytes + DrainBytes ? " or more" : "")}");
    }
}
