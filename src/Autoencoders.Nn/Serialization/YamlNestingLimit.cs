namespace Autoencoders.Nn.Serialization;

/// <summary>
/// Refuses YAML nested deeper than a model file could need, before YamlDotNet parses it: its parser recurses once per
/// level, so 100,000 <c>[</c> in a row overflow the stack and end the process instead of raising an error.
/// </summary>
/// <remarks>
/// An estimate from the text, no parse: flow depth (<c>[</c> and <c>{</c> outside quotes and comments) plus, for block
/// collections, the width of a line's leading indentation and <c>- </c> / <c>? </c> indicators, which every
/// level widens by at least one character. Real model files stay far below both limits.
/// </remarks>
internal static class YamlNestingLimit
{
    public const int MaximumFlowDepth = 64;

    public const int MaximumIndentation = 512;

    public static void Check(string text, string source)
    {
        int flowDepth = 0, line = 1, column = 0;
        bool lineStart = true;
        char quote = '\0', previous = '\n', previousSignificant = '\n';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n')
            {
                // Quoted scalars may span lines; their continuation lines are not indentation.
                (line, column, lineStart) = (line + 1, 0, quote == '\0');
                (previous, previousSignificant) = ('\n', quote == '\0' ? '\n' : previousSignificant);
                continue;
            }
            column++;
            if (lineStart && c is ' ' or '\t' or '-' or '?')
            {
                if (column > MaximumIndentation)
                    throw new FormatException($"{source}:{line}:{column}: indentation or \"- \" nesting wider than {MaximumIndentation} characters, deeper than a model file needs");
                continue;
            }
            lineStart = false;
            if (quote != '\0')
            {
                if (quote == '"' && c == '\\') i++; // an escape: \" does not close the scalar
                else if (c == quote) quote = '\0';
                continue;
            }
            // A quote opens a quoted scalar only where a scalar starts (it's is plain text); # starts a comment after a blank.
            bool scalarStart = previousSignificant is '\n' or ':' or '-' or '?' or ',' or '[' or '{';
            (char before, previous) = (previous, c);
            if (c is not (' ' or '\t')) previousSignificant = c;
            switch (c)
            {
                case '\'' or '"' when scalarStart:
                    quote = c;
                    break;
                case '#' when before is ' ' or '\t' or '\n':
                    while (i + 1 < text.Length && text[i + 1] != '\n') i++;
                    break;
                case '[' or '{':
                    if (++flowDepth > MaximumFlowDepth)
                        throw new FormatException($"{source}:{line}:{column}: [ and {{ nested more than {MaximumFlowDepth} deep, deeper than a model file needs");
                    break;
                case ']' or '}':
                    flowDepth = Math.Max(0, flowDepth - 1);
                    break;
            }
        }
    }
}
