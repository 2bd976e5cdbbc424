using Autoencoders.Data;
using Autoencoders.Nn.Models;

namespace Autoencoders.Dashboard.Views;

/// <summary>
/// The latent explorer's server side: a point of the 2-D plane (the first two code dimensions; the others at 0, the
/// prior's mean) decoded by the model into a PNG. Called from request threads; the model rents an inference graph per
/// call, so it may run beside training (whose weights it then reads as they are at that moment).
/// </summary>
public sealed class LatentDecoder(Autoencoder model, SampleImages images)
{
    public int CodeSize => model.CodeSize;

    /// <summary>Decodes <paramref name="point"/> (1 to <see cref="CodeSize"/> finite values).</summary>
    /// <exception cref="ArgumentException">Too many values, none, or one that is not finite.</exception>
    public byte[] Decode(IReadOnlyList<double> point)
    {
        if (point.Count is 0 || point.Count > CodeSize)
            throw new ArgumentException($"z: expected 1 to {CodeSize} values, received {point.Count}");
        if (point.Any(v => !double.IsFinite(v) || Math.Abs(v) > 1e6))
            throw new ArgumentException("z: expected finite values of magnitude at most 1e6");
        var code = new float[CodeSize];
        for (int i = 0; i < point.Count; i++) code[i] = (float)point[i];
        return images.Gray(model.Decode(new Dataset(code, CodeSize), batchSize: 1));
    }
}
