using System.Globalization;
using Autoencoders.Serving.Inference;
using Autoencoders.Serving.Requests;
using Autoencoders.Serving.Responses;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Autoencoders.Serving;

/// <summary>The routes: POST /score, /encode, /reconstruct (JSON or CSV rows), GET /health and /model.</summary>
internal sealed class ScoringEndpoints(ServedModel model, InferenceQueue queue, long maxBodyBytes)
{
    private readonly ColumnMap columns = new(model.Columns, model.InputSize);

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/score", context => InferAsync(context, Operation.Score));
        routes.MapPost("/encode", context => InferAsync(context, Operation.Encode));
        routes.MapPost("/reconstruct", context => InferAsync(context, Operation.Reconstruct));
        routes.MapGet("/health", context => JsonResponse.WriteAsync(context.Response, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("status", "ok");
            writer.WriteNumber("requests", queue.Requests);
            writer.WriteNumber("forward_passes", queue.Passes);
            writer.WriteEndObject();
        }));
        routes.MapGet("/model", context => JsonResponse.WriteAsync(context.Response, StatusCodes.Status200OK, writer => ModelDescription.Write(writer, model)));
    }

    private async Task InferAsync(HttpContext context, Operation operation)
    {
        ReadOnlyMemory<byte> body = await RequestBody.ReadAsync(context.Request, maxBodyBytes);
        RequestRows rows = IsCsv(context.Request)
            ? CsvRowsReader.Read(body, columns)
            : JsonRowsReader.Read(body, columns);
        int explain = operation == Operation.Score ? ExplainOf(context.Request, rows) : 0;
        InferenceResult result = await queue.Submit(operation, rows.Values, rows.Count, explain);
        await JsonResponse.WriteAsync(context.Response, StatusCodes.Status200OK, writer =>
        {
            if (operation == Operation.Score) InferenceAnswer.WriteScores(writer, model, result);
            else InferenceAnswer.WriteValues(writer, operation == Operation.Encode ? "codes" : "reconstructions", result);
        });
    }

    /// <summary>?explain=K, else the body's "explain"; at most the model's feature count.</summary>
    private int ExplainOf(HttpRequest request, RequestRows rows)
    {
        int? k = rows.Explain;
        if (request.Query.TryGetValue("explain", out var text))
        {
            k = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? parsed
                : throw RequestException.BadRequest($"?explain: expected a number of features (0 or more), received \"{text}\"");
        }
        if (k > model.InputSize)
            throw RequestException.BadRequest($"explain {k}: the model has only {model.InputSize} features");
        return k ?? 0;
    }

    private static bool IsCsv(HttpRequest request) =>
        request.ContentType is { } type && (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/csv", StringComparison.OrdinalIgnoreCase));
}
