using System.Globalization;
using Autoencoders.Applications.Training;
using Autoencoders.Data;
using Autoencoders.Data.Images;

namespace Autoencoders.Cli.Commands.Translation;

/// <summary>The images an image-to-image run trains and is tested on: model inputs and targets for both splits. With a
/// task the inputs are made later from the targets (the clean images); with --targets they are --data's images.</summary>
internal sealed record TranslationPairs(Dataset TrainInputs, Dataset TrainTargets, Dataset TestInputs, Dataset TestTargets, ImageLayout Layout, string Description);

internal static class TranslationData
{
    /// <summary>The share of samples held out for testing when the data has no test split of its own.</summary>
    private const double HeldOutShare = 0.1;

    public static TranslationPairs Load(TrainingSettings settings, TranslationSettings translation)
    {
        CommonOptions.RequirePositiveLimit(settings.Limit);
        var (x, y, description) = translation.Targets is { } targets ? Paired(settings.Data, targets, translation.ImageSize) : Single(settings.Data, translation.ImageSize);
        var layout = ImageLayout.Of(y.Train, translation.Targets ?? settings.Data);
        if (x.Train.FeatureCount != y.Train.FeatureCount)
            throw new InvalidDataException($"{translation.Targets}: holds images of {y.Train.FeatureCount} values, {settings.Data} of {x.Train.FeatureCount}: expected images of one size");
        if (y.Test is null)
        {
            var (trainRows, testRows) = HoldOut(y.Train.Count, settings.Seed);
            x = new DatasetSplit(x.Train.Subset(trainRows), x.Train.Subset(testRows), x.Description);
            y = new DatasetSplit(y.Train.Subset(trainRows), y.Train.Subset(testRows), y.Description);
            description += $"; {testRows.Length:N0} samples held out for testing";
        }
        if (settings.Limit is { } n) (x, y) = (x.LimitTraining(n), y.LimitTraining(n));
        return new TranslationPairs(x.Train, y.Train, x.Test!, y.Test!, layout, description);
    }

    /// <summary>"C,H,W", as the model file records the images it translates.</summary>
    public static string FormatLayout(ImageLayout layout) => string.Create(CultureInfo.InvariantCulture, $"{layout.Channels},{layout.Height},{layout.Width}");

    public static ImageLayout? ParseLayout(string? text) =>
        text?.Split(',') is [var c, var h, var w] && int.TryParse(c, CultureInfo.InvariantCulture, out int channels)
        && int.TryParse(h, CultureInfo.InvariantCulture, out int height) && int.TryParse(w, CultureInfo.InvariantCulture, out int width)
            ? new ImageLayout(channels, height, width) : null;

    /// <summary>Clean images for a task: a dataset ae train reads, or a folder of images.</summary>
    private static (DatasetSplit X, DatasetSplit Y, string Description) Single(string data, (int, int)? size)
    {
        var split = ImageFolder.IsImageFolder(data) ? new DatasetSplit(ImageFolder.Load(data, size).Images, null, $"image folder {data}") : Loaded(data, size);
        return (split, split, split.Description);
    }

    private static (DatasetSplit X, DatasetSplit Y, string Description) Paired(string data, string targets, (int, int)? size)
    {
        if (ImageFolder.IsImageFolder(data) || ImageFolder.IsImageFolder(targets))
        {
            var (a, b, names) = ImageFolder.LoadPairs(data, targets, size);
            return (new DatasetSplit(a, null, data), new DatasetSplit(b, null, targets), $"{names.Length:N0} image pairs {data} → {targets}");
        }
        DatasetSplit x = Loaded(data, size), y = Loaded(targets, size);
        if (x.Train.Count != y.Train.Count || (x.Test?.Count ?? 0) != (y.Test?.Count ?? 0))
            throw new InvalidDataException($"{targets}: holds {y.Train.Count:N0} training and {y.Test?.Count ?? 0:N0} test samples, {data} {x.Train.Count:N0} and {x.Test?.Count ?? 0:N0}: expected the same samples");
        return (x, y, $"{x.Description} → {y.Description}");
    }

    private static DatasetSplit Loaded(string data, (int, int)? size) =>
        size is null ? ModelData.LoadRaw(data) : throw new UsageException($"--image-size resizes image folders; {data} is not a folder of PNG or JPEG files");

    /// <summary>A seeded tenth of the rows for testing, the rest for training, each in their original order.</summary>
    private static (int[] Train, int[] Test) HoldOut(int count, int seed)
    {
        if (count < 2) throw new InvalidDataException($"expected at least 2 images to hold one out for testing, received {count}");
        var random = new DeterministicRandom((ulong)seed ^ 0x7E57);
        int testCount = Math.Max(1, (int)Math.Round(count * HeldOutShare));
        int[] order = [.. Enumerable.Range(0, count)];
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        int[] test = [.. order.Take(testCount).Order()], train = [.. order.Skip(testCount).Order()];
        return (train, test);
    }
}
