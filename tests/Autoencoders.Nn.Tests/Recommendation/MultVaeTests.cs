using Autoencoders.Data;
using Autoencoders.Data.Ratings;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Recommendation;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Nn.Tests.Recommendation;

/// <summary>Mult-VAE and Mult-DAE: the multinomial loss falls, β anneals to 0.2, and the held-out users' ranking beats chance.</summary>
public sealed class MultVaeTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TrainingLowersTheLossAndRanksHeldOutItemsFarAboveChance(bool variational)
    {
        RatingLog log = SyntheticSplits.SmallLog;
        ImplicitSplit split = ImplicitSplit.Create(log.Users, log.Items, log.ToMatrix(), 0.2, seed: 1);
        var model = new MultVae(variational, log.Items.Count, hidden: 64, latent: 16, seed: 2, new CpuBackend(threads: 1)) { AnnealSteps = 60 };
        var optimizer = new Adam(3e-3f);
        var random = new DeterministicRandom(5);
        double[] losses = [.. Enumerable.Range(1, 20).Select(epoch => model.TrainEpoch(split.Train, optimizer, 50, random, epoch))];
        Assert.True(losses[^1] < losses[0], $"loss by epoch: {string.Join(", ", losses)}");
        Assert.Equal(variational ? MultVae.BetaCap : 0f, model.Beta);

        RankingMetrics metrics = RankingMetrics.Measure(split.FoldIn, split.HeldOut, (start, count) => model.Scores(split.FoldIn, [.. Enumerable.Range(start, count)]));
        // A random ranking of 300 items finds about 20 / 300 of the held-out items in its top 20.
        Assert.True(metrics.Recall20 > 3 * 20.0 / log.Items.Count, $"Recall@20 {metrics.Recall20}");
        Assert.Equal(model.ItemCodeSize * log.Items.Count, model.ItemCodes().Length);
    }
}
