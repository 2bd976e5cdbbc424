using System.CommandLine;
using Autoencoders.Applications.Metrics;
using Autoencoders.Cli.Output;
using Autoencoders.Drawing;

namespace Autoencoders.Cli.Commands;

/// <summary><c>ae reconstruct</c>: the test samples above their reconstructions as a PNG grid, and how close they are
/// over the whole test split: MSE = mean (x̂ − x)², PSNR = 10 log₁₀(1 / MSE) dB for values in [0, 1].</summary>
internal static class ReconstructCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "a model file written by ae train", Required = true, HelpName = "MODEL" };
        var data = CommonOptions.Data();
        var outFile = new Option<string>("--out") { Description = "the PNG to write: originals in the top row, their reconstructions below", Required = true, HelpName = "grid.png" };
        var count = new Option<int>("--count") { Description = "test samples to draw (the metrics cover the whole test split)", DefaultValueFactory = _ => 10, HelpName = "N" };
        var threads = CommonOptions.Threads();
        var command = new Command("reconstruct", "Draw test samples over their reconstructions and report the test MSE and PSNR")
        {
            model, data, outFile, count, threads,
        };
        command.SetAction(parsed =>
        {
            string outPath = parsed.GetValue(outFile)!;
            CommonOptions.RequireWritableFolderFor(outPath);
            int shown = CommonOptions.Positive(parsed.GetValue(count), "--count");
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
}
