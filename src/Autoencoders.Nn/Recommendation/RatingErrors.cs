using Autoencoders.Data.Ratings;

namespace Autoencoders.Nn.Recommendation;

/// <summary>RMSE = √(mean (r̂ − r)²) and MAE = mean |r̂ − r| over test ratings, each prediction clamped to the scale first.</summary>
public readonly record struct RatingErrors(double Rmse, double Mae, int Count)
{
    public static RatingErrors Measure(IRatingPredictor predictor, RatingTriples test, RatingScale scale)
    {
        var predictions = new float[test.Count];
        for (int k = 0; k < test.Count; k++) predictions[k] = predictor.Predict(test.Users[k], test.Items[k]);
        return Measure(predictions, test, scale);
    }

    /// <summary>The same over predictions made in a batch (as AutoRec makes them), one per test triple.</summary>
    public static RatingErrors Measure(ReadOnlySpan<float> predictions, RatingTriples test, RatingScale scale)
    {
        double squared = 0, absolute = 0;
        for (int k = 0; k < test.Count; k++)
        {
            double error = scale.Clamp(predictions[k]) - test.Ratings[k];
            squared += error * error;
            absolute += Math.Abs(error);
        }
        int count = Math.Max(1, test.Count);
        return new RatingErrors(Math.Sqrt(squared / count), absolute / count, test.Count);
    }
}
