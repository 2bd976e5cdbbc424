using System.CommandLine;
using Autoencoders.Applications.Translation;
using Autoencoders.Nn.Presets;

namespace Autoencoders.Cli.Commands.Translation;

/// <summary>The options that make <c>ae train</c> an image-to-image run: a built-in task that corrupts clean images, or
/// a second dataset of target images.</summary>
internal sealed class TranslationOptions
{
    private readonly Option<string?> task = new("--task")
    {
        Description = "train an image-to-image model (default --model unet) on pairs made from clean images: inpaint, superres, deblur or denoise",
        HelpName = "TASK",
    };
    private readonly Option<string?> targets = new("--targets")
    {
        Description = "train an image-to-image model from --data to these images of the same samples (an IDX folder, a .csv or a folder of PNG/JPEG files paired by name)",
        HelpName = "PATH",
    };
    private readonly Option<string> mask = new("--mask") { Description = "inpaint: where the square goes, centre or random", DefaultValueFactory = _ => "centre", HelpName = "centre|random" };
    private readonly Option<int?> maskSize = new("--mask-size") { Description = "inpaint: the square's side in pixels (default: 12 on 28×28, ~3/7 of the side)", HelpName = "N" };
    private readonly Option<int> factor = new("--factor") { Description = "superres: the downsampling factor, 2 or 4", DefaultValueFactory = _ => 2, HelpName = "2|4" };
    private readonly Option<double> sigma = new("--sigma") { Description = "deblur: the Gaussian blur's σ in pixels (denoise takes --noise, default 0.3)", DefaultValueFactory = _ => 1.5, HelpName = "S" };
    private readonly Option<string> noiseKind = new("--noise-kind") { Description = "denoise: gaussian (σ --noise, default 0.3), salt-pepper or masking (a fraction --noise of the values)", DefaultValueFactory = _ => "gaussian", HelpName = "KIND" };
    private readonly Option<string?> imageSize = new("--image-size") { Description = "image folders: resize every image to W×H (e.g. 32x32; default: their own size, which must then agree)", HelpName = "WxH" };
    private readonly Option<int> filters = new("--filters") { Description = $"unet / encoder-decoder: filters of the first level, doubled at each level down (default {TranslationPresets.DefaultFilters})", DefaultValueFactory = _ => TranslationPresets.DefaultFilters, HelpName = "N" };

    public TranslationOptions()
    {
        task.AcceptOnlyFromAmong([.. ImageCorruption.Tasks]);
        mask.AcceptOnlyFromAmong("centre", "center", "random");
        factor.AcceptOnlyFromAmong("2", "4");
        noiseKind.AcceptOnlyFromAmong([.. AddedNoise.Kinds]);
    }

    public IEnumerable<Option> All => [task, targets, mask, maskSize, factor, sigma, noiseKind, imageSize, filters];

    /// <summary>The image-to-image settings, or null when neither --task nor --targets was given.</summary>
    public TranslationSettings? Read(ParseResult parsed)
    {
        string? name = parsed.GetValue(task), pairedWith = parsed.GetValue(targets);
        if (name is null && pairedWith is null) return null;
        if (name is not null && pairedWith is not null)
            throw new UsageException("--task makes its targets from --data; give --task or --targets, not both");
        double s = parsed.GetValue(sigma);
        if (!(s > 0) || !double.IsFinite(s)) throw new UsageException($"--sigma must be a positive number, received {s}");
        int f = parsed.GetValue(filters);
        if (f < 1) throw new UsageException($"--filters must be a positive integer, received {f}");
        if (parsed.GetValue(maskSize) is <= 0) throw new UsageException($"--mask-size must be a positive number of pixels, received {parsed.GetValue(maskSize)}");
        return new TranslationSettings(name, pairedWith, parsed.GetValue(mask)!, parsed.GetValue(maskSize), parsed.GetValue(factor), s,
            ImageSizeOption.Parse(parsed.GetValue(imageSize), "--image-size"), f, parsed.GetValue(noiseKind)!);
    }
}
