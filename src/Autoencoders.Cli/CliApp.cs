using System.CommandLine;
using Autoencoders.Cli.Commands;

namespace Autoencoders.Cli;

/// <summary>
/// The <c>ae</c> command line: parses, runs one command, and turns failures into exit codes —
/// 2 with one line on stderr for bad input (arguments, missing or malformed files), 1 for anything else.
/// </summary>
public static class CliApp
{
    public static RootCommand CreateRoot(TextWriter output) => new("ae — build, train and apply autoencoders on your data (Autoencoders for .NET)")
    {
        TrainCommand.Create(output),
        Commands.Translation.TranslateCommand.Create(output),
        EncodeCommand.Create(output),
        SummaryCommand.Create(output),
        GenerateCommand.Create(output),
        DemoCommand.Create(output),
        ReportCommand.Create(output),
        ReconstructCommand.Create(output),
        DenoiseCommand.Create(output),
        CompressCommand.Create(output),
        DecompressCommand.Create(output),
        DetectCommand.Create(output),
        CompareCommand.Create(output),
        ClassifyCommand.Create(output),
        ExportCommand.Create(output),
        BackendCommand.Create(output),
        ServeCommand.Create(output),
        DashboardCommand.Create(output),
        TimeSeriesCommand.Create(output),
        RecommendCommand.Create(output),
        Commands.Text.TextCommand.Create(output),
    };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = CreateRoot(output);
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // "Unrecognized command or argument 'x'" says more than the "Required command was not provided" it causes.
            var first = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0];
            error.WriteLine($"ae: {OneLine(first.Message)} (see {string.Join(' ', ["ae", .. CommandPath(parsed)])} --help)");
            return ExitCodes.BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception failure) when (IsBadInput(failure))
        {
            error.WriteLine($"ae: {OneLine(failure.Message)}");
            return ExitCodes.BadInput;
        }
        catch (Exception failure)
        {
            error.WriteLine($"ae: internal error ({failure.GetType().Name}): {OneLine(failure.Message)}");
            if (Environment.GetEnvironmentVariable("AE_DEBUG") == "1") error.WriteLine(failure);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Failures caused by what the user passed, as opposed to bugs.</summary>
    private static bool IsBadInput(Exception failure) => failure is UsageException or InvalidDataException
        or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or FormatException
        or Nn.Training.TrainingDivergedException or Applications.Training.SettingsException;

    private static string OneLine(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    private static IEnumerable<string> CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
            names.Insert(0, result.Command.Name);
        return names;
    }
}
