namespace Autoencoders.Data.Ratings;

/// <summary>
/// Arbitrary user or item ids (strings or numbers, as a file spells them) mapped to dense indices 0…N−1 in order of
/// first appearance, so that a rating matrix can be indexed by them; saved with a model so that its rows mean the same.
/// </summary>
public sealed class IdIndex
{
    private readonly Dictionary<string, int> indexById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly List<string> ids = [];

    public IdIndex() => lookup = indexById.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>An index holding <paramref name="orderedIds"/> at positions 0, 1, …</summary>
    public IdIndex(IEnumerable<string> orderedIds) : this()
    {
        foreach (string id in orderedIds)
            if (!indexById.TryAdd(id, ids.Count))
                throw new ArgumentException($"expected distinct ids, received \"{id}\" twice");
            else ids.Add(id);
    }

    public int Count => ids.Count;

    /// <summary>Every id, by index.</summary>
    public IReadOnlyList<string> Ids => ids;

    public string this[int index] => ids[index];

    /// <summary>The index of <paramref name="id"/>, adding it when new (a span, so reading 20M lines allocates only new ids).</summary>
    public int GetOrAdd(ReadOnlySpan<char> id)
    {
        if (lookup.TryGetValue(id, out int index))
            return index;
        string text = id.ToString();
        indexById[text] = ids.Count;
        ids.Add(text);
        return ids.Count - 1;
    }

    /// <summary>The index of <paramref name="id"/>, or −1 when it was never seen.</summary>
    public int Find(ReadOnlySpan<char> id) => lookup.TryGetValue(id, out int index) ? index : -1;
}
