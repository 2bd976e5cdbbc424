using System.CommandLine;
using System.Globalization;
using System.Text;
using Autoencoders.Applications.Codecs;
using Autoencoders.Applications.Comparison;
using Autoencoders.Applications.Training;
using Autoencoders.Data;
using Autoencoders.Nn.Baselines;
using Autoencoders.Nn.Presets;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae compare</c>: autoencoders against PCA at each code size — test reconstruction MSE and, with labels, the
/// kNN-5 accuracy of the test codes (how separable the latent space is). Trains each preset by the recipe that
/// <c>ae train</c> runs (<see cref="TrainingRecipe"/>), so a row here is the model that <c>ae train --model P --code N</c>
/// would write, measured in memory; <c>--keep-models</c> also writes each one's folder as <c>ae train</c> does.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter output)
    {
        var data = CommonOptions.Data();
        var codes = new Option<string>("--code") { Description = "code sizes to compare, comma-separated", DefaultValueFactory = _ => "2,8,32", HelpName = "N,N,..." };
        var models = new Option<string>("--models") { Description = "presets to train at each code size, comma-separated (pca is always included)", DefaultValueFactory = _ => "deep", HelpName = "P,P,..." };
        // 20, not train's 10: at 10 epochs the deep preset's 32-D code has only just overtaken PCA-32 (test MSE 0.0150 vs
        // 0.0151 on Fashion-MNIST); at 20 it is clearly ahead (0.0124).
        var epochs = new Option<int>("--epochs") { Description = "training epochs of each autoencoder", DefaultValueFactory = _ => 20, HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "seed of every training run", DefaultValueFactory = _ => 0, HelpName = "N" };
        var outFile = new Option<string?>("--out") { Description = "also write the table as CSV: model,code,test_mse,knn_accuracy", HelpName = "FILE.csv" };
        var keep = new Option<string?>("--keep-models") { Description = "folder to keep each trained model in (PRESET-N/, as ae train writes it); default: discarded", HelpName = "DIR" };
        var limit = CommonOptions.Limit();
        var threads = CommonOptions.Threads();
        var command = new Command("compare", "Compare autoencoders with PCA at several code sizes: test reconstruction MSE and kNN-5 accuracy on the codes")
        {
            data, codes, models, epochs, seed, outFile, keep, limit, threads,
        };
        command.SetAction(parsed =>
        {
            var sizes = ParseList(parsed.GetValue(codes)!, "--code").Select(c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
                ? n : throw new UsageException($"--code: expected positive integers separated by commas, received \"{c}\"")).Distinct().ToArray();
            var presets = ParseList(parsed.GetValue(models)!, "--models").Where(m => m != "pca").Distinct().ToArray();
            foreach (string preset in presets)
                if (!ModelPresets.Names.Contains(preset))
                    throw new UsageException($"--models {preset}: unknown preset, expected some of {string.Join(", ", ModelPresets.Names)}");
            string? csvPath = parsed.GetValue(outFile), keepFolder = parsed.GetValue(keep);
            if (csvPath is not null) CommonOptions.RequireWritableFolderFor(csvPath);
            if (keepFolder is not null && File.Exists(keepFolder)) throw new UsageException($"--keep-models {keepFolder}: is a file, expected a folder");
            int epochCount = CommonOptions.Positive(parsed.GetValue(epochs), "--epochs"), threadCount = CommonOptions.Threads(parsed.GetValue(threads));
            string dataName = parsed.GetValue(data)!;
            int? trainLimit = parsed.GetValue(limit);
            CommonOptions.RequirePositiveLimit(trainLimit);
            // PCA sees the data as the recipe gives it to a model: CSV columns min-max scaled on the training samples.
            var split = TrainingData.Prepare(new TrainingSettings { Data = dataName, Limit = trainLimit }).Split;
            var test = split.Test ?? throw new UsageException($"--data {dataName}: has no test split to compare on");
            if (sizes.Max() > split.Train.FeatureCount)
                throw new UsageException($"--code {sizes.Max()}: larger than the {split.Train.FeatureCount} values of a sample");

            using var backend = CpuBackend.CreateDefault(threadCount);
            var rows = new List<ComparisonRow>();
            output.WriteLine($"ae compare: PCA{(presets.Length > 0 ? " and " + string.Join(", ", presets) : "")} at code sizes {string.Join(", ", sizes)} on {split.Description}");
            var pca = PrincipalComponents.Fit(split.Train.Features, split.Train.FeatureCount, sizes.Max(), backend);
            foreach (int size in sizes)
                rows.Add(CodecComparison.Measure(new PcaCodec(pca.Truncate(size)), split.Train, test, backend));

            foreach (string preset in presets)
                foreach (int size in sizes)
                {
                    output.WriteLine();
                    var settings = new TrainingSettings { Data = dataName, Model = preset, Code = size, Epochs = epochCount, Seed = parsed.GetValue(seed), Limit = trainLimit, Threads = threadCount };
                    var trained = keepFolder is null
                        ? TrainCommand.Recipe(output, backend).Run(settings)
                        : TrainCommand.Run(settings with { Out = Path.Combine(keepFolder, $"{preset}-{size}") }, output, backend: backend);
                    var seen = trained.Data.Split; // as the model was trained on it: its own scaling
                    rows.Add(CodecComparison.Measure(new AutoencoderCodec(trained.Model), seen.Train, seen.Test!, backend) with { Model = preset });
                }

            output.WriteLine();
            output.Write(Table(rows));
            if (csvPath is not null)
            {
                AtomicFile.WriteAllBytes(csvPath, Encoding.UTF8.GetBytes(Csv(rows)));
                output.WriteLine($"wrote {csvPath}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static string[] ParseList(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return items.Length > 0 ? items : throw new UsageException($"{option}: expected a comma-separated list, received \"{text}\"");
    }

    public static string Table(IReadOnlyList<ComparisonRow> rows)
    {
        var text = new StringBuilder($"{"model",-12} {"code",5} {"test_mse",10} {"knn_accuracy",13}\n");
        foreach (var row in rows.OrderBy(r => r.Code).ThenBy(r => r.Model == "pca" ? 0 : 1))
            text.Append(CultureInfo.InvariantCulture, $"{row.Model,-12} {row.Code,5} {row.TestMse,10:F5} {(row.KnnAccuracy is { } a ? a.ToString("F4", CultureInfo.InvariantCulture) : "n/a"),13}\n");
        return text.ToString();
    }

    public static string Csv(IReadOnlyList<ComparisonRow> rows)
    {
        var csv = new StringBuilder("model,code,test_mse,knn_accuracy\n");
        foreach (var row in rows.OrderBy(r => r.Code).ThenBy(r => r.Model == "pca" ? 0 : 1))
            csv.Append(CultureInfo.InvariantCulture, $"{row.Model},{row.Code},{row.TestMse:R},{(row.KnnAccuracy is { } a ? a.ToString("R", CultureInfo.InvariantCulture) : "")}\n");
        return csv.ToString();
    }
}
