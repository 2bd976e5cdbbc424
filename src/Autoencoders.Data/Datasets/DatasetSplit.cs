namespace Autoencoders.Data;

/// <summary>A training set, an optional test set, and one line saying where they came from and how they were split.</summary>
public sealed record DatasetSplit(Dataset Train, Dataset? Test, string Description)
{
    /// <summary>Keeps at most the first <paramref name="count"/> samples of each part, for quick runs (<c>--limit</c>).</summary>
    public DatasetSplit Limit(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        bool trims = Train.Count > count || Test?.Count > count;
        return trims
            ? new DatasetSplit(Train.Limit(count), Test?.Limit(count), $"{Description}; limited to the first {count:N0} samples of each part")
            : this;
    }
}
