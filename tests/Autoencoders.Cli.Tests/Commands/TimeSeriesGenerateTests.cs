using System.Globalization;
using System.Text;
using Autoencoders.Applications.Series;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary><c>ae timeseries generate</c> from a ts-vae, and multivariate training split by <c>--train-until</c>.</summary>
public sealed class TimeSeriesGenerateTests
{
    [Fact]
    public void VaeSamplesKeepTheTrainingWindowsDominantPeriod()
    {
        using var folder = new TemporaryFolder();
        // Period 12 in windows of 48: the periodogram's strongest bin is k = 4 for training windows and, if the VAE learnt them, for samples.
        string data = SeriesFiles.Periodic(folder.File("s.csv"), 1200, 12, 0.3, 1);
        var train = Ae.Run("timeseries", "train", "--data", data, "--model", "ts-vae", "--window", "48", "--stride", "2", "--epochs", "25", "--batch", "32",
            "--lr", "0.003", "--seed", "1", "--threads", "1", "--out", folder.File("vae"));
        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Equal("dominant period 12 steps", ModelFile.Load(Path.Combine(folder.File("vae"), "model.safetensors")).Metadata["timeseries.training_period"]);
        string samples = folder.File("samples.csv"), plot = folder.File("samples.png");

        var run = Ae.Run("timeseries", "generate", "--model", folder.File("vae"), "--count", "32", "--out", samples, "--plot", plot);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("dominant period of their mean periodogram 12 steps, the training windows' dominant period 12 steps", run.Output);
        string[] lines = File.ReadAllLines(samples);
        Assert.Equal("sample,step,value", lines[0]);
        Assert.Equal(32 * 48 + 1, lines.Length);
        // In the series' units again: around the level 20 with the sine's ±10.
        double[] values = [.. lines.Skip(1).Select(l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture))];
        Assert.InRange(values.Average(), 17, 23);
        Assert.InRange(values.Max() - values.Min(), 12, 30);
        Assert.True(File.Exists(plot));
    }

    [Fact]
    public void GenerateNeedsAVae()
    {
        using var folder = new TemporaryFolder();
        string data = SeriesFiles.Periodic(folder.File("s.csv"), 64, 16, 0.1, 1);
        Assert.Equal(0, Ae.Run("timeseries", "train", "--data", data, "--window", "16", "--epochs", "1", "--out", folder.File("conv")).ExitCode);

        var run = Ae.Run("timeseries", "generate", "--model", folder.File("conv"), "--out", folder.File("x.csv"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("a ts-conv has no prior to sample from", run.Error);
        Assert.False(File.Exists(folder.File("x.csv")));
    }

    [Fact]
    public void MultivariateWindowsSplitByTimeKeepTheirChannels()
    {
        using var folder = new TemporaryFolder();
        var csv = new StringBuilder("time,a,b,ignored\n");
        for (int t = 0; t < 100; t++)
            csv.Append(CultureInfo.InvariantCulture, $"{t},{Math.Sin(t / 3.0):F4},{100 + 5 * Math.Cos(t / 3.0):F4},x\n");
        string data = folder.WriteText("m.csv", csv.ToString());

        var run = Ae.Run("timeseries", "train", "--data", data, "--columns", "b,a", "--model", "ts-lstm", "--code", "8", "--window", "12",
            "--train-until", "59", "--epochs", "2", "--out", folder.File("lstm"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("on 49 windows of 12 × 2 every 1 steps, val_loss on 29 windows after 59", run.Output); // 60 steps to train, 40 held out
        var settings = SeriesModelSettings.Read(ModelFile.Load(Path.Combine(folder.File("lstm"), "model.safetensors")).Metadata)!;
        Assert.Equal(["b", "a"], settings.Channels);
        Assert.Equal(100, settings.Scaler.Mean[0], 1.0);
        string[] firstEpoch = File.ReadAllLines(Path.Combine(folder.File("lstm"), "history.csv"))[1].Split(',');
        Assert.True(double.Parse(firstEpoch[2], CultureInfo.InvariantCulture) > 0); // val_loss measured on the held-out steps
    }
}
