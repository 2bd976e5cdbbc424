using System.Diagnostics;
using System.Threading.Channels;
using Autoencoders.Dashboard.Views;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Training;

namespace Autoencoders.Dashboard.Feed;

/// <summary>
/// The training side of the dashboard: a callback that turns batches and epochs into events. A batch costs a clock read
/// and one <c>TryWrite</c> of a struct into a bounded drop-oldest queue — it never waits and allocates nothing; a
/// background pump serializes the events into the run's <see cref="RunFeed"/>. Between epochs it also publishes the
/// <see cref="RunSnapshots"/> (one forward pass over a few hundred samples, on the training thread so it sees that
/// epoch's weights).
/// </summary>
public sealed class LiveTrainingFeed : Callback, IAsyncDisposable
{
    /// <summary>Events the pump may fall behind by before the oldest are dropped (the training thread never waits).</summary>
    public const int QueueCapacity = 4096;

    private readonly DashboardRun run;
    private readonly RunSnapshots? snapshots;
    private readonly Channel<TrainingEvent> queue = Channel.CreateBounded<TrainingEvent>(new BoundedChannelOptions(QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true,
    });
    private readonly Task pump;
    private readonly Stopwatch epochClock = new();
    private int epochs, batchesPerEpoch;
    private long epochSamples;

    /// <param name="snapshots">What to refresh each epoch; null for none (a model that is not an autoencoder).</param>
    public LiveTrainingFeed(DashboardRun run, RunSnapshots? snapshots)
    {
        ArgumentNullException.ThrowIfNull(run);
        this.run = run;
        this.snapshots = snapshots;
        pump = Task.Run(PumpAsync);
    }

    /// <summary>Batch and epoch events the training thread has handed over (dropped ones included).</summary>
    public long Written { get; private set; }

    public override void OnTrainBegin(TrainingContext context)
    {
        epochs = context.Options.Epochs;
        batchesPerEpoch = context.BatchesPerEpoch;
        run.Publish(new
        {
            type = "run", name = run.Name, model = context.Model.Name, epochs, batchesPerEpoch, trainSamples = context.TrainSamples,
            variational = run.Decoder is not null, live = true,
        });
    }

    public override void OnEpochBegin(TrainingContext context, int epoch)
    {
        epochSamples = 0;
        epochClock.Restart();
    }

    public override void OnBatchEnd(TrainingContext context, BatchLogs logs)
    {
        epochSamples += logs.Samples;
        double seconds = epochClock.Elapsed.TotalSeconds;
        int done = Math.Min(logs.Batch + 1, batchesPerEpoch); // batches are counted from 0
        double perBatch = seconds / done;
        double eta = perBatch * ((long)(epochs - logs.Epoch) * batchesPerEpoch + batchesPerEpoch - done);
        Write(new TrainingEvent("batch", logs.Epoch, logs.Batch, logs.Loss, null, seconds > 0 ? epochSamples / seconds : 0, eta));
    }

    public override void OnEpochEnd(TrainingContext context, EpochLogs logs)
    {
        double eta = logs.Seconds * (epochs - logs.Epoch);
        Write(new TrainingEvent("epoch", logs.Epoch, batchesPerEpoch, logs.Loss, logs.ValidationLoss, logs.SamplesPerSecond, eta, logs.Metrics));
        if (snapshots is not null && context.Model is Autoencoder autoencoder) snapshots.Publish(autoencoder, logs.Epoch);
    }

    public override void OnTrainEnd(TrainingContext context) => Write(new TrainingEvent("end", 0, 0, 0, null, 0, 0));

    /// <summary>Lets the pump send what is queued, then stops it.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await pump;
    }

    private void Write(TrainingEvent item)
    {
        Written++;
        queue.Writer.TryWrite(item);
    }

    private async Task PumpAsync()
    {
        await foreach (var item in queue.Reader.ReadAllAsync())
        {
            run.Feed.Publish(item.Type switch
            {
                "batch" => FeedJson.Write(new { type = item.Type, epoch = item.Epoch, batch = item.Batch, loss = item.Loss, samplesPerSecond = item.SamplesPerSecond, etaSeconds = item.EtaSeconds }),
                "epoch" => FeedJson.Write(new
                {
                    type = item.Type, epoch = item.Epoch, loss = item.Loss, valLoss = item.ValidationLoss, samplesPerSecond = item.SamplesPerSecond,
                    etaSeconds = item.EtaSeconds, metrics = item.Metrics,
                }),
                _ => FeedJson.Write(new { type = item.Type }),
            });
        }
    }
}
