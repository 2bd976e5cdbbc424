using Autoencoders.Applications.Codecs;
using Autoencoders.Data;
using Autoencoders.Nn.Baselines;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Cli.Output;

/// <summary>
/// The PCA baselines of a report: fitted once per training set and class list, with as many components as the
/// largest code asks for, then truncated to each model's code size — every fit is one full eigendecomposition.
/// </summary>
internal sealed class ReportPcaBaselines(int largestCode, IComputeBackend backend)
{
    private readonly Dictionary<(Dataset Train, string Classes), PrincipalComponents> fitted = [];

    /// <summary>PCA with <paramref name="components"/> components fitted on the samples of <paramref name="train"/> whose
    /// labels are in <paramref name="classes"/> (all when null), or null where PCA cannot have that many.</summary>
    public PcaCodec? For(Dataset train, IReadOnlyList<int>? classes, int components)
    {
        var samples = classes is null || train.Labels is null ? train : train.WhereLabelIn(classes);
        int count = Math.Min(largestCode, train.FeatureCount);
        if (components > count || samples.Count < 2) return null;
        var key = (train, classes is null ? "" : string.Join(",", classes));
        if (!fitted.TryGetValue(key, out var pca))
            fitted[key] = pca = PrincipalComponents.Fit(samples.Features, samples.FeatureCount, count, backend);
        return new PcaCodec(pca.Truncate(components));
    }
}
