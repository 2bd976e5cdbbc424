using System.Text.Json;
using Autoencoders.Serving.Inference;

namespace Autoencoders.Serving.Responses;

/// <summary>GET /model: what a client needs to call the server right: sizes, columns, threshold and its rule, the layers.</summary>
internal static class ModelDescription
{
    public static void Write(Utf8JsonWriter writer, ServedModel model)
    {
        var autoencoder = model.Model;
        writer.WriteStartObject();
        writer.WriteString("name", autoencoder.Name);
        writer.WriteNumber("input_size", model.InputSize);
        writer.WriteNumber("code_size", model.CodeSize);
        writer.WritePropertyName("columns");
        if (model.Columns is { } columns)
        {
            writer.WriteStartArray();
            foreach (string column in columns) writer.WriteStringValue(column);
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNullValue();
        }
        writer.WriteNumber("threshold", model.Threshold);
        writer.WriteString("threshold_rule", model.ThresholdRule);
        writer.WriteString("score", "mean squared reconstruction error over the features, scaled as in training");
        writer.WriteNumber("parameters", autoencoder.Parameters.TotalCount);
        writer.WriteStartArray("layers");
        foreach (var (path, layer) in autoencoder.NamedLayers)
        {
            writer.WriteStartObject();
            writer.WriteString("path", path);
            writer.WriteString("name", layer.Name);
            writer.WriteString("type", layer.TypeName);
            writer.WriteStartArray("output_shape");
            foreach (int size in layer.OutputShape.ToArray()) writer.WriteNumberValue(size);
            writer.WriteEndArray();
            writer.WriteNumber("parameters", layer.Parameters.Sum(p => (long)p.Count));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteString("summary", autoencoder.Summary());
        writer.WriteEndObject();
    }
}
