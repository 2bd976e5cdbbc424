using System.Text;

namespace Autoencoders.Data;

/// <summary>Splits one CSV line on commas, honouring double-quoted cells with <c>""</c> escapes (RFC 4180, one line per record).</summary>
internal static class CsvLineSplitter
{
    public static string[] Split(string line, string path, int lineNumber)
    {
        var cells = new List<string>();
        int position = 0;
        while (true)
        {
            int start = SkipBlanks(line, position);
            int end;
            if (start < line.Length && line[start] == '"')
            {
                end = ReadQuoted(line, start, out string cell, path, lineNumber, cells.Count + 1);
                cells.Add(cell);
            }
            else
            {
                int comma = line.IndexOf(',', position);
                end = comma < 0 ? line.Length : comma;
                cells.Add(line[position..end].Trim());
            }

            if (end >= line.Length)
            {
                return cells.ToArray();
            }
            position = end + 1;
        }
    }

    // Returns the index of the comma after the cell, or the line length.
    private static int ReadQuoted(string line, int quote, out string cell, string path, int lineNumber, int column)
    {
        var text = new StringBuilder();
        int i = quote + 1;
        while (true)
        {
            if (i >= line.Length)
            {
                throw DataErrors.Invalid(path, $"line {lineNumber}, column {column}: quoted cell has no closing quote");
            }
            if (line[i] == '"')
            {
                if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    text.Append('"');
                    i += 2;
                    continue;
                }
                break;
            }
            text.Append(line[i++]);
        }

        int after = SkipBlanks(line, i + 1);
        if (after < line.Length && line[after] != ',')
        {
            throw DataErrors.Invalid(path, $"line {lineNumber}, column {column}: unexpected text after a closing quote");
        }
        cell = text.ToString();
        return after;
    }

    private static int SkipBlanks(string line, int position)
    {
        while (position < line.Length && line[position] is ' ' or '\t')
        {
            position++;
        }
        return position;
    }
}
