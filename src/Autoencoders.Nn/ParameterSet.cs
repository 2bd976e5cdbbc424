using Autoencoders.Tensors;

namespace Autoencoders.Nn;

/// <summary>
/// Every parameter of a model in one contiguous value buffer and one gradient buffer (as llm.c does), so
/// that an optimizer step is one loop over <see cref="TrainableValues"/>. Trainable parameters come first.
/// </summary>
public sealed class ParameterSet
{
    private readonly float[] values;
    private readonly float[] gradients;

    public ParameterSet(IReadOnlyList<(string Path, Parameter Parameter)> parameters)
    {
        entries = [.. parameters.Where(p => p.Parameter.Trainable), .. parameters.Where(p => !p.Parameter.Trainable)];
        int total = checked(Entries.Sum(p => p.Parameter.Count));
        TrainableCount = Entries.Where(p => p.Parameter.Trainable).Sum(p => p.Parameter.Count);
        values = GC.AllocateArray<float>(Math.Max(total, 1), pinned: true);
        gradients = GC.AllocateArray<float>(Math.Max(total, 1), pinned: true);
        int offset = 0;
        foreach (var (path, parameter) in Entries)
        {
            var view = new Tensor(values, offset, parameter.Value.Shape) { Name = path, RequiresGrad = parameter.Trainable };
            parameter.Value.Span.CopyTo(view.Span);
            if (parameter.Trainable)
                view.Grad = new Tensor(gradients, offset, parameter.Value.Shape);
            parameter.Value = view;
            offset += parameter.Count;
        }
        TotalCount = total;
        TrainableValues = new Tensor(values, 0, new Shape(Math.Max(TrainableCount, 1)));
        TrainableGradients = new Tensor(gradients, 0, new Shape(Math.Max(TrainableCount, 1)));
    }

    // An array, so that the per-batch loops over it allocate no enumerator.
    private readonly (string Path, Parameter Parameter)[] entries;

    /// <summary>Each parameter with its full path (<c>encoder.0.kernel</c>), trainable ones first.</summary>
    public IReadOnlyList<(string Path, Parameter Parameter)> Entries => entries;

    public int TotalCount { get; }

    public int TrainableCount { get; }

    public int NonTrainableCount => TotalCount - TrainableCount;

    /// <summary>All trainable values as one flat tensor: what optimizers update.</summary>
    public Tensor TrainableValues { get; }

    public Tensor TrainableGradients { get; }

    /// <summary>Marks every gradient unwritten, so the next backward pass overwrites instead of adding.</summary>
    public void BeginBackward()
    {
        foreach (var (_, parameter) in entries)
            parameter.Value.GradientWritten = false;
    }

    /// <summary>Zeroes the gradients that the backward pass did not reach (parameters unused this step).</summary>
    public void EndBackward()
    {
        foreach (var (_, parameter) in entries)
            if (parameter.Trainable && !parameter.Value.GradientWritten)
                parameter.Value.Grad!.Span.Clear();
    }

    /// <summary>A copy of every value (trainable and not), e.g. for early stopping's best weights.</summary>
    public float[] Snapshot() => values.AsSpan(0, TotalCount).ToArray();

    public void Restore(ReadOnlySpan<float> snapshot)
    {
        if (snapshot.Length != TotalCount)
            throw new ArgumentException($"expected a snapshot of {TotalCount} values, received {snapshot.Length}");
        snapshot.CopyTo(values);
    }
}
