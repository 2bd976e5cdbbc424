using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// KATE's k-competitive layer (Chen &amp; Zaki, "KATE: K-Competitive Autoencoder for Text", KDD 2017,
/// https://arxiv.org/abs/1705.02033), after a tanh code layer. While training, in each row the ⌊k/2⌋ largest positive
/// values and the k − ⌊k/2⌋ most negative values win; every other value is zeroed and its energy goes to the winners
/// of its sign, amplified by α: <c>winner + α · Σ losers of the same sign</c>. Gradients reach the losers through that
/// sum, as in the authors' TensorFlow code. Outside training the layer is the identity, as theirs is.
/// </summary>
public sealed class KCompetitive : Layer
{
    /// <summary>The authors' amplification, 6.26.</summary>
    public const float DefaultAlpha = 6.26f;

    public KCompetitive(int k, float alpha = DefaultAlpha)
    {
        if (k < 1)
            throw new ArgumentOutOfRangeException(nameof(k), $"expected at least 1 winner, received {k}");
        if (!(alpha >= 0 && float.IsFinite(alpha)))
            throw new ArgumentOutOfRangeException(nameof(alpha), $"expected an amplification of at least 0, received {alpha}");
        K = k;
        Alpha = alpha;
    }

    public override string TypeName => "KCompetitive";

    /// <summary>Winners per row: ⌊k/2⌋ positive and k − ⌊k/2⌋ negative.</summary>
    public int K { get; }

    public float Alpha { get; }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (inputShape.Rank != 1)
            throw new ArgumentException($"KCompetitive expected flat codes (units), received shape {inputShape}");
        if (K > inputShape[0])
            throw new ArgumentException($"KCompetitive expected k ≤ the {inputShape[0]} units before it, received k = {K}");
        return inputShape;
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training) // x (N, D)
    {
        if (!training) return x;
        int rows = x.Rows, units = x.Columns;
        Tensor winners = graph.NewTensor(x.Shape), positiveWinners = graph.NewTensor(x.Shape), negativeWinners = graph.NewTensor(x.Shape);
        Tensor positiveLosers = graph.NewTensor(x.Shape), negativeLosers = graph.NewTensor(x.Shape);
        // A graph's tensors reuse the last step's memory: the masks start from zero here, then winners are set.
        foreach (Tensor mask in (ReadOnlySpan<Tensor>)[winners, positiveWinners, negativeWinners, positiveLosers, negativeLosers]) mask.Span.Clear();
        int positives = K / 2, negatives = K - positives;
        Span<bool> won = units <= 1024 ? stackalloc bool[units] : new bool[units];
        ReadOnlySpan<float> values = x.Span;
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> z = values.Slice(row * units, units);
            int offset = row * units;
            // The ⌊k/2⌋ largest max(z, 0) win (zeros may win where fewer values are positive; they carry nothing).
            SelectWinners(z, won, positives, sign: 1f);
            for (int unit = 0; unit < units; unit++)
            {
                if (won[unit]) positiveWinners.Span[offset + unit] = winners.Span[offset + unit] = 1f;
                else if (z[unit] > 0) positiveLosers.Span[offset + unit] = 1f;
            }
            SelectWinners(z, won, negatives, sign: -1f);
            for (int unit = 0; unit < units; unit++)
            {
                if (won[unit]) negativeWinners.Span[offset + unit] = winners.Span[offset + unit] = 1f;
                else if (z[unit] < 0) negativeLosers.Span[offset + unit] = 1f;
            }
        }
        Tensor kept = graph.Multiply(x, winners);
        Tensor ones = graph.Constant(new Shape(units, 1), Ones(units));
        Tensor spread = graph.Constant(new Shape(1, units), Ones(units));
        // Σ losers of one sign per row (N, 1), spread back over the row's winners of that sign.
        Tensor Energy(Tensor losers, Tensor winnersOfSign) =>
            graph.Multiply(graph.MatMul(graph.MatMul(graph.Multiply(x, losers), ones), spread), winnersOfSign);
        Tensor moved = graph.Add(Energy(positiveLosers, positiveWinners), Energy(negativeLosers, negativeWinners));
        return graph.Add(kept, graph.Scale(moved, Alpha));
    }

    /// <summary>Marks the <paramref name="count"/> units of largest max(sign · z, 0), ties to the lower unit as top_k:
    /// k passes of an argmax, cheaper than a sort for the few winners of a code and free of allocation.</summary>
    private static void SelectWinners(ReadOnlySpan<float> z, Span<bool> won, int count, float sign)
    {
        won.Clear();
        for (int pick = 0; pick < count; pick++)
        {
            int best = -1;
            float bestValue = float.NegativeInfinity;
            for (int unit = 0; unit < z.Length; unit++)
            {
                float value = Math.Max(sign * z[unit], 0f);
                if (!won[unit] && value > bestValue) (best, bestValue) = (unit, value);
            }
            won[best] = true;
        }
    }

    private static float[] Ones(int count)
    {
        var ones = new float[count];
        Array.Fill(ones, 1f);
        return ones;
    }

    public override JsonObject GetConfig() => Config(("k", K), ("alpha", Alpha));

    internal static KCompetitive FromConfig(LayerConfig c) =>
        new(c.RequiredInteger("k"), c.Real("alpha") ?? DefaultAlpha);
}
