using System.CommandLine;
using System.Diagnostics;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Data.Ratings;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Recommendation;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae recommend train</c>: reads ratings, splits them (a seeded 90/10 split of the ratings, or --test FILE, for AutoRec;
/// the strong-generalisation protocol for Mult-VAE/DAE), fits the baselines on the same split, trains the model, and
/// writes the model folder, history.csv, a figure by epoch and metrics.json with the baselines' figures beside the model's.
/// </summary>
internal static class RecommendTrainCommand
{
    public static readonly string[] Models = ["autorec", "autorec-user", "mult-dae", "mult-vae"];

    public static Command Create(TextWriter output)
    {
        var ratings = new RecommendData();
        var data = new Option<string>("--data") { Description = RecommendData.DataHelp, Required = true, HelpName = "NAME|FILE" };
        var model = new Option<string>("--model") { Description = "autorec (I-AutoRec), autorec-user (U-AutoRec), mult-dae or mult-vae", DefaultValueFactory = _ => "autorec", HelpName = "NAME" };
        model.AcceptOnlyFromAmong(Models);
        var hidden = new Option<int?>("--hidden") { Description = "AutoRec's hidden units (500); Mult-VAE's hidden layer (600)", HelpName = "N" };
        var latent = new Option<int>("--latent") { Description = "Mult-VAE's and Mult-DAE's code size", DefaultValueFactory = _ => 200, HelpName = "N" };
        var epochs = new Option<int?>("--epochs") { Description = "passes over the training rows (default: 40 for AutoRec, at most, when --lambda auto stops early; 50 for Mult-*)", HelpName = "N" };
        var batch = new Option<int?>("--batch") { Description = "rows per step (default: 32 for AutoRec, 100 for Mult-*)", HelpName = "N" };
        var learningRate = new Option<float>("--lr") { Description = "Adam's learning rate", DefaultValueFactory = _ => 1e-3f, HelpName = "F" };
        var lambda = new Option<string>("--lambda")
        {
            Description = "AutoRec's λ in Σ_observed (r − h(r))² + λ/2 (‖W‖² + ‖V‖²); auto: chosen with the epochs on a validation share of the training ratings",
            DefaultValueFactory = _ => "auto", HelpName = "auto|F",
        };
        var rawInputs = new Option<bool>("--raw-inputs") { Description = "AutoRec: reconstruct the raw ratings, as the paper does, instead of their residuals from the user + item biases" };
        var inputDropout = new Option<float>("--input-dropout") { Description = "AutoRec: share of observed inputs hidden while training, still in the loss (not in the paper)", DefaultValueFactory = _ => 0f, HelpName = "F" };
        var test = new Option<string?>("--test") { Description = "a test file over the same ids (as ML-100K's u1.test beside u1.base) instead of the random split", HelpName = "FILE" };
        var testFraction = new Option<double>("--test-fraction") { Description = "share of the ratings (AutoRec) or of the users (Mult-*) held out", DefaultValueFactory = _ => 0.1, HelpName = "F" };
        var seed = new Option<int>("--seed") { Description = "fixes the split, the initial weights and the shuffling", DefaultValueFactory = _ => 0, HelpName = "N" };
        var mfEpochs = new Option<int>("--mf-epochs") { Description = "SGD epochs of the biased matrix factorisation baseline", DefaultValueFactory = _ => 20, HelpName = "N" };
        var threads = CommonOptions.Threads();
        var outFolder = new Option<string>("--out") { Description = "output folder: model.safetensors, ids.json, ratings.bin, history.csv, metrics.json, a figure by epoch, the test split", Required = true, HelpName = "DIR" };
        var command = new Command("train", "Train AutoRec or Mult-VAE/DAE on ratings, beside the baselines, and write the model, history, metrics and a figure")
        {
            data, model, hidden, latent, epochs, batch, learningRate, lambda, rawInputs, inputDropout, test, testFraction, seed, mfEpochs, threads, outFolder,
        };
        foreach (Option option in ratings.All) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            string kind = parsed.GetValue(model)!;
            bool implicitFeedback = kind.StartsWith("mult", StringComparison.Ordinal);
            var settings = new RecommendSettings
            {
                Kind = kind,
                Hidden = CommonOptions.Positive(parsed.GetValue(hidden) ?? (implicitFeedback ? 600 : 500), "--hidden"),
                Latent = CommonOptions.Positive(parsed.GetValue(latent), "--latent"),
                Epochs = CommonOptions.Positive(parsed.GetValue(epochs) ?? (implicitFeedback ? 50 : 40), "--epochs"),
                Batch = CommonOptions.Positive(parsed.GetValue(batch) ?? (implicitFeedback ? 100 : 32), "--batch"),
                LearningRate = parsed.GetValue(learningRate),
                Lambda = ParseLambda(parsed.GetValue(lambda)!),
                RawInputs = parsed.GetValue(rawInputs),
                InputDropout = parsed.GetValue(inputDropout),
                TestFraction = parsed.GetValue(testFraction),
                Seed = (ulong)parsed.GetValue(seed),
                Out = parsed.GetValue(outFolder)!,
                MatrixFactorizationEpochs = CommonOptions.Positive(parsed.GetValue(mfEpochs), "--mf-epochs"),
            };
            settings.Validate();
            if (implicitFeedback && parsed.GetValue(test) is not null)
                throw new UsageException("--test: Mult-VAE and Mult-DAE hold out users (strong generalisation); a test file is for autorec and autorec-user");
            CommonOptions.RequireWritableFolderFor(settings.Out);
            var backend = new CpuBackend(CommonOptions.Threads(parsed.GetValue(threads)));

            string dataPath = RecommendData.Resolve(parsed.GetValue(data)!, output);
            RatingsReadOptions readOptions = ratings.ReadOptions(parsed);
            RatingLog log = RatingsFileReader.Read(dataPath, readOptions);
            RatingLog? testLog = parsed.GetValue(test) is { } testPath ? RatingsFileReader.Read(testPath, readOptions, log.Users, log.Items) : null;
            string? titlesPath = TitleCatalog.FindBeside(dataPath);
            var titles = titlesPath is null ? new Dictionary<string, string>() : TitleCatalog.Read(titlesPath);
            output.WriteLine($"{dataPath}: {log.Count:N0} ratings by {log.Users.Count:N0} users of {log.Items.Count:N0} items"
                + (titlesPath is null ? "" : $"; {titles.Count:N0} titles from {Path.GetFileName(titlesPath)}"));
            bool created = !Directory.Exists(settings.Out);
            Directory.CreateDirectory(settings.Out);
            var stopwatch = Stopwatch.StartNew();
            try
            {
                if (implicitFeedback)
                    RecommendImplicitRun.Run(settings, log, titles, backend, output);
                else
                    RecommendExplicitRun.Run(settings, log, testLog, titles, backend, output);
            }
            catch when (created && !Directory.EnumerateFileSystemEntries(settings.Out).Any())
            {
                // A run that fails before writing anything (a diverged loss, too few users to hold out) leaves no empty folder.
                Directory.Delete(settings.Out);
                throw;
            }
            output.WriteLine($"wrote {settings.Out}: model.safetensors, ids.json, ratings.bin, {(implicitFeedback ? "train.bin, foldin.bin, heldout.bin" : "test.csv")}, history.csv, metrics.json, {(implicitFeedback ? "recall.png" : "rmse.png")} ({stopwatch.Elapsed.TotalSeconds:F1} s)");
            return ExitCodes.Success;
        });
        return command;
    }

    private static float? ParseLambda(string text) =>
        text == "auto" ? null
            : float.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out float value) ? value
            : throw new UsageException($"--lambda: expected auto or a number, received \"{text}\"");
}
