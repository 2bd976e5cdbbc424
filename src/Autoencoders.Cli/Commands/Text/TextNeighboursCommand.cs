using System.CommandLine;
using System.Globalization;
using Autoencoders.Applications.Text;

namespace Autoencoders.Cli.Commands.Text;

/// <summary><c>ae text neighbours</c>: the training documents whose codes are nearest a query's by cosine.</summary>
internal static class TextNeighboursCommand
{
    public static Command Create(TextWriter output)
    {
        var data = new TextDataOptions();
        var model = TextEncodeCommand.ModelOption();
        var query = new Option<string>("--query") { Description = "the text to find neighbours of", Required = true, HelpName = "TEXT" };
        var top = new Option<int>("--top") { Description = "how many neighbours", DefaultValueFactory = _ => 5, HelpName = "N" };
        var command = new Command("neighbours", "The training documents nearest a query text by cosine similarity of their codes");
        foreach (var option in data.All.Concat([model, query, top])) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            int count = CommonOptions.Positive(parsed.GetValue(top), "--top");
            string text = parsed.GetValue(query)!;
            if (string.IsNullOrWhiteSpace(text)) throw new UsageException("--query must hold some text");
            var embedder = TextEncodeCommand.LoadEmbedder(parsed.GetValue(model)!);
            var train = data.Load(parsed, classifier: false).Train;
            float[] codes = embedder.Encode(train.Texts), code = embedder.Encode([text]);
            if (code.All(v => v == 0))
                output.WriteLine("note: none of the query's words is in the model's vocabulary; its code is that of an empty document");
            output.WriteLine($"nearest of {train.Count:N0} training documents of {train.Description} to \"{OneLine(text, 80)}\":");
            int rank = 1;
            foreach (var (row, cosine) in CosineNeighbours.Nearest(codes, code, embedder.CodeSize, Math.Min(count, train.Count)))
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rank++,3}. {cosine,7:F4}  [{train.ClassNames[train.Labels[row]]}]  {OneLine(train.Texts[row], 100)}"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string OneLine(string text, int length)
    {
        string line = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
        return line.Length <= length ? line : line[..(length - 1)] + "…";
    }
}
