using System.Globalization;
using System.Text;
using System.Text.Json;
using Autoencoders.Applications.Features;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Data.Text;
using Autoencoders.Drawing;
using Autoencoders.Nn.Text;
using Autoencoders.Nn.Training;

namespace Autoencoders.Cli.Commands.Text;

/// <summary>How the scored classifier did: where it was scored, its accuracies, the majority-class rate, the report.</summary>
internal sealed record TextClassifyScores(bool ScoredOnTraining, double TrainAccuracy, double Accuracy, double Majority, ClassificationReport Report);

/// <summary>What <c>ae text classify</c> writes: model.safetensors, history.csv, training.png, predictions.csv, metrics.json.</summary>
internal static class TextClassifyFiles
{
    public static void Write(TextClassifySettings settings, TextSplit split, Nn.Models.Model model, TextEncoder encoder, History history,
        TextCorpus evaluated, int[] predicted, float[] outputs, TextClassifyScores scores)
    {
        var file = new TextModelFile(model, "classifier", encoder, null, BagOfWordsMode.TfIdf, split.Train.ClassNames);
        file.Save(Path.Combine(settings.Out, "model.safetensors"), new Dictionary<string, string> { ["text_pooling"] = settings.Pooling.ToString().ToLowerInvariant() });
        AtomicFile.WriteAllBytes(Path.Combine(settings.Out, "history.csv"), Encoding.UTF8.GetBytes(TrainingReport.HistoryCsv(history)));
        PngFile.Save(Path.Combine(settings.Out, "training.png"), TrainingFigure(history, split.Train.Description));
        AtomicFile.WriteAllBytes(Path.Combine(settings.Out, "predictions.csv"), Encoding.UTF8.GetBytes(PredictionsCsv(evaluated, predicted, outputs)));
        AtomicFile.WriteAllBytes(Path.Combine(settings.Out, "metrics.json"), JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["data"] = split.Description,
            ["scored_on"] = scores.ScoredOnTraining ? "train" : "test",
            ["train_accuracy"] = scores.TrainAccuracy,
            ["accuracy"] = scores.Accuracy,
            ["majority_rate"] = scores.Majority,
            ["macro_f1"] = scores.Report.MacroAverage.F1,
            ["pooling"] = settings.Pooling.ToString().ToLowerInvariant(),
            ["vocabulary_size"] = encoder.VocabularySize,
            ["max_length"] = encoder.MaxLength,
            ["parameters"] = model.Parameters.TotalCount,
            ["epochs"] = settings.Epochs,
            ["train_seconds"] = history.TotalSeconds,
        }, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>The tutorial's figure: loss (left axis) and accuracy (right axis) by epoch.</summary>
    internal static RgbImage TrainingFigure(History history, string data) =>
        new TwoAxisLinePlot { Title = $"training on {data}", XLabel = "epoch", LeftLabel = "loss", RightLabel = "accuracy" }
            .AddLeft("loss", [.. history.Loss]).AddRight("accuracy", [.. history.Metric("accuracy")]).Render();

    /// <summary>text, label, predicted, probability (of class 1 for two classes; of the predicted class otherwise).</summary>
    internal static string PredictionsCsv(TextCorpus corpus, int[] predicted, float[] outputs)
    {
        int columns = outputs.Length / corpus.Count;
        var csv = new StringBuilder("text,label,predicted,probability\n");
        for (int i = 0; i < corpus.Count; i++)
        {
            float probability = columns == 1 ? outputs[i] : outputs[i * columns + predicted[i]];
            csv.Append(CsvField.Quote(corpus.Texts[i])).Append(',').Append(CsvField.Quote(corpus.ClassNames[corpus.Labels[i]])).Append(',')
                .Append(CsvField.Quote(corpus.ClassNames[predicted[i]])).Append(',').Append(probability.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        return csv.ToString();
    }
}
