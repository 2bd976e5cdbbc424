using System.Text;

namespace Autoencoders.Data.Ratings;

/// <summary>Item titles by item id, from MovieLens's movies.csv (movieId,title,genres), ML-100K's u.item (id|title|…) or ML-1M's movies.dat (id::title::genres).</summary>
public static class TitleCatalog
{
    /// <summary>The files looked for beside a ratings file, in order.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["movies.csv", "u.item", "movies.dat"];

    /// <summary>The titles file beside <paramref name="ratingsPath"/>, or null when there is none.</summary>
    public static string? FindBeside(string ratingsPath)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(ratingsPath))!;
        return FileNames.Select(name => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
    }

    /// <summary>Reads id → title. u.item and movies.dat are Latin-1, as GroupLens ships them; movies.csv is UTF-8.</summary>
    public static Dictionary<string, string> Read(string path)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        bool csv = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        Encoding encoding = csv ? Encoding.UTF8 : Encoding.Latin1;
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path, encoding))
        {
            lineNumber++;
            if (line.Length == 0 || (csv && lineNumber == 1)) continue; // movies.csv starts with its header
            string[] cells = csv ? CsvLineSplitter.Split(line, path, lineNumber)
                : line.Contains("::") ? line.Split("::") : line.Split('|');
            if (cells.Length < 2)
                throw DataErrors.Invalid(path, $"line {lineNumber}: expected an id and a title, received \"{line}\"");
            titles[cells[0].Trim()] = cells[1].Trim();
        }
        return titles;
    }
}
