using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Autoencoders.Applications.Codecs;
using Autoencoders.Applications.Features;
using Autoencoders.Applications.Training;
using Autoencoders.Data;
using Autoencoders.Drawing;
using Autoencoders.Nn.Models;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae classify</c>: learned features against their baselines. The same softmax classifier is trained on the model's
/// codes of the training split, on PCA codes of the same size and on the raw inputs, and scored on the test split.
/// </summary>
internal static class ClassifyCommand
{
    private const int ReportDigits = 4;

    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "a model file written by ae train", Required = true, HelpName = "MODEL" };
        var data = CommonOptions.Data();
        var epochs = new Option<int>("--epochs") { Description = "epochs of each softmax classifier (mini-batch Adam, batch 256; small datasets get more epochs, at least 1,000 steps)", DefaultValueFactory = _ => 20, HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "fixes the order of the batches: same seed, same classifiers", DefaultValueFactory = _ => 0, HelpName = "N" };
        var confusion = new Option<string?>("--confusion") { Description = "PNG heatmap of the confusion matrix of the classifier on the codes", HelpName = "FILE.png" };
        var summary = new Option<string?>("--summary") { Description = "JSON: the test accuracies as codes, pca and raw, with the feature sizes", HelpName = "FILE.json" };
        var threads = CommonOptions.Threads();
        var limit = CommonOptions.Limit();
        var command = new Command("classify", "Train a softmax classifier on a model's codes, on PCA codes of the same size and on the raw inputs; compare their test accuracy")
        {
            model, data, epochs, seed, confusion, summary, threads, limit,
        };
        command.SetAction(parsed =>
        {
            int epochCount = CommonOptions.Positive(parsed.GetValue(epochs), "--epochs");
            int? trainLimit = parsed.GetValue(limit) is { } n ? CommonOptions.Positive(n, "--limit") : null;
            string? confusionPath = parsed.GetValue(confusion), summaryPath = parsed.GetValue(summary);
            foreach (string? path in (ReadOnlySpan<string?>)[confusionPath, summaryPath])
                if (path is not null) CommonOptions.RequireWritableFolderFor(path);
            string modelPath = parsed.GetValue(model)!, dataName = parsed.GetValue(data)!;

            var loaded = AppliedModel.LoadModel(modelPath, parsed.GetValue(threads), out Autoencoder autoencoder);
            var split = ModelData.Load(dataName, loaded);
            if (trainLimit is { } count) split = split.LimitTraining(count);
            Dataset test = RequireLabelled(split, dataName, autoencoder, modelPath);

            var options = new SoftmaxOptions { Epochs = epochCount, Seed = unchecked((ulong)parsed.GetValue(seed)) };
            var comparison = FeatureComparison.Run(new AutoencoderCodec(autoencoder), split.Train, test, options, autoencoder.Backend);

            var codes = comparison.Codes;
            if (confusionPath is not null)
                PngFile.Save(confusionPath, ConfusionMatrixPlot.Render(codes.Report.ConfusionMatrix, codes.Report.ClassNames,
                    string.Create(CultureInfo.InvariantCulture, $"{autoencoder.Name}: softmax on {codes.Dimensions}-D codes, test accuracy {codes.Accuracy:P1}")));
            if (summaryPath is not null)
                AtomicFile.WriteAllBytes(summaryPath, Summary(comparison, autoencoder.Name, split.Description, split.Train.Count, test.Count, epochCount));

            output.WriteLine($"ae classify: {autoencoder.Name} on {split.Description}");
            output.WriteLine($"softmax classifiers trained on {split.Train.Count:N0} samples, test accuracy on {test.Count:N0}:");
            output.Write(AccuracyTable(comparison));
            output.WriteLine();
            output.WriteLine($"classification report, softmax on the {codes.Dimensions}-D codes:");
            output.Write(codes.Report.ToString(ReportDigits));
            output.WriteLine();
            output.WriteLine("confusion matrix, softmax on the codes (rows: true class, columns: predicted):");
            output.Write(codes.Report.ConfusionMatrixText());
            foreach (string? path in (ReadOnlySpan<string?>)[confusionPath, summaryPath])
                if (path is not null) output.WriteLine($"wrote {path}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The test split, once both splits are known to have labels and the model's input size.</summary>
    private static Dataset RequireLabelled(DatasetSplit split, string data, Autoencoder model, string modelPath)
    {
        if (split.Train.FeatureCount != model.InputShape.ElementCount)
            throw new UsageException($"{modelPath}: the model expects samples of {model.InputShape.ElementCount} values, {split.Description} has {split.Train.FeatureCount}");
        if (split.Train.Labels is null || split.Test is { Labels: null })
            throw new UsageException($"{data}: has no labels to classify (a CSV file needs a column named \"{ModelData.LabelColumn}\")");
        Dataset test = split.Test ?? throw new UsageException($"{data}: has no test split to score the classifiers on");
        if (split.Train.Labels.Distinct().Count() < 2)
            throw new UsageException($"{data}: expected at least 2 classes in the training split, received only class {split.Train.Labels[0]}");
        return test;
    }

    /// <summary>features, size, accuracy: one line each for codes, pca and raw.</summary>
    private static string AccuracyTable(FeatureComparison comparison)
    {
        var table = new StringBuilder("features      size  accuracy\n");
        foreach (var result in comparison.Results)
            table.Append(string.Create(CultureInfo.InvariantCulture, $"{result.Name,-8} {result.Dimensions,9}  {result.Accuracy,8:F4}\n"));
        return table.ToString();
    }

    private static byte[] Summary(FeatureComparison comparison, string model, string data, int trainSamples, int testSamples, int epochs)
    {
        var summary = new Dictionary<string, object?>
        {
            ["codes"] = comparison.Codes.Accuracy,
            ["pca"] = comparison.Pca.Accuracy,
            ["raw"] = comparison.Raw.Accuracy,
            ["model"] = model,
            ["data"] = data,
            ["code_size"] = comparison.Codes.Dimensions,
            ["pca_components"] = comparison.Pca.Dimensions,
            ["raw_features"] = comparison.Raw.Dimensions,
            ["train_samples"] = trainSamples,
            ["test_samples"] = testSamples,
            ["epochs"] = epochs,
        };
        return JsonSerializer.SerializeToUtf8Bytes(summary, new JsonSerializerOptions { WriteIndented = true });
    }
}
