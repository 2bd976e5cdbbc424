using System.CommandLine;
using System.Globalization;
using System.Text;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Drawing;
using Autoencoders.Nn.Baselines;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Commands;

/// <summary><c>ae encode</c>: the codes of a dataset's test split as CSV, and optionally the latent scatter plot.</summary>
internal static class EncodeCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "a model file written by ae train", Required = true, HelpName = "MODEL" };
        var data = CommonOptions.Data();
        var input = new Option<string?>("--input") { Description = InputRows.Help + "; instead of --data (no --plot)", HelpName = "FILE|FOLDER" };
        var outFile = new Option<string>("--out") { Description = "CSV of codes: columns z1..zN, and label when the data has labels", Required = true, HelpName = "codes.csv" };
        var plot = new Option<string?>("--plot") { Description = "PNG scatter of the codes coloured by label (first two principal components when N > 2)", HelpName = "latent.png" };
        var threads = CommonOptions.Threads();
        var command = new Command("encode", "Encode the test split of a dataset, or every row of a file, with a trained autoencoder") { model, data, input, outFile, plot, threads };
        command.SetAction(parsed =>
        {
            string outPath = parsed.GetValue(outFile)!, modelPath = parsed.GetValue(model)!;
            string? plotPath = parsed.GetValue(plot);
            CommonOptions.RequireWritableFolderFor(outPath);
            if (plotPath is not null) CommonOptions.RequireWritableFolderFor(plotPath);
            if (parsed.GetValue(input) is { } inputPath)
            {
                if (parsed.GetResult(data) is { Implicit: false }) throw new UsageException("--data and --input: give one (--input encodes every row of a file)");
                if (plotPath is not null) throw new UsageException("--plot: not with --input (the plot holds every point in memory); encode, then plot the codes CSV");
                EncodeInput(modelPath, inputPath, outPath, parsed.GetValue(threads), output);
                return ExitCodes.Success;
            }
            var applied = AppliedModel.Load(modelPath, parsed.GetValue(data)!, parsed.GetValue(threads));
            var (autoencoder, samples) = (applied.Model, applied.Samples);
            float[] codes = autoencoder.Encode(samples);
            AtomicFile.WriteAllBytes(outPath, Encoding.UTF8.GetBytes(RowsCsv.Format(codes, autoencoder.CodeSize, "z", samples.Labels)));
            output.WriteLine($"wrote {samples.Count:N0} codes of size {autoencoder.CodeSize} to {outPath}");
            if (plotPath is not null)
            {
                PngFile.Save(plotPath, LatentPlot(autoencoder, codes, samples));
                output.WriteLine($"wrote {plotPath}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The codes of every row of <paramref name="input"/>, streamed (<see cref="RowStream"/>).</summary>
    private static void EncodeInput(string modelPath, string input, string outPath, int threads, TextWriter output)
    {
        var loaded = AppliedModel.LoadModel(modelPath, threads, out var autoencoder);
        var preprocessing = ModelPreprocessing.Read(loaded);
        using var reader = InputRows.Open(input, preprocessing, autoencoder.InputShape.ElementCount);
        string[] header = [.. Enumerable.Range(1, autoencoder.CodeSize).Select(i => $"z{i}")];
        long rows = RowStream.WriteCsv(outPath, reader, preprocessing, header, chunk => autoencoder.Encode(chunk));
        output.WriteLine($"wrote {rows:N0} codes of size {autoencoder.CodeSize} (every row of {input}) to {outPath}");
    }

    /// <summary>The seeds' 784 → 2 figure: each sample's code as a point coloured by its label.</summary>
    public static RgbImage LatentPlot(Autoencoder model, float[] codes, Dataset samples)
    {
        int size = model.CodeSize;
        float[] points = codes;
        string xLabel = "z1", yLabel = "z2";
        if (size > 2)
        {
            points = PrincipalComponents.Fit(codes, size, 2).Transform(codes);
            (xLabel, yLabel) = ("code PC1", "code PC2");
        }
        int n = samples.Count;
        var xs = new float[n];
        var ys = new float[n];
        for (int i = 0; i < n; i++)
        {
            xs[i] = points[i * Math.Min(size, 2)];
            ys[i] = size == 1 ? 0f : points[i * 2 + 1];
        }
        var plot = new ScatterPlot { Title = $"{model.Name}: {size}-D codes of {n:N0} test samples", XLabel = xLabel, YLabel = yLabel };
        if (samples.ClassNames is { } names) plot.CategoryNames = names;
        return plot.AddPoints(xs, ys, samples.Labels).Render();
    }
}
