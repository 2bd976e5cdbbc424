using Autoencoders.Data;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Presets;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Presets;

public sealed class TimeSeriesPresetTests
{
    [Fact]
    public void TsConvIsTheKerasExampleWith9505ParametersForOneChannel()
    {
        var (model, loss, batch) = TimeSeriesPresets.Create("ts-conv", 288);
        model.Build(new Shape(288));

        Assert.Equal(9505, model.Parameters.TotalCount);
        Assert.Equal("ts-conv", model.Name);
        Assert.Equal(Loss.MeanSquaredError, loss);
        Assert.Equal(128, batch);
        Assert.DoesNotContain("ts-conv", ModelPresets.Names); // ae timeseries's own: they take z-scored windows, not images
    }

    [Fact]
    public void TsConvTakesSeveralChannelsAndGivesThemBack()
    {
        // Only the first and last layers see the channels: 3 in → 32 filters adds 2·32·7 weights, 32 → 3 out adds 2·32·7 + 2.
        var (model, _, _) = TimeSeriesPresets.Create("ts-conv", 96 * 3, channels: 3);
        model.Build(new Shape(96 * 3));

        Assert.Equal(new Shape(288), model.OutputShape);
        Assert.Equal(9505 + 2 * 32 * 7 + 2 * 32 * 7 + 2, model.Parameters.TotalCount);
    }

    [Fact]
    public void TsLstmRepeatsItsCodeOverTheWindow()
    {
        var (model, _, _) = TimeSeriesPresets.Create("ts-lstm", 24 * 2, channels: 2, codeSize: 16);
        model.Build(new Shape(48));

        // LSTM(2 → 16): 4·(16·(2 + 16) + 16); LSTM(16 → 64): 4·(64·(16 + 64) + 64); Dense(64 → 2) per step.
        Assert.Equal(4 * (16 * 18 + 16) + 4 * (64 * 80 + 64) + 64 * 2 + 2, model.Parameters.TotalCount);
        Assert.Equal(16, model.CodeSize);
        Assert.Equal(new Shape(48), model.OutputShape);
    }

    [Fact]
    public void TsVaeLearnsPeriodicWindows()
    {
        var split = SeriesWindows.Generate(trainWindows: 512, testWindows: 64, window: 32, seed: 2);
        var (model, loss, _) = TimeSeriesPresets.Create("ts-vae", 32, codeSize: 4);
        model.Build(new Shape(32), seed: 1);
        model.Compile(new Adam(3e-3f), loss);
        double before = model.Evaluate(split.Test!);
        model.Fit(split.Train, new FitOptions { Epochs = 10, BatchSize = 64 });
        double after = model.Evaluate(split.Test!);

        Assert.True(model.IsVariational);
        // The negative ELBO per window (squared error summed over 32 values + KL): a constant prediction costs about 32.
        Assert.True(after < 0.5 * before && after < 16, $"negative ELBO went from {before:F2} to {after:F2}, expected below half and below 16");
    }
}
