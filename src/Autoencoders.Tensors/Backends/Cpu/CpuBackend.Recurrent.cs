namespace Autoencoders.Tensors.Backends.Cpu;

// LSTM and GRU passes over whole sequences, split over the batch (see RecurrentJob).
public sealed partial class CpuBackend
{
    // Made on first use, each calling thread its own job (as the other kernels' jobs).
    private ThreadLocal<LstmJob>? lstmJobs;
    private ThreadLocal<GruJob>? gruJobs;

    private LstmJob LstmJob => (lstmJobs ?? Initialise(ref lstmJobs, () => new LstmJob(managedWidth))).Value!;

    private GruJob GruJob => (gruJobs ?? Initialise(ref gruJobs, () => new GruJob(managedWidth))).Value!;

    private static ThreadLocal<T> Initialise<T>(ref ThreadLocal<T>? field, Func<T> create)
    {
        Interlocked.CompareExchange(ref field, new ThreadLocal<T>(create), null);
        return field;
    }

    public int RecurrentWorkspaceLength(RecurrentCell cell, int batch, int steps, int units, bool training) => cell switch
    {
        RecurrentCell.Lstm => LstmJob.WorkspaceLength(batch, steps, units, training),
        RecurrentCell.Gru => GruJob.WorkspaceLength(batch, steps, units, training),
        _ => throw new ArgumentOutOfRangeException(nameof(cell), cell, "unknown recurrent cell"),
    };

    public void LstmForward(Tensor x, Tensor weightIh, Tensor weightHh, Tensor bias, Tensor? mask, Tensor output, bool returnSequences, Tensor workspace)
    {
        RequireRecurrentShapes(RecurrentCell.Lstm, x, weightIh, weightHh, bias, 4, mask, output, returnSequences, workspace);
        var job = LstmJob;
        job.SetForward(blas, x, weightIh, weightHh, bias, mask, output, returnSequences, workspace);
        RecurrentJob.Transpose(weightHh.Span, weightHh.Shape[0], weightHh.Shape[1], workspace.Buffer.AsSpan(job.RecurrentTAt, weightHh.Length));
        runner.RunExactly(job, job.Parts);
        job.Clear();
    }

    public void LstmBackward(Tensor x, Tensor weightIh, Tensor weightHh, Tensor? mask, Tensor dOutput, bool returnSequences, Tensor workspace,
        Tensor? dx, bool accumulateX, Tensor? dWeightIh, bool accumulateIh, Tensor? dWeightHh, bool accumulateHh, Tensor? dBias, bool accumulateBias)
    {
        RequireRecurrentShapes(RecurrentCell.Lstm, x, weightIh, weightHh, null, 4, mask, dOutput, returnSequences, workspace, training: true);
        RequireSameLengths(x, dx, weightIh, dWeightIh, weightHh, dWeightHh, weightIh.Shape[0], dBias);
        var job = LstmJob;
        job.SetBackward(blas, x, weightIh, weightHh, mask, dOutput, returnSequences, workspace, dx, accumulateX);
        runner.RunExactly(job, job.Parts);
        job.ReduceGradients([(dWeightIh, accumulateIh, weightIh.Length), (dWeightHh, accumulateHh, weightHh.Length), (dBias, accumulateBias, weightIh.Shape[0])]);
        job.Clear();
    }

    public void GruForward(Tensor x, Tensor weightIh, Tensor weightHh, Tensor bias, Tensor? mask, Tensor output, bool returnSequences, Tensor workspace)
    {
        RequireRecurrentShapes(RecurrentCell.Gru, x, weightIh, weightHh, bias, 3, mask, output, returnSequences, workspace);
        var job = GruJob;
        job.SetForward(blas, x, weightIh, weightHh, bias, mask, output, returnSequences, workspace);
        RecurrentJob.Transpose(weightHh.Span, weightHh.Shape[0], weightHh.Shape[1], workspace.Buffer.AsSpan(job.RecurrentTAt, weightHh.Length));
        runner.RunExactly(job, job.Parts);
        job.Clear();
    }

