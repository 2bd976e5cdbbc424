using System.Globalization;
using System.Text;
using System.Text.Json;
using Autoencoders.Applications.Anomaly;
using Autoencoders.Data;

namespace Autoencoders.Cli.Commands;

/// <summary>What <c>ae detect</c> writes besides figures: the per-sample scores CSV and the JSON summary.</summary>
internal static class DetectFiles
{
    /// <summary>index,score,flag[,label][,top_features], one line per scored sample.</summary>
    public static string ScoresCsv(AnomalyAnalysis analysis, string[]? explanations)
    {
        int[]? labels = analysis.Scored.Labels;
        var csv = new StringBuilder("index,score,flag");
        if (labels is not null) csv.Append(",label");
        if (explanations is not null) csv.Append(",top_features");
        csv.Append('\n');
        for (int i = 0; i < analysis.Scores.Length; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},{analysis.Scores[i]:R},{(analysis.Flags[i] ? 1 : 0)}");
            if (labels is not null) csv.Append(',').Append(labels[i]);
            if (explanations is not null) csv.Append(',').Append(CsvField.Quote(explanations[i]));
            csv.Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>The summary of a dataset's analysis: threshold, flags and, with ground truth, the detection metrics.</summary>
    public static byte[] Summary(AnomalyAnalysis analysis, string data, int referenceSamples, int[]? normal)
    {
        var summary = Common(analysis.Detector, analysis.Scores.Length, analysis.Flagged);
        summary["data"] = data;
        summary["reference_samples"] = referenceSamples;
        summary["normal_classes"] = normal;
        if (analysis.Metrics is { } metrics)
        {
            summary["anomalies"] = metrics.Anomalies;
            summary["roc_auc"] = metrics.RocAuc;
            summary["pr_auc"] = metrics.PrAuc;
            summary["precision"] = metrics.Precision;
            summary["recall"] = metrics.Recall;
            summary["false_alarm_rate"] = metrics.FalseAlarmRate;
        }
        return Serialize(summary);
    }

    /// <summary>The summary of a streamed file (<c>--input</c>): no ground truth, the reference is the model's record.</summary>
    public static byte[] Summary(AnomalyDetector detector, string input, long rows, long flagged)
    {
        var summary = Common(detector, rows, flagged);
        summary["input"] = input;
        summary["reference_samples"] = detector.Calibration?.Count;
        return Serialize(summary);
    }

    private static Dictionary<string, object?> Common(AnomalyDetector detector, long samples, long flagged) => new()
    {
        ["model"] = detector.Codec.Name,
        ["samples"] = samples,
        ["calibration"] = detector.Calibration?.Source,
        ["threshold"] = detector.Threshold,
        ["threshold_rule"] = detector.ThresholdDescription,
        ["flagged"] = flagged,
        ["flagged_fraction"] = (double)flagged / Math.Max(1, samples),
    };

    private static byte[] Serialize(Dictionary<string, object?> summary) =>
        JsonSerializer.SerializeToUtf8Bytes(summary, new JsonSerializerOptions { WriteIndented = true });
}
