using System.Numerics;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>A function of one element, in a scalar and a SIMD form that must agree.</summary>
internal interface IUnaryFunction
{
    float Invoke(float x);

    Vector<float> Invoke(Vector<float> x);
}

/// <summary>A function of two elements (e.g. an input and an upstream gradient), scalar and SIMD.</summary>
internal interface IBinaryFunction
{
    float Invoke(float a, float b);

    Vector<float> Invoke(Vector<float> a, Vector<float> b);
}

/// <summary>A function of three elements, scalar and SIMD.</summary>
internal interface ITernaryFunction
{
    float Invoke(float a, float b, float c);

    Vector<float> Invoke(Vector<float> a, Vector<float> b, Vector<float> c);
}
