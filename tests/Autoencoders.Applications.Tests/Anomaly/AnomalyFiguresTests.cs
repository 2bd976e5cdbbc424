using Autoencoders.Applications.Anomaly;
using Autoencoders.Data;
using Autoencoders.Drawing;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Applications.Tests.Anomaly;

public sealed class AnomalyFiguresTests
{
    // The halving codec scores x as x²/4; labels 0 normal, 1 anomalous.
    private static readonly AnomalyDetector Detector = new(new HalvingCodec(1), ModelPreprocessing.None, 0.1, "test");

    private static AnomalyAnalysis Labelled() =>
        AnomalyAnalysis.Run(Detector, new Dataset([0.1f, 0.4f, 0.8f, 1.0f, 0.6f, 0.2f], 1, [0, 0, 1, 1, 1, 0]), normalClasses: [0]);

    [Fact]
    public void DrawsTheHistogramAndTheCurvesOfALabelledAnalysis()
    {
        var analysis = Labelled();

        foreach (RgbImage image in (RgbImage[])[AnomalyFigures.Histogram(analysis, "class 0"), AnomalyFigures.Roc([analysis, analysis]), AnomalyFigures.PrecisionRecall([analysis])])
        {
            Assert.Equal((800, 600), (image.Width, image.Height));
            Assert.True(DistinctColours(image) > 3, "a drawn figure has axes, text and series in several colours");
        }
    }

    [Fact]
    public void DrawsOnlyTheHistogramWithoutGroundTruth()
    {
        var unlabelled = AnomalyAnalysis.Run(Detector, new Dataset([0.1f, 0.8f, 0.5f], 1), normalClasses: null);

        Assert.True(DistinctColours(AnomalyFigures.Histogram(unlabelled)) > 3);
        var error = Assert.Throws<ArgumentException>(() => AnomalyFigures.Roc([Labelled(), unlabelled]));
        Assert.Contains("no ground truth", error.Message);
        Assert.Throws<ArgumentException>(() => AnomalyFigures.PrecisionRecall([]));
    }

    private static int DistinctColours(RgbImage image)
    {
        var colours = new HashSet<int>();
        for (int i = 0; i + 2 < image.Pixels.Length; i += 3) colours.Add(image.Pixels[i] << 16 | image.Pixels[i + 1] << 8 | image.Pixels[i + 2]);
        return colours.Count;
    }
}
