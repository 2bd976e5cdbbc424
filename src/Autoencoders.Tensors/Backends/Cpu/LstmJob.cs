namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// The LSTM's forward and backward passes (see <see cref="RecurrentJob"/> for the split). Letters: N samples, T steps,
/// C inputs, H units, G = 4H gates (i, f, g, o as PyTorch). The workspace, one buffer from the graph's arena:
/// <code>
/// recurrentT (H, G)   W_hhᵀ, for the per-step GEMM (see RecurrentJob.Transpose)
/// gates    (N, T, G)  z = x W_ihᵀ + b + h W_hhᵀ, then the activated gates
/// hPrev    (N, T, H)  h_{t−1} (zeros at t = 0): what step t read, and what dW_hh = Σ dGatesᵀ · hPrev needs, in one GEMM
/// cPrev    (N, T, H)  c_{t−1}
/// tanhC    (N, T, H)  tanh(c_t)
/// dGates   (N, T, G)  training only: the gates' pre-activation gradients, kept for the GEMMs after the time loop
/// dh, dc   (N, H)     training only: the gradients flowing back through h and c
/// </code>
/// A padded step (mask 0) carries h and c over, outputs zeros, and gets zero gate gradients, so it adds to no gradient.
/// </summary>
internal sealed class LstmJob(ManagedGemmWidth managedWidth) : RecurrentJob(managedWidth)
{
    private Tensor? x, weightIh, weightHh, bias, mask, output, dOutput, dx, workspace;
    private bool returnSequences, accumulateX;

    public static int WorkspaceLength(int batch, int steps, int units, bool training)
    {
        long perStep = (long)batch * steps * units;
        long length = 4 * perStep + 3 * perStep + (training ? 4 * perStep + 2L * batch * units : 0);
        return checked((int)(length + 4 * units * units));
    }

    public void SetForward(OpenBlas? library, Tensor input, Tensor wIh, Tensor wHh, Tensor b, Tensor? steps, Tensor y, bool sequences, Tensor scratch)
    {
        (x, weightIh, weightHh, bias, mask, output, returnSequences, workspace) = (input, wIh, wHh, b, steps, y, sequences, scratch);
        Begin(library, training: false, input.Shape[0], input.Shape[1], input.Shape[2], wHh.Shape[1], 0);
    }

    public void SetBackward(OpenBlas? library, Tensor input, Tensor wIh, Tensor wHh, Tensor? steps, Tensor dy, bool sequences, Tensor scratch,
        Tensor? inputGradient, bool accumulateInput)
    {
        (x, weightIh, weightHh, mask, dOutput, returnSequences, workspace, dx, accumulateX) = (input, wIh, wHh, steps, dy, sequences, scratch, inputGradient, accumulateInput);
        int units = wHh.Shape[1], inputs = input.Shape[2];
        Begin(library, training: true, input.Shape[0], input.Shape[1], inputs, units, 4 * units * (inputs + units + 1));
    }

    public void Clear() => x = weightIh = weightHh = bias = mask = output = dOutput = dx = workspace = null;

    // Offsets of the workspace's parts, in floats from the start of its buffer.
    private int GatesAt => workspace!.Offset + 4 * Units * Units; // after recurrentT (H, G)

    /// <summary>Where W_hhᵀ (H, G) sits: the workspace's first G·H floats.</summary>
    public int RecurrentTAt => workspace!.Offset;
    private int HPrevAt => GatesAt + 4 * Batch * Steps * Units;
    private int CPrevAt => HPrevAt + Batch * Steps * Units;
    private int TanhCAt => CPrevAt + Batch * Steps * Units;
    private int DGatesAt => TanhCAt + Batch * Steps * Units;
    private int DhAt => DGatesAt + 4 * Batch * Steps * Units;
    private int DcAt => DhAt + Batch * Units;

