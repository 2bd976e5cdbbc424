namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// The GRU's forward and backward passes (see <see cref="RecurrentJob"/> for the split). Letters: N samples, T steps,
/// C inputs, H units, G = 3H gates (r, z, n as PyTorch). The workspace, one buffer from the graph's arena:
/// <code>
/// recurrentT (H, G)   W_hhᵀ, for the per-step GEMM (see RecurrentJob.Transpose)
/// gates    (N, T, G)  x W_ihᵀ + b_ih, then the activated gates (r, z, n)
/// hidden   (N, T, G)  h_{t−1} W_hhᵀ + b_hh: its n part is multiplied by r, so the backward pass needs it
/// hPrev    (N, T, H)  h_{t−1} (zeros at t = 0)
/// dInput   (N, T, G)  training only: gradients of the input side's pre-activations (for dx, dW_ih, db_ih)
/// dHidden  (N, T, G)  training only: gradients of the hidden side's (for dh_{t−1}, dW_hh, db_hh)
/// dh       (N, H)     training only
/// </code>
/// </summary>
internal sealed class GruJob(ManagedGemmWidth managedWidth) : RecurrentJob(managedWidth)
{
    private Tensor? x, weightIh, weightHh, bias, mask, output, dOutput, dx, workspace;
    private bool returnSequences, accumulateX;

    public static int WorkspaceLength(int batch, int steps, int units, bool training)
    {
        long perStep = (long)batch * steps * units;
        long length = 3 * perStep + 3 * perStep + perStep + (training ? 6 * perStep + (long)batch * units : 0);
        return checked((int)(length + 3 * units * units));
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
        Begin(library, training: true, input.Shape[0], input.Shape[1], inputs, units, 3 * units * (inputs + units + 2));
    }

    public void Clear() => x = weightIh = weightHh = bias = mask = output = dOutput = dx = workspace = null;

    private int GatesAt => workspace!.Offset + 3 * Units * Units; // after recurrentT (H, G)

    /// <summary>Where W_hhᵀ (H, G) sits: the workspace's first G·H floats.</summary>
    public int RecurrentTAt => workspace!.Offset;
    private int HiddenAt => GatesAt + 3 * Batch * Steps * Units;
    private int HPrevAt => HiddenAt + 3 * Batch * Steps * Units;
    private int DInputAt => HPrevAt + Batch * Steps * Units;
    private int DHiddenAt => DInputAt + 3 * Batch * Steps * Units;
    private int DhAt => DHiddenAt + 3 * Batch * Steps * Units;

    protected override void Forward(int start, int end)
    {
        int rows = end - start, T = Steps, H = Units, G = 3 * H;
        float[] ws = workspace!.Buffer;
        ReadOnlySpan<float> inputBias = bias!.Span[..G], hiddenBias = bias.Span.Slice(G, G);
        for (int r = start * T; r < end * T; r++)
        {
            inputBias.CopyTo(ws.AsSpan(GatesAt + r * G, G));
            hiddenBias.CopyTo(ws.AsSpan(HiddenAt + r * G, G));
        }
        Gemm(false, true, rows * T, G, Inputs, x!.Buffer, x.Offset + start * T * Inputs, Inputs,
            weightIh!.Buffer, weightIh.Offset, Inputs, 1f, ws, GatesAt + start * T * G, G);
        for (int t = 0; t < T; t++)
        {
            if (t > 0)
                Gemm(false, false, rows, G, H, ws, HPrevAt + (start * T + t) * H, T * H,
                    ws, RecurrentTAt, G, 1f, ws, HiddenAt + (start * T + t) * G, T * G);
            for (int n = start; n < end; n++)
            {
                int row = n * T + t;
                Span<float> hPrevious = ws.AsSpan(HPrevAt + row * H, H);
                if (t == 0) hPrevious.Clear();
                bool last = t == T - 1;
                Span<float> hNext = last ? default : ws.AsSpan(HPrevAt + (row + 1) * H, H);
                Span<float> y = returnSequences ? output!.Buffer.AsSpan(output.Offset + row * H, H)
                    : last ? output!.Buffer.AsSpan(output.Offset + n * H, H) : default;
                if (IsReal(mask, row))
                {
                    Span<float> h = hNext.IsEmpty ? y : hNext;
                    RecurrentCells.GruForward(ws.AsSpan(GatesAt + row * G, G), ws.AsSpan(HiddenAt + row * G, G), hPrevious, h, hNext.IsEmpty ? default : y);
                }
                else
                {
                    if (!last) hPrevious.CopyTo(hNext);
                    if (returnSequences) y.Clear();
                    else if (last) hPrevious.CopyTo(y);
                }
            }
        }
    }

    protected override void Backward(int start, int end, float[] gradients, int at)
    {
        int rows = end - start, T = Steps, H = Units, G = 3 * H, C = Inputs;
        float[] ws = workspace!.Buffer;
        Span<float> dh = ws.AsSpan(DhAt + start * H, rows * H);
        ReadOnlySpan<float> upstream = dOutput!.Span;
        if (returnSequences) dh.Clear();
        else upstream.Slice(start * H, rows * H).CopyTo(dh);
        for (int t = T - 1; t >= 0; t--)
        {
            for (int n = start; n < end; n++)
            {
                int row = n * T + t;
                Span<float> dInput = ws.AsSpan(DInputAt + row * G, G), dHidden = ws.AsSpan(DHiddenAt + row * G, G), dhRow = dh.Slice((n - start) * H, H);
                if (!IsReal(mask, row))
                {
                    dInput.Clear();
                    dHidden.Clear();
                    continue;
                }
                if (returnSequences) System.Numerics.Tensors.TensorPrimitives.Add(dhRow, upstream.Slice(row * H, H), dhRow);
                RecurrentCells.GruBackward(ws.AsSpan(GatesAt + row * G, G), ws.AsSpan(HiddenAt + row * G, G), ws.AsSpan(HPrevAt + row * H, H),
                    dhRow, dInput, dHidden);
            }
            if (t > 0) // dh_{t−1} = z ∘ dh_t (left by the cell) + dHidden_t · W_hh (G, H)
                Gemm(false, false, rows, H, G, ws, DHiddenAt + (start * T + t) * G, T * G, weightHh!.Buffer, weightHh.Offset, H,
                    1f, ws, DhAt + start * H, H);
        }

        int blockInput = DInputAt + start * T * G, blockHidden = DHiddenAt + start * T * G;
        if (dx is not null)
            Gemm(false, false, rows * T, C, G, ws, blockInput, G, weightIh!.Buffer, weightIh.Offset, C,
                accumulateX ? 1f : 0f, dx.Buffer, dx.Offset + start * T * C, C);
        // dW_ih (G, C) = dInputᵀ · x; dW_hh (G, H) = dHiddenᵀ · hPrev; the biases (2, G): Σ dInput, Σ dHidden
        Gemm(true, false, G, C, rows * T, ws, blockInput, G, x!.Buffer, x.Offset + start * T * C, C, 0f, gradients, at, C);
        Gemm(true, false, G, H, rows * T, ws, blockHidden, G, ws, HPrevAt + start * T * H, H, 0f, gradients, at + G * C, H);
        SumRows(ws.AsSpan(blockInput, rows * T * G), rows * T, G, gradients.AsSpan(at + G * (C + H), G));
        SumRows(ws.AsSpan(blockHidden, rows * T * G), rows * T, G, gradients.AsSpan(at + G * (C + H + 1), G));
    }
}
