using System.CommandLine;
using Autoencoders.Data;
using Autoencoders.Nn.Recommendation;

namespace Autoencoders.Cli.Commands;

/// <summary><c>ae recommend top</c>: a user's best-scored items among those the user has not rated, with titles when known.</summary>
internal static class RecommendTopCommand
{
    public static Command Create(TextWriter output)
    {
        var model = RecommendModelOption.Create();
        var user = new Option<string>("--user") { Description = "the user's id as in the ratings file", Required = true, HelpName = "ID" };
        var count = new Option<int>("--count") { Description = "how many items", DefaultValueFactory = _ => 10, HelpName = "N" };
        var threads = CommonOptions.Threads();
        var command = new Command("top", "The items a trained recommender ranks highest for a user, among those the user has not rated") { model, user, count, threads };
        command.SetAction(parsed =>
        {
            int wanted = CommonOptions.Positive(parsed.GetValue(count), "--count");
            RecommenderModel recommender = RecommendModelOption.Load(parsed.GetValue(model)!, parsed.GetValue(threads));
            string id = parsed.GetValue(user)!;
            int index = recommender.Users.Find(id);
            if (index < 0 || index >= recommender.Ratings.Rows)
                throw new UsageException($"--user: no user \"{id}\" in the model (it knows {recommender.Users.Count:N0} users)");
            float[] scores = recommender.ScoresFor(index);
            foreach (int rated in recommender.Ratings.ColumnsOf(index)) scores[rated] = float.NegativeInfinity;
            int unrated = scores.Count(s => !float.IsNegativeInfinity(s));
            int[] top = RankingMetrics.TopItems(scores, Math.Min(wanted, unrated));
            string scoreName = recommender.IsImplicit ? "score" : "predicted";
            output.WriteLine($"{recommender.Kind}: top {top.Length} of the {unrated:N0} items user {id} has not rated ({recommender.Ratings.CountOf(index):N0} rated)");
            output.WriteLine($"rank,item,{scoreName},title");
            for (int rank = 0; rank < top.Length; rank++)
                output.WriteLine($"{rank + 1},{CsvField.Quote(recommender.Items[top[rank]])},{scores[top[rank]]:F3},{CsvField.Quote(RecommendModelOption.Title(recommender, top[rank]))}");
            return ExitCodes.Success;
        });
        return command;
    }
}
