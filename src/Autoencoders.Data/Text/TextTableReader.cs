using System.Text;

namespace Autoencoders.Data.Text;

/// <summary>
/// Reads documents from a CSV (comma) or TSV (tab, by the .tsv extension) file with a header row: RFC 4180 records,
/// quoted fields with <c>""</c> escapes and embedded line breaks, CRLF or LF, a UTF-8 byte-order mark skipped.
/// Every problem is one line naming the file and the record (1 is the first record after the header).
/// </summary>
public static class TextTableReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static TextCorpus Read(string path, TextTableOptions? options = null) => ReadParts(path, options).Train;

    /// <summary>The documents, split by a column named <see cref="SplitColumn"/> where the file has one ("train" or
    /// "test" in each record; Test is empty when no record says "test"), else all in Train and Test null.</summary>
    public static (TextCorpus Train, TextCorpus? Test) ReadParts(string path, TextTableOptions? options = null)
    {
        options ??= new TextTableOptions();
        string content = DecodeUtf8(path);
        char delimiter = path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tab", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';
        var records = Records(content, delimiter, path);
        if (records.Count == 0)
            throw DataErrors.Invalid(path, "the file is empty, expected a header row with a \"" + options.TextColumn + "\" column");
        string[] header = [.. records[0].Select(h => h.Trim())];
        int textColumn = Array.IndexOf(header, options.TextColumn), labelColumn = Array.IndexOf(header, options.LabelColumn);
        if (textColumn < 0)
            throw DataErrors.Invalid(path, $"expected a column named \"{options.TextColumn}\", received the columns {string.Join(", ", header.Select(h => $"\"{h}\""))}");
        if (records.Count == 1)
            throw DataErrors.Invalid(path, "has a header but no documents");
        int splitColumn = Array.IndexOf(header, SplitColumn);
        var isTest = new List<bool>(records.Count - 1);
        var texts = new List<string>(records.Count - 1);
        var labels = new List<string>(records.Count - 1);
        for (int row = 1; row < records.Count; row++)
        {
            string[] fields = records[row];
            if (fields.Length != header.Length)
                throw DataErrors.Invalid(path, $"record {row}: expected {header.Length} fields as the header has, received {fields.Length}");
            string text = fields[textColumn];
            if (text.Length > options.MaxTextLength)
                throw DataErrors.Invalid(path, $"record {row}: the text is {text.Length:N0} characters long, the cap is {options.MaxTextLength:N0}");
            texts.Add(text);
            labels.Add(labelColumn < 0 ? TextTableOptions.UnlabelledClass : fields[labelColumn].Trim());
            string part = splitColumn < 0 ? "train" : fields[splitColumn].Trim();
            if (part is not ("train" or "test"))
                throw DataErrors.Invalid(path, $"record {row}: expected \"train\" or \"test\" in the column \"{SplitColumn}\", received \"{part}\"");
            isTest.Add(part == "test");
        }
        var (ids, names) = TextCorpus.NumberClasses(labels);
        var corpus = new TextCorpus(texts, ids, names, Path.GetFileName(path));
        if (splitColumn < 0) return (corpus, null);
        return (corpus.Subset([.. Enumerable.Range(0, corpus.Count).Where(i => !isTest[i])]),
            corpus.Subset([.. Enumerable.Range(0, corpus.Count).Where(i => isTest[i])]));
    }

    /// <summary>The optional column that says which part each record belongs to.</summary>
    public const string SplitColumn = "split";

    /// <summary>The whole file as text; invalid UTF-8 is an error naming its line and byte.</summary>
    internal static string DecodeUtf8(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            string text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException error)
        {
            int at = Math.Clamp(error.Index, 0, bytes.Length);
            int line = 1 + bytes.AsSpan(0, at).Count((byte)'\n');
            throw DataErrors.Invalid(path, $"line {line}: invalid UTF-8 at byte {at:N0} (expected a UTF-8 text file)", error);
        }
    }

    /// <summary>RFC 4180 records; a blank line between records is skipped.</summary>
    private static List<string[]> Records(string content, char delimiter, string path)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0, line = 1;
        while (i < content.Length)
        {
            fields.Clear();
            while (true)
            {
                field.Clear();
                if (i < content.Length && content[i] == '"')
                {
                    int quoteLine = line;
                    i++;
                    while (true)
                    {
                        if (i >= content.Length)
                            throw DataErrors.Invalid(path, $"line {quoteLine}: the quoted field that opens here is never closed");
                        char c = content[i++];
                        if (c == '"')
                        {
                            if (i < content.Length && content[i] == '"') { field.Append('"'); i++; }
                            else break;
                        }
                        else
                        {
                            if (c == '\n') line++;
                            field.Append(c);
                        }
                    }
                    if (i < content.Length && content[i] != delimiter && content[i] != '\n' && content[i] != '\r')
                        throw DataErrors.Invalid(path, $"line {line}: expected a delimiter or the end of the record after a closing quote, received '{content[i]}'");
                }
                else
                {
                    while (i < content.Length && content[i] != delimiter && content[i] != '\n' && content[i] != '\r')
                        field.Append(content[i++]);
                }
                fields.Add(field.ToString());
                if (i < content.Length && content[i] == delimiter) { i++; continue; }
                break;
            }
            if (i < content.Length && content[i] == '\r') i++;
            if (i < content.Length && content[i] == '\n') { i++; line++; }
            bool blank = fields.Count == 1 && fields[0].Length == 0;
            if (!blank) records.Add([.. fields]);
        }
        return records;
    }
}
