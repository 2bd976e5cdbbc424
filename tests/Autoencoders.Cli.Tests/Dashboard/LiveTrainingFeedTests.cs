using System.Diagnostics;
using System.Text.Json;
using Autoencoders.Dashboard;
using Autoencoders.Dashboard.Feed;
using Autoencoders.Dashboard.Views;
using Autoencoders.Data;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Presets;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;

namespace Autoencoders.Cli.Tests.Dashboard;

/// <summary>
/// The feed gathers batch losses into a few events a second (one per batch cost a fifth of the throughput with a page
/// open) without losing one: every batch's loss arrives, in order, numbered within its epoch.
/// </summary>
public sealed class LiveTrainingFeedTests
{
    [Fact]
    public async Task FastBatchesArriveGatheredEveryOneInOrder()
    {
        const int epochs = 3, batchesPerEpoch = 700;
        var run = new DashboardRun("fast");
        var feed = new LiveTrainingFeed(run, snapshots: null);
        var clock = Stopwatch.StartNew();
        Train(feed, epochs, batchesPerEpoch, pause: TimeSpan.Zero);
        await feed.DisposeAsync();
        double seconds = clock.Elapsed.TotalSeconds;

        var batches = Events(run, "batches");
        // At most one timed flush per FlushInterval, plus the one at each epoch's end.
        Assert.InRange(batches.Count, epochs, epochs + (int)(seconds / LiveTrainingFeed.FlushInterval.TotalSeconds) + 1);
        AssertEveryBatchInOrder(batches, epochs, batchesPerEpoch);
        Assert.Equal(epochs, Events(run, "epoch").Count);
    }

    [Fact]
    public async Task SlowBatchesArriveWhileTheEpochRuns()
    {
        const int batchesPerEpoch = 8;
        var run = new DashboardRun("slow");
        var feed = new LiveTrainingFeed(run, snapshots: null);
        Train(feed, epochs: 1, batchesPerEpoch, pause: TimeSpan.FromMilliseconds(200));
        await feed.DisposeAsync();

        var batches = Events(run, "batches");
        // 1.6 s of batches flushed every FlushInterval (500 ms): the page sees them during the epoch, not only at its end.
        Assert.InRange(batches.Count, 2, batchesPerEpoch);
        AssertEveryBatchInOrder(batches, 1, batchesPerEpoch);
    }

    [Fact]
    public async Task FastEpochsGetAtMostASnapshotASecondAndTheLastOneAlways()
    {
        const int epochs = 40;
        var run = new DashboardRun("snapshots");
        var (model, _) = ModelPresets.Create("dense", 16);
        model.Build(new Shape(16), 1);
        var samples = new Dataset([.. Enumerable.Range(0, 20 * 16).Select(i => (i % 7) / 7f)], 16);
        var feed = new LiveTrainingFeed(run, new RunSnapshots(run, samples));
        var clock = Stopwatch.StartNew();
        Train(feed, epochs, batchesPerEpoch: 2, pause: TimeSpan.FromMilliseconds(20), model); // 40 epochs of 40 ms
        await feed.DisposeAsync();

        var shown = Events(run, "snapshot").Select(message => message.GetProperty("epoch").GetInt32()).ToList();
        Assert.Equal(1, shown[0]);
        Assert.Equal(epochs, shown[^1]);
        Assert.InRange(shown.Count, 2, 2 + (int)(clock.Elapsed / LiveTrainingFeed.SnapshotInterval));
    }

    /// <summary>What the trainer calls, with batch b of epoch e reporting the loss e + b / 1000.</summary>
    private static void Train(LiveTrainingFeed feed, int epochs, int batchesPerEpoch, TimeSpan pause, Autoencoder? trained = null)
    {
        var model = trained ?? ModelPresets.Create("dense", 16).Model;
        var context = new TrainingContext(model, new FitOptions { Epochs = epochs }, new History(), batchesPerEpoch * 32, batchesPerEpoch);
        feed.OnTrainBegin(context);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            feed.OnEpochBegin(context, epoch);
            for (int batch = 0; batch < batchesPerEpoch; batch++)
            {
                if (pause > TimeSpan.Zero) Thread.Sleep(pause);
                feed.OnBatchEnd(context, new BatchLogs(epoch, batch, 32, epoch + batch / 1000f));
            }
            feed.OnEpochEnd(context, new EpochLogs(epoch, epoch, null, 1, 1000));
        }
        feed.OnTrainEnd(context);
    }

    private static void AssertEveryBatchInOrder(List<JsonElement> batches, int epochs, int batchesPerEpoch)
    {
        var seen = new List<(int Epoch, int Batch, float Loss)>();
        foreach (var message in batches)
        {
            int epoch = message.GetProperty("epoch").GetInt32(), first = message.GetProperty("firstBatch").GetInt32();
            var losses = message.GetProperty("losses").EnumerateArray().Select(loss => loss.GetSingle()).ToArray();
            Assert.NotEmpty(losses);
            for (int i = 0; i < losses.Length; i++) seen.Add((epoch, first + i, losses[i]));
        }
        var expected = Enumerable.Range(1, epochs)
            .SelectMany(epoch => Enumerable.Range(0, batchesPerEpoch).Select(batch => (epoch, batch, epoch + batch / 1000f)))
            .ToList();
        Assert.Equal(expected, seen);
    }

    private static List<JsonElement> Events(DashboardRun run, string type)
    {
        using var subscription = run.Feed.Subscribe();
        return subscription.Past.Select(json => JsonDocument.Parse(json).RootElement)
            .Where(message => message.GetProperty("type").GetString() == type).ToList();
    }
}
