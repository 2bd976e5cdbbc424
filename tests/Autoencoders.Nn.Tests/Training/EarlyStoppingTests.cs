using Autoencoders.Data;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Training;

namespace Autoencoders.Nn.Tests.Training;

/// <summary>Early stopping ends training when val_loss stops improving and puts back the best epoch's weights.</summary>
public sealed class EarlyStoppingTests
{
    private readonly Dataset data = LowRankData.Create();

    [Fact]
    public void PatienceZeroStopsAtTheFirstEpochWithoutImprovement()
    {
        // A step of 1e-30 cannot move a float weight: val_loss stays exactly the same, so epoch 2 does not improve.
        var model = TinyModels.Compiled(new Adam(1e-30f));
        var stopping = new EarlyStopping(patience: 0);

        var history = model.Fit(data, new FitOptions { Epochs = 10, BatchSize = 50, ValidationSplit = 0.2, Callbacks = [stopping] });

        Assert.Equal(2, history.Epochs.Count);
        Assert.Equal(history.Epochs[0].ValidationLoss, history.Epochs[1].ValidationLoss);
        Assert.Equal(1, stopping.BestEpoch);
        Assert.Equal(2, stopping.StoppedEpoch);
    }

    [Fact]
    public void RisingValidationLossStopsTrainingAndRestoresTheBestWeights()
    {
        // Validation targets are the inverted inputs (1 - x): the better the network reconstructs x,
        // the further it is from them, so val_loss is best after epoch 1 and rises from there.
        var (inputs, inverted) = InvertedPairs();
        var model = TinyModels.Compiled(new Adam(0.01f));
        var snapshots = new EpochSnapshots();
        var stopping = new EarlyStopping(patience: 2);

        var history = model.Fit(data, new FitOptions { Epochs = 20, BatchSize = 50, ValidationData = inputs, ValidationTargets = inverted, Callbacks = [snapshots, stopping] });

        Assert.Equal(1, stopping.BestEpoch);
        Assert.True(history.Epochs[^1].ValidationLoss > history.Epochs[0].ValidationLoss);
        Assert.NotEqual(snapshots.ByEpoch[0], snapshots.ByEpoch[^1]);
        Assert.Equal(snapshots.ByEpoch[0], model.Parameters.Snapshot());
        Assert.Equal(history.Epochs[0].ValidationLoss, model.Evaluate(inputs, inverted));
    }

    [Fact]
    public void PatienceIsTheNumberOfEpochsWithoutImprovement()
    {
        // Keras (and the --early-stopping help: "stop after N epochs without val_loss improvement"): with
        // patience 2 and the best val_loss at epoch 1, epochs 2 and 3 do not improve, so training ends after epoch 3.
        var (inputs, inverted) = InvertedPairs();
        var model = TinyModels.Compiled(new Adam(0.01f));
        var stopping = new EarlyStopping(patience: 2);

        var history = model.Fit(data, new FitOptions { Epochs = 20, BatchSize = 50, ValidationData = inputs, ValidationTargets = inverted, Callbacks = [stopping] });

        Assert.Equal(1, stopping.BestEpoch);
        Assert.Equal(3, stopping.StoppedEpoch);
        Assert.Equal(3, history.Epochs.Count);
    }

    [Fact]
    public void WithoutRestoreTheLastEpochsWeightsStay()
    {
        var (inputs, inverted) = InvertedPairs();
        var model = TinyModels.Compiled(new Adam(0.01f));
        var snapshots = new EpochSnapshots();

        model.Fit(data, new FitOptions { Epochs = 20, BatchSize = 50, ValidationData = inputs, ValidationTargets = inverted, Callbacks = [snapshots, new EarlyStopping(1, restoreBestWeights: false)] });

        Assert.Equal(2, snapshots.ByEpoch.Count);
        Assert.NotEqual(snapshots.ByEpoch[0], model.Parameters.Snapshot());
        Assert.Equal(snapshots.ByEpoch[^1], model.Parameters.Snapshot());
    }

    [Fact]
    public void WithoutValidationDataTheTrainingLossIsMonitored()
    {
        var model = TinyModels.Compiled(new Adam(0.01f));
        var stopping = new EarlyStopping(patience: 0);

        var history = model.Fit(data, new FitOptions { Epochs = 5, BatchSize = 50, Callbacks = [stopping] });

        // The training loss falls every epoch here, so nothing stops.
        Assert.Equal(5, history.Epochs.Count);
        Assert.Equal(0, stopping.StoppedEpoch);
        Assert.Equal(5, stopping.BestEpoch);
    }

    [Fact]
    public void NegativePatienceIsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(-1));

        Assert.Contains("received -1", error.Message);
    }

    private static (Dataset Inputs, Dataset Targets) InvertedPairs()
    {
        var inputs = LowRankData.Create(count: 100, seed: 11);
        return (inputs, new Dataset([.. inputs.Features.Select(x => 1 - x)], inputs.FeatureCount));
    }

    /// <summary>Copies every parameter at the end of each epoch (before early stopping restores anything).</summary>
    private sealed class EpochSnapshots : Callback
    {
        public List<float[]> ByEpoch { get; } = [];

        public override void OnEpochEnd(TrainingContext context, EpochLogs logs) => ByEpoch.Add(context.Model.Parameters.Snapshot());
    }
}