    public void GruBackward(Tensor x, Tensor weightIh, Tensor weightHh, Tensor? mask, Tensor dOutput, bool returnSequences, Tensor workspace,
        Tensor? dx, bool accumulateX, Tensor? dWeightIh, bool accumulateIh, Tensor? dWeightHh, bool accumulateHh, Tensor? dBias, bool accumulateBias)
    {
        RequireRecurrentShapes(RecurrentCell.Gru, x, weightIh, weightHh, null, 3, mask, dOutput, returnSequences, workspace, training: true);
        RequireSameLengths(x, dx, weightIh, dWeightIh, weightHh, dWeightHh, 2 * weightIh.Shape[0], dBias);
        var job = GruJob;
        job.SetBackward(blas, x, weightIh, weightHh, mask, dOutput, returnSequences, workspace, dx, accumulateX);
        runner.RunExactly(job, job.Parts);
        job.ReduceGradients([(dWeightIh, accumulateIh, weightIh.Length), (dWeightHh, accumulateHh, weightHh.Length), (dBias, accumulateBias, 2 * weightIh.Shape[0])]);
        job.Clear();
    }

    // The kernels index raw buffers, so every shape is checked here: a wrong one would read or write past a tensor.
    private void RequireRecurrentShapes(RecurrentCell cell, Tensor x, Tensor weightIh, Tensor weightHh, Tensor? bias, int gates, Tensor? mask,
        Tensor output, bool returnSequences, Tensor workspace, bool training = false)
    {
        if (x.Shape.Rank != 3)
            throw new ArgumentException($"expected sequences (N, T, C), received {x.Shape}");
        int batch = x.Shape[0], steps = x.Shape[1], inputs = x.Shape[2], units = weightHh.Shape.Rank == 2 ? weightHh.Shape[1] : 0;
        if (weightHh.Shape != new Shape(gates * units, units) || units == 0)
            throw new ArgumentException($"expected a recurrent kernel ({gates}·H, H), received {weightHh.Shape}");
        if (weightIh.Shape != new Shape(gates * units, inputs))
            throw new ArgumentException($"expected an input kernel ({gates * units}, {inputs}) for inputs {x.Shape}, received {weightIh.Shape}");
        int biasLength = cell == RecurrentCell.Gru ? 2 * gates * units : gates * units;
        if (bias is not null && bias.Length != biasLength)
            throw new ArgumentException($"expected a bias of {biasLength} values, received {bias.Shape}");
        if (mask is not null && mask.Length != batch * steps)
            throw new ArgumentException($"expected a mask (N, T) = ({batch}, {steps}), received {mask.Shape}");
        int outputLength = returnSequences ? batch * steps * units : batch * units;
        if (output.Length != outputLength)
            throw new ArgumentException($"expected {(returnSequences ? $"sequences ({batch}, {steps}, {units})" : $"last states ({batch}, {units})")}, received {output.Shape}");
        int workspaceLength = RecurrentWorkspaceLength(cell, batch, steps, units, training);
        if (workspace.Length < workspaceLength)
            throw new ArgumentException($"expected a workspace of at least {workspaceLength} values, received {workspace.Shape}");
    }

    private static void RequireSameLengths(Tensor x, Tensor? dx, Tensor weightIh, Tensor? dWeightIh, Tensor weightHh, Tensor? dWeightHh, int biasLength, Tensor? dBias)
    {
        if (dx is not null && dx.Length != x.Length)
            throw new ArgumentException($"expected an input gradient like {x.Shape}, received {dx.Shape}");
        if (dWeightIh is not null && dWeightIh.Length != weightIh.Length)
            throw new ArgumentException($"expected an input kernel gradient like {weightIh.Shape}, received {dWeightIh.Shape}");
        if (dWeightHh is not null && dWeightHh.Length != weightHh.Length)
            throw new ArgumentException($"expected a recurrent kernel gradient like {weightHh.Shape}, received {dWeightHh.Shape}");
        if (dBias is not null && dBias.Length != biasLength)
            throw new ArgumentException($"expected a bias gradient of {biasLength} values, received {dBias.Shape}");
    }
}
