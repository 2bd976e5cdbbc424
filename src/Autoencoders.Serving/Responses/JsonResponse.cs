using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Autoencoders.Serving.Responses;

/// <summary>Writes a JSON answer straight into the response's pipe: no intermediate string for a 256-row answer.</summary>
internal static class JsonResponse
{
    // An API's answers are read by programs and people, not embedded in HTML: quotes in messages stay quotes, not \u0022.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpResponse response, int status, Action<Utf8JsonWriter> write)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(response.BodyWriter, Options))
        {
            write(writer);
        }
        await response.BodyWriter.FlushAsync();
    }

    /// <summary>A refusal: <c>{"error": "one line"}</c>.</summary>
    public static Task ErrorAsync(HttpResponse response, int status, string message) =>
        WriteAsync(response, status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("error", message);
            writer.WriteEndObject();
        });
}
