using Autoencoders.Data;

namespace Autoencoders.Nn.Tests;

/// <summary>Noisy copies of 4 binary prototypes of 24 pixels (5 % of the bits flipped): clustered binary data that an
/// RBM with a few hidden units can model and whose cluster a VAE's code must carry.</summary>
public static class PrototypeData
{
    public static Dataset Create(int count = 400, ulong seed = 3)
    {
        var random = new DeterministicRandom(seed);
        var prototypes = new float[4][];
        for (int p = 0; p < 4; p++)
            prototypes[p] = [.. Enumerable.Range(0, 24).Select(_ => random.NextFloat() < 0.5f ? 1f : 0f)];
        var values = new float[count * 24];
        for (int n = 0; n < count; n++)
            for (int i = 0; i < 24; i++)
            {
                float bit = prototypes[n % 4][i];
                values[n * 24 + i] = random.NextFloat() < 0.05f ? 1 - bit : bit;
            }
        return new Dataset(values, 24);
    }
}
