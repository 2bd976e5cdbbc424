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
        bool graphs = model is Functional || model.Graphs.Any(g => !g.Graph.IsChain);
        List<string[]> rows = graphs ? GraphRows(model) : [.. model.NamedLayers
            .Select(l => new[] { $"{l.Layer.Name} ({l.Layer.TypeName})", l.Path, OutputShape(l.Layer), Count(l.Layer.Parameters.Sum(p => (long)p.Count)) })];
        string[] header = graphs ? ["Layer (type)", "Output Shape", "Param #", "Connected to"] : ["Layer (type)", "Path", "Output Shape", "Param #"];
        int[] widths = [.. header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length)))];
        int numberColumn = graphs ? 2 : 3;
        var text = new StringBuilder();
        string rule = new('─', widths.Sum() + 3 * (widths.Length - 1));
        text.AppendLine($"Model: \"{model.Name}\"   input shape: (None, {string.Join(", ", model.InputShape.ToArray())})");
        text.AppendLine(rule);
        text.AppendLine(Row(widths, header, numberColumn));
        text.AppendLine(rule.Replace('─', '═'));
        foreach (var r in rows)
            text.AppendLine(Row(widths, r, numberColumn));
        text.AppendLine(rule);
        var parameters = model.Parameters;
        text.AppendLine($" Total params: {Count(parameters.TotalCount)} ({Bytes(parameters.TotalCount)})");
        text.AppendLine($" Trainable params: {Count(parameters.TrainableCount)} ({Bytes(parameters.TrainableCount)})");
        text.AppendLine($" Non-trainable params: {Count(parameters.NonTrainableCount)} ({Bytes(parameters.NonTrainableCount)})");
        return text.ToString();
    }

    /// <summary>Keras's functional summary: a row per input and per layer call, with the calls it reads ("Connected to");
    /// a shared layer's weights are counted at its first call.</summary>
    private static List<string[]> GraphRows(Model model)
    {
        var rows = new List<string[]>();
        var counted = new HashSet<Layers.Layer>(ReferenceEqualityComparer.Instance);
        foreach (var (prefix, graph) in model.Graphs)
        {
            string Name(Graphs.SymbolicTensor t) => prefix.Length == 0 ? graph.NameOf(t) : $"{prefix}/{graph.NameOf(t)}";
            for (int i = 0; i < graph.Inputs.Count; i++)
                rows.Add([$"{Name(graph.Inputs[i])} (InputLayer)", Shape(graph.InputShapes[i]), "0", ""]);
            foreach (var node in graph.Nodes)
            {
                var layer = node.Layer!;
                string parameters = counted.Add(layer) ? Count(layer.Parameters.Sum(p => (long)p.Count)) : "(shared)";
                rows.Add([$"{Name(node)} ({layer.TypeName})", OutputShape(layer), parameters, string.Join(", ", node.Inputs.Select(Name))]);
            }
        }
        return rows;
    }

    private static string OutputShape(Layers.Layer layer) => Shape(layer.OutputShape);

    private static string Shape(Tensors.Shape shape) => "(None, " + string.Join(", ", shape.ToArray()) + ")";

    private static string Row(int[] widths, string[] cells, int numberColumn) =>
        string.Join("   ", cells.Select((c, i) => i == numberColumn ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Bytes(long parameters)
    {
        double bytes = parameters * 4.0;
        return bytes >= 1 << 20 ? $"{bytes / (1 << 20):F2} MB" : $"{bytes / 1024:F2} KB";
    }
}
