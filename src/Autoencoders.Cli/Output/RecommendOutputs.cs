using System.Globalization;
using System.Text;
using System.Text.Json;
using Autoencoders.Data;
using Autoencoders.Drawing;

namespace Autoencoders.Cli.Output;

/// <summary>What <c>ae recommend train</c> writes beside the model: history.csv, metrics.json and the figure by epoch, each atomically.</summary>
internal static class RecommendOutputs
{
    public static void WriteHistory(string path, IReadOnlyList<string> columns, IReadOnlyList<double[]> rows)
    {
        var text = new StringBuilder(string.Join(',', columns)).Append('\n');
        foreach (double[] row in rows)
            text.Append(string.Join(',', row.Select((value, i) => i == 0 ? ((int)value).ToString(CultureInfo.InvariantCulture) : value.ToString("G6", CultureInfo.InvariantCulture)))).Append('\n');
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(text.ToString()));
    }

    public static void WriteMetrics(string path, IReadOnlyDictionary<string, object?> metrics) =>
        AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(metrics, new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>The model's curves by epoch, with each baseline's figure as a flat line for comparison.</summary>
    public static void WriteFigure(string path, string title, string yLabel, IReadOnlyList<(string Name, double[] Values)> curves,
        IReadOnlyList<(string Name, double Value)> baselines)
    {
        int epochs = curves[0].Values.Length;
        double[] x = [.. Enumerable.Range(1, epochs).Select(e => (double)e)];
        var plot = new LinePlot { Title = title, XLabel = "epoch", YLabel = yLabel };
        foreach (var (name, values) in curves) plot.AddSeries(name, x, values);
        foreach (var (name, value) in baselines) plot.AddSeries(name, x, [.. x.Select(_ => value)]);
        PngFile.Save(path, plot.Render());
    }

    public static double Round(double value) => Math.Round(value, 5);
}
