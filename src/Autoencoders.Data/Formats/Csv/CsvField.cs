namespace Autoencoders.Data;

/// <summary>Text written as one CSV field (RFC 4180): quoted, its quotes doubled, when it holds a comma, a quote or a
/// line break; as it is otherwise. Ids, labels, titles, timestamps and documents all go out through it.</summary>
public static class CsvField
{
    public static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";
}
