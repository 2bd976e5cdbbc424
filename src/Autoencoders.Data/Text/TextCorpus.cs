namespace Autoencoders.Data.Text;

/// <summary>Documents with one class id each (ids index <see cref="ClassNames"/>), and where they came from.</summary>
public sealed class TextCorpus
{
    public TextCorpus(IReadOnlyList<string> texts, int[] labels, IReadOnlyList<string> classNames, string description)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        if (labels.Length != texts.Count)
            throw new ArgumentException($"expected one label per text ({texts.Count}), received {labels.Length}", nameof(labels));
        if (labels.Any(label => (uint)label >= (uint)classNames.Count))
            throw new ArgumentException($"expected labels in [0, {classNames.Count}) to name a class", nameof(labels));
        Texts = texts;
        Labels = labels;
        ClassNames = classNames;
        Description = description;
    }

    public IReadOnlyList<string> Texts { get; }

    public int[] Labels { get; }

    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The source, as messages and reports name it ("fortunes: computers, law").</summary>
    public string Description { get; }

    public int Count => Texts.Count;

    /// <summary>The documents at <paramref name="indices"/>, in that order.</summary>
    public TextCorpus Subset(IReadOnlyList<int> indices, string? description = null) =>
        new([.. indices.Select(i => Texts[i])], [.. indices.Select(i => Labels[i])], ClassNames, description ?? Description);

    /// <summary>The first <paramref name="perClass"/> documents of each class, in their order in the corpus.</summary>
    public TextCorpus LimitPerClass(int perClass)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perClass);
        var seen = new int[ClassNames.Count];
        return Subset([.. Enumerable.Range(0, Count).Where(i => seen[Labels[i]]++ < perClass)]);
    }

    /// <summary>The documents of each class: counts indexed by class id.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassNames.Count];
        foreach (int label in Labels) counts[label]++;
        return counts;
    }

    /// <summary>Class ids for label texts: names sorted as numbers when every one is an integer ("0" before "10"), else ordinally.</summary>
    public static (int[] Labels, string[] ClassNames) NumberClasses(IReadOnlyList<string> labelTexts)
    {
        ArgumentNullException.ThrowIfNull(labelTexts);
        var distinct = labelTexts.Distinct(StringComparer.Ordinal).ToList();
        bool numeric = distinct.All(l => long.TryParse(l, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _));
        string[] names = numeric
            ? [.. distinct.OrderBy(l => long.Parse(l, System.Globalization.CultureInfo.InvariantCulture))]
            : [.. distinct.Order(StringComparer.Ordinal)];
        var id = names.Select((name, i) => (name, i)).ToDictionary(n => n.name, n => n.i, StringComparer.Ordinal);
        return ([.. labelTexts.Select(l => id[l])], names);
    }
}
