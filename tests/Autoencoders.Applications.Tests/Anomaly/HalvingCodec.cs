using Autoencoders.Applications.Codecs;
using Autoencoders.Data;

namespace Autoencoders.Applications.Tests.Anomaly;

/// <summary>A codec whose reconstruction is each sample halved, so every error is known: (x − x/2)² = x²/4.</summary>
internal sealed class HalvingCodec(int inputSize) : ICodec
{
    public string Name => "halving";

    public int InputSize => inputSize;

    public int CodeSize => inputSize;

    public int ReconstructCalls { get; private set; }

    public float[] Encode(Dataset samples) => [.. samples.Features.Select(x => x / 2)];

    public float[] Decode(float[] codes) => codes;

    public float[] Reconstruct(Dataset samples)
    {
        ReconstructCalls++;
        return Encode(samples);
    }
}
