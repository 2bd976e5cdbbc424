using Autoencoders.Applications.Anomaly;
using Autoencoders.Data;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Applications.Tests.Anomaly;

public sealed class AnomalyAnalysisTests
{
    // One feature through the halving codec: the score of x is x²/4. Threshold 0.1 flags |x| > 0.632.
    private static readonly AnomalyDetector Detector = new(new HalvingCodec(1), ModelPreprocessing.None, 0.1, "test");

    // Scores 0.0025, 0.04, 0.16, 0.25, 0.09, 0.01 (x = 0.1, 0.4, 0.8, 1.0, 0.6, 0.2); labels 0 normal, 1 anomalous.
    private static Dataset Samples(params int[] labels) => new([0.1f, 0.4f, 0.8f, 1.0f, 0.6f, 0.2f], 1, labels);

    [Fact]
    public void FlagsAboveTheThresholdAndMeasuresAgainstTheLabels()
    {
        var analysis = AnomalyAnalysis.Run(Detector, Samples(0, 0, 1, 1, 1, 0), normalClasses: [0]);

        Assert.Equal([false, false, true, true, false, false], analysis.Flags);
        Assert.Equal(2, analysis.Flagged);
        Assert.Equal([false, false, true, true, true, false], analysis.Anomalous!);
        var metrics = analysis.Metrics!;
        Assert.Equal((3, 3), (metrics.Anomalies, metrics.Normal));
        Assert.Equal(1.0, metrics.RocAuc, 12);       // every anomaly scores above every normal sample
        Assert.Equal(1.0, metrics.Precision, 12);    // both flagged samples are anomalies
        Assert.Equal(2.0 / 3, metrics.Recall, 12);   // the third (0.09) is under the threshold
        Assert.Equal(0.0, metrics.FalseAlarmRate, 12);
    }

    [Fact]
    public void CountsFalseAlarmsAmongTheNormalSamples()
    {
        // The sample scoring 0.16 is normal now: one of three normal samples flagged.
        var metrics = AnomalyAnalysis.Run(Detector, Samples(0, 1, 0, 1, 1, 0), normalClasses: [0]).Metrics!;

        Assert.Equal(1.0 / 3, metrics.FalseAlarmRate, 12);
        Assert.Equal(0.5, metrics.Precision, 12);
    }

    [Fact]
    public void HasNoMetricsWithoutBothKindsOrWithoutGroundTruth()
    {
        Assert.Null(AnomalyAnalysis.Run(Detector, Samples(0, 0, 0, 0, 0, 0), normalClasses: [0]).Metrics);
        var unlabelled = AnomalyAnalysis.Run(Detector, new Dataset([0.1f, 0.8f], 1), normalClasses: [0]);
        Assert.Null(unlabelled.Anomalous);
        Assert.Null(AnomalyAnalysis.Run(Detector, Samples(0, 0, 1, 1, 1, 0), normalClasses: null).Metrics);
        Assert.Equal([false, true], unlabelled.Flags);
    }

    [Fact]
    public void ListsTheWorstFirstAndExplainsOnlyTheFlagged()
    {
        var analysis = AnomalyAnalysis.Run(Detector, Samples(0, 0, 1, 1, 1, 0), normalClasses: null);

        Assert.Equal([3, 2, 4], analysis.WorstFirst(3));
        string[] explained = analysis.ExplainFlagged(1);
        Assert.Equal(["", "", "px0:0.16", "px0:0.25", "", ""], explained);
        Assert.Throws<ArgumentOutOfRangeException>(() => analysis.ExplainFlagged(2));
    }

    [Fact]
    public void TheNormalReferenceIsTheTrainingSamplesOfTheNormalClasses()
    {
        var train = Samples(0, 1, 0, 1, 2, 0);

        Assert.Equal(3, AnomalyAnalysis.NormalReference(train, [0]).Count);
        Assert.Equal(4, AnomalyAnalysis.NormalReference(train, [0, 2]).Count);
        Assert.Same(train, AnomalyAnalysis.NormalReference(train, null));
    }
}
