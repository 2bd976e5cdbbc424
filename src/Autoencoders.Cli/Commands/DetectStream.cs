using System.Globalization;
using System.Text;
using Autoencoders.Applications.Anomaly;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Drawing;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae detect --input</c>: every row of a file scored against the model's own threshold, a chunk at a time, the
/// scores CSV written as it goes into a temporary file that is renamed only once the last row is in (an error on
/// row 4 million leaves no output file). Memory: one chunk of rows, not the file.
/// </summary>
internal static class DetectStream
{
    public static void Run(string modelPath, string input, ThresholdRule rule, int? explain, DetectOutputs outputs, int threads, TextWriter output)
    {
        var detector = DetectCommand.LoadDetector(modelPath, rule, threads);
        if (explain is { } k && k > detector.FeatureCount)
            throw new UsageException($"--explain {k}: the rows have only {detector.FeatureCount} features");
        using IRowReader reader = InputRows.Open(input, detector.Preprocessing, detector.FeatureCount);
        List<double>? kept = outputs.Histogram is null ? null : []; // the histogram needs every score; nothing else does
        long rows = 0, flagged = 0;
        AtomicFile.Write(outputs.Scores, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
            writer.Write("index,score,flag");
            if (reader.HasLabels) writer.Write(",label");
            if (explain is not null) writer.Write(",top_features");
            writer.Write('\n');
            int features = detector.FeatureCount;
            var values = new float[InputRows.ChunkRows * features];
            var labels = new string?[InputRows.ChunkRows];
            var scores = new double[InputRows.ChunkRows];
            Span<char> number = stackalloc char[32];
            int count;
            while ((count = reader.Read(values, labels)) > 0)
            {
                detector.Score(values.AsSpan(0, count * features), scores);
                string[]? explanations = explain is { } top ? detector.DescribeFlagged(values.AsSpan(0, count * features), scores.AsSpan(0, count), top) : null;
                for (int i = 0; i < count; i++)
                {
                    bool flag = detector.IsAnomaly(scores[i]);
                    rows.TryFormat(number, out int written, provider: CultureInfo.InvariantCulture);
                    writer.Write(number[..written]);
                    writer.Write(',');
                    scores[i].TryFormat(number, out written, "R", CultureInfo.InvariantCulture);
                    writer.Write(number[..written]);
                    writer.Write(flag ? ",1" : ",0");
                    if (reader.HasLabels) writer.Write($",{CsvField.Quote(labels[i] ?? "")}");
                    if (explanations is not null) writer.Write($",{CsvField.Quote(explanations[i] ?? "")}");
                    writer.Write('\n');
                    rows++;
                    if (flag) flagged++;
                }
                kept?.AddRange(scores.AsSpan(0, count));
            }
        });
        if (outputs.Histogram is not null) PngFile.Save(outputs.Histogram, AnomalyFigures.Histogram(detector.Codec.Name, kept!, null, detector.Threshold));
        if (outputs.Summary is not null) AtomicFile.WriteAllBytes(outputs.Summary, DetectFiles.Summary(detector, input, rows, flagged));

        output.WriteLine($"ae detect: {detector.Codec.Name} on every row of {input}{(detector.Preprocessing.Scaler is null ? "" : "; columns min-max scaled as in training")}");
        output.WriteLine($"threshold {detector.Threshold:G6}: {detector.ThresholdDescription}");
        output.WriteLine($"flagged {flagged:N0} of {rows:N0} rows ({(double)flagged / Math.Max(1, rows):P1})");
        foreach (string path in outputs.All) output.WriteLine($"wrote {path}");
    }
}
