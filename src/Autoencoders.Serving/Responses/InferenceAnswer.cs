using System.Text.Json;
using Autoencoders.Serving.Inference;

namespace Autoencoders.Serving.Responses;

/// <summary>The JSON bodies of /score, /encode and /reconstruct: one entry per request row, in the request's order.</summary>
internal static class InferenceAnswer
{
    /// <summary><c>{"threshold": t, "rows": [{"score": s, "anomaly": s &gt; t, "explanation": [{"feature", "squared_error"}…]}…]}</c>.</summary>
    public static void WriteScores(Utf8JsonWriter writer, ServedModel model, InferenceResult result)
    {
        double[] scores = result.Scores!;
        writer.WriteStartObject();
        writer.WriteNumber("threshold", model.Threshold);
        writer.WriteStartArray("rows");
        for (int i = 0; i < scores.Length; i++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("score", scores[i]);
            writer.WriteBoolean("anomaly", model.IsAnomaly(scores[i]));
            if (result.Top is { } top)
            {
                writer.WriteStartArray("explanation");
                foreach (var feature in top[i])
                {
                    writer.WriteStartObject();
                    writer.WriteString("feature", model.FeatureName(feature.Feature));
                    writer.WriteNumber("squared_error", feature.SquaredError);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary><c>{"NAME": [[v, …], …]}</c>: codes or reconstructions, a row of values per request row.</summary>
    public static void WriteValues(Utf8JsonWriter writer, string name, InferenceResult result)
    {
        float[] values = result.Values!;
        int width = result.ValuesPerRow;
        writer.WriteStartObject();
        writer.WriteStartArray(name);
        for (int offset = 0; offset < values.Length; offset += width)
        {
            writer.WriteStartArray();
            foreach (float value in values.AsSpan(offset, width)) writer.WriteNumberValue(value);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
