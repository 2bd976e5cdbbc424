using Autoencoders.Data.Ratings;
using Autoencoders.Nn.Recommendation;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Nn.Tests.Recommendation;

/// <summary>
/// I-AutoRec with the defaults <c>ae recommend train</c> gives (residuals of the biases, λ and epochs chosen on a
/// validation carve of the training ratings) against the baselines on synthetic ratings, and the search's honesty.
/// </summary>
public sealed class AutoRecSelectionTests
{
    // 1,000 users × 500 items at 10 %: about 90 ratings per item and 16 steps per epoch (300 items gave too few steps
    // for 40 epochs to converge); 10 s on one thread. Measured here: I-AutoRec 0.4801, biased MF 0.4998, biases 0.5038.
    private static readonly Lazy<ExplicitSplit> Split = new(() => ExplicitSplit.Random(SyntheticSplits.Generate(1000, 500, seed: 4, density: 0.1), 0.1, seed: 1));

    private static readonly AutoRecOptions Options = new() { Seed = 3 };

    [Fact]
    public void WithTheDefaultsIAutoRecBeatsBiasedMatrixFactorisationWhichBeatsTheBiasesWhichBeatTheItemMean()
    {
        ExplicitSplit split = Split.Value;
        var backend = new CpuBackend(threads: 1);
        var (chosen, _) = RegularizationSearch.Run(split, Options, backend);
        var biases = new BiasBaseline(split.Train);
        RatingErrors autoRec = default;
        AutoRecTraining.Fit(split, biases, Options with { Regularization = chosen.Lambda }, chosen.BestEpoch, backend, epoch =>
        {
            autoRec = epoch.Test;
            return true;
        });
        double matrixFactorization = RatingErrors.Measure(new BiasedMatrixFactorization(split.Train), split.Test, split.Scale).Rmse;
        double biasesRmse = RatingErrors.Measure(biases, split.Test, split.Scale).Rmse;
        double itemMean = RatingErrors.Measure(new ItemMeanBaseline(split.Train), split.Test, split.Scale).Rmse;
        string figures = $"I-AutoRec {autoRec.Rmse} (λ {chosen.Lambda}, {chosen.BestEpoch} epochs), biased MF {matrixFactorization}, biases {biasesRmse}, item mean {itemMean}";
        Assert.True(autoRec.Rmse < matrixFactorization - 0.005, figures);
        Assert.True(matrixFactorization < biasesRmse && biasesRmse < itemMean, figures);
    }

    [Fact]
    public void TheSearchNeverLooksAtTheTestRatings()
    {
        // Two splits with the same training file and different test files (every test rating r replaced by 5.5 − r):
        // the trials must come out the same.
        ExplicitSplit split = Split.Value;
        string folder = Path.Combine(Path.GetTempPath(), "ae-lambda-search-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string train = Write(folder, "train.csv", split, [.. Enumerable.Range(0, split.Train.Rows).SelectMany(user =>
                Enumerable.Range(split.Train.RowStarts[user], split.Train.CountOf(user)).Select(k => (user, split.Train.ColumnIndices[k], split.Train.Values[k])))]);
            string test = Write(folder, "test.csv", split, [.. Enumerable.Range(0, split.Test.Count).Select(k => (split.Test.Users[k], split.Test.Items[k], split.Test.Ratings[k]))]);
            string scrambled = Write(folder, "scrambled.csv", split, [.. Enumerable.Range(0, split.Test.Count).Select(k => (split.Test.Users[k], split.Test.Items[k], 5.5f - split.Test.Ratings[k]))]);
            RatingLog trainLog = RatingsFileReader.Read(train);
            var options = Options with { Epochs = 4, Hidden = 16 };
            var backend = new CpuBackend(threads: 1);
            var (chosen, trials) = RegularizationSearch.Run(ExplicitSplit.Given(trainLog, RatingsFileReader.Read(test, null, trainLog.Users, trainLog.Items)), options, backend);
            var (chosenAgain, trialsAgain) = RegularizationSearch.Run(ExplicitSplit.Given(trainLog, RatingsFileReader.Read(scrambled, null, trainLog.Users, trainLog.Items)), options, backend);
            Assert.Equal(trials, trialsAgain);
            Assert.Equal(chosen, chosenAgain);
            Assert.True(trials.Count >= 3, $"{trials.Count} trials");
            Assert.All(trials, t => Assert.InRange(t.BestEpoch, 1, t.EpochsRun));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Write(string folder, string name, ExplicitSplit split, (int User, int Item, float Rating)[] ratings)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllLines(path, ["userId,movieId,rating", .. ratings.Select(r =>
            $"{split.Users[r.User]},{split.Items[r.Item]},{r.Rating.ToString(System.Globalization.CultureInfo.InvariantCulture)}")]);
        return path;
    }
}
