using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Training;

namespace Autoencoders.Nn.Tests.Training;

/// <summary>Each optimizer really learns: on rank-3 data a 20-16-3-16-20 autoencoder gets far below predicting the mean.</summary>
public sealed class LearningTests
{
    /// <summary>The MSE of predicting every sample as the mean sample: what a network that learned nothing reaches.</summary>
    private static double MeanPredictorError(Autoencoders.Data.Dataset data)
    {
        var mean = new double[data.FeatureCount];
        for (int i = 0; i < data.Count; i++)
            for (int j = 0; j < data.FeatureCount; j++) mean[j] += data.Row(i)[j] / (double)data.Count;
        double sum = 0;
        for (int i = 0; i < data.Count; i++)
            for (int j = 0; j < data.FeatureCount; j++) sum += Math.Pow(data.Row(i)[j] - mean[j], 2);
        return sum / data.Features.Length;
    }

    public static TheoryData<string, float, double> Optimizers => new()
    {
        // name, learning rate, the MSE that 30 epochs must get below (measured: 0.0008, 0.0007, 0.0013)
        { "adam", 0.01f, 0.0025 },
        { "sgd", 1.0f, 0.004 },
        { "rmsprop", 0.003f, 0.004 },
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void LossFallsFarBelowTheMeanPredictor(string optimizer, float learningRate, double threshold)
    {
        var data = LowRankData.Create();
        var model = TinyModels.Compiled(Optimizer.Parse(optimizer, learningRate));
        double initial = model.Evaluate(data);
        double meanPredictor = MeanPredictorError(data); // about 0.0116

        var history = model.Fit(data, new FitOptions { Epochs = 30, BatchSize = 32, Seed = 1 });
        double final = model.Evaluate(data);

        Assert.True(final < threshold, $"{optimizer}: final MSE {final} is not below {threshold}");
        Assert.True(final < meanPredictor / 3, $"{optimizer}: final MSE {final} is not well below the mean predictor's {meanPredictor}");
        Assert.True(final < initial / 20, $"{optimizer}: final MSE {final} is not well below the initial {initial}");
        Assert.True(history.Epochs[^1].Loss < history.Epochs[0].Loss / 5, $"{optimizer}: epoch losses {string.Join(", ", history.Loss)}");
    }

    [Fact]
    public void SgdMomentumIsWhatTheCommandLineGets()
    {
        var sgd = Assert.IsType<Sgd>(Optimizer.Parse("sgd"));

        Assert.Equal(0.9f, sgd.Momentum);
        Assert.Equal(Sgd.DefaultLearningRate, sgd.LearningRate);
    }
}
