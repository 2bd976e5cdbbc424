using System.Globalization;
using System.Text.Json;
using Autoencoders.Cli.Commands;

namespace Autoencoders.Cli.Output;

/// <summary>What <c>ae train</c> wrote beside a model file and the report shows: history.csv and metrics.json, each
/// null when absent. A file that is there but unreadable is bad input, named with its line.</summary>
internal sealed record ReportTrainingFiles(string HistoryPath, ReportTrainingFiles.LossHistory? History, string MetricsPath,
    IReadOnlyList<(string Key, string Value)>? Metrics)
{
    /// <summary>history.csv's first three columns; validation losses are NaN where an epoch had none, and null when none had any.</summary>
    public sealed record LossHistory(IReadOnlyList<double> Epochs, IReadOnlyList<double> Loss, IReadOnlyList<double>? ValidationLoss);

    public static ReportTrainingFiles Read(string modelPath)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
        string history = Path.Combine(folder, "history.csv"), metrics = Path.Combine(folder, "metrics.json");
        return new ReportTrainingFiles(history, File.Exists(history) ? ReadHistory(history) : null, metrics, File.Exists(metrics) ? ReadMetrics(metrics) : null);
    }

    private static LossHistory ReadHistory(string path)
    {
        string[] lines = [.. File.ReadAllLines(path).Where(line => line.Length > 0)];
        if (lines.Length == 0 || !lines[0].StartsWith("epoch,loss,val_loss", StringComparison.Ordinal))
            throw new UsageException($"{path}: expected the header epoch,loss,val_loss,… that ae train writes, received \"{lines.FirstOrDefault()}\"");
        var (epochs, loss, validation) = (new List<double>(), new List<double>(), new List<double>());
        for (int i = 1; i < lines.Length; i++)
        {
            string[] cells = lines[i].Split(',');
            if (cells.Length < 3 || !TryParse(cells[0], out double epoch) || !TryParse(cells[1], out double value)
                || !(cells[2].Length == 0 || TryParse(cells[2], out _)))
                throw new UsageException($"{path}: line {i + 1}: expected numbers for epoch, loss and val_loss (which may be empty), received \"{lines[i]}\"");
            epochs.Add(epoch);
            loss.Add(value);
            validation.Add(cells[2].Length == 0 ? double.NaN : double.Parse(cells[2], CultureInfo.InvariantCulture));
        }
        if (epochs.Count == 0)
            throw new UsageException($"{path}: expected one line per epoch after the header, received none");
        return new LossHistory(epochs, loss, validation.All(double.IsNaN) ? null : validation);
    }

    private static List<(string, string)> ReadMetrics(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new UsageException($"{path}: expected a JSON object of metrics, received a {document.RootElement.ValueKind}");
            return [.. document.RootElement.EnumerateObject().Select(p => (p.Name, Format(p.Value)))];
        }
        catch (JsonException error)
        {
            throw new UsageException($"{path}: not valid JSON: {error.Message}");
        }
    }

    private static string Format(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "—",
        JsonValueKind.Number when value.TryGetInt64(out long integer) => integer.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.Number => value.GetDouble().ToString("G6", CultureInfo.InvariantCulture),
        _ => value.GetRawText(),
    };

    private static bool TryParse(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
