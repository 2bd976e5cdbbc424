using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// The gate math of one sample at one step, LSTM and GRU, forward and backward, in PyTorch's equations and gate
/// order. The matrix products are done before (forward) or after (backward) by GEMMs over whole blocks; what is
/// left is elementwise over H units, SIMD across the units. Transcendentals go through <see cref="TensorPrimitives"/>.
/// </summary>
internal static class RecurrentCells
{
    /// <summary>
    /// LSTM: gates (4H) holds z = W_ih x + W_hh h + b on entry and the activated (i, f, g, o) on return;
    /// c = f ∘ cPrevious + i ∘ g; tanhC = tanh(c); h = o ∘ tanhC. <paramref name="cell"/> receives c (or is empty: then
    /// c passes through <paramref name="tanhC"/>); h goes to <paramref name="h"/> and, when not empty, <paramref name="hCopy"/>.
    /// </summary>
    public static void LstmForward(Span<float> gates, ReadOnlySpan<float> cPrevious, Span<float> cell, Span<float> tanhC,
        Span<float> h, Span<float> hCopy)
    {
        int units = cPrevious.Length;
        Span<float> inputForget = gates[..(2 * units)], candidate = gates.Slice(2 * units, units), output = gates.Slice(3 * units, units);
        TensorPrimitives.Sigmoid(inputForget, inputForget);
        TensorPrimitives.Tanh(candidate, candidate);
        TensorPrimitives.Sigmoid(output, output);
        Span<float> c = cell.IsEmpty ? tanhC : cell;
        TensorPrimitives.Multiply(inputForget[..units], candidate, c);
        TensorPrimitives.FusedMultiplyAdd(inputForget[units..], cPrevious, c, c);
        TensorPrimitives.Tanh(c, tanhC);
        TensorPrimitives.Multiply(output, tanhC, h);
        if (!hCopy.IsEmpty) h.CopyTo(hCopy);
    }

    /// <summary>
    /// LSTM backward of one step, given dh (everything that reaches h_t) and dc (what reaches c_t from step t + 1):
    /// writes the pre-activation gradients (di, df, dg, do) and leaves dc = the gradient that reaches c_{t−1}.
    /// do = dh tanhC o(1−o); dc += dh o (1 − tanhC²); di = dc g i(1−i); df = dc cPrevious f(1−f); dg = dc i (1−g²); dc ∘= f.
    /// </summary>
    public static void LstmBackward(ReadOnlySpan<float> gates, ReadOnlySpan<float> cPrevious, ReadOnlySpan<float> tanhC,
        ReadOnlySpan<float> dh, Span<float> dc, Span<float> dGates)
    {
        int units = dh.Length, width = Vector<float>.Count, j = 0;
        ref float gr = ref MemoryMarshal.GetReference(gates);
        ref float dgr = ref MemoryMarshal.GetReference(dGates);
        ref float cp = ref MemoryMarshal.GetReference(cPrevious);
        ref float tc = ref MemoryMarshal.GetReference(tanhC);
        ref float dhr = ref MemoryMarshal.GetReference(dh);
        ref float dcr = ref MemoryMarshal.GetReference(dc);
        nuint f = (nuint)units, g = 2 * (nuint)units, o = 3 * (nuint)units;
        var one = Vector<float>.One;
        for (; j + width <= units; j += width)
        {
            nuint u = (nuint)j;
            var i_ = Vector.LoadUnsafe(ref gr, u);
            var f_ = Vector.LoadUnsafe(ref gr, u + f);
            var g_ = Vector.LoadUnsafe(ref gr, u + g);
            var o_ = Vector.LoadUnsafe(ref gr, u + o);
            var t = Vector.LoadUnsafe(ref tc, u);
            var dhv = Vector.LoadUnsafe(ref dhr, u);
            var dcv = Vector.LoadUnsafe(ref dcr, u) + dhv * o_ * (one - t * t);
            (dcv * g_ * i_ * (one - i_)).StoreUnsafe(ref dgr, u);
            (dcv * Vector.LoadUnsafe(ref cp, u) * f_ * (one - f_)).StoreUnsafe(ref dgr, u + f);
            (dcv * i_ * (one - g_ * g_)).StoreUnsafe(ref dgr, u + g);
            (dhv * t * o_ * (one - o_)).StoreUnsafe(ref dgr, u + o);
            (dcv * f_).StoreUnsafe(ref dcr, u);
        }
        for (; j < units; j++)
        {
            nuint u = (nuint)j;
            float i_ = Unsafe.Add(ref gr, u), f_ = Unsafe.Add(ref gr, u + f), g_ = Unsafe.Add(ref gr, u + g), o_ = Unsafe.Add(ref gr, u + o);
            float t = Unsafe.Add(ref tc, u), dhv = Unsafe.Add(ref dhr, u);
            float dcv = Unsafe.Add(ref dcr, u) + dhv * o_ * (1f - t * t);
            Unsafe.Add(ref dgr, u) = dcv * g_ * i_ * (1f - i_);
            Unsafe.Add(ref dgr, u + f) = dcv * Unsafe.Add(ref cp, u) * f_ * (1f - f_);
            Unsafe.Add(ref dgr, u + g) = dcv * i_ * (1f - g_ * g_);
            Unsafe.Add(ref dgr, u + o) = dhv * t * o_ * (1f - o_);
            Unsafe.Add(ref dcr, u) = dcv * f_;
        }
    }

