namespace Autoencoders.Cli.Tests.Commands;

/// <summary><c>--help</c> works everywhere and lists every option the command really has.</summary>
public sealed class HelpTests
{
    public static TheoryData<string> CommandNames => [.. CliApp.CreateRoot(TextWriter.Null).Subcommands.Select(c => c.Name)];

    [Fact]
    public void RootHelpListsEveryCommand()
    {
        var result = Ae.Run("--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Error);
        Assert.Contains("Usage:", result.Output);
        foreach (string name in new[] { "train", "encode", "summary", "generate", "demo", "compare", "reconstruct", "denoise", "detect", "classify", "compress", "decompress", "report", "export" })
            Assert.Contains(name, result.Output);
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void CommandHelpListsEveryOption(string name)
    {
        var command = CliApp.CreateRoot(TextWriter.Null).Subcommands.Single(c => c.Name == name);

        var result = Ae.Run(name, "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Error);
        Assert.Contains(command.Description!, result.Output);
        Assert.NotEmpty(command.Options.Cast<System.CommandLine.Symbol>().Concat(command.Arguments).Concat(command.Subcommands));
        foreach (var subcommand in command.Subcommands) // a command group (ae text) lists its commands instead of options
            Assert.Contains(subcommand.Name, result.Output);
        foreach (var option in command.Options)
        {
            Assert.Contains(option.Name, result.Output);
            if (option.Name == "--help") continue;
            string description = option.Description ?? "";
            Assert.False(string.IsNullOrWhiteSpace(description), $"ae {name} {option.Name} has no help text");
            Assert.Contains(description[..Math.Min(description.Length, 25)], result.Output);
        }
        foreach (var argument in command.Arguments)
            Assert.Contains(argument.Name, result.Output);
    }

    [Fact]
    public void TrainHelpListsTheExpectedOptions()
    {
        string help = Ae.Run("train", "--help").Output;

        foreach (string option in new[] { "--data", "--model", "--code", "--epochs", "--batch", "--loss", "--optimizer", "--lr", "--seed", "--validation-split", "--early-stopping", "--limit", "--threads", "--out" })
            Assert.Contains(option, help);
    }

    [Fact]
    public void ShortHelpFlagWorksToo()
    {
        var result = Ae.Run("encode", "-h");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--plot", result.Output);
    }
}
