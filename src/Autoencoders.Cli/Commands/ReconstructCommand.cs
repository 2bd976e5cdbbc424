using System.CommandLine;
using Autoencoders.Applications.Metrics;
using Autoencoders.Cli.Output;
using Autoencoders.Drawing;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Commands;

/// <summary><c>ae reconstruct</c>: the test samples above their reconstructions as a PNG grid, and how close they are
/// over the whole test split: MSE = mean (x̂ − x)², PSNR = 10 log₁₀(1 / MSE) dB for values in [0, 1].</summary>
internal static class ReconstructCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "a model file written by ae train", Required = true, HelpName = "MODEL" };
        var data = CommonOptions.Data();
        var input = new Option<string?>("--input") { Description = InputRows.Help + "; instead of --data: --out is then a CSV of every row's reconstruction, in the input's units", HelpName = "FILE|FOLDER" };
        var outFile = new Option<string>("--out") { Description = "the PNG to write: originals in the top row, their reconstructions below (with --input: a CSV)", Required = true, HelpName = "grid.png" };
        var count = new Option<int>("--count") { Description = "test samples to draw (the metrics cover the whole test split)", DefaultValueFactory = _ => 10, HelpName = "N" };
        var threads = CommonOptions.Threads();
        var command = new Command("reconstruct", "Draw test samples over their reconstructions and report the test MSE and PSNR")
        {
            model, data, input, outFile, count, threads,
        };
        command.SetAction(parsed =>
        {
            string outPath = parsed.GetValue(outFile)!;
            CommonOptions.RequireWritableFolderFor(outPath);
            int shown = CommonOptions.Positive(parsed.GetValue(count), "--count");
            if (parsed.GetValue(input) is { } inputPath)
            {
                if (parsed.GetResult(data) is { Implicit: false }) throw new UsageException("--data and --input: give one (--input reconstructs every row of a file)");
                if (!Path.GetExtension(outPath).Equals(".csv", StringComparison.OrdinalIgnoreCase))
                    throw new UsageException($"--out {outPath}: with --input, expected a .csv file (every row's reconstruction)");
                ReconstructInput(parsed.GetValue(model)!, inputPath, outPath, parsed.GetValue(threads), output);
                return ExitCodes.Success;
            }
            var applied = AppliedModel.Load(parsed.GetValue(model)!, parsed.GetValue(data)!, parsed.GetValue(threads));
            var samples = applied.Samples;

            float[] reconstructed = applied.Model.Reconstruct(samples);
            double mse = Distortion.MeanSquaredError(reconstructed, samples.Features);
            double psnr = Distortion.PeakSignalToNoise(reconstructed, samples.Features);
            RgbImage grid = Figures.Reconstructions(applied.Model, samples, shown);
            PngFile.Save(outPath, grid);
            output.WriteLine($"{applied.Model.Name} on {samples.Count:N0} {applied.SamplesName} of {applied.DataDescription}: MSE {mse:G6}, PSNR {psnr:F2} dB (peak 1)");
            output.WriteLine($"wrote {outPath} ({grid.Width}×{grid.Height}: {Math.Min(shown, samples.Count)} {applied.SamplesName} over their reconstructions)");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Every row of <paramref name="input"/> reconstructed, streamed, in the input's units (the scaler undone);
    /// MSE and PSNR over all rows in the model's [0, 1] units, as for <c>--data</c>.</summary>
    private static void ReconstructInput(string modelPath, string input, string outPath, int threads, TextWriter output)
    {
        var loaded = AppliedModel.LoadModel(modelPath, threads, out var autoencoder);
        var preprocessing = ModelPreprocessing.Read(loaded);
        using var reader = InputRows.Open(input, preprocessing, autoencoder.InputShape.ElementCount);
        int features = autoencoder.InputShape.ElementCount;
        IReadOnlyList<string> header = preprocessing.FeatureNames ?? [.. Enumerable.Range(1, features).Select(i => $"x{i}")];
        double squaredErrors = 0;
        long rows = RowStream.WriteCsv(outPath, reader, preprocessing, header, chunk =>
        {
            float[] reconstructed = autoencoder.Reconstruct(chunk);
            squaredErrors += Distortion.MeanSquaredError(reconstructed, chunk.Features) * reconstructed.Length;
            preprocessing.Scaler?.InverseTransform(reconstructed);
            return reconstructed;
        });
        double mse = squaredErrors / Math.Max(1, rows * features);
        output.WriteLine($"{autoencoder.Name} on every row of {input} ({rows:N0}): MSE {mse:G6}, PSNR {10 * Math.Log10(1 / mse):F2} dB (peak 1)");
        output.WriteLine($"wrote {outPath} ({rows:N0} reconstructions)");
    }
}
