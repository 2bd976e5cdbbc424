using System.CommandLine;
using Autoencoders.Applications.Training;
using Autoencoders.Applications.Translation;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Data.Images;
using Autoencoders.Drawing;

namespace Autoencoders.Cli.Commands.Translation;

/// <summary><c>ae translate</c>: applies an image-to-image model to images and draws input, output and target.</summary>
internal static class TranslateCommand
{
    private const int GridColumns = 8;

    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "an image-to-image model (ae train --task or --targets wrote it)", Required = true, HelpName = "FILE" };
        var data = new Option<string>("--data")
        {
            Description = "images to translate: a dataset (its test split), or a folder of PNG/JPEG files resized to the model's size. For a task model these are clean images that the model's corruption is applied to (--as-is: already corrupted)",
            Required = true, HelpName = "NAME|PATH",
        };
        var targets = new Option<string?>("--targets") { Description = "the images the outputs should match (a paired model's targets), for the grid's target row and PSNR/SSIM", HelpName = "PATH" };
        var asIs = new Option<bool>("--as-is") { Description = "translate --data as it is, without the model's corruption: your own blurred, small or masked images" };
        var grid = new Option<string?>("--out") { Description = "the grid PNG: input, output (and target) rows for the first 8 images", HelpName = "FILE" };
        var folder = new Option<string?>("--out-dir") { Description = "write each output image as a PNG into this folder (named as the input files, or 000001.png …)", HelpName = "DIR" };
        var limit = new Option<int?>("--limit") { Description = "translate the first N images only", HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "seeds a random corruption (random masks, noise)", DefaultValueFactory = _ => 1, HelpName = "N" };
        var command = new Command("translate", "Apply an image-to-image model (inpainting, super-resolution, deblurring, denoising, paired) to images")
        {
            model, data, targets, asIs, grid, folder, limit, seed,
        };
        command.SetAction(parsed =>
        {
            var request = new TranslateRequest(parsed.GetValue(model)!, parsed.GetValue(data)!, parsed.GetValue(targets), parsed.GetValue(asIs),
                parsed.GetValue(grid), parsed.GetValue(folder), parsed.GetValue(limit), parsed.GetValue(seed));
            Run(request, output);
            return ExitCodes.Success;
        });
        return command;
    }

    public static void Run(TranslateRequest request, TextWriter output)
    {
        if (request.Grid is null && request.Folder is null) throw new UsageException("nothing to write: give --out FILE.png, --out-dir DIR or both");
        if (request.Grid is { } gridPath) CommonOptions.RequireWritableFolderFor(gridPath);
        if (request.Folder is { } dir && File.Exists(dir)) throw new UsageException($"--out-dir {dir}: is a file, expected a folder");
        CommonOptions.RequirePositiveLimit(request.Limit);
        var loaded = ModelLoading.Load(request.Model);
        var layout = TranslationData.ParseLayout(loaded.Metadata.GetValueOrDefault(TranslationTraining.LayoutKey))
            ?? throw new UsageException($"{request.Model}: is not an image-to-image model (ae train --task or --targets makes one)");
        ImageCorruption? corruption = request.AsIs ? null
            : loaded.Metadata.GetValueOrDefault(TranslationTraining.TaskKey) is { } task ? ImageCorruption.Parse(task) : null;
        var (images, names) = Images(request.Data, layout, request.Limit);
        Dataset? targets = request.Targets is { } t ? Images(t, layout, request.Limit).Images : corruption is not null ? images : null;
        if (targets is not null && targets.Count != images.Count)
            throw new InvalidDataException($"{request.Targets}: holds {targets.Count:N0} images, {request.Data} {images.Count:N0}: expected the same images");

        var (inputs, hidden) = corruption is null ? (images.Features, null) : new CorruptedImages(images, layout, corruption, request.Seed).Materialize();
        float[] outputs = ImageTranslation.Translate(loaded.Model, inputs, hidden, layout.ValueCount);
        output.WriteLine($"ae translate: {loaded.Model.Name} on {images.Count:N0} {layout} images of {request.Data}; {corruption?.Describe() ?? "as given"}");
        if (targets is not null)
        {
            var score = TranslationScore.Of(loaded.Model.Name, targets.Features, outputs, hidden, layout);
            var before = TranslationScore.Of("input", targets.Features, inputs, hidden, layout);
            output.WriteLine($"PSNR {before.Psnr:F2} → {score.Psnr:F2} dB, SSIM {before.Ssim:F4} → {score.Ssim:F4}{(score.HiddenPsnr is { } h ? $", masked PSNR {before.HiddenPsnr:F2} → {h:F2} dB" : "")}");
        }
        if (request.Folder is { } outDir)
        {
            Directory.CreateDirectory(outDir);
            int n = layout.ValueCount;
            for (int i = 0; i < images.Count; i++)
                PngFile.Save(Path.Combine(outDir, names?[i] is { } name ? Path.ChangeExtension(name, ".png") : $"{i + 1:D6}.png"), TranslationImages.Image(outputs.AsSpan(i * n, n), layout));
            output.WriteLine($"wrote {images.Count:N0} images to {outDir}/");
        }
        if (request.Grid is { } file)
        {
            int columns = Math.Min(GridColumns, images.Count), n = layout.ValueCount;
            var rows = new List<(string, float[])> { ("input", inputs[..(columns * n)]), ("output", outputs[..(columns * n)]) };
            if (targets is not null) rows.Add(("target", targets.Features[..(columns * n)]));
            PngFile.Save(file, TranslationImages.Grid(rows, layout, columns, $"{loaded.Model.Name}: {corruption?.Describe() ?? "translated"}"));
            output.WriteLine($"wrote {file}");
        }
    }

    /// <summary>The images of a dataset (its test split when it has one) or of a folder, at the model's size.</summary>
    private static (Dataset Images, string[]? Names) Images(string path, ImageLayout layout, int? limit)
    {
        Dataset images;
        string[]? names = null;
        if (ImageFolder.IsImageFolder(path))
            (images, names) = ImageFolder.Load(path, (layout.Width, layout.Height));
        else
        {
            var split = ModelData.LoadRaw(path);
            images = split.Test ?? split.Train;
        }
        if (images.FeatureCount != layout.ValueCount)
        {
            // A gray folder for a colour model, or the reverse: repeat or average the channels.
            images = ImageChannels.Convert(images, layout, path);
        }
        if (limit is { } n && n < images.Count)
        {
            images = images.Limit(n);
            names = names?[..n];
        }
        return (images, names);
    }
}

/// <summary>What <c>ae translate</c> was asked to do.</summary>
internal sealed record TranslateRequest(string Model, string Data, string? Targets, bool AsIs, string? Grid, string? Folder, int? Limit, int Seed);
