using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Autoencoders.Tensors.Backends.Cpu;

// The optimizer updates, written in PyTorch's operation order so that golden tests agree to float rounding.
public sealed unsafe partial class CpuBackend
{
    public void AdamStep(Tensor parameters, Tensor gradients, Tensor firstMoment, Tensor secondMoment,
        float learningRate, float beta1, float beta2, float epsilon, float weightDecay, int step)
    {
        RequireSameLength(parameters, gradients);
        RequireSameLength(parameters, firstMoment);
        RequireSameLength(parameters, secondMoment);
        (CurrentJob.A, CurrentJob.B, CurrentJob.C, CurrentJob.D) = (parameters, gradients, firstMoment, secondMoment);
        (CurrentJob.Scalar0, CurrentJob.Scalar1, CurrentJob.Scalar2, CurrentJob.Scalar3, CurrentJob.Scalar4) = (learningRate, beta1, beta2, epsilon, weightDecay);
        CurrentJob.Integer = step;
        ForRanges(parameters.Length, &AdamRange);
    }

    private static void AdamRange(RangeJob job, int start, int end, int part)
    {
        var (learningRate, beta1, beta2, epsilon, weightDecay) = (job.Scalar0, job.Scalar1, job.Scalar2, job.Scalar3, job.Scalar4);
        float stepSize = learningRate / (1f - MathF.Pow(beta1, job.Integer));
        float correction2Sqrt = MathF.Sqrt(1f - MathF.Pow(beta2, job.Integer));
        ref float p = ref MemoryMarshal.GetReference(job.A!.Span[start..end]);
        ref float g = ref MemoryMarshal.GetReference(job.B!.Span[start..end]);
        ref float m = ref MemoryMarshal.GetReference(job.C!.Span[start..end]);
        ref float v = ref MemoryMarshal.GetReference(job.D!.Span[start..end]);
        int length = end - start, width = Vector<float>.Count, i = 0;
        var b1 = new Vector<float>(1f - beta1);
        var b2 = new Vector<float>(beta2);
        var oneMinusB2 = new Vector<float>(1f - beta2);
        var decay = new Vector<float>(weightDecay);
        var eps = new Vector<float>(epsilon);
        var c2 = new Vector<float>(correction2Sqrt);
        var size = new Vector<float>(stepSize);
        for (; i + width <= length; i += width)
        {
            var pv = Vector.LoadUnsafe(ref p, (nuint)i);
            var gv = Vector.LoadUnsafe(ref g, (nuint)i) + decay * pv;
            var mv = Vector.LoadUnsafe(ref m, (nuint)i);
            mv += (gv - mv) * b1;                                   // m.lerp_(g, 1 − β₁)
            var vv = Vector.LoadUnsafe(ref v, (nuint)i) * b2 + oneMinusB2 * gv * gv;
            var denominator = Vector.SquareRoot(vv) / c2 + eps;
            (pv - size * mv / denominator).StoreUnsafe(ref p, (nuint)i);
            mv.StoreUnsafe(ref m, (nuint)i);
            vv.StoreUnsafe(ref v, (nuint)i);
        }
        for (; i < length; i++)
        {
            ref float pi = ref Unsafe.Add(ref p, i);
            ref float mi = ref Unsafe.Add(ref m, i);
            ref float vi = ref Unsafe.Add(ref v, i);
            float gi = Unsafe.Add(ref g, i) + weightDecay * pi;
            mi += (gi - mi) * (1f - beta1);
            vi = vi * beta2 + (1f - beta2) * gi * gi;
            pi -= stepSize * mi / (MathF.Sqrt(vi) / correction2Sqrt + epsilon);
        }
    }

    public void SgdStep(Tensor parameters, Tensor gradients, Tensor? velocity, float learningRate, float momentum, bool nesterov, float weightDecay)
    {
        RequireSameLength(parameters, gradients);
        Span<float> p = parameters.Span;
        ReadOnlySpan<float> g = gradients.Span;
        Span<float> v = velocity is null ? default : velocity.Span;
        for (int i = 0; i < p.Length; i++)
        {
            float gi = g[i] + weightDecay * p[i];
            if (velocity is not null)
            {
                v[i] = momentum * v[i] + gi;
                gi = nesterov ? gi + momentum * v[i] : v[i];
            }
            p[i] -= learningRate * gi;
        }
    }

    public void RmsPropStep(Tensor parameters, Tensor gradients, Tensor meanSquare, float learningRate, float rho, float epsilon, float weightDecay)
    {
        RequireSameLength(parameters, gradients);
        RequireSameLength(parameters, meanSquare);
        Span<float> p = parameters.Span, s = meanSquare.Span;
        ReadOnlySpan<float> g = gradients.Span;
        for (int i = 0; i < p.Length; i++)
        {
            float gi = g[i] + weightDecay * p[i];
            s[i] = s[i] * rho + (1f - rho) * gi * gi;
            p[i] -= learningRate * gi / (MathF.Sqrt(s[i]) + epsilon);
        }
    }
}
