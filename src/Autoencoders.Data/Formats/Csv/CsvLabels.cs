using System.Globalization;

namespace Autoencoders.Data;

/// <summary>Turns the text of a label column into integer labels, keeping names when the labels are words.</summary>
internal static class CsvLabels
{
    /// <summary>
    /// Integer text becomes those integers with no class names; otherwise every distinct text becomes a class,
    /// numbered in ordinal order so the numbering does not depend on which row comes first.
    /// </summary>
    public static int[] Map(IReadOnlyList<string> texts, out IReadOnlyList<string>? classNames)
    {
        var labels = new int[texts.Count];
        bool allIntegers = true;
        for (int i = 0; i < texts.Count && allIntegers; i++)
        {
            allIntegers = int.TryParse(texts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out labels[i]);
        }
        if (allIntegers)
        {
            classNames = null;
            return labels;
        }

        string[] names = texts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            indexByName[names[i]] = i;
        }
        for (int i = 0; i < texts.Count; i++)
        {
            labels[i] = indexByName[texts[i]];
        }
        classNames = names;
        return labels;
    }
}
