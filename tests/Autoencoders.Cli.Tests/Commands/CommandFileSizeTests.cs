namespace Autoencoders.Cli.Tests.Commands;

/// <summary>
/// The command line is a thin front end: a command file reads options and calls the library, so none grows past 150
/// lines (issue 16; what is longer holds work that belongs in the library or a file of its own).
/// </summary>
public sealed class CommandFileSizeTests
{
    private const int MostLines = 149;

    [Fact]
    public void EveryCommandFileIsUnder150Lines()
    {
        string commands = Path.Combine(RepositoryRoot(), "src", "Autoencoders.Cli", "Commands");
        var files = Directory.EnumerateFiles(commands, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).ToList();
        Assert.True(files.Count > 20, $"expected the command files under {commands}, found {files.Count}");
        var tooLong = files.Select(path => (Path: Path.GetRelativePath(commands, path), Lines: File.ReadLines(path).Count()))
            .Where(file => file.Lines > MostLines).ToList();
        Assert.True(tooLong.Count == 0, string.Join(", ", tooLong.Select(file => $"{file.Path}: {file.Lines} lines")));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Autoencoders.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Autoencoders.slnx above {AppContext.BaseDirectory}");
    }
}
