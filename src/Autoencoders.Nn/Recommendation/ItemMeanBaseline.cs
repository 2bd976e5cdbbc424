using Autoencoders.Data.Ratings;

namespace Autoencoders.Nn.Recommendation;

/// <summary>Each item's mean training rating; the global mean for an item with none.</summary>
public sealed class ItemMeanBaseline : IRatingPredictor
{
    private readonly float[] means;
    private readonly float globalMean;

    public ItemMeanBaseline(RatingMatrix train)
    {
        globalMean = (float)train.Mean();
        RatingMatrix byItem = train.Transpose();
        means = new float[byItem.Rows];
        for (int item = 0; item < byItem.Rows; item++)
        {
            ReadOnlySpan<float> ratings = byItem.ValuesOf(item);
            double sum = 0;
            foreach (float rating in ratings) sum += rating;
            means[item] = ratings.IsEmpty ? globalMean : (float)(sum / ratings.Length);
        }
    }

    public string Name => "item_mean";

    public float Predict(int user, int item) => item < means.Length ? means[item] : globalMean;
}
