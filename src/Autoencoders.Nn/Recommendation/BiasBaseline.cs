using Autoencoders.Data.Ratings;

namespace Autoencoders.Nn.Recommendation;

/// <summary>
/// r̂ = μ + b_u + b_i, the biases fitted by alternating regularised least squares (Koren, "Factor in the neighbors",
/// TKDD 2010, §2.1): b_i = Σ_u (r − μ − b_u) / (λ_i + n_i), then b_u = Σ_i (r − μ − b_i) / (λ_u + n_u), a few rounds.
/// Users and items with no training rating get bias 0: this is the fallback of every model for them.
/// </summary>
public sealed class BiasBaseline : IRatingPredictor
{
    public BiasBaseline(RatingMatrix train, float itemRegularization = 10f, float userRegularization = 5f, int rounds = 8)
    {
        Mean = (float)train.Mean();
        UserBias = new float[train.Rows];
        ItemBias = new float[train.Columns];
        RatingMatrix byItem = train.Transpose();
        for (int round = 0; round < rounds; round++)
        {
            Fit(byItem, UserBias, ItemBias, itemRegularization);
            Fit(train, ItemBias, UserBias, userRegularization);
        }
    }

    /// <summary>A baseline from saved biases.</summary>
    public BiasBaseline(float mean, float[] userBias, float[] itemBias) => (Mean, UserBias, ItemBias) = (mean, userBias, itemBias);

    public string Name => "biases";

    public float Mean { get; }

    public float[] UserBias { get; }

    public float[] ItemBias { get; }

    public float Predict(int user, int item) =>
        Mean + (user < UserBias.Length ? UserBias[user] : 0f) + (item < ItemBias.Length ? ItemBias[item] : 0f);

    // Each row's bias given the other side's: the ridge solution Σ (r − μ − b_other) / (λ + n).
    private void Fit(RatingMatrix rows, float[] otherBias, float[] rowBias, float regularization)
    {
        for (int row = 0; row < rows.Rows; row++)
        {
            ReadOnlySpan<int> others = rows.ColumnsOf(row);
            ReadOnlySpan<float> ratings = rows.ValuesOf(row);
            double sum = 0;
            for (int k = 0; k < others.Length; k++) sum += ratings[k] - Mean - otherBias[others[k]];
            rowBias[row] = (float)(sum / (regularization + others.Length));
        }
    }
}
