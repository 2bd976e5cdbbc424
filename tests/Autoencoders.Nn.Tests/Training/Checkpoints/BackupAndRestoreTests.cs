using Autoencoders.Data;
using Autoencoders.Data.Tests;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Training;
using Autoencoders.Nn.Training.Checkpoints;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Training.Checkpoints;

/// <summary>
/// A run interrupted anywhere and resumed from its checkpoint ends with the weights of a run never interrupted, bit
/// for bit: for every kind of state a run carries (Adam's moments, momentum, the shuffle order, noise, dropout and a
/// VAE's sampling streams, early stopping's record, a validation split).
/// </summary>
public sealed class BackupAndRestoreTests
{
    private readonly Dataset data = PrototypeData.Create(count: 230); // 230 = 7 batches of 32 and a last one of 6

    public static TheoryData<string, int, int> Interruptions => new()
    {
        { "adam", 2, 3 },   // in the middle of an epoch
        { "adam", 2, 0 },   // at the start of one: the checkpoint of the epoch before
        { "sgd", 3, 7 },    // at the last, short batch
        { "rmsprop", 1, 3 },
    };

    [Theory]
    [MemberData(nameof(Interruptions))]
    public void AResumedRunEndsWithTheWeightsOfAnUninterruptedOne(string optimizer, int epoch, int batch)
    {
        float[] expected = Train(Stochastic(), optimizer, backup: null);

        using var folder = new TemporaryFolder();
        var backup = new BackupAndRestore(folder.Path) { EveryBatches = 2 };
        Assert.Throws<Interrupted>(() => Train(Stochastic(), optimizer, backup, stopAt: (epoch, batch)));
        Assert.True(File.Exists(backup.FilePath), "the interrupted run left no checkpoint");

        float[] resumed = Train(Stochastic(), optimizer, new BackupAndRestore(folder.Path) { EveryBatches = 2 });

        Assert.Equal(expected, resumed);
        Assert.False(File.Exists(backup.FilePath), "a finished run deletes its checkpoint");
    }

    [Fact]
    public void AVariationalAutoencoderResumesItsSamplingStream()
    {
        Autoencoder Vae() => new([new Dense(12, Activation.Relu), new GaussianLatent(2)], [new Dense(12, Activation.Relu), new Dense(24, Activation.Sigmoid)]);
        float[] expected = Train(Vae(), "adam", backup: null, loss: Loss.BinaryCrossEntropySum);

        using var folder = new TemporaryFolder();
        Assert.Throws<Interrupted>(() => Train(Vae(), "adam", new BackupAndRestore(folder.Path) { EveryBatches = 3 }, (2, 5), Loss.BinaryCrossEntropySum));
        float[] resumed = Train(Vae(), "adam", new BackupAndRestore(folder.Path), loss: Loss.BinaryCrossEntropySum);

        Assert.Equal(expected, resumed);
    }

    [Fact]
    public void EarlyStoppingKeepsItsRecordAcrossTheInterruption()
    {
        // Patience 1 on a tiny learning rate's noisy val_loss: it stops early, and which epoch it restores depends on
        // every val_loss before the interruption as well as after.
        var stoppedUninterrupted = new EarlyStopping(patience: 1);
        float[] expected = Train(Stochastic(), "sgd", backup: null, extra: stoppedUninterrupted, epochs: 12, learningRate: 1e-4f);

        using var folder = new TemporaryFolder();
        Assert.Throws<Interrupted>(() => Train(Stochastic(), "sgd", new BackupAndRestore(folder.Path), (2, 1), extra: new EarlyStopping(patience: 1), epochs: 12, learningRate: 1e-4f));
        var stoppedResumed = new EarlyStopping(patience: 1);
        float[] resumed = Train(Stochastic(), "sgd", new BackupAndRestore(folder.Path), extra: stoppedResumed, epochs: 12, learningRate: 1e-4f);

        Assert.Equal(expected, resumed);
        Assert.Equal(stoppedUninterrupted.BestEpoch, stoppedResumed.BestEpoch);
        Assert.Equal(stoppedUninterrupted.StoppedEpoch, stoppedResumed.StoppedEpoch);
    }

    [Fact]
    public void TheHistoryOfAResumedRunHoldsEveryEpoch()
    {
        using var folder = new TemporaryFolder();
        Assert.Throws<Interrupted>(() => Train(Stochastic(), "adam", new BackupAndRestore(folder.Path), (3, 2)));
        var model = Compiled(Stochastic(), "adam");
        History history = model.Fit(data, Options(new BackupAndRestore(folder.Path)));

        Assert.Equal([1, 2, 3, 4], history.Epochs.Select(e => e.Epoch));
        Assert.All(history.Epochs, e => Assert.NotNull(e.ValidationLoss));
    }

