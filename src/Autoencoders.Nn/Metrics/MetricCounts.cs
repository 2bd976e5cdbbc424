using Autoencoders.Tensors;

namespace Autoencoders.Nn.Metrics;

/// <summary>The running hits and cases of each compiled metric over an epoch or a dataset; made once per epoch, so
/// adding a batch allocates nothing. A checkpoint saves the counts, so a resumed epoch reports what a whole one would.</summary>
public sealed class MetricCounts
{
    private readonly IReadOnlyList<Metric> metrics;
    private readonly long[] hits, cases;

    public MetricCounts(IReadOnlyList<Metric> metrics, IReadOnlyList<long>? saved = null)
    {
        this.metrics = metrics;
        hits = new long[metrics.Count];
        cases = new long[metrics.Count];
        if (saved is null) return;
        if (saved.Count != 2 * metrics.Count)
            throw new ArgumentException($"expected counts for {metrics.Count} metrics, received {saved.Count / 2}");
        for (int i = 0; i < metrics.Count; i++) (hits[i], cases[i]) = (saved[2 * i], saved[2 * i + 1]);
    }

    public void Add(Tensor prediction, Tensor target)
    {
        for (int i = 0; i < hits.Length; i++) metrics[i].Accumulate(prediction, target, ref hits[i], ref cases[i]);
    }

    /// <summary>Hits and cases of each metric in turn, as a checkpoint keeps them.</summary>
    public long[] Save() => [.. hits.Zip(cases).SelectMany(c => new[] { c.First, c.Second })];

    /// <summary>Each metric's figure by name, prefixed (<c>val_</c>) when asked.</summary>
    public Dictionary<string, double> Results(string prefix = "") =>
        metrics.Select((m, i) => (prefix + m.Name, cases[i] == 0 ? double.NaN : (double)hits[i] / cases[i])).ToDictionary();
}
