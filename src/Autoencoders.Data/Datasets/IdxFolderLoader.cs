namespace Autoencoders.Data;

/// <summary>Loads a folder of MNIST-style IDX files: a train and a test pair, or only the test pair, which is then split.</summary>
internal static class IdxFolderLoader
{
    private const string Expected = "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each optionally .gz), or only the two t10k files";

    public static DatasetSplit Load(string folder, string title, IReadOnlyList<string>? classNames)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{folder}: folder not found (expected {Expected})");
        }

        (string Images, string Labels)? train = FindPair(folder, "train");
        (string Images, string Labels)? test = FindPair(folder, "t10k");
        if (train is null && test is null)
        {
            throw new FileNotFoundException($"{folder}: no IDX dataset files; expected {Expected}", folder);
        }

        if (train is null)
        {
            // A test set alone (as shipped in /work/shared/data/mnist): train on the first 80 %, test on the rest.
            Dataset all = LoadPair(test!.Value, classNames);
            if (all.Count < 2)
            {
                throw DataErrors.Invalid(test.Value.Images, $"{all.Count} image is too few to split into training and test parts");
            }
            int trainCount = (int)(all.Count * 4L / 5);
            Dataset trainPart = all.Slice(0, trainCount);
            Dataset testPart = all.Slice(trainCount, all.Count - trainCount);
            return new DatasetSplit(trainPart, testPart,
                $"{title} from {folder}: only the t10k test files are present, so they are split: the first {trainPart.Count:N0} images for training, the last {testPart.Count:N0} for testing; {DescribeSamples(all)}");
        }

        Dataset trainSet = LoadPair(train.Value, classNames);
        if (test is null)
        {
            return new DatasetSplit(trainSet, null, $"{title} from {folder}: {trainSet.Count:N0} training images, no test set; {DescribeSamples(trainSet)}");
        }

        Dataset testSet = LoadPair(test.Value, classNames);
        if (!testSet.SampleShape!.AsSpan().SequenceEqual(trainSet.SampleShape))
        {
            throw DataErrors.Invalid(test.Value.Images, $"test images are {DescribeShape(testSet)}, but training images are {DescribeShape(trainSet)}");
        }
        return new DatasetSplit(trainSet, testSet,
            $"{title} from {folder}: {trainSet.Count:N0} training and {testSet.Count:N0} test images; {DescribeSamples(trainSet)}");
    }

    private static Dataset LoadPair((string Images, string Labels) files, IReadOnlyList<string>? classNames)
    {
        IdxArray images = IdxReader.ReadImages(files.Images);
        IdxArray labels = IdxReader.ReadLabels(files.Labels);
        if (labels.Count != images.Count)
        {
            throw DataErrors.Invalid(files.Labels, $"{labels.Count} labels, but {files.Images} has {images.Count} images");
        }

        int[] labelValues = Array.ConvertAll(labels.Data, value => (int)value);
        int largest = labelValues.Max();
        if (classNames is not null && largest >= classNames.Count)
        {
            throw DataErrors.Invalid(files.Labels, $"label {largest} is out of range for the {classNames.Count} classes");
        }
        int[] sampleShape = [images.Dimensions[1], images.Dimensions[2]];
        return Dataset.FromBytes(images.Data, sampleShape[0] * sampleShape[1], labelValues, sampleShape, classNames);
    }

    // The original distribution names files train-images-idx3-ubyte; some copies use a dot (train-images.idx3-ubyte).
    private static (string Images, string Labels)? FindPair(string folder, string part)
    {
        string? images = Find(folder, $"{part}-images", "idx3-ubyte");
        string? labels = Find(folder, $"{part}-labels", "idx1-ubyte");
        if (images is null && labels is null)
        {
            return null;
        }
        if (images is null || labels is null)
        {
            string present = images ?? labels!;
            string missing = Path.Combine(folder, images is null ? $"{part}-images-idx3-ubyte.gz" : $"{part}-labels-idx1-ubyte.gz");
            throw new FileNotFoundException($"{missing}: file not found; {present} needs it as its partner", missing);
        }
        return (images, labels);
    }

    private static string? Find(string folder, string stem, string kind)
    {
        foreach (string name in (string[])[$"{stem}-{kind}", $"{stem}.{kind}"])
        {
            foreach (string suffix in (string[])["", ".gz"])
            {
                string path = Path.Combine(folder, name + suffix);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }
        return null;
    }

    private static string DescribeShape(Dataset data) => DataErrors.Shape(data.SampleShape!.Select(size => (long)size));

    private static string DescribeSamples(Dataset data) =>
        $"{DescribeShape(data)} grayscale" + (data.ClassNames is null ? "" : $", {data.ClassNames.Count} classes");
}
