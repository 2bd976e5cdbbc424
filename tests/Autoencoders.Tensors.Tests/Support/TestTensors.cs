namespace Autoencoders.Tensors.Tests;

/// <summary>Tensors with seeded random contents, and views with guard values around them.</summary>
public static class TestTensors
{
    /// <summary>The value written around views: any kernel that writes outside its tensor changes it.</summary>
    public const float Guard = -12345.5f;

    public static float[] Uniform(Random random, int length, float low = -1f, float high = 1f)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = low + (high - low) * random.NextSingle();
        return values;
    }

    /// <summary>Values with |v| in [low, high] and random signs: clear of the kinks of ReLU, LeakyReLU and Abs at 0.</summary>
    public static float[] AwayFromZero(Random random, int length, float low = 0.2f, float high = 1.5f)
    {
        var values = Uniform(random, length, low, high);
        for (int i = 0; i < length; i++)
            if (random.Next(2) == 0) values[i] = -values[i];
        return values;
    }

    /// <summary>A leaf that requires a gradient.</summary>
    public static Tensor Leaf(Shape shape, float[] values) => new(shape, values) { RequiresGrad = true };

    public static Tensor Leaf(Shape shape, Random random, float low = -1f, float high = 1f) =>
        Leaf(shape, Uniform(random, shape.ElementCount, low, high));

    /// <summary>A view at <paramref name="offset"/> into a larger buffer whose other elements hold <see cref="Guard"/>.</summary>
    public static Tensor GuardedView(Shape shape, ReadOnlySpan<float> values, int offset = 5, int after = 7)
    {
        var buffer = new float[offset + shape.ElementCount + after];
        Array.Fill(buffer, Guard);
        var view = new Tensor(buffer, offset, shape);
        values.CopyTo(view.Span);
        return view;
    }

    /// <summary>Asserts that nothing outside the view was written.</summary>
    public static void AssertGuardsIntact(Tensor view, string what)
    {
        float[] buffer = view.Buffer;
        for (int i = 0; i < buffer.Length; i++)
            if (i < view.Offset || i >= view.Offset + view.Length)
                Assert.True(buffer[i] == Guard, $"{what}: element {i} of the buffer, outside the view [{view.Offset}, {view.Offset + view.Length}), was overwritten with {buffer[i]}");
    }
}
