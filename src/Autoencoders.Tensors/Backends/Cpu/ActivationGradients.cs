using System.Numerics;

namespace Autoencoders.Tensors.Backends.Cpu;

// The derivatives of the activations, as (saved value, upstream gradient) → input gradient.
// Each takes whichever of x or y = f(x) makes the derivative cheapest; CpuBackend passes the right one.

/// <summary>ReLU: dy where y &gt; 0 (PyTorch's convention: zero gradient at 0).</summary>
internal readonly struct ReluGradient : IBinaryFunction
{
    public float Invoke(float y, float dy) => y > 0f ? dy : 0f;

    public Vector<float> Invoke(Vector<float> y, Vector<float> dy) =>
        Vector.ConditionalSelect(Vector.GreaterThan(y, Vector<float>.Zero), dy, Vector<float>.Zero);
}

/// <summary>LeakyReLU on x: dy where x &gt; 0, slope · dy elsewhere.</summary>
internal readonly struct LeakyReluGradient(float slope) : IBinaryFunction
{
    public float Invoke(float x, float dy) => x > 0f ? dy : slope * dy;

    public Vector<float> Invoke(Vector<float> x, Vector<float> dy) =>
        Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), dy, dy * slope);
}

/// <summary>LeakyReLU forward: x where x &gt; 0, slope · x elsewhere.</summary>
internal readonly struct LeakyRelu(float slope) : IUnaryFunction
{
    public float Invoke(float x) => x > 0f ? x : slope * x;

    public Vector<float> Invoke(Vector<float> x) =>
        Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), x, x * slope);
}

/// <summary>σ'(x) = y (1 − y).</summary>
internal readonly struct SigmoidGradient : IBinaryFunction
{
    public float Invoke(float y, float dy) => dy * y * (1f - y);

    public Vector<float> Invoke(Vector<float> y, Vector<float> dy) => dy * y * (Vector<float>.One - y);
}

/// <summary>tanh'(x) = 1 − y².</summary>
internal readonly struct TanhGradient : IBinaryFunction
{
    public float Invoke(float y, float dy) => dy * (1f - y * y);

    public Vector<float> Invoke(Vector<float> y, Vector<float> dy) => dy * (Vector<float>.One - y * y);
}

/// <summary>exp'(x) = y.</summary>
internal readonly struct ExpGradient : IBinaryFunction
{
    public float Invoke(float y, float dy) => dy * y;

    public Vector<float> Invoke(Vector<float> y, Vector<float> dy) => dy * y;
}

/// <summary>log'(x) = 1 / x.</summary>
internal readonly struct LogGradient : IBinaryFunction
{
    public float Invoke(float x, float dy) => dy / x;

    public Vector<float> Invoke(Vector<float> x, Vector<float> dy) => dy / x;
}

/// <summary>softplus(x) = max(x, 0) + log(1 + e^(−|x|)), which never overflows.</summary>
internal readonly struct Softplus : IUnaryFunction
{
    // log(1 + u) for u = e^(−|x|) loses all relative precision once u < ε (x < −17), where softplus(x) ≈ e^x is
    // still representable; log(w)·u/(w − 1) with w = 1 + u is the classic log1p correction (Goldberg 1991).
    public float Invoke(float x)
    {
        float u = MathF.Exp(-MathF.Abs(x)), w = 1f + u;
        float log1pU = w == 1f ? u : MathF.Log(w) * u / (w - 1f);
        return MathF.Max(x, 0f) + log1pU;
    }

    public Vector<float> Invoke(Vector<float> x)
    {
        Vector<float> u = Vector.Exp(-Vector.Abs(x)), w = Vector<float>.One + u;
        Vector<float> corrected = Vector.Log(w) * u / (w - Vector<float>.One);
        Vector<float> log1pU = Vector.ConditionalSelect(Vector.Equals(w, Vector<float>.One), u, corrected);
        return Vector.Max(x, Vector<float>.Zero) + log1pU;
    }
}

/// <summary>softplus'(x) = σ(x).</summary>
internal readonly struct SoftplusGradient : IBinaryFunction
{
    public float Invoke(float x, float dy) => dy / (1f + MathF.Exp(-x));

    public Vector<float> Invoke(Vector<float> x, Vector<float> dy) => dy / (Vector<float>.One + Vector.Exp(-x));
}

/// <summary>√x' = 1 / (2y).</summary>
internal readonly struct SqrtGradient : IBinaryFunction
{
    public float Invoke(float y, float dy) => 0.5f * dy / y;

    public Vector<float> Invoke(Vector<float> y, Vector<float> dy) => new Vector<float>(0.5f) * dy / y;
}

/// <summary>(x²)' = 2x.</summary>
internal readonly struct SquareGradient : IBinaryFunction
{
    public float Invoke(float x, float dy) => 2f * x * dy;

    public Vector<float> Invoke(Vector<float> x, Vector<float> dy) => new Vector<float>(2f) * x * dy;
}

/// <summary>|x|' = sign(x), zero at zero.</summary>
internal readonly struct AbsGradient : IBinaryFunction
{
    public float Invoke(float x, float dy) => x > 0f ? dy : x < 0f ? -dy : 0f;

    public Vector<float> Invoke(Vector<float> x, Vector<float> dy) =>
        Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), dy,
            Vector.ConditionalSelect(Vector.LessThan(x, Vector<float>.Zero), -dy, Vector<float>.Zero));
}
