using System.CommandLine;
using System.Globalization;
using System.Text;
using Autoencoders.Applications.Codecs;
using Autoencoders.Applications.Compression;
using Autoencoders.Applications.Training;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Drawing;

namespace Autoencoders.Cli.Commands;

/// <summary><c>ae decompress</c>: decodes a code file written by <c>ae compress</c> with the same model, into an IDX file of
/// 8-bit images (round(255 · clamp(x̂, 0, 1))) or a CSV file, and optionally a PNG grid of the first samples.</summary>
internal static class DecompressCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "the model file the codes were compressed with (checked by its SHA-256)", Required = true, HelpName = "MODEL" };
        var codesFile = new Option<string>("--codes") { Description = "a code file written by ae compress", Required = true, HelpName = "codes.aec" };
        var outFile = new Option<string>("--out")
        {
            Description = "the samples to write: CSV when the name ends in .csv (columns x1..xN in the data's units, and label), "
                + "else an IDX file of unsigned bytes, values clamped to [0, 1] × 255 (gzipped when the name ends in .gz)",
            Required = true,
            HelpName = "FILE",
        };
        var grid = new Option<string?>("--grid") { Description = "also draw the first decompressed samples as a PNG grid", HelpName = "FILE.png" };
        var count = new Option<int>("--count") { Description = "samples in the --grid", DefaultValueFactory = _ => 20, HelpName = "N" };
        var threads = CommonOptions.Threads();
        var command = new Command("decompress", "Rebuild samples from a code file with the model that compressed them")
        {
            model, codesFile, outFile, grid, count, threads,
        };
        command.SetAction(parsed =>
        {
            string outPath = parsed.GetValue(outFile)!, modelPath = parsed.GetValue(model)!, codesPath = parsed.GetValue(codesFile)!;
            string? gridPath = parsed.GetValue(grid);
            CommonOptions.RequireWritableFolderFor(outPath);
            if (gridPath is not null) CommonOptions.RequireWritableFolderFor(gridPath);
            int shown = CommonOptions.Positive(parsed.GetValue(count), "--count");
            var loaded = AppliedModel.LoadModel(modelPath, parsed.GetValue(threads), out var autoencoder);
            var codes = CodeFile.Read(codesPath);
            RequireMatch(codes, codesPath, modelPath, autoencoder);

            Dataset samples = Compressor.Decompress(new AutoencoderCodec(autoencoder), codes);
            output.WriteLine($"{autoencoder.Name} decoded {codes.Count:N0} codes of {codes.CodeSize} values from {codesPath}");
            if (Path.GetExtension(outPath).Equals(".csv", StringComparison.OrdinalIgnoreCase))
            {
                float[] values = samples.Features;
                if (ModelData.ScalerOf(loaded) is { } scaler)
                {
                    // Back to the CSV's own units: training scaled its columns.
                    values = [.. values];
                    scaler.InverseTransform(values);
                }
                AtomicFile.WriteAllBytes(outPath, Encoding.UTF8.GetBytes(RowsCsv.Format(values, samples.FeatureCount, "x", samples.Labels)));
                output.WriteLine($"wrote {outPath} (CSV, {samples.Count} rows × {samples.FeatureCount} values{(samples.Labels is null ? "" : " and a label")})");
            }
            else
            {
                int[] dimensions = [samples.Count, .. codes.SampleShape ?? [samples.FeatureCount]];
                bool gzip = Path.GetExtension(outPath).Equals(".gz", StringComparison.OrdinalIgnoreCase);
                IdxWriter.Write(outPath, new IdxArray(dimensions, Compressor.ToPixels(samples.Features)), gzip);
                output.WriteLine($"wrote {outPath} (IDX uint8, {string.Join("×", dimensions)}, values clamped to [0, 1] × 255)");
            }
            if (gridPath is not null)
            {
                PngFile.Save(gridPath, Grid(autoencoder.Name, samples, Math.Min(shown, samples.Count)));
                output.WriteLine($"wrote {gridPath}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Only the model that wrote the codes can read them: its file's hash, code size and output size must match.</summary>
    private static void RequireMatch(CompressedCodes codes, string codesPath, string modelPath, Nn.Models.Autoencoder model)
    {
        byte[] hash = Compressor.HashFile(modelPath);
        if (!codes.ModelSha256.SequenceEqual(hash))
            throw new UsageException($"{codesPath}: compressed with another model (SHA-256 {Convert.ToHexStringLower(codes.ModelSha256)[..16]}…), "
                + $"not {modelPath} (SHA-256 {Convert.ToHexStringLower(hash)[..16]}…); decompress with the model that compressed it");
        if (codes.CodeSize != model.CodeSize)
            throw new UsageException($"{codesPath}: holds codes of {codes.CodeSize} values, {modelPath} decodes codes of {model.CodeSize}");
        int outputSize = model.OutputShape.ElementCount;
        if (codes.SampleShape is { } shape && shape.Aggregate(1L, (product, size) => product * size) != outputSize)
            throw new UsageException($"{codesPath}: samples of shape {string.Join("×", shape)}, but {modelPath} outputs {outputSize} values");
        if (codes.Count == 0)
            throw new UsageException($"{codesPath}: holds no codes, expected at least one");
    }

    private static RgbImage Grid(string modelName, Dataset samples, int shown)
    {
        var (width, height) = Figures.ImageSize(samples);
        var images = new List<float[]>();
        for (int i = 0; i < shown; i++) images.Add(samples.Row(i).ToArray());
        return ImageGrid.Render(images, width, height, columns: Math.Min(shown, 10), scale: height == 1 ? 4 : 3,
            title: $"{modelName}: the first {shown} decompressed samples");
    }
}
