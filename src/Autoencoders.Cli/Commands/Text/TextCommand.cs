using System.CommandLine;

namespace Autoencoders.Cli.Commands.Text;

/// <summary><c>ae text</c>: classifiers and autoencoders on documents (CSV/TSV, folder per class, fortunes).</summary>
internal static class TextCommand
{
    public static Command Create(TextWriter output) => new("text", "Text: classify documents, train text autoencoders, encode, find neighbours, compare with LSA")
    {
        TextClassifyCommand.Create(output),
        TextTrainCommand.Create(output),
        TextEncodeCommand.Create(output),
        TextNeighboursCommand.Create(output),
        TextCompareCommand.Create(output),
    };
}
