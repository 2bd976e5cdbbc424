namespace Autoencoders.Nn;

/// <summary>
/// A limit on the parameter values that layers built on this thread may allocate, set while a model is rebuilt
/// from a file: the file holds every weight, so an architecture that asks for more values than the file stores is
/// wrong, and must be refused before it allocates them (a 1 KB file saying <c>units: 100000000</c> would otherwise
/// cost gigabytes before the weights are found missing).
/// </summary>
/// <remarks>
/// Thread-static rather than a parameter of <see cref="Models.Model.Build"/>, because the limit is a concern of
/// loading alone and <see cref="Layers.Layer.Build"/> is the one place every parameter is created.
/// </remarks>
internal static class ParameterBudget
{
    [ThreadStatic]
    private static long? remaining;

    /// <summary>Allows <paramref name="values"/> parameter values until the returned scope is disposed.</summary>
    public static Scope Limit(long values)
    {
        long? previous = remaining;
        remaining = values;
        return new Scope(previous);
    }

    /// <summary>Takes <paramref name="values"/> from the budget; throws <see cref="ArgumentException"/> when they do not fit.</summary>
    public static void Spend(long values, string parameter)
    {
        if (remaining is not long left)
            return;
        if (values > left)
            throw new ArgumentException($"parameter {parameter} needs {values} values, but the file holds only {left} more");
        remaining = left - values;
    }

    public readonly struct Scope(long? previous) : IDisposable
    {
        public void Dispose() => remaining = previous;
    }
}
