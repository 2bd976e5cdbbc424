using System.Globalization;
using System.Text;

namespace Autoencoders.Nn.Models;

/// <summary>
/// The Keras summary table: one row per layer with its output shape (batch as None) and parameter count,
/// then total, trainable and non-trainable counts, counted as Keras and PyTorch count them (every scalar).
/// </summary>
internal static class ModelSummary
{
    public static string Render(Model model)
    {
        if (!model.IsBuilt)
            throw new InvalidOperationException($"model {model.Name} is not built yet, so its shapes are unknown: call Build(inputShape) first");
        var rows = model.NamedLayers
            .Select(l => (Layer: $"{l.Layer.Name} ({l.Layer.TypeName})", Path: l.Path,
                Shape: "(None, " + string.Join(", ", l.Layer.OutputShape.ToArray()) + ")",
                Params: l.Layer.Parameters.Sum(p => (long)p.Count)))
            .ToList();
        string[] header = ["Layer (type)", "Path", "Output Shape", "Param #"];
        int[] widths =
        [
            Math.Max(header[0].Length, rows.Max(r => r.Layer.Length)),
            Math.Max(header[1].Length, rows.Max(r => r.Path.Length)),
            Math.Max(header[2].Length, rows.Max(r => r.Shape.Length)),
            Math.Max(header[3].Length, rows.Max(r => Count(r.Params).Length)),
        ];
        var text = new StringBuilder();
        string rule = new('─', widths.Sum() + 3 * 3);
        text.AppendLine($"Model: \"{model.Name}\"   input shape: (None, {string.Join(", ", model.InputShape.ToArray())})");
        text.AppendLine(rule);
        text.AppendLine(Row(widths, header));
        text.AppendLine(rule.Replace('─', '═'));
        foreach (var r in rows)
            text.AppendLine(Row(widths, [r.Layer, r.Path, r.Shape, Count(r.Params)]));
        text.AppendLine(rule);
        var parameters = model.Parameters;
        text.AppendLine($" Total params: {Count(parameters.TotalCount)} ({Bytes(parameters.TotalCount)})");
        text.AppendLine($" Trainable params: {Count(parameters.TrainableCount)} ({Bytes(parameters.TrainableCount)})");
        text.AppendLine($" Non-trainable params: {Count(parameters.NonTrainableCount)} ({Bytes(parameters.NonTrainableCount)})");
        return text.ToString();
    }

    private static string Row(int[] widths, string[] cells) =>
        string.Join("   ", cells.Select((c, i) => i == cells.Length - 1 ? c.PadLeft(widths[i]) : c.PadRight(widths[i])));

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Bytes(long parameters)
    {
        double bytes = parameters * 4.0;
        return bytes >= 1 << 20 ? $"{bytes / (1 << 20):F2} MB" : $"{bytes / 1024:F2} KB";
    }
}
