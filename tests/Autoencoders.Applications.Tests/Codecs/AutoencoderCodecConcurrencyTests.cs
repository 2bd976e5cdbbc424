using System.Runtime.InteropServices;
using Autoencoders.Applications.Codecs;
using Autoencoders.Data;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Models;
using Autoencoders.Tensors;

namespace Autoencoders.Applications.Tests.Codecs;

/// <summary>One <see cref="AutoencoderCodec"/> serving eight threads at once returns, bit for bit, what serial calls return.</summary>
public sealed class AutoencoderCodecConcurrencyTests
{
    [Fact]
    public void EncodeDecodeAndReconstructOnEightThreadsMatchSerialCalls()
    {
        var random = new DeterministicRandom(11);
        var samples = new Dataset([.. Enumerable.Range(0, 3_000 * 30).Select(_ => random.NextFloat())], 30);
        var model = new Autoencoder([new Dense(12, Activation.Relu), new Dense(4)], [new Dense(12, Activation.Relu), new Dense(30, Activation.Sigmoid)]);
        model.Build(new Shape(30), seed: 5);
        var codec = new AutoencoderCodec(model);
        float[] codes = codec.Encode(samples), decoded = codec.Decode(codes), reconstructed = codec.Reconstruct(samples);

        var mismatches = new List<string>();
        var threads = Enumerable.Range(0, 8).Select(index => new Thread(() =>
        {
            for (int round = 0; round < 3; round++)
            {
                try
                {
                    Check(round);
                }
                catch (Exception error)
                {
                    // An exception escaping a thread would end the test run rather than fail this test.
                    lock (mismatches) mismatches.Add($"thread {index}, round {round}: {error.GetType().Name}: {error.Message}");
                }
            }

            void Check(int round)
            {
                var (what, expected, actual) = (index % 3) switch
                {
                    0 => ("Encode", codes, codec.Encode(samples)),
                    1 => ("Decode", decoded, codec.Decode(codes)),
                    _ => ("Reconstruct", reconstructed, codec.Reconstruct(samples)),
                };
                if (!MemoryMarshal.AsBytes(expected.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual.AsSpan())))
                    lock (mismatches) mismatches.Add($"{what} on thread {index}, round {round}");
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.Empty(mismatches);
    }
}