    [Fact]
    public void ASupervisedRunResumesItsMetricsMidEpoch()
    {
        // Labels of another shape than the inputs, a metric counted over the epoch: the resumed epoch's accuracy counts
        // the batches before the interruption too, so the histories agree figure for figure.
        var labels = new Dataset([.. data.Features.Chunk(data.FeatureCount).Select(row => row[0] > row[1] ? 1f : 0f)], 1);
        Sequential Classifier()
        {
            var model = new Sequential(new Dense(8, Activation.Relu), new Dense(1, Activation.Sigmoid));
            model.Build(new Shape(24), seed: 5);
            model.Compile(new Adam(0.01f), Loss.BinaryCrossEntropy, ["accuracy"]);
            return model;
        }
        FitOptions Run(BackupAndRestore? backup, Callback? interrupt = null) =>
            new() { Epochs = 3, BatchSize = 32, Seed = 9, ValidationSplit = 0.1, Backup = backup, Callbacks = interrupt is null ? [] : [interrupt] };
        History expected = Classifier().Fit(data, Run(null), labels);

        using var folder = new TemporaryFolder();
        Assert.Throws<Interrupted>(() => Classifier().Fit(data, Run(new BackupAndRestore(folder.Path) { EveryBatches = 2 }, new Interrupt(2, 4)), labels));
        History resumed = Classifier().Fit(data, Run(new BackupAndRestore(folder.Path) { EveryBatches = 2 }), labels);

        Assert.Equal(expected.Metric("accuracy"), resumed.Metric("accuracy"));
        Assert.Equal(expected.Metric("val_accuracy"), resumed.Metric("val_accuracy"));
        Assert.Equal(expected.Loss, resumed.Loss);
    }

    [Fact]
    public void ACheckpointOfAnotherRunIsRefusedNamingTheFile()
    {
        using var folder = new TemporaryFolder();
        Assert.Throws<Interrupted>(() => Train(Stochastic(), "adam", new BackupAndRestore(folder.Path), (2, 1)));
        var model = Compiled(Stochastic(), "adam");
        var backup = new BackupAndRestore(folder.Path);

        var error = Assert.Throws<InvalidDataException>(() => model.Fit(data, new FitOptions { Epochs = 4, BatchSize = 16, ValidationSplit = 0.1, Backup = backup }));

        Assert.StartsWith($"{backup.FilePath}: the checkpoint is of another run: batch size 32, this run has 16", error.Message);
    }

    [Fact]
    public void DivergenceStopsBeforeTheBadStepAndKeepsTheLastGoodCheckpoint()
    {
        using var folder = new TemporaryFolder();
        var model = new Sequential(new Dense(24)); // linear: a huge step sends the loss to infinity within a few batches
        model.Build(new Shape(24), seed: 2);
        model.Compile(new Sgd(1e12f), Loss.MeanSquaredError);
        var backup = new BackupAndRestore(folder.Path) { EveryBatches = 1 };

        var error = Assert.Throws<TrainingDivergedException>(() => model.Fit(data, new FitOptions { Epochs = 3, BatchSize = 32, Backup = backup }));

        Assert.True(error.Batch >= 2, error.Message);
        TrainingCheckpoint last = CheckpointFile.Load(backup.FilePath);
        // The checkpoint is that of the batch just before the first non-finite loss, and the model still holds it.
        Assert.Equal((error.Epoch, error.Batch - 1), (last.Epoch, last.BatchesDone));
        Assert.Contains($"at epoch {error.Epoch}, batch {error.Batch}; {backup.FilePath} keeps the last good state (epoch {error.Epoch}, after batch {error.Batch - 1})", error.Message);
        Assert.Equal(last.Parameters, model.Parameters.Snapshot());
        Assert.All(last.Parameters, v => Assert.True(float.IsFinite(v)));
    }

    private sealed class Interrupted : Exception;

    /// <summary>Throws after the given batch (0: before the epoch's first) of the given epoch, as a crash would.</summary>
    private sealed class Interrupt(int epoch, int batch) : Callback
    {
        public override void OnEpochBegin(TrainingContext context, int current)
        {
            if (current == epoch && batch == 0) throw new Interrupted();
        }

        public override void OnBatchEnd(TrainingContext context, BatchLogs logs)
        {
            if (logs.Epoch == epoch && logs.Batch + 1 == batch) throw new Interrupted();
        }
    }

    /// <summary>Noise on the inputs and dropout inside: two random streams besides the shuffle.</summary>
    private static Autoencoder Stochastic() => new(
        [new GaussianNoise(0.3f), new Dense(10, Activation.Tanh), new Dropout(0.2f), new Dense(3)],
        [new Dense(10, Activation.Tanh), new Dense(24, Activation.Sigmoid)]);

    private float[] Train(Autoencoder model, string optimizer, BackupAndRestore? backup, (int Epoch, int Batch)? stopAt = null,
        Loss? loss = null, Callback? extra = null, int epochs = 4, float? learningRate = null)
    {
        Compiled(model, optimizer, loss, learningRate);
        var options = Options(backup, epochs);
        if (extra is not null) options.Callbacks.Add(extra);
        if (stopAt is { } at) options.Callbacks.Add(new Interrupt(at.Epoch, at.Batch));
        model.Fit(data, options);
        return model.Parameters.Snapshot();
    }

    private static Autoencoder Compiled(Autoencoder model, string optimizer, Loss? loss = null, float? learningRate = null)
    {
        model.Build(new Shape(24), seed: 5);
        model.Compile(Optimizer.Parse(optimizer, learningRate ?? (optimizer == "sgd" ? 0.05f : 0.01f)), loss ?? Loss.BinaryCrossEntropy);
        return model;
    }

    private static FitOptions Options(BackupAndRestore? backup, int epochs = 4) =>
        new() { Epochs = epochs, BatchSize = 32, Seed = 9, ValidationSplit = 0.1, Backup = backup };
}
