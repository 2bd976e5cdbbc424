using System.CommandLine;
using Autoencoders.Data.Ratings;

namespace Autoencoders.Cli.Commands;

/// <summary><c>ae recommend synthetic</c>: writes MovieLens-like ratings.csv and movies.csv (<see cref="SyntheticRatings"/>).</summary>
internal static class RecommendSyntheticCommand
{
    public static Command Create(TextWriter output)
    {
        var users = new Option<int>("--users") { Description = "users", DefaultValueFactory = _ => 1000, HelpName = "N" };
        var items = new Option<int>("--items") { Description = "items", DefaultValueFactory = _ => 2000, HelpName = "N" };
        var density = new Option<double>("--density") { Description = "share of the users × items cells rated, on average", DefaultValueFactory = _ => 0.05, HelpName = "F" };
        var seed = new Option<int>("--seed") { Description = "same seed, same files", DefaultValueFactory = _ => 1, HelpName = "N" };
        var outFolder = new Option<string>("--out") { Description = "folder for ratings.csv and movies.csv", Required = true, HelpName = "DIR" };
        var command = new Command("synthetic", "Write seeded MovieLens-like ratings: power-law item popularity, user and item biases, low-rank preferences, noise, half stars 0.5–5")
        {
            users, items, density, seed, outFolder,
        };
        command.SetAction(parsed =>
        {
            int userCount = CommonOptions.Positive(parsed.GetValue(users), "--users"), itemCount = CommonOptions.Positive(parsed.GetValue(items), "--items");
            double share = parsed.GetValue(density);
            if (!(share > 0 && share <= 0.5))
                throw new UsageException($"--density must be in (0, 0.5], received {share}");
            if (itemCount < 2)
                throw new UsageException($"--items must be at least 2, received {itemCount}");
            string folder = parsed.GetValue(outFolder)!;
            CommonOptions.RequireWritableFolderFor(folder); // its parent must exist; the folder itself is made
            long written = new SyntheticRatings { Users = userCount, Items = itemCount, Density = share, Seed = (ulong)parsed.GetValue(seed) }.WriteTo(folder);
            output.WriteLine($"wrote {Path.Combine(folder, "ratings.csv")}: {written:N0} ratings of {itemCount:N0} items by {userCount:N0} users ({written / ((double)userCount * itemCount):P2} of the cells), and movies.csv");
            return ExitCodes.Success;
        });
        return command;
    }
}
