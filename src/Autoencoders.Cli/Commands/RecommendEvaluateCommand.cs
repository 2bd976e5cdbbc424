using System.CommandLine;
using Autoencoders.Data;
using Autoencoders.Data.Ratings;
using Autoencoders.Nn.Recommendation;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae recommend evaluate</c>: RMSE and MAE (AutoRec) or Recall@20, Recall@50 and NDCG@100 (Mult-*) of a trained model,
/// beside the biases' fallback or popularity on the same ratings: by default on the test split that training held out
/// (test.csv, or foldin.bin / heldout.bin), or on --test FILE over the model's ids.
/// </summary>
internal static class RecommendEvaluateCommand
{
    public static Command Create(TextWriter output)
    {
        var ratings = new RecommendData();
        var model = RecommendModelOption.Create();
        var test = new Option<string?>("--test") { Description = "ratings to evaluate on (default: the split held out in training)", HelpName = "FILE" };
        var seed = new Option<int>("--seed") { Description = "Mult-*: the seed of the 80/20 fold-in split of --test's users", DefaultValueFactory = _ => 0, HelpName = "N" };
        var threads = CommonOptions.Threads();
        var command = new Command("evaluate", "Measure a trained recommender on held-out ratings: RMSE and MAE, or Recall@20, Recall@50 and NDCG@100")
        {
            model, test, seed, threads,
        };
        foreach (Option option in ratings.All) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            string modelPath = parsed.GetValue(model)!, folder = RecommendModelOption.Folder(modelPath);
            RecommenderModel recommender = RecommendModelOption.Load(modelPath, parsed.GetValue(threads));
            string? testPath = parsed.GetValue(test);
            if (recommender.IsImplicit)
            {
                var (foldIn, heldOut) = testPath is null
                    ? (RatingMatrixFile.Read(Path.Combine(folder, RecommendImplicitRun.FoldInFile)), RatingMatrixFile.Read(Path.Combine(folder, RecommendImplicitRun.HeldOutFile)))
                    : FoldInOf(RatingsFileReader.Read(testPath, ratings.ReadOptions(parsed), recommender.Users, recommender.Items), recommender, (ulong)parsed.GetValue(seed));
                var popularity = new PopularityRanker(RatingMatrixFile.Read(Path.Combine(folder, RecommendImplicitRun.TrainFile))); // the training users' positives, as in training
                RankingMetrics popular = RankingMetrics.Measure(foldIn, heldOut, (_, count) => popularity.Scores(count));
                RankingMetrics measured = RankingMetrics.Measure(foldIn, heldOut, (start, count) => recommender.MultVae!.Scores(foldIn, [.. Enumerable.Range(start, count)]));
                output.WriteLine($"{recommender.Kind}: Recall@20 {measured.Recall20:F4}  Recall@50 {measured.Recall50:F4}  NDCG@100 {measured.Ndcg100:F4} over {measured.Users:N0} held-out users");
                output.WriteLine($"popularity: Recall@20 {popular.Recall20:F4}  Recall@50 {popular.Recall50:F4}  NDCG@100 {popular.Ndcg100:F4}");
                return ExitCodes.Success;
            }
            RatingLog testLog = RatingsFileReader.Read(testPath ?? Path.Combine(folder, "test.csv"), ratings.ReadOptions(parsed) with { Scale = recommender.Scale },
                recommender.Users, recommender.Items);
            RatingTriples triples = RatingTriples.From(testLog);
            AutoRec autoRec = recommender.AutoRec!;
            float[] predictions = autoRec.Predict(autoRec.RowsOf(recommender.Ratings), triples, recommender.Fallback, out int fallbackCount);
            RatingErrors errors = RatingErrors.Measure(predictions, triples, recommender.Scale);
            RatingErrors biases = RatingErrors.Measure(recommender.Fallback, triples, recommender.Scale);
            output.WriteLine($"{recommender.Kind}: RMSE {errors.Rmse:F4}  MAE {errors.Mae:F4} over {errors.Count:N0} ratings of {testLog.Path} ({fallbackCount:N0} predicted by the biases' fallback: user or item unseen in training)");
            output.WriteLine($"biases: RMSE {biases.Rmse:F4}  MAE {biases.Mae:F4}");
            return ExitCodes.Success;
        });
        return command;
    }

    // The test file's users with at least 5 positives, each split 80 % fold-in / 20 % to predict, as in training.
    private static (RatingMatrix, RatingMatrix) FoldInOf(RatingLog testLog, RecommenderModel model, ulong seed)
    {
        RatingMatrix ratings = testLog.ToMatrix();
        int[] users = [.. Enumerable.Range(0, ratings.Rows).Where(u => ImplicitSplit.Positives(ratings, u).Count >= ImplicitSplit.MinimumPositives)];
        if (users.Length == 0)
            throw new InvalidDataException($"{testLog.Path}: no user has {ImplicitSplit.MinimumPositives} or more ratings above {ImplicitSplit.PositiveAbove}; nothing to rank");
        var itemSeen = new bool[model.Items.Count];
        for (int item = 0; item < Math.Min(itemSeen.Length, model.Ratings.Columns); item++) itemSeen[item] = true;
        var (foldIn, heldOut) = ImplicitSplit.HoldOut(ratings, users, itemSeen, new DeterministicRandom(seed));
        // The network reads rows over its own items: ids new in the test file lie past them and cannot be ranked.
        return (Narrow(foldIn, model.MultVae!.Items), Narrow(heldOut, model.MultVae.Items));
    }

    private static RatingMatrix Narrow(RatingMatrix rows, int columns)
    {
        var kept = Enumerable.Range(0, rows.Rows).Select(r => rows.ColumnsOf(r).ToArray().Where(c => c < columns).ToList()).ToList();
        return ImplicitSplit.Binary(kept, columns);
    }
}
