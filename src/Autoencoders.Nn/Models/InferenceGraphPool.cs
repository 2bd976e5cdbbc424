using Autoencoders.Tensors.Autodiff;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Nn.Models;

/// <summary>
/// The inference graphs of one model, one per caller at a time: a graph's arena and tape change with every batch,
/// so threads that score with one model at once (a server) must not share a graph. A returned graph waits in one of
/// a few slots for the next call, so serial calls reuse one graph and allocate nothing once warm.
/// </summary>
internal sealed class InferenceGraphPool
{
    // More idle graphs than cores would only hold memory: past that, callers queue for the cores anyway.
    private readonly Graph?[] idle = new Graph?[Math.Max(2, Environment.ProcessorCount)];

    /// <summary>A graph that no other caller holds, running on <paramref name="backend"/>.</summary>
    public Graph Rent(IComputeBackend backend)
    {
        for (int i = 0; i < idle.Length; i++)
        {
            // A graph made before the model's backend was replaced is dropped: its kernels would run on the old one.
            if (Interlocked.Exchange(ref idle[i], null) is { } graph && graph.Backend == backend)
                return graph;
        }
        return new Graph(backend) { IsRecording = false };
    }

    /// <summary>Gives back a graph from <see cref="Rent"/>; when every slot is full it is left to the collector.</summary>
    public void Return(Graph graph)
    {
        for (int i = 0; i < idle.Length; i++)
            if (Interlocked.CompareExchange(ref idle[i], graph, null) is null)
                return;
    }
}
