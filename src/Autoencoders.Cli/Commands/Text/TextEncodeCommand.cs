using System.CommandLine;
using System.Text;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Drawing;
using Autoencoders.Nn.Text;

namespace Autoencoders.Cli.Commands.Text;

/// <summary><c>ae text encode</c>: the codes of the test documents (all documents when there is no test part) as CSV
/// <c>z1..zN,label</c>, and optionally their scatter plot coloured by label.</summary>
internal static class TextEncodeCommand
{
    public static Command Create(TextWriter output)
    {
        var data = new TextDataOptions();
        var model = ModelOption();
        var outFile = new Option<string>("--out") { Description = "CSV of the codes: z1..zN, label", Required = true, HelpName = "FILE.csv" };
        var plot = new Option<string?>("--plot") { Description = "PNG scatter of the codes coloured by label (above 2-D: their first two principal components)", HelpName = "FILE.png" };
        var command = new Command("encode", "Encode documents with a text autoencoder: codes CSV and a latent scatter coloured by label");
        foreach (var option in data.All.Concat([model, outFile, plot])) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            string outPath = parsed.GetValue(outFile)!, modelPath = parsed.GetValue(model)!;
            string? plotPath = parsed.GetValue(plot);
            CommonOptions.RequireWritableFolderFor(outPath);
            if (plotPath is not null) CommonOptions.RequireWritableFolderFor(plotPath);
            var embedder = LoadEmbedder(modelPath);
            var split = data.Load(parsed, classifier: false);
            var documents = split.Test.Count > 0 ? split.Test : split.Train;
            float[] codes = embedder.Encode(documents.Texts);
            AtomicFile.WriteAllBytes(outPath, Encoding.UTF8.GetBytes(RowsCsv.Format(codes, embedder.CodeSize, "z", documents.Labels)));
            output.WriteLine($"wrote {documents.Count:N0} codes of size {embedder.CodeSize} ({(split.Test.Count > 0 ? "the test documents" : "every document")} of {split.Description}) to {outPath}");
            if (plotPath is not null)
            {
                var samples = new Dataset(codes, embedder.CodeSize, documents.Labels, classNames: documents.ClassNames);
                PngFile.Save(plotPath, EncodeCommand.LatentPlot(embedder.Autoencoder, codes, samples));
                output.WriteLine($"wrote {plotPath}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    internal static Option<string> ModelOption() =>
        new("--model") { Description = "a model.safetensors written by ae text train", Required = true, HelpName = "MODEL" };

    /// <summary>The text autoencoder in <paramref name="path"/>; a classifier or another kind of model is a usage error.</summary>
    internal static TextEmbedder LoadEmbedder(string path)
    {
        var file = TextModelFile.Load(path);
        if (file.Kind is not ("bow" or "kate" or "seq"))
            throw new UsageException($"{path}: is a text {file.Kind}, expected a text autoencoder written by ae text train");
        return new TextEmbedder(file);
    }
}
