using Autoencoders.Data;
using Autoencoders.Data.Ratings;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Recommendation;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Nn.Tests.Recommendation;

/// <summary>AutoRec learns from the observed ratings only, predicts unseen users and items by the fallback, and saves whole.</summary>
public sealed class AutoRecTests
{
    private static (AutoRec Model, RatingMatrix Rows, ExplicitSplit Split, double[] TrainRmse) Trained(bool itemBased, int epochs = 12)
    {
        ExplicitSplit split = ExplicitSplit.Random(SyntheticSplits.SmallLog, 0.1, seed: 1);
        var model = new AutoRec(itemBased, itemBased ? split.Train.Rows : split.Train.Columns, hidden: 64, seed: 3, new CpuBackend(threads: 1)) { Regularization = 30f };
        RatingMatrix rows = model.RowsOf(split.Train);
        model.StartOutputBiasAtMeans(rows);
        var optimizer = new Adam(3e-3f);
        var random = new DeterministicRandom(4);
        double[] trainRmse = [.. Enumerable.Range(1, epochs).Select(epoch => model.TrainEpoch(rows, optimizer, 32, random, epoch))];
        return (model, rows, split, trainRmse);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TrainingLowersTheRmseBelowTheGlobalMean(bool itemBased)
    {
        var (model, rows, split, trainRmse) = Trained(itemBased);
        Assert.True(trainRmse[^1] < trainRmse[0] - 0.1, $"train RMSE by epoch: {string.Join(", ", trainRmse)}");
        var biases = new BiasBaseline(split.Train);
        double test = RatingErrors.Measure(model.Predict(rows, split.Test, biases, out int fallback), split.Test, split.Scale).Rmse;
        double globalMean = RatingErrors.Measure(new GlobalMeanBaseline(split.Train), split.Test, split.Scale).Rmse;
        Assert.True(test < globalMean, $"{model.Kind} test RMSE {test}, global mean {globalMean}");
        Assert.Equal(split.UnseenIn(split.Test), fallback);
    }

    [Fact]
    public void AnUnseenUserOrItemIsPredictedByTheFallback()
    {
        var (model, rows, split, _) = Trained(itemBased: true, epochs: 1);
        var biases = new BiasBaseline(split.Train);
        int unseenUser = split.Train.Rows + 3, unseenItem = split.Train.Columns + 1;
        var test = new RatingTriples([unseenUser, 0, split.Test.Users[0]], [0, unseenItem, split.Test.Items[0]], [3f, 3f, 3f]);
        float[] predictions = model.Predict(rows, test, biases, out int fallback);
        Assert.Equal(2, fallback);
        Assert.Equal(biases.Predict(unseenUser, 0), predictions[0]);
        Assert.Equal(biases.Predict(0, unseenItem), predictions[1]);
        Assert.Equal(model.Reconstruct(rows, [split.Test.Items[0]])[split.Test.Users[0]], predictions[2]);
    }

    [Fact]
    public void TheModelFolderRoundTripsItsPredictionsIdsAndRatings()
    {
        ExplicitSplit split = ExplicitSplit.Random(SyntheticSplits.SmallLog, 0.1, seed: 1);
        var biases = new BiasBaseline(split.Train);
        var (model, rows) = AutoRecTraining.Fit(split, biases, new AutoRecOptions { Hidden = 32, Epochs = 2, Seed = 3 }, 2, new CpuBackend(threads: 1), _ => true);
        Assert.Same(biases, model.Baseline); // residuals by default: the round trip must restore them too
        var titles = new Dictionary<string, string> { ["1"] = "One" };
        string folder = Path.Combine(Path.GetTempPath(), "ae-autorec-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            new RecommenderModel(model, null, split.Users, split.Items, titles, split.Train, biases, split.Scale).Save(folder);
            RecommenderModel loaded = RecommenderModel.Load(folder, new CpuBackend(threads: 1));
            Assert.Equal("autorec", loaded.Kind);
            Assert.Equal(split.Users.Ids, loaded.Users.Ids);
            Assert.Equal("One", loaded.Titles["1"]);
            Assert.Equal(split.Train.Values.ToArray(), loaded.Ratings.Values.ToArray());
            Assert.Equal(model.Predict(rows, split.Test, biases, out _), loaded.AutoRec!.Predict(loaded.AutoRec.RowsOf(loaded.Ratings), split.Test, loaded.Fallback, out _));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
