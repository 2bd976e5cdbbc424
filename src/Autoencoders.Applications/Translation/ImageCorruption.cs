using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Data.Images;

namespace Autoencoders.Applications.Translation;

/// <summary>
/// What an image-to-image task does to a clean image to make the model's input: the pairs (corrupted, clean) are made
/// on the fly from clean images. A corruption is recorded in the model file (<see cref="ToMetadata"/>, <see cref="Parse"/>)
/// so that translating new data and evaluating later corrupt the same way.
/// </summary>
public abstract class ImageCorruption
{
    /// <summary>The task's name on the command line: inpaint, superres, deblur or denoise.</summary>
    public abstract string Task { get; }

    /// <summary>Whether <see cref="Apply"/> hides pixels (inpainting), whose region PSNR is then reported on its own.</summary>
    public virtual bool HidesPixels => false;

    /// <summary>Writes the corrupted copy of one (C, H, W) image; sets <paramref name="hidden"/>[i] for every value it hid
    /// (when <see cref="HidesPixels"/>), clears the others.</summary>
    public abstract void Apply(ReadOnlySpan<float> clean, Span<float> corrupted, Span<bool> hidden, ImageLayout layout, DeterministicRandom random);

    /// <summary>Throws <see cref="ArgumentException"/> when images of <paramref name="layout"/> cannot be corrupted this way.</summary>
    public virtual void Validate(ImageLayout layout) { }

    /// <summary>In words, for the run's log and report.</summary>
    public abstract string Describe();

    /// <summary>One line: the task and its settings, e.g. <c>inpaint mask=centre size=12</c>.</summary>
    public string ToMetadata() => string.Join(' ', [Task, .. Settings().Select(s => $"{s.Key}={s.Value}")]);

    protected abstract IEnumerable<KeyValuePair<string, string>> Settings();

    /// <summary>The corruption <see cref="ToMetadata"/> wrote.</summary>
    public static ImageCorruption Parse(string metadata)
    {
        string[] words = metadata.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) throw new FormatException("expected an image corruption, received an empty text");
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string word in words.Skip(1))
        {
            int equals = word.IndexOf('=');
            if (equals <= 0) throw new FormatException($"expected key=value in the image corruption '{metadata}', received '{word}'");
            settings[word[..equals]] = word[(equals + 1)..];
        }
        string Get(string key) => settings.TryGetValue(key, out var value) ? value : throw new FormatException($"the image corruption '{metadata}' lacks {key}=");
        double Number(string key) => double.TryParse(Get(key), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value : throw new FormatException($"the image corruption '{metadata}': {key} is not a number");
        return words[0] switch
        {
            Inpainting.Name => new Inpainting(Inpainting.ParsePlacement(Get("mask")), (int)Number("size")),
            Downsampling.Name => new Downsampling((int)Number("factor")),
            Blurring.Name => new Blurring(Number("sigma")),
            AddedNoise.Name => new AddedNoise(Get("kind"), (float)Number("level")),
            _ => throw new FormatException($"unknown image task '{words[0]}' (expected {string.Join(", ", Tasks)})"),
        };
    }

    /// <summary>The tasks, as the command line names them.</summary>
    public static IReadOnlyList<string> Tasks { get; } = [Inpainting.Name, Downsampling.Name, Blurring.Name, AddedNoise.Name];

    protected static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