    protected override void Forward(int start, int end)
    {
        int rows = end - start, T = Steps, H = Units, G = 4 * H;
        float[] ws = workspace!.Buffer;
        // The input projection of the block's every step in one GEMM: (rows·T, C) · W_ihᵀ (C, G) + b.
        ReadOnlySpan<float> b = bias!.Span;
        for (int r = start * T; r < end * T; r++) b.CopyTo(ws.AsSpan(GatesAt + r * G, G));
        Gemm(false, true, rows * T, G, Inputs, x!.Buffer, x.Offset + start * T * Inputs, Inputs,
            weightIh!.Buffer, weightIh.Offset, Inputs, 1f, ws, GatesAt + start * T * G, G);
        for (int t = 0; t < T; t++)
        {
            if (t > 0) // z_t += h_{t−1} W_hhᵀ over the block, the rows T apart
                Gemm(false, false, rows, G, H, ws, HPrevAt + (start * T + t) * H, T * H,
                    ws, RecurrentTAt, G, 1f, ws, GatesAt + (start * T + t) * G, T * G);
            for (int n = start; n < end; n++)
            {
                int row = n * T + t;
                Span<float> hPrevious = ws.AsSpan(HPrevAt + row * H, H), cPrevious = ws.AsSpan(CPrevAt + row * H, H);
                if (t == 0)
                {
                    hPrevious.Clear();
                    cPrevious.Clear();
                }
                bool last = t == T - 1;
                Span<float> hNext = last ? default : ws.AsSpan(HPrevAt + (row + 1) * H, H);
                Span<float> cNext = last ? default : ws.AsSpan(CPrevAt + (row + 1) * H, H);
                Span<float> y = returnSequences ? output!.Buffer.AsSpan(output.Offset + row * H, H)
                    : last ? output!.Buffer.AsSpan(output.Offset + n * H, H) : default;
                if (IsReal(mask, row))
                {
                    Span<float> h = hNext.IsEmpty ? y : hNext;
                    RecurrentCells.LstmForward(ws.AsSpan(GatesAt + row * G, G), cPrevious, cNext, ws.AsSpan(TanhCAt + row * H, H), h, hNext.IsEmpty ? default : y);
                }
                else
                {
                    // Padding: the state carries over; the sequence shows zeros here, the last state is the carried one.
                    if (!last)
                    {
                        hPrevious.CopyTo(hNext);
                        cPrevious.CopyTo(cNext);
                    }
                    if (returnSequences) y.Clear();
                    else if (last) hPrevious.CopyTo(y);
                }
            }
        }
    }

    protected override void Backward(int start, int end, float[] gradients, int at)
    {
        int rows = end - start, T = Steps, H = Units, G = 4 * H, C = Inputs;
        float[] ws = workspace!.Buffer;
        Span<float> dh = ws.AsSpan(DhAt + start * H, rows * H), dc = ws.AsSpan(DcAt + start * H, rows * H);
        ReadOnlySpan<float> upstream = dOutput!.Span;
        if (returnSequences) dh.Clear();
        else upstream.Slice(start * H, rows * H).CopyTo(dh);
        dc.Clear();
        for (int t = T - 1; t >= 0; t--)
        {
            for (int n = start; n < end; n++)
            {
                int row = n * T + t;
                Span<float> dGates = ws.AsSpan(DGatesAt + row * G, G), dhRow = dh.Slice((n - start) * H, H);
                if (!IsReal(mask, row))
                {
                    dGates.Clear(); // padding: dh and dc pass through to the step before
                    continue;
                }
                if (returnSequences) System.Numerics.Tensors.TensorPrimitives.Add(dhRow, upstream.Slice(row * H, H), dhRow);
                RecurrentCells.LstmBackward(ws.AsSpan(GatesAt + row * G, G), ws.AsSpan(CPrevAt + row * H, H), ws.AsSpan(TanhCAt + row * H, H),
                    dhRow, dc.Slice((n - start) * H, H), dGates);
                if (mask is not null && t > 0) dhRow.Clear(); // the GEMM below adds onto the padded rows' carried dh
            }
            if (t > 0) // dh_{t−1} = dGates_t · W_hh (G, H)
                Gemm(false, false, rows, H, G, ws, DGatesAt + (start * T + t) * G, T * G, weightHh!.Buffer, weightHh.Offset, H,
                    mask is null ? 0f : 1f, ws, DhAt + start * H, H);
        }

        // After the loop, each gradient is one GEMM over the block's rows·T steps.
        int blockGates = DGatesAt + start * T * G;
        if (dx is not null) // dx (rows·T, C) = dGates · W_ih (G, C)
            Gemm(false, false, rows * T, C, G, ws, blockGates, G, weightIh!.Buffer, weightIh.Offset, C,
                accumulateX ? 1f : 0f, dx.Buffer, dx.Offset + start * T * C, C);
        // dW_ih (G, C) = dGatesᵀ · x; dW_hh (G, H) = dGatesᵀ · hPrev; db (G) = Σ dGates
        Gemm(true, false, G, C, rows * T, ws, blockGates, G, x!.Buffer, x.Offset + start * T * C, C, 0f, gradients, at, C);
        Gemm(true, false, G, H, rows * T, ws, blockGates, G, ws, HPrevAt + start * T * H, H, 0f, gradients, at + G * C, H);
        SumRows(ws.AsSpan(blockGates, rows * T * G), rows * T, G, gradients.AsSpan(at + G * (C + H), G));
    }
}
