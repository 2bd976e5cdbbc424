using Autoencoders.Data;
using Autoencoders.Nn.Baselines;

namespace Autoencoders.Applications.Codecs;

/// <summary>PCA as a codec: the linear baseline of every application (codes = coordinates on the first components).</summary>
public sealed class PcaCodec(PrincipalComponents pca) : ICodec
{
    public PrincipalComponents Pca { get; } = pca ?? throw new ArgumentNullException(nameof(pca));

    public string Name => "pca";

    public int InputSize => Pca.FeatureCount;

    public int CodeSize => Pca.Count;

    /// <summary>Fits <paramref name="components"/> components on <paramref name="training"/> (exact, see <see cref="PrincipalComponents"/>).</summary>
    public static PcaCodec Fit(Dataset training, int components) =>
        new(PrincipalComponents.Fit(training.Features, training.FeatureCount, components));

    public float[] Encode(Dataset samples) => Pca.Transform(samples.Features);

    public float[] Decode(float[] codes) => Pca.InverseTransform(codes);

    public float[] Reconstruct(Dataset samples) => Pca.InverseTransform(Pca.Transform(samples.Features));
}
