using System.CommandLine;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae demo</c>: the main job on the default data in a few minutes — trains the seeds' dense autoencoder
/// and the deep one with a 2-D code, then draws the 2-D latent space.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter output)
    {
        var data = CommonOptions.Data();
        var outFolder = new Option<string>("--out") { Description = "output folder", DefaultValueFactory = _ => "demo-output", HelpName = "DIR" };
        var epochs = new Option<int>("--epochs") { Description = "epochs for each model", DefaultValueFactory = _ => 5, HelpName = "N" };
        var threads = CommonOptions.Threads();
        var command = new Command("demo", "Train the dense and the deep (2-D code) autoencoders on Fashion-MNIST and draw their figures") { data, outFolder, epochs, threads };
        command.SetAction(parsed =>
        {
            string folder = parsed.GetValue(outFolder)!, dataName = parsed.GetValue(data)!;
            int epochCount = CommonOptions.Positive(parsed.GetValue(epochs), "--epochs"), threadCount = CommonOptions.Threads(parsed.GetValue(threads));
            foreach (var (model, code) in new[] { ("dense", (int?)null), ("deep", (int?)2) })
            {
                output.WriteLine();
                TrainCommand.Run(new TrainSettings(dataName, model, code, epochCount, 256, null, "adam", null, Seed: 1, null, null, null, threadCount,
                    Path.Combine(folder, model)), output);
            }
            var deep = ModelFile.Load(Path.Combine(folder, "deep", "model.safetensors")).Model as Nn.Models.Autoencoder;
            var split = CommonOptions.LoadData(dataName, limit: null);
            var samples = split.Test ?? split.Train;
            string latent = Path.Combine(folder, "deep", "latent.png");
            Drawing.PngFile.Save(latent, EncodeCommand.LatentPlot(deep!, deep!.Encode(samples), samples));
            output.WriteLine($"\ndemo done: open {folder}/dense/reconstructions.png, {folder}/deep/latent.png and the loss.png files");
            return ExitCodes.Success;
        });
        return command;
    }
}
