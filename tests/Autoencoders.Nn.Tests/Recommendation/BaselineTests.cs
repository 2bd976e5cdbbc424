using Autoencoders.Data.Ratings;
using Autoencoders.Nn.Recommendation;

namespace Autoencoders.Nn.Tests.Recommendation;

/// <summary>The rating baselines: exact on a tiny matrix, and in their expected order on synthetic ratings.</summary>
public sealed class BaselineTests
{
    [Fact]
    public void MeansAndBiasesOfATinyMatrix()
    {
        // users × items: [5 3 _] [4 _ 1]
        RatingMatrix train = RatingMatrix.FromTriples(2, 3, [0, 0, 1, 1], [0, 1, 0, 2], [5f, 3f, 4f, 1f], (_, _) => new InvalidOperationException());
        Assert.Equal(3.25f, new GlobalMeanBaseline(train).Predict(1, 1));
        var itemMean = new ItemMeanBaseline(train);
        Assert.Equal(4.5f, itemMean.Predict(1, 0));
        Assert.Equal(3.25f, itemMean.Predict(0, 7)); // an unseen item: the global mean
        var biases = new BiasBaseline(train, itemRegularization: 0f, userRegularization: 0f, rounds: 50);
        // Without regularisation the biases fit the three-parameter additive model exactly where it can.
        Assert.Equal(5f, biases.Predict(0, 0), 2);
        Assert.Equal(biases.Mean, biases.Predict(9, 9)); // unseen user and item: μ
    }

    [Fact]
    public void OnSyntheticRatingsEachBaselineBeatsTheOneBefore()
    {
        ExplicitSplit split = ExplicitSplit.Random(SyntheticSplits.SmallLog, 0.1, seed: 1);
        double[] rmse = [.. new IRatingPredictor[]
        {
            new GlobalMeanBaseline(split.Train), new ItemMeanBaseline(split.Train), new BiasBaseline(split.Train), new BiasedMatrixFactorization(split.Train),
        }.Select(p => RatingErrors.Measure(p, split.Test, split.Scale).Rmse)];
        Assert.True(rmse[0] > rmse[1] && rmse[1] > rmse[2] && rmse[2] > rmse[3], $"RMSE global, item, biases, MF: {string.Join(", ", rmse)}");
        Assert.InRange(rmse[3], 0.4, 0.75);
    }
}
