namespace Autoencoders.Tensors.Tests;

/// <summary>Closeness assertions that name the element and both values when they fail.</summary>
public static class Near
{
    /// <summary>|actual − expected| ≤ absolute + relative · |expected|, element by element; infinities must match exactly.</summary>
    public static void All(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double relative, double absolute, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} values, received {actual.Length}");
        for (int i = 0; i < expected.Length; i++)
            One(expected[i], actual[i], relative, absolute, $"{what}, element {i}");
    }

    public static void One(double expected, double actual, double relative, double absolute, string what)
    {
        if (double.IsInfinity(expected) || double.IsNaN(expected))
        {
            Assert.True(expected.Equals(actual), $"{what}: expected {expected}, received {actual:G9}");
            return;
        }
        double allowed = absolute + relative * Math.Abs(expected);
        Assert.True(Math.Abs(actual - expected) <= allowed,
            $"{what}: expected {expected:G9}, received {actual:G9} (difference {Math.Abs(actual - expected):G3}, allowed {allowed:G3})");
    }
}
