using System.Numerics;

namespace Autoencoders.Tensors.Backends.Cpu;

// Per-element loss terms and their gradients, as (prediction, target) → value.

/// <summary>(p − t)².</summary>
internal readonly struct SquaredError : IBinaryFunction
{
    public float Invoke(float p, float t) => (p - t) * (p - t);

    public Vector<float> Invoke(Vector<float> p, Vector<float> t) => (p - t) * (p - t);
}

/// <summary>scale · 2 (p − t).</summary>
internal readonly struct SquaredErrorGradient(float scale) : IBinaryFunction
{
    public float Invoke(float p, float t) => 2f * scale * (p - t);

    public Vector<float> Invoke(Vector<float> p, Vector<float> t) => new Vector<float>(2f * scale) * (p - t);
}

/// <summary>−[t log p + (1 − t) log(1 − p)], logs clamped at −100 as in PyTorch.</summary>
internal readonly struct BinaryCrossEntropy : IBinaryFunction
{
    private const float LogFloor = -100f;

    public float Invoke(float p, float t) =>
        -(t * MathF.Max(MathF.Log(p), LogFloor) + (1f - t) * MathF.Max(MathF.Log(1f - p), LogFloor));

    public Vector<float> Invoke(Vector<float> p, Vector<float> t)
    {
        var floor = new Vector<float>(LogFloor);
        var logP = Vector.Max(Vector.Log(p), floor);
        var logQ = Vector.Max(Vector.Log(Vector<float>.One - p), floor);
        return -(t * logP + (Vector<float>.One - t) * logQ);
    }
}

/// <summary>scale · (p − t) / max(p (1 − p), 1e−12), PyTorch's guarded form.</summary>
internal readonly struct BinaryCrossEntropyGradient(float scale) : IBinaryFunction
{
    private const float Epsilon = 1e-12f;

    public float Invoke(float p, float t) => scale * (p - t) / MathF.Max(p * (1f - p), Epsilon);

    public Vector<float> Invoke(Vector<float> p, Vector<float> t) =>
        new Vector<float>(scale) * (p - t) / Vector.Max(p * (Vector<float>.One - p), new Vector<float>(Epsilon));
}

/// <summary>max(z, 0) − z t + log(1 + e^(−|z|)): binary cross-entropy on logits, stable for any z.</summary>
internal readonly struct BinaryCrossEntropyWithLogits : IBinaryFunction
{
    public float Invoke(float z, float t) => MathF.Max(z, 0f) - z * t + MathF.Log(1f + MathF.Exp(-MathF.Abs(z)));

    public Vector<float> Invoke(Vector<float> z, Vector<float> t) =>
        Vector.Max(z, Vector<float>.Zero) - z * t + Vector.Log(Vector<float>.One + Vector.Exp(-Vector.Abs(z)));
}

/// <summary>The same as <see cref="BinaryCrossEntropyWithLogits"/> given p = σ(z) too:
/// max(z, 0) − z t − log max(p, 1 − p). The log's argument is at least ½, so it is well conditioned.</summary>
internal readonly struct BinaryCrossEntropyWithSigmoid : ITernaryFunction
{
    public float Invoke(float z, float p, float t) => MathF.Max(z, 0f) - z * t - MathF.Log(MathF.Max(p, 1f - p));

    public Vector<float> Invoke(Vector<float> z, Vector<float> p, Vector<float> t) =>
        Vector.Max(z, Vector<float>.Zero) - z * t - Vector.Log(Vector.Max(p, Vector<float>.One - p));
}

/// <summary>scale · (σ(z) − t), computing σ(z) from the logits.</summary>
internal readonly struct BinaryCrossEntropyWithLogitsGradient(float scale) : IBinaryFunction
{
    public float Invoke(float z, float t) => scale * (1f / (1f + MathF.Exp(-z)) - t);

    public Vector<float> Invoke(Vector<float> z, Vector<float> t) =>
        new Vector<float>(scale) * (Vector<float>.One / (Vector<float>.One + Vector.Exp(-z)) - t);
}

/// <summary>scale · (s − t), where s = σ(z) is already known (the model's output).</summary>
internal readonly struct ScaledDifference(float scale) : IBinaryFunction
{
    public float Invoke(float s, float t) => scale * (s - t);

    public Vector<float> Invoke(Vector<float> s, Vector<float> t) => new Vector<float>(scale) * (s - t);
}
