using System.CommandLine;
using System.Globalization;
using System.Text;
using Autoencoders.Applications.Series;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Drawing;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae timeseries generate</c>: decodes draws from a ts-vae's prior N(0, I) into new windows, in the series' units
/// (the z-scoring undone), and compares their mean periodogram's dominant period with the training windows'.
/// </summary>
internal static class TimeSeriesGenerateCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "a ts-vae written by ae timeseries train --model ts-vae (DIR/model.safetensors, or DIR)", Required = true, HelpName = "FILE" };
        var count = new Option<int>("--count") { Description = "windows to generate", DefaultValueFactory = _ => 16, HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "fixes the draws", DefaultValueFactory = _ => 0, HelpName = "N" };
        var outFile = new Option<string>("--out") { Description = "CSV sample,step and one column per channel", Required = true, HelpName = "FILE" };
        var plot = new Option<string?>("--plot") { Description = "PNG of the first 8 generated windows", HelpName = "FILE" };
        var command = new Command("generate", "Generate new windows of a series from a variational autoencoder") { model, count, seed, outFile, plot };
        command.SetAction(parsed =>
        {
            string outPath = parsed.GetValue(outFile)!;
            CommonOptions.RequireWritableFolderFor(outPath);
            if (parsed.GetValue(plot) is { } plotPath) CommonOptions.RequireWritableFolderFor(plotPath);
            int n = CommonOptions.Positive(parsed.GetValue(count), "--count");
            string modelPath = TimeSeriesDetectCommand.ModelPath(parsed.GetValue(model)!);
            var autoencoder = ModelLoading.LoadAutoencoder(modelPath, out var loaded);
            var settings = SeriesModelSettings.Read(loaded.Metadata)
                ?? throw new UsageException($"--model {modelPath}: not a time-series model (no \"{SeriesModelSettings.SettingsKey}\"); train one with ae timeseries train --model ts-vae");
            if (!autoencoder.IsVariational)
                throw new UsageException($"--model {modelPath}: a {autoencoder.Name} has no prior to sample from; generate needs ae timeseries train --model ts-vae");

            var codes = new float[n * autoencoder.CodeSize];
            new DeterministicRandom((ulong)parsed.GetValue(seed)).FillGaussian(codes, 0f, 1f);
            float[] decoded = autoencoder.Decode(new Dataset(codes, autoencoder.CodeSize)); // (n, W·C), z-scored
            double period = Periodogram.DominantPeriod(FirstChannel(decoded, settings), settings.Window);
            settings.Scaler.Inverse(decoded);
            var samples = Enumerable.Range(0, n).Select(i => decoded.AsSpan(i * settings.WindowValues, settings.WindowValues).ToArray()).ToList();

            string training = loaded.Metadata.TryGetValue(TimeSeriesTrainCommand.PeriodKey, out string? saved) ? $", the training windows' {saved}" : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ae timeseries generate: {n} windows of {settings.Window} × {settings.ChannelCount}; dominant period of their mean periodogram {period:G4} steps{training}"));
            AtomicFile.WriteAllBytes(outPath, Encoding.UTF8.GetBytes(Csv(samples, settings)));
            output.WriteLine($"wrote {outPath}");
            if (parsed.GetValue(plot) is { } png)
            {
                PngFile.Save(png, SeriesFigures.Samples(samples, settings.ChannelCount, $"{autoencoder.Name}: {Math.Min(n, 8)} windows from the prior"));
                output.WriteLine($"wrote {png}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Channel 0 of each window, (n, W): the channel the periodogram compares.</summary>
    internal static float[] FirstChannel(ReadOnlySpan<float> windows, SeriesModelSettings settings)
    {
        int n = windows.Length / settings.WindowValues;
        var first = new float[n * settings.Window];
        for (int i = 0; i < first.Length; i++) first[i] = windows[i * settings.ChannelCount];
        return first;
    }

    private static string Csv(IReadOnlyList<float[]> samples, SeriesModelSettings settings)
    {
        var csv = new StringBuilder("sample,step,").Append(string.Join(",", settings.Channels)).Append('\n');
        for (int s = 0; s < samples.Count; s++)
            for (int t = 0; t < settings.Window; t++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{s},{t}");
                for (int c = 0; c < settings.ChannelCount; c++) csv.Append(',').Append(samples[s][t * settings.ChannelCount + c].ToString("R", CultureInfo.InvariantCulture));
                csv.Append('\n');
            }
        return csv.ToString();
    }
}
