using Autoencoders.Data;
using Autoencoders.Data.Ratings;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Nn.Recommendation;

/// <summary>The errors on a split's test side after one epoch of <see cref="AutoRecTraining.Fit"/>.</summary>
public readonly record struct AutoRecEpoch(int Epoch, double TrainRmse, RatingErrors Test, int FallbackCount);

/// <summary>
/// Trains a fresh AutoRec on a split's training side, epoch by epoch, measuring the split's test side after each: the one
/// training loop behind <c>ae recommend train</c>, its λ search (where the split is a validation carve) and the tests.
/// </summary>
public static class AutoRecTraining
{
    /// <summary>
    /// Builds the network from <paramref name="options"/> (learning residuals of <paramref name="biases"/> when
    /// <see cref="AutoRecOptions.Residuals"/>; <paramref name="biases"/> also predict users and items with no training
    /// rating), trains up to <paramref name="epochs"/> epochs and calls <paramref name="afterEpoch"/> after each; a false
    /// from it stops the training there (early stopping). Returns the model and the rows it reconstructs.
    /// </summary>
    public static (AutoRec Model, RatingMatrix Rows) Fit(ExplicitSplit split, BiasBaseline biases, AutoRecOptions options, int epochs,
        IComputeBackend backend, Func<AutoRecEpoch, bool> afterEpoch)
    {
        var model = new AutoRec(options.ItemBased, options.ItemBased ? split.Train.Rows : split.Train.Columns, options.Hidden, options.Seed, backend)
        {
            Regularization = options.Regularization,
            InputDropout = options.InputDropout,
            Baseline = options.Residuals ? biases : null,
        };
        RatingMatrix rows = model.RowsOf(split.Train);
        model.StartOutputBiasAtMeans(rows);
        var optimizer = new Adam(options.LearningRate);
        var random = new DeterministicRandom(options.Seed ^ 0xA07E5EC);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            double trainRmse = model.TrainEpoch(rows, optimizer, options.Batch, random, epoch);
            float[] predictions = model.Predict(rows, split.Test, biases, out int fallbackCount);
            if (!afterEpoch(new AutoRecEpoch(epoch, trainRmse, RatingErrors.Measure(predictions, split.Test, split.Scale), fallbackCount)))
                break;
        }
        return (model, rows);
    }
}
