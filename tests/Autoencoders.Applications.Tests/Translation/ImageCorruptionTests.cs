using Autoencoders.Applications.Translation;
using Autoencoders.Data;
using Autoencoders.Data.Images;

namespace Autoencoders.Applications.Tests.Translation;

public sealed class ImageCorruptionTests
{
    private static readonly ImageLayout Rgb = new(3, 8, 8);

    private static float[] Ramp(int n) => [.. Enumerable.Range(0, n).Select(i => (i % 17) / 16f)];

    [Fact]
    public void ACentreMaskHidesTheSameSquareInEveryChannel()
    {
        var clean = Ramp(Rgb.ValueCount);
        var corrupted = new float[clean.Length];
        var hidden = new bool[clean.Length];
        new Inpainting(MaskPlacement.Centre, 4).Apply(clean, corrupted, hidden, Rgb, new DeterministicRandom(1));
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 8; y++)
                for (int x = 0; x < 8; x++)
                {
                    int i = c * 64 + y * 8 + x;
                    bool inside = y is >= 2 and < 6 && x is >= 2 and < 6;
                    Assert.Equal(inside, hidden[i]);
                    Assert.Equal(inside ? 0 : clean[i], corrupted[i]);
                }
    }

    [Fact]
    public void RandomMasksDifferByRowAndPassAndRepeatForTheSameOnes()
    {
        var clean = new Dataset(Enumerable.Repeat(1f, 20 * 64).ToArray(), 64);
        var images = new CorruptedImages(clean, new ImageLayout(1, 8, 8), new Inpainting(MaskPlacement.Random, 3), seed: 4);
        var first = images.Materialize();
        var again = images.Materialize();
        Assert.Equal(first.Hidden, again.Hidden);
        var rows = Enumerable.Range(0, 20).Select(r => string.Concat(first.Hidden!.AsSpan(r * 64, 64).ToArray().Select(h => h ? '1' : '0'))).ToList();
        Assert.True(rows.Distinct().Count() > 5, "random masks should be at different places");
        images.Pass = 1;
        Assert.NotEqual(first.Hidden, images.Materialize().Hidden);
        Assert.All(rows, r => Assert.Equal(9, r.Count(ch => ch == '1')));

        // A batch copies exactly what the whole set holds for those rows, whatever the order asked.
        images.Pass = 0;
        var batch = new float[2 * 64];
        images.CopyRows([7, 3], batch);
        Assert.Equal(first.Inputs.AsSpan(7 * 64, 64).ToArray(), batch[..64]);
        Assert.Equal(first.Inputs.AsSpan(3 * 64, 64).ToArray(), batch[64..]);
    }

    [Fact]
    public void SuperResolutionInputsHoldExactlyTheSmallImage()
    {
        var clean = Ramp(Rgb.ValueCount);
        var corrupted = new float[clean.Length];
        var down = new Downsampling(2);
        down.Apply(clean, corrupted, new bool[clean.Length], Rgb, new DeterministicRandom(1));
        var low = new float[3 * 16];
        down.LowResolution(corrupted, Rgb, low);
        var expected = new float[16];
        for (int c = 0; c < 3; c++)
        {
            ImageResize.AreaDownsample(clean.AsSpan(c * 64, 64), 8, 8, 2, expected);
            Assert.Equal(expected, low[(c * 16)..(c * 16 + 16)]);
        }
        Assert.Throws<ArgumentException>(() => new Downsampling(4).Validate(new ImageLayout(1, 10, 10)));
    }

    [Fact]
    public void BlurringKeepsTheMeanOfAConstantImageAndSoftensAnEdge()
    {
        var layout = new ImageLayout(1, 8, 8);
        float[] clean = [.. Enumerable.Range(0, 64).Select(i => i % 8 < 4 ? 0f : 1f)];
        var blurred = new float[64];
        new Blurring(1.0).Apply(clean, blurred, new bool[64], layout, new DeterministicRandom(1));
        Assert.InRange(blurred[3], 0.05f, 0.5f);
        Assert.InRange(blurred[4], 0.5f, 0.95f);
        Assert.Equal(0f, blurred[0], 0.01f);
    }

    [Theory]
    [InlineData("inpaint mask=centre size=12")]
    [InlineData("inpaint mask=random size=5")]
    [InlineData("superres factor=4")]
    [InlineData("deblur sigma=1.5")]
    [InlineData("denoise kind=gaussian level=0.3")]
    [InlineData("denoise kind=masking level=0.25")]
    public void ACorruptionRoundTripsThroughTheModelFilesText(string text) =>
        Assert.Equal(text, ImageCorruption.Parse(text).ToMetadata());

    [Theory]
    [InlineData("", "empty")]
    [InlineData("sharpen amount=2", "unknown image task 'sharpen'")]
    [InlineData("inpaint mask=centre", "lacks size=")]
    [InlineData("deblur sigma=wide", "sigma is not a number")]
    [InlineData("inpaint mask=left size=3", "unknown mask placement 'left'")]
    public void ABadCorruptionTextIsRefused(string text, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => ImageCorruption.Parse(text)).Message);

    public static TheoryData<string> CorruptionKinds => ["inpainting", "gaussian", "deblur", "superres"];

    /// <summary>Batches are corrupted as they are copied, every step of training: once warm, that allocates nothing
    /// (no generator per row, no resize buffers per image), and gives what the whole set holds for those rows.</summary>
    [Theory]
    [MemberData(nameof(CorruptionKinds))]
    public void AWarmBatchCopyAllocatesNothing(string kind)
    {
        ImageCorruption corruption = kind switch
        {
            "inpainting" => new Inpainting(MaskPlacement.Random, 3),
            "gaussian" => new AddedNoise("gaussian", 0.3f),
            "deblur" => new Blurring(1.0),
            _ => new Downsampling(2),
        };
        var clean = new Dataset(Ramp(40 * Rgb.ValueCount), Rgb.ValueCount);
        var images = new CorruptedImages(clean, Rgb, corruption, seed: 3);
        int[] rows = [.. Enumerable.Range(0, 40).Reverse()];
        var batch = new float[rows.Length * Rgb.ValueCount];
        images.CopyRows(rows, batch);

        long Allocated()
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            images.CopyRows(rows, batch);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        // The least of three calls: a one-off allocation of the runtime's is not the copy's.
        Assert.Equal(0, Enumerable.Range(0, 3).Min(_ => Allocated()));
        var whole = images.Materialize().Inputs;
        for (int i = 0; i < rows.Length; i++)
            Assert.Equal(whole.AsSpan(rows[i] * Rgb.ValueCount, Rgb.ValueCount).ToArray(), batch.AsSpan(i * Rgb.ValueCount, Rgb.ValueCount).ToArray());
    }
}
