using Autoencoders.Data.Ratings;

namespace Autoencoders.Nn.Recommendation;

/// <summary>Every rating predicted as the mean training rating μ.</summary>
public sealed class GlobalMeanBaseline(RatingMatrix train) : IRatingPredictor
{
    public string Name => "global_mean";

    public float Mean { get; } = (float)train.Mean();

    public float Predict(int user, int item) => Mean;
}
