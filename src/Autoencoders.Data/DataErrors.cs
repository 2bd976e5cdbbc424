namespace Autoencoders.Data;

/// <summary>Builds the product's one-line error for a bad input file: <c>&lt;path&gt;: &lt;problem&gt;</c>.</summary>
/// <remarks>
/// The command line prints these messages as they are and maps <see cref="InvalidDataException"/> to exit
/// code 2, so a message must never span lines (a stray newline from an inner exception would break logs).
/// </remarks>
internal static class DataErrors
{
    public static InvalidDataException Invalid(string path, string problem) =>
        new(OneLine($"{path}: {problem}"));

    public static InvalidDataException Invalid(string path, string problem, Exception inner) =>
        new(OneLine($"{path}: {problem}"), inner);

    public static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>Formats a shape as <c>60000×28×28</c>, the way messages show sizes.</summary>
    public static string Shape(IEnumerable<long> dimensions) => string.Join("×", dimensions);
}
