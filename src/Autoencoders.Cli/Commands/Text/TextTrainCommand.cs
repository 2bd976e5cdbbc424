using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Autoencoders.Applications.Text;
using Autoencoders.Applications.Training;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Drawing;
using Autoencoders.Nn.Text;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Cli.Commands.Text;

/// <summary><c>ae text train</c>: a document autoencoder (bow, kate or seq) on the training documents; writes the model
/// with its vectorisation, history.csv, loss.png and metrics.json (test loss and kNN-5 cosine accuracy of the codes).</summary>
internal static class TextTrainCommand
{
    public static Command Create(TextWriter output)
    {
        var data = new TextDataOptions();
        var training = new TextAutoencoderOptionSet();
        var model = new Option<string>("--model") { Description = "bow: autoencoder on bag-of-words rows; kate: the k-competitive autoencoder (Chen & Zaki 2017); seq: a GRU sequence autoencoder", DefaultValueFactory = _ => "kate", HelpName = "bow|kate|seq" };
        var code = new Option<int>("--code") { Description = "the size of each document's code", DefaultValueFactory = _ => 32, HelpName = "N" };
        var threads = CommonOptions.Threads();
        var outFolder = new Option<string>("--out") { Description = "folder for model.safetensors, history.csv, loss.png, metrics.json", Required = true, HelpName = "DIR" };
        var command = new Command("train", "Train a document autoencoder (bow, kate or seq); its codes are document embeddings");
        foreach (var option in data.All.Concat(training.All).Concat([model, code, threads, outFolder])) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var kind = TextAutoencoderOptionSet.ParseKind(parsed.GetValue(model)!);
            var options = training.Read(parsed, kind, CommonOptions.Positive(parsed.GetValue(code), "--code"), parsed.GetValue(data.Seed));
            string folder = parsed.GetValue(outFolder)!;
            if (File.Exists(folder)) throw new UsageException($"--out {folder}: is a file, expected a folder");
            var split = data.Load(parsed, classifier: false);
            using var backend = CpuBackend.CreateDefault(CommonOptions.Threads(parsed.GetValue(threads)));
            output.WriteLine($"ae text train: {kind.ToString().ToLowerInvariant()} with a {options.CodeSize}-D code on {split.Description}");
            var history = new History();
            var lines = new EpochLines(output, options.Epochs);
            var embedder = TextEmbedder.Train(split.Train, options, backend, out history, [lines]);
            output.Write(embedder.Autoencoder.Summary());
            Directory.CreateDirectory(folder);
            embedder.File.Save(Path.Combine(folder, "model.safetensors"));
            var row = split.Test.Count > 0 && split.Test.ClassCounts().Count(c => c > 0) > 0 && split.Train.ClassNames.Count > 1
                ? TextComparison.Score(embedder, split, kind.ToString().ToLowerInvariant(), history.TotalSeconds, backend)
                : null;
            AtomicFile.WriteAllBytes(Path.Combine(folder, "history.csv"), Encoding.UTF8.GetBytes(TrainingReport.HistoryCsv(history)));
            PngFile.Save(Path.Combine(folder, "loss.png"), new LinePlot { Title = $"{kind.ToString().ToLowerInvariant()} on {split.Train.Description}", XLabel = "epoch", YLabel = embedder.Autoencoder.Loss!.Name }
                .AddSeries("loss", [.. history.Loss]).Render());
            AtomicFile.WriteAllBytes(Path.Combine(folder, "metrics.json"), JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
            {
                ["model"] = kind.ToString().ToLowerInvariant(),
                ["code_size"] = options.CodeSize,
                ["data"] = split.Description,
                ["parameters"] = embedder.Autoencoder.Parameters.TotalCount,
                ["test_loss"] = row?.TestLoss,
                ["knn_accuracy"] = row?.KnnAccuracy,
                ["train_seconds"] = history.TotalSeconds,
            }, new JsonSerializerOptions { WriteIndented = true }));
            if (row is not null)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test loss {row.TestLoss:F5} ({row.LossName}), kNN-5 cosine accuracy of the test codes {row.KnnAccuracy:F4}"));
            output.WriteLine($"wrote {folder}/model.safetensors, history.csv, loss.png, metrics.json");
            return ExitCodes.Success;
        });
        return command;
    }
}
