using System.Text.Json;
using Autoencoders.Applications.Translation;
using Autoencoders.Data.Images;
using Autoencoders.Nn.Training.Checkpoints;

namespace Autoencoders.Cli.Commands.Translation;

/// <summary>What makes an <c>ae train</c> run image-to-image: a task (<see cref="Task"/>) or target images (<see cref="Targets"/>).</summary>
internal sealed record TranslationSettings(string? Task, string? Targets, string Mask, int? MaskSize, int Factor, double Sigma, (int Width, int Height)? ImageSize, int Filters, string NoiseKind = "gaussian")
{
    /// <summary>Denoising's noise σ when --noise is not given.</summary>
    public const float DefaultNoise = 0.3f;

    /// <summary>Where a checkpoint of an image-to-image run keeps these settings, beside ae train's own: <c>--resume</c>
    /// finds the run to be one by it.</summary>
    public const string CheckpointKey = "cli.translation_settings";

    // The image size is a tuple, whose two values are fields.
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    public IReadOnlyDictionary<string, string> ToCheckpointMetadata() =>
        new Dictionary<string, string> { [CheckpointKey] = JsonSerializer.Serialize(this, Json) };

    /// <summary>The image-to-image settings of the run that wrote <paramref name="checkpoint"/> (read from
    /// <paramref name="path"/>); null when that run was not one.</summary>
    public static TranslationSettings? FromCheckpoint(TrainingCheckpoint checkpoint, string path)
    {
        if (!checkpoint.Metadata.TryGetValue(CheckpointKey, out string? json)) return null;
        try
        {
            return JsonSerializer.Deserialize<TranslationSettings>(json, Json) ?? throw new JsonException("null settings");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path}: unreadable image-to-image settings: {error.Message}", error);
        }
    }

    /// <summary>The task's corruption for images of <paramref name="layout"/>; null for a paired run. Denoising takes
    /// its σ from ae train's --noise.</summary>
    public ImageCorruption? Corruption(ImageLayout layout, float? noise)
    {
        ImageCorruption? corruption;
        try
        {
            corruption = Task switch
            {
                null => null,
                Inpainting.Name => new Inpainting(Inpainting.ParsePlacement(Mask), MaskSize ?? Math.Max(1, (int)Math.Round(Math.Min(layout.Height, layout.Width) * 3 / 7.0))),
                Downsampling.Name => new Downsampling(Factor),
                Blurring.Name => new Blurring(Sigma),
                _ => new AddedNoise(NoiseKind, noise ?? DefaultNoise),
            };
            corruption?.Validate(layout);
        }
        catch (ArgumentException error)
        {
            throw new UsageException($"--task {Task}: {error.Message}");
        }
        return corruption;
    }
}
