using System.CommandLine;
using Autoencoders.Applications.Codecs;
using Autoencoders.Applications.Compression;
using Autoencoders.Applications.Metrics;
using Autoencoders.Cli.Output;
using Autoencoders.Data;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae compress</c>: stores the test split as its codes in a code file (<see cref="CodeFile"/>) and reports the
/// compression ratio = bytes of the samples as stored / bytes of the code file, and the distortion of the samples that
/// <c>ae decompress</c> rebuilds from that file: MSE = mean (x̂ − x)², PSNR = 10 log₁₀(1 / MSE) dB.
/// </summary>
internal static class CompressCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "a model file written by ae train; only this model can decompress the codes", Required = true, HelpName = "MODEL" };
        var data = CommonOptions.Data();
        var outFile = new Option<string>("--out") { Description = "the code file to write (the AECODES format)", Required = true, HelpName = "codes.aec" };
        var precision = new Option<string>("--precision")
        {
            Description = "how each code value is stored: float16 (2 bytes, 11 significant bits) or float32 (4 bytes, exact)",
            DefaultValueFactory = _ => "float16",
            HelpName = "float16|float32",
        };
        precision.AcceptOnlyFromAmong("float16", "float32");
        var threads = CommonOptions.Threads();
        var command = new Command("compress", "Store the test split of a dataset as its codes, and report the compression ratio and the distortion")
        {
            model, data, outFile, precision, threads,
        };
        command.SetAction(parsed =>
        {
            string outPath = parsed.GetValue(outFile)!, modelPath = parsed.GetValue(model)!;
            CommonOptions.RequireWritableFolderFor(outPath);
            var storedAs = parsed.GetValue(precision) == "float32" ? CodePrecision.Float32 : CodePrecision.Float16;
            var applied = AppliedModel.Load(modelPath, parsed.GetValue(data)!, parsed.GetValue(threads));
            Dataset samples = applied.Samples;
            var codec = new AutoencoderCodec(applied.Model);

            CompressedCodes codes;
            try
            {
                codes = Compressor.Compress(codec, samples, storedAs, Compressor.HashFile(modelPath));
            }
            catch (ArgumentException error) when (storedAs == CodePrecision.Float16)
            {
                throw new UsageException($"--precision float16: {error.Message}");
            }
            // Measured on what decompress rebuilds: the codes as stored, and images rounded to 8-bit pixels as it writes them.
            Dataset restored = Compressor.AsStored(Compressor.Decompress(codec, codes));
            double mse = Distortion.MeanSquaredError(restored.Features, samples.Features);
            double psnr = Distortion.PeakSignalToNoise(restored.Features, samples.Features);
            CodeFile.Write(outPath, codes);

            long original = Compressor.StoredBytes(samples), compressed = new FileInfo(outPath).Length;
            bool images = Compressor.IsImage(samples.SampleShape);
            string kind = images ? "1 byte per pixel, as images are stored in IDX uint8 files" : "4 bytes per value, as float32";
            string precisionName = storedAs == CodePrecision.Float16 ? "float16" : "float32";
            output.WriteLine($"{applied.Model.Name} encoded {samples.Count:N0} {applied.SamplesName} of {applied.DataDescription} to codes of {codes.CodeSize} {precisionName} values");
            output.WriteLine($"original: {original} bytes ({samples.Count} samples × {samples.FeatureCount} values at {kind})");
            output.WriteLine($"wrote {outPath}: {compressed} bytes ({CodeFile.HeaderLength(codes)}-byte header, {CodeFile.LabelsLength(codes)} bytes of labels, {codes.Codes.Length * codes.BytesPerValue} bytes of codes)");
            output.WriteLine($"compression ratio: {(double)original / compressed:F2}× (original bytes / code file bytes)");
            output.WriteLine($"distortion of the decompressed samples ({(images ? "8-bit pixels, as ae decompress writes them" : "values as the model sees them")}): MSE {mse:G6}, PSNR {psnr:F2} dB (peak 1)");
            return ExitCodes.Success;
        });
        return command;
    }
}
