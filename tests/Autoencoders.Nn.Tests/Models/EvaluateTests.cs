using Autoencoders.Data;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Training;

namespace Autoencoders.Nn.Tests.Models;

/// <summary>Evaluate gives the dataset's loss, computed here by hand from Predict.</summary>
public sealed class EvaluateTests
{
    private readonly Dataset data = LowRankData.Create(count: 300);

    private Autoencoders.Nn.Models.Autoencoder Trained(Loss loss)
    {
        var model = TinyModels.Compiled(new Adam(0.01f), loss);
        model.Fit(data, new FitOptions { Epochs = 2, BatchSize = 32 });
        return model;
    }

    private double MeanOverElements(float[] predictions, Func<double, double, double> term)
    {
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++) sum += term(predictions[i], data.Features[i]);
        return sum / predictions.Length;
    }

    [Fact]
    public void MeanSquaredErrorMatchesTheHandComputedMean()
    {
        var model = Trained(Loss.MeanSquaredError);
        double expected = MeanOverElements(model.Predict(data), (p, x) => (p - x) * (p - x));

        // Batches of 64 leave a partial last batch of 44: the figure must not be a mean of batch means.
        Assert.Equal(expected, model.Evaluate(data, batchSize: 64), 1e-7);
        Assert.Equal(expected, model.Evaluate(data), 1e-7);
    }

    [Fact]
    public void BinaryCrossEntropyMatchesTheHandComputedMean()
    {
        var model = Trained(Loss.BinaryCrossEntropy);
        double expected = MeanOverElements(model.Predict(data), (p, x) => -(x * Math.Log(p) + (1 - x) * Math.Log(1 - p)));

        Assert.Equal(expected, model.Evaluate(data, batchSize: 64), 1e-5);
    }

    [Fact]
    public void RootMeanSquaredErrorIsTheRootOfTheDatasetsMeanSquaredError()
    {
        var model = Trained(Loss.RootMeanSquaredError);
        double mse = MeanOverElements(model.Predict(data), (p, x) => (p - x) * (p - x));

        Assert.Equal(Math.Sqrt(mse), model.Evaluate(data, batchSize: 64), 1e-7);
        model.Compile(model.Optimizer!, Loss.MeanSquaredError);
        double datasetMse = model.Evaluate(data, batchSize: 64);
        model.Compile(model.Optimizer!, Loss.RootMeanSquaredError);
        Assert.Equal(Math.Sqrt(datasetMse), model.Evaluate(data, batchSize: 64));
    }

    [Fact]
    public void MeanAbsoluteErrorIsTheDatasetsMeanOfAbsoluteErrors()
    {
        var model = Trained(Loss.MeanAbsoluteError);
        double mae = MeanOverElements(model.Predict(data), (p, x) => Math.Abs(p - x));

        Assert.Equal(mae, model.Evaluate(data, batchSize: 64), 1e-6);
        Assert.Same(Loss.MeanAbsoluteError, Loss.Parse("l1"));
    }

    [Fact]
    public void SeparateTargetsAreCompared()
    {
        var model = Trained(Loss.MeanSquaredError);
        // Targets that differ row by row (zeros did not), so a batch compared with another batch's targets shows.
        float[] p = model.Predict(data), t = [.. data.Features.Select(x => 1f - x)];
        var targets = new Dataset(t, data.FeatureCount);
        double expected = p.Select((value, i) => ((double)value - t[i]) * ((double)value - t[i])).Average();

        Assert.Equal(expected, model.Evaluate(data, targets, batchSize: 64), 1e-7);
    }

    [Fact]
    public void ANonPositiveBatchSizeIsRejected()
    {
        var model = Trained(Loss.MeanSquaredError);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Evaluate(data, batchSize: 0));

        Assert.Contains("received 0", error.Message);
    }
}
