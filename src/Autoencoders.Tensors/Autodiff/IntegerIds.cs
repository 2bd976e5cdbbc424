namespace Autoencoders.Tensors.Autodiff;

/// <summary>Checks that float32 ids (token ids, class ids) are integers in [0, count), naming the first that is not
/// and where it sits, e.g. "token id 57 at [3, 1] is outside the vocabulary of 50".</summary>
public static class IntegerIds
{
    /// <summary>Token ids of a vocabulary of <paramref name="count"/>.</summary>
    public static void RequireTokens(Tensor ids, int count) => Require(ids, count, tokens: true);

    /// <summary>Class ids of <paramref name="count"/> classes.</summary>
    public static void RequireClasses(Tensor ids, int count) => Require(ids, count, tokens: false);

    // The message is built only on failure: this runs every step, which must allocate nothing.
    private static void Require(Tensor ids, int count, bool tokens)
    {
        ReadOnlySpan<float> values = ids.Span;
        for (int i = 0; i < values.Length; i++)
        {
            float id = values[i];
            // Written so that NaN fails too.
            if (id >= 0f && id < count && id == MathF.Floor(id))
                continue;
            string range = tokens ? $"the vocabulary of {count}" : $"the {count} classes";
            string problem = float.IsFinite(id) && id == MathF.Floor(id) ? $"is outside {range}" : "is not an integer";
            throw new ArgumentException($"{(tokens ? "token id" : "class id")} {id:G9} at {Position(ids.Shape, i)} {problem}");
        }
    }

    /// <summary>The multi-index of flat index <paramref name="index"/> in <paramref name="shape"/>, as "[3, 1]".</summary>
    private static string Position(Shape shape, int index)
    {
        var dims = new int[Math.Max(1, shape.Rank)];
        for (int d = shape.Rank - 1; d >= 0; d--)
        {
            dims[d] = index % shape[d];
            index /= shape[d];
        }
        return "[" + string.Join(", ", dims) + "]";
    }
}
