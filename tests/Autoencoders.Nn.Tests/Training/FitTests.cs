using Autoencoders.Data;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Training;

/// <summary>What Fit records and raises: history, validation losses, callbacks, divergence.</summary>
public sealed class FitTests
{
    private readonly Dataset data = LowRankData.Create();

    [Fact]
    public void HistoryHasOneEntryPerEpochWithoutValidation()
    {
        var model = TinyModels.Compiled(new Adam(0.01f));

        var history = model.Fit(data, new FitOptions { Epochs = 4, BatchSize = 50 });

        Assert.Equal([1, 2, 3, 4], history.Epochs.Select(e => e.Epoch));
        Assert.False(history.HasValidation);
        Assert.All(history.ValidationLoss, v => Assert.True(double.IsNaN(v)));
        Assert.All(history.Epochs, e => Assert.True(e.Loss > 0 && e.Seconds > 0 && e.SamplesPerSecond > 0));
    }

    [Fact]
    public void ValidationSplitHoldsOutTheLastRowsAndReportsTheirLoss()
    {
        var model = TinyModels.Compiled(new Adam(0.01f));
        var trainSamples = new List<int>();

        var history = model.Fit(data, new FitOptions
        {
            Epochs = 3,
            BatchSize = 50,
            ValidationSplit = 0.2,
            Callbacks = [new EpochHook((context, _) => trainSamples.Add(context.TrainSamples))],
        });

        Assert.Equal([400, 400, 400], trainSamples);
        Assert.True(history.HasValidation);
        Assert.Equal(3, history.ValidationLoss.Count(v => double.IsFinite(v) && v > 0));
        // After the last epoch the weights no longer change, so its val_loss is the held-out rows' loss now.
        Assert.Equal(model.Evaluate(data.Slice(400, 100)), history.Epochs[^1].ValidationLoss);
    }

    [Fact]
    public void ValidationDataTakesPrecedenceOverTheSplit()
    {
        var model = TinyModels.Compiled(new Adam(0.01f));
        var validation = LowRankData.Create(count: 120, seed: 99);
        int trainSamples = 0;

        var history = model.Fit(data, new FitOptions
        {
            Epochs = 2,
            BatchSize = 50,
            ValidationSplit = 0.5,
            ValidationData = validation,
            Callbacks = [new EpochHook((context, _) => trainSamples = context.TrainSamples)],
        });

        Assert.Equal(500, trainSamples);
        Assert.Equal(model.Evaluate(validation), history.Epochs[^1].ValidationLoss);
    }

    [Fact]
    public void EpochHookRunsOncePerEpochWithThatEpochsLogs()
    {
        var model = TinyModels.Compiled(new Adam(0.01f));
        var seen = new List<EpochLogs>();

        var history = model.Fit(data, new FitOptions { Epochs = 5, BatchSize = 64, Callbacks = [new EpochHook((_, logs) => seen.Add(logs))] });

        Assert.Equal(history.Epochs, seen);
        Assert.Equal([1, 2, 3, 4, 5], seen.Select(e => e.Epoch));
    }

    [Fact]
    public void EpochLossIsTheSampleWeightedMeanOfBatchLosses()
    {
        var model = TinyModels.Compiled(new Adam(0.01f));
        var recorder = new BatchRecorder();

        // 500 samples in batches of 64: seven of 64 and one of 52.
        var history = model.Fit(data, new FitOptions { Epochs = 1, BatchSize = 64, Callbacks = [recorder] });

        Assert.Equal([64, 64, 64, 64, 64, 64, 64, 52], recorder.Batches.Select(b => b.Samples));
        double expected = recorder.Batches.Sum(b => (double)b.Loss * b.Samples) / 500;
        Assert.Equal(expected, history.Epochs[0].Loss, 12);
    }

    [Fact]
    public void DivergenceStopsWithAOneLineMessage()
    {
        // A linear output can grow without bound, so a huge step sends the loss to infinity within a few batches.
        var model = new Sequential(new Dense(20));
        model.Compile(new Sgd(1e12f), Loss.MeanSquaredError);

        var error = Assert.Throws<TrainingDivergedException>(() => model.Fit(data, new FitOptions { Epochs = 3, BatchSize = 32 }));

        Assert.StartsWith("training diverged: the loss became ", error.Message);
        Assert.Contains("at epoch 1, batch ", error.Message);
        Assert.Contains("try a lower learning rate", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData(0, 32, 0.0)]
    [InlineData(1, 0, 0.0)]
    [InlineData(1, 32, 1.0)]
    [InlineData(1, 32, -0.1)]
    public void BadFitOptionsAreRejectedBeforeTraining(int epochs, int batchSize, double validationSplit)
    {
        var model = TinyModels.Compiled(new Adam());
        float[] before = model.Parameters.Snapshot();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            model.Fit(data, new FitOptions { Epochs = epochs, BatchSize = batchSize, ValidationSplit = validationSplit }));

        Assert.Contains("expected", error.Message);
        Assert.Equal(before, model.Parameters.Snapshot());
    }

    [Fact]
    public void FitBeforeCompileSaysSo()
    {
        var model = TinyModels.Create();
        model.Build(new Shape(20));

        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(data, new FitOptions()));

        Assert.Contains("Compile", error.Message);
    }

    [Fact]
    public void DataOfTheWrongWidthIsRejected()
    {
        var model = TinyModels.Compiled(new Adam());

        var error = Assert.Throws<ArgumentException>(() => model.Fit(LowRankData.Create(features: 21), new FitOptions()));

        Assert.Contains("20", error.Message);
        Assert.Contains("received 21", error.Message);
    }

    private sealed class BatchRecorder : Callback
    {
        public List<BatchLogs> Batches { get; } = [];

        public override void OnBatchEnd(TrainingContext context, BatchLogs logs) => Batches.Add(logs);
    }
}