    /// <summary>
    /// GRU (PyTorch's, Keras's reset_after=True): gates (3H) holds W_ih x + b_ih on entry and the activated (r, z, n) on
    /// return; hidden (3H) = W_hh h + b_hh. r = σ(x_r + h_r), z = σ(x_z + h_z), n = tanh(x_n + r ∘ h_n),
    /// h = (1 − z) ∘ n + z ∘ hPrevious, written to <paramref name="h"/> and, when not empty, <paramref name="hCopy"/>.
    /// </summary>
    public static void GruForward(Span<float> gates, ReadOnlySpan<float> hidden, ReadOnlySpan<float> hPrevious, Span<float> h, Span<float> hCopy)
    {
        int units = hPrevious.Length;
        Span<float> resetUpdate = gates[..(2 * units)], candidate = gates.Slice(2 * units, units);
        TensorPrimitives.Add(resetUpdate, hidden[..(2 * units)], resetUpdate);
        TensorPrimitives.Sigmoid(resetUpdate, resetUpdate);
        TensorPrimitives.FusedMultiplyAdd(resetUpdate[..units], hidden.Slice(2 * units, units), candidate, candidate);
        TensorPrimitives.Tanh(candidate, candidate);
        // h = n + z ∘ (hPrevious − n)
        TensorPrimitives.Subtract(hPrevious, candidate, h);
        TensorPrimitives.FusedMultiplyAdd(resetUpdate[units..], h, candidate, h);
        if (!hCopy.IsEmpty) h.CopyTo(hCopy);
    }

    /// <summary>
    /// GRU backward of one step, given dh (everything that reaches h_t): writes the gradients of the input side's
    /// pre-activations (dr, dz, dn) and of the hidden side's (dr, dz, r ∘ dn), and leaves dh = z ∘ dh, the direct path to
    /// h_{t−1} (the GEMM through W_hh adds the rest). dn = dh (1−z)(1−n²); dz = dh (hPrevious − n) z(1−z); dr = dn h_n r(1−r).
    /// </summary>
    public static void GruBackward(ReadOnlySpan<float> gates, ReadOnlySpan<float> hidden, ReadOnlySpan<float> hPrevious,
        Span<float> dh, Span<float> dInput, Span<float> dHidden)
    {
        int units = dh.Length, width = Vector<float>.Count, j = 0;
        ref float gr = ref MemoryMarshal.GetReference(gates);
        ref float hr = ref MemoryMarshal.GetReference(hidden);
        ref float hp = ref MemoryMarshal.GetReference(hPrevious);
        ref float dhr = ref MemoryMarshal.GetReference(dh);
        ref float dir = ref MemoryMarshal.GetReference(dInput);
        ref float dhd = ref MemoryMarshal.GetReference(dHidden);
        nuint zo = (nuint)units, no = 2 * (nuint)units;
        var one = Vector<float>.One;
        for (; j + width <= units; j += width)
        {
            nuint u = (nuint)j;
            var r = Vector.LoadUnsafe(ref gr, u);
            var z = Vector.LoadUnsafe(ref gr, u + zo);
            var n = Vector.LoadUnsafe(ref gr, u + no);
            var dhv = Vector.LoadUnsafe(ref dhr, u);
            var dn = dhv * (one - z) * (one - n * n);
            var dz = dhv * (Vector.LoadUnsafe(ref hp, u) - n) * z * (one - z);
            var dr = dn * Vector.LoadUnsafe(ref hr, u + no) * r * (one - r);
            dr.StoreUnsafe(ref dir, u);
            dz.StoreUnsafe(ref dir, u + zo);
            dn.StoreUnsafe(ref dir, u + no);
            dr.StoreUnsafe(ref dhd, u);
            dz.StoreUnsafe(ref dhd, u + zo);
            (dn * r).StoreUnsafe(ref dhd, u + no);
            (dhv * z).StoreUnsafe(ref dhr, u);
        }
        for (; j < units; j++)
        {
            nuint u = (nuint)j;
            float r = Unsafe.Add(ref gr, u), z = Unsafe.Add(ref gr, u + zo), n = Unsafe.Add(ref gr, u + no), dhv = Unsafe.Add(ref dhr, u);
            float dn = dhv * (1f - z) * (1f - n * n);
            float dz = dhv * (Unsafe.Add(ref hp, u) - n) * z * (1f - z);
            float dr = dn * Unsafe.Add(ref hr, u + no) * r * (1f - r);
            Unsafe.Add(ref dir, u) = dr;
            Unsafe.Add(ref dir, u + zo) = dz;
            Unsafe.Add(ref dir, u + no) = dn;
            Unsafe.Add(ref dhd, u) = dr;
            Unsafe.Add(ref dhd, u + zo) = dz;
            Unsafe.Add(ref dhd, u + no) = dn * r;
            Unsafe.Add(ref dhr, u) = dhv * z;
        }
    }
}
