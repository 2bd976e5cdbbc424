using System.Diagnostics;
using System.Threading.Channels;
using Autoencoders.Dashboard.Views;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Training;

namespace Autoencoders.Dashboard.Feed;

/// <summary>
/// The training side of the dashboard: a callback that turns batches and epochs into events. A batch costs a clock read
/// and a store of its loss into a preallocated buffer — it never waits and allocates nothing. The buffered losses go as
/// one <c>batches</c> event every <see cref="FlushInterval"/> and at each epoch's end; and events, epochs' included, are
/// released at most once every <see cref="FlushInterval"/> (the ones in between held on the training thread), as structs
/// written with <c>TryWrite</c> into a bounded drop-oldest queue to a background pump that serializes them into the
/// run's <see cref="RunFeed"/>. One event per batch — hundreds a second — cost a fifth of the throughput with a page
/// open: each woke the pump, the viewer's stream and the browser's threads on a machine whose cores the training keeps
/// busy, and with fast epochs their end events did the same four times a second. Between epochs
/// the feed also publishes the <see cref="RunSnapshots"/> (one forward pass over a few hundred samples, on the
/// training thread so it sees that epoch's weights), at most one every <see cref="SnapshotInterval"/>.
/// </summary>
public sealed class LiveTrainingFeed : Callback, IAsyncDisposable
{
    /// <summary>Events the pump may fall behind by before the oldest are dropped (the training thread never waits).</summary>
    public const int QueueCapacity = 4096;

    /// <summary>How long batch losses are gathered before they are sent, and the shortest time between two releases of
    /// events: the page redraws at most this often anyway.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The shortest time between two snapshots: each epoch's, unless epochs take less (dense runs four a
    /// second here), and always the last epoch's.</summary>
    public static readonly TimeSpan SnapshotInterval = TimeSpan.FromSeconds(1);

    private readonly DashboardRun run;
    private readonly RunSnapshots? snapshots;
    private readonly Channel<TrainingEvent> queue = Channel.CreateBounded<TrainingEvent>(new BoundedChannelOptions(QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true,
    });
    private readonly Task pump;
    private readonly Stopwatch epochClock = new();
    private readonly Stopwatch snapshotClock = new();
    private int unshownEpoch;
    private int epochs, batchesPerEpoch;
    private long epochSamples;
    private float[] pendingLosses = [];
    private int pendingCount, pendingFirstBatch;
    private TimeSpan lastFlush;
    private readonly Stopwatch runClock = new();
    private readonly List<TrainingEvent> held = new(capacity: 64);
    private TimeSpan lastRelease;

    /// <param name="snapshots">What to refresh after epochs; null for none (a model that is not an autoencoder).</param>
    public LiveTrainingFeed(DashboardRun run, RunSnapshots? snapshots)
    {
        ArgumentNullException.ThrowIfNull(run);
        this.run = run;
        this.snapshots = snapshots;
        pump = Task.Run(PumpAsync);
    }

    /// <summary>Events the training thread has handed over (dropped ones included).</summary>
    public long Written { get; private set; }

    public override void OnTrainBegin(TrainingContext context)
    {
        epochs = context.Options.Epochs;
        batchesPerEpoch = context.BatchesPerEpoch;
        pendingLosses = new float[Math.Max(1, batchesPerEpoch)]; // an epoch's end always flushes, so one epoch's worth fits
        runClock.Restart();
        lastRelease = -FlushInterval; // the first events go at once
        run.Publish(new
        {
            type = "run", name = run.Name, model = context.Model.Name, epochs, batchesPerEpoch, trainSamples = context.TrainSamples,
            variational = run.Decoder is not null, live = true,
        });
    }

    public override void OnEpochBegin(TrainingContext context, int epoch)
    {
        epochSamples = 0;
        pendingCount = 0;
        lastFlush = TimeSpan.Zero;
        epochClock.Restart();
    }

    public override void OnBatchEnd(TrainingContext context, BatchLogs logs)
    {
        epochSamples += logs.Samples;
        if (pendingCount == 0) pendingFirstBatch = logs.Batch;
        pendingLosses[pendingCount++] = logs.Loss;
        if (pendingCount == pendingLosses.Length || epochClock.Elapsed - lastFlush >= FlushInterval) FlushBatches(logs.Epoch);
        else if (held.Count > 0 && runClock.Elapsed - lastRelease >= FlushInterval) Release(); // the last epoch's end events
    }

