using Autoencoders.Tensors.Backends;

namespace Autoencoders.Tensors.Autodiff;

// Recurrent layers over whole sequences, batch-first as Keras: x (N, T, C), N sequences of T steps of C features; H units.
// Each is one op with backpropagation through time inside the backend, which saves its gates and states in a workspace
// from the arena (see the backend's RecurrentWorkspaceLength).
public sealed partial class Graph
{
    /// <summary>
    /// An LSTM over every step of x (N, T, C) with zero initial state, PyTorch's equations and gate order (i, f, g, o):
    /// <code>
    /// [i, f, g, o] = x_t W_ihᵀ + h_{t−1} W_hhᵀ + b     (4H)
    /// c_t = σ(f) ∘ c_{t−1} + σ(i) ∘ tanh(g);  h_t = σ(o) ∘ tanh(c_t)
    /// </code>
    /// weightIh (4H, C), weightHh (4H, H) and ONE bias (4H), as Keras has it: PyTorch's b_ih + b_hh summed.
    /// Returns every h_t (N, T, H) when <paramref name="returnSequences"/>, else only the last state h_T (N, H), written
    /// directly (no sequence is materialised for it). Where <paramref name="mask"/> (N, T) is 0 the step is padding: h and
    /// c carry over unchanged, the sequence shows zeros there (Keras's zero_output_for_mask), the last state is the state
    /// after the last real step, and the step adds nothing to any gradient. Hochreiter &amp; Schmidhuber 1997,
    /// https://doi.org/10.1162/neco.1997.9.8.1735 (with Gers et al.'s forget gate).
    /// </summary>
    public Tensor Lstm(Tensor x, Tensor weightIh, Tensor weightHh, Tensor bias, Tensor? mask = null, bool returnSequences = true) =>
        Recurrent(RecurrentCell.Lstm, x, weightIh, weightHh, bias, mask, returnSequences);

    /// <summary>
    /// A GRU over every step of x (N, T, C) with zero initial state, PyTorch's equations and gate order (r, z, n), the
    /// reset gate applied after the recurrent product (Keras's reset_after=True):
    /// <code>
    /// r = σ(W_ir x_t + b_ir + W_hr h + b_hr);  z = σ(W_iz x_t + b_iz + W_hz h + b_hz)
    /// n = tanh(W_in x_t + b_in + r ∘ (W_hn h + b_hn));  h_t = (1 − z) ∘ n + z ∘ h_{t−1}
    /// </code>
    /// weightIh (3H, C), weightHh (3H, H), bias (2, 3H): the input bias b_ih, then the recurrent bias b_hh, as Keras stores
    /// them. Outputs and mask as <see cref="Lstm"/>. Cho et al. 2014, https://arxiv.org/abs/1406.1078.
    /// </summary>
    public Tensor Gru(Tensor x, Tensor weightIh, Tensor weightHh, Tensor bias, Tensor? mask = null, bool returnSequences = true) =>
        Recurrent(RecurrentCell.Gru, x, weightIh, weightHh, bias, mask, returnSequences);

    private Tensor Recurrent(RecurrentCell cell, Tensor x, Tensor weightIh, Tensor weightHh, Tensor bias, Tensor? mask, bool returnSequences)
    {
        if (x.Shape.Rank != 3)
            throw new ArgumentException($"expected sequences (N, T, C), received {x.Shape}");
        int batch = x.Shape[0], steps = x.Shape[1], units = weightHh.Shape.Rank == 2 ? weightHh.Shape[1] : 0;
        if (steps == 0)
            throw new ArgumentException($"expected sequences of at least one step, received {x.Shape}");
        if (mask is not null && mask.Shape != new Shape(batch, steps))
            throw new ArgumentException($"expected a mask (N, T) = ({batch}, {steps}), received {mask.Shape}");
        bool training = Tracks(x, weightIh, weightHh) || Tracks(bias);
        Tensor workspace = NewTensor(new Shape(Backend.RecurrentWorkspaceLength(cell, batch, steps, units, training)));
        Tensor y = NewTensor(returnSequences ? new Shape(batch, steps, units) : new Shape(batch, units));
        if (cell == RecurrentCell.Lstm) Backend.LstmForward(x, weightIh, weightHh, bias, mask, y, returnSequences, workspace);
        else Backend.GruForward(x, weightIh, weightHh, bias, mask, y, returnSequences, workspace);
        if (training)
            Record(y, new TapeEntry
            {
                Op = cell == RecurrentCell.Lstm ? OpCode.Lstm : OpCode.Gru, A = x, B = weightIh, C = weightHh, D = bias, F = mask,
                Workspace = workspace, Integer = returnSequences ? 1 : 0,
            });
        return y;
    }

    private void LstmBackward(ref TapeEntry e) => RecurrentBackward(RecurrentCell.Lstm, ref e);

    private void GruBackward(ref TapeEntry e) => RecurrentBackward(RecurrentCell.Gru, ref e);

    private void RecurrentBackward(RecurrentCell cell, ref TapeEntry e)
    {
        Tensor? dx = GradientOf(e.A, out bool accumulateX);
        Tensor? dWeightIh = GradientOf(e.B!, out bool accumulateIh);
        Tensor? dWeightHh = GradientOf(e.C!, out bool accumulateHh);
        Tensor? dBias = GradientOf(e.D!, out bool accumulateBias);
        bool returnSequences = e.Integer == 1;
        if (cell == RecurrentCell.Lstm)
            Backend.LstmBackward(e.A, e.B!, e.C!, e.F, GradOfOutput(e), returnSequences, e.Workspace!,
                dx, accumulateX, dWeightIh, accumulateIh, dWeightHh, accumulateHh, dBias, accumulateBias);
        else
            Backend.GruBackward(e.A, e.B!, e.C!, e.F, GradOfOutput(e), returnSequences, e.Workspace!,
                dx, accumulateX, dWeightIh, accumulateIh, dWeightHh, accumulateHh, dBias, accumulateBias);
    }
}
