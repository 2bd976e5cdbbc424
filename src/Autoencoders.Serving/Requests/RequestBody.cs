using Microsoft.AspNetCore.Http;

namespace Autoencoders.Serving.Requests;

/// <summary>Reads a request body whole, refusing (413) one over the cap before reading it when its length is declared.</summary>
internal static class RequestBody
{
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, long maxBytes)
    {
        if (request.ContentLength > maxBytes) throw TooLarge(request.ContentLength.Value, maxBytes);
        // Not disposed: its array is the answer, and a MemoryStream holds nothing else.
        var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        try
        {
            // Kestrel counts the bytes of a body without a declared length and stops it at the same cap.
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(null, maxBytes);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static RequestException TooLarge(long? length, long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge,
            $"request body: expected at most {maxBytes:N0} bytes (ae serve --max-body-bytes), received {(length is { } n ? $"{n:N0}" : "more")}");
}