    public override void OnEpochEnd(TrainingContext context, EpochLogs logs)
    {
        FlushBatches(logs.Epoch);
        double eta = logs.Seconds * (epochs - logs.Epoch);
        Write(new TrainingEvent("epoch", logs.Epoch, batchesPerEpoch, logs.Loss, logs.ValidationLoss, logs.SamplesPerSecond, eta, logs.Metrics));
        if (snapshots is null || context.Model is not Autoencoder autoencoder) return;
        if (snapshotClock.IsRunning && snapshotClock.Elapsed < SnapshotInterval && logs.Epoch < epochs)
        {
            unshownEpoch = logs.Epoch; // shown at the end of training if no later epoch is
            return;
        }
        Release(); // the epoch's events before its snapshot, which goes straight to the run
        snapshots.Publish(autoencoder, logs.Epoch);
        snapshotClock.Restart();
        unshownEpoch = 0;
    }

    /// <summary>Whether the run's <c>end</c> event goes when training ends (the page then closes its stream); false when
    /// the caller publishes more after training (a saved model's anomaly view) and then calls <see cref="End"/>.</summary>
    public bool EndsWithTraining { get; init; } = true;

    public override void OnTrainEnd(TrainingContext context)
    {
        Release();
        // Early stopping ends a run before its last epoch: the page still gets the weights it ended with.
        if (unshownEpoch > 0 && snapshots is not null && context.Model is Autoencoder autoencoder) snapshots.Publish(autoencoder, unshownEpoch);
        unshownEpoch = 0;
        if (EndsWithTraining) End();
    }

    /// <summary>Sends the run's <c>end</c> event, after everything queued before it.</summary>
    public void End()
    {
        Write(new TrainingEvent("end", 0, 0, 0, null, 0, 0));
        Release();
    }

    /// <summary>Lets the pump send what is queued, then stops it.</summary>
    public async ValueTask DisposeAsync()
    {
        Release(); // what a run that failed before its end still held
        queue.Writer.TryComplete();
        await pump;
    }

    /// <summary>Sends the batches gathered since the last flush (numbered from <see cref="pendingFirstBatch"/>), with the
    /// epoch's throughput so far and the ETA. The one copy of the losses is the only allocation, a few times a second.</summary>
    private void FlushBatches(int epoch)
    {
        if (pendingCount == 0) return;
        TimeSpan now = epochClock.Elapsed;
        double seconds = now.TotalSeconds;
        int done = Math.Min(pendingFirstBatch + pendingCount, batchesPerEpoch); // batches are counted from 0
        double eta = seconds / done * ((long)(epochs - epoch) * batchesPerEpoch + batchesPerEpoch - done);
        float[] losses = pendingLosses.AsSpan(0, pendingCount).ToArray();
        Write(new TrainingEvent("batches", epoch, pendingFirstBatch, losses[^1], null, seconds > 0 ? epochSamples / seconds : 0, eta, BatchLosses: losses));
        pendingCount = 0;
        lastFlush = now;
    }

    /// <summary>Holds <paramref name="item"/>, and releases what is held when the last release is <see cref="FlushInterval"/> old.</summary>
    private void Write(TrainingEvent item)
    {
        Written++;
        held.Add(item);
        if (runClock.Elapsed - lastRelease >= FlushInterval) Release();
    }

    /// <summary>Hands every held event to the pump, in order: one wake-up of the pump, the stream and the page for all.</summary>
    private void Release()
    {
        foreach (var item in held) queue.Writer.TryWrite(item);
        held.Clear();
        lastRelease = runClock.Elapsed;
    }

    private async Task PumpAsync()
    {
        await foreach (var item in queue.Reader.ReadAllAsync())
        {
            run.Feed.Publish(item.Type switch
            {
                "batches" => FeedJson.Write(new
                {
                    type = item.Type, epoch = item.Epoch, firstBatch = item.Batch, losses = item.BatchLosses, samplesPerSecond = item.SamplesPerSecond,
                    etaSeconds = item.EtaSeconds,
                }),
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
