using System.Diagnostics;
using Autoencoders.Data;
using Autoencoders.Nn.Metrics;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Training.Checkpoints;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Training;

/// <summary>
/// The fit loop: a small train step (forward, loss, backward, optimizer step) wrapped by callbacks.
/// The step reuses the model's graph, so after the first batch it allocates nothing.
/// </summary>
internal sealed class Trainer(Model model, FitOptions options)
{
    // Keeps the shuffle stream apart from the weight-initialisation stream that Build draws from the same seed.
    private const ulong ShuffleStream = 0x5DEECE66DUL;

    private Callback[] callbacks = [];

    public History Run(IBatchSource inputs, IBatchSource? targets)
    {
        options.Validate();
        model.RequireBuiltFor(inputs);
        if (targets is not null && targets.Count != inputs.Count)
            throw new ArgumentException($"expected as many targets as inputs ({inputs.Count}), received {targets.Count}");
        var (train, trainTargets, validation, validationTargets) = Split(inputs, targets);
        if (train.Count == 0)
            throw new ArgumentException("no training samples left after the validation split");

        var history = new History();
        var wall = Stopwatch.StartNew();
        var shuffle = new DeterministicRandom((ulong)options.Seed ^ ShuffleStream);
        var batches = new BatchIterator(train, options.BatchSize, options.Shuffle, shuffle);
        var context = new TrainingContext(model, options, history, train.Count, batches.BatchesPerEpoch);
        callbacks = [.. options.Callbacks]; // an array, so that raising events per batch allocates no enumerator
        foreach (var callback in callbacks) callback.OnTrainBegin(context);
        var start = new Position(1, 0, 0, []);
        if (options.Backup?.ResumePoint() is { } checkpoint)
            start = Restore(checkpoint, shuffle, context);
        for (int epoch = start.Epoch; epoch <= options.Epochs && !context.StopTraining; epoch++)
        {
            // The order of this epoch is drawn from the stream as it is now: a checkpoint keeps this state to draw it again.
            RandomState shuffleBefore = shuffle.GetState();
            var resumed = epoch == start.Epoch ? start : new Position(epoch, 0, 0, []);
            foreach (var callback in callbacks) callback.OnEpochBegin(context, epoch);
            var clock = Stopwatch.StartNew();
            var metrics = new MetricCounts(model.Metrics, resumed.MetricCounts.Length == 0 ? null : resumed.MetricCounts);
            double lossSum = RunEpoch(resumed, shuffleBefore, batches, train.Count, trainTargets, metrics, context);
            double seconds = clock.Elapsed.TotalSeconds;
            Evaluation? validated = validation is null ? null : model.EvaluateTerms(validation, validationTargets);
            var figures = metrics.Results();
            foreach (var (name, value) in validated?.Metrics ?? new Dictionary<string, double>()) figures["val_" + name] = value;
            var logs = new EpochLogs(epoch, lossSum / train.Count, validated?.Loss, seconds, train.Count / seconds) { Metrics = figures };
            history.Add(logs);
            foreach (var callback in callbacks) callback.OnEpochEnd(context, logs);
            // After every callback, so that the checkpoint holds their verdicts on this epoch (early stopping's).
            options.Backup?.Save(Capture(new Position(epoch + 1, 0, 0, []), shuffle.GetState(), context));
        }
        foreach (var callback in callbacks) callback.OnTrainEnd(context);
        options.Backup?.Finish();
        history.FitSeconds = wall.Elapsed.TotalSeconds;
        return history;
    }

    /// <summary>Where a run is: the epoch, the batches of it done, their loss sum and metric counts.</summary>
    private readonly record struct Position(int Epoch, int BatchesDone, double LossSum, long[] MetricCounts);

    /// <summary>One pass over the training samples (or its rest, from a checkpoint); returns the sum over batches of mean loss × batch size.</summary>
    private double RunEpoch(Position from, RandomState shuffleBefore, BatchIterator batches, int sampleCount, IBatchSource? targets,
        MetricCounts metrics, TrainingContext context)
    {
        Graph graph = model.TrainingGraph;
        var optimizer = model.Optimizer!;
        var parameters = model.Parameters;
        int epoch = from.Epoch, checkpointEvery = options.Backup?.EveryBatches ?? 0;
        double lossSum = from.LossSum;
        batches.BeginEpoch(from.BatchesDone);
        for (int batch = from.BatchesDone, start = batch * options.BatchSize; start < sampleCount; batch++, start += options.BatchSize)
        {
            int rows = Math.Min(options.BatchSize, sampleCount - start);
            graph.Reset();
            Tensor x = graph.NewTensor(model.InputShape.Prepend(rows));
            batches.TryFillNext(x.Span, out _);
            Tensor target = x;
            Tensor prediction = model.Forward(graph, x, training: true);
            if (targets is not null)
            {
                target = graph.NewTensor(Model.TargetShape(prediction, targets));
                targets.CopyRows(batches.CurrentRowIndices, target.Span);
            }
            Tensor value = model.ComputeLoss(graph, prediction, target);
            metrics.Add(prediction, target);
            float batchLoss = value.ToScalar();
            // Before the step (Keras's TerminateOnNaN): the weights stay those of the last good batch.
            if (!float.IsFinite(batchLoss))
                throw Diverged(batchLoss, epoch, batch + 1);
            parameters.BeginBackward();
            graph.Backward(value);
            parameters.EndBackward();
            optimizer.Step(parameters, model.Backend);

            lossSum += (double)batchLoss * rows;
            var logs = new BatchLogs(epoch, batch, rows, batchLoss);
            foreach (var callback in callbacks) callback.OnBatchEnd(context, logs);
            bool lastOfEpoch = start + rows >= sampleCount;
            if (checkpointEvery > 0 && (batch + 1) % checkpointEvery == 0 && !lastOfEpoch)
                options.Backup!.Save(Capture(new Position(epoch, batch + 1, lossSum, metrics.Save()), shuffleBefore, context));
        }
        return lossSum;
    }

    private TrainingDivergedException Diverged(float loss, int epoch, int batch)
    {
        string kept = options.Backup?.Last is { } last
            ? $"; {options.Backup.FilePath} keeps the last good state ({last.Describe()})"
            : "";
        return new TrainingDivergedException(
            $"training diverged: the loss became {loss} at epoch {epoch}, batch {batch}{kept}; try a lower learning rate", epoch, batch);
    }

    private TrainingCheckpoint Capture(Position position, RandomState shuffleBefore, TrainingContext context) => new()
    {
        Epoch = position.Epoch,
        BatchesDone = position.BatchesDone,
        LossSum = position.LossSum,
        MetricCounts = position.MetricCounts,
        StopTraining = context.StopTraining,
        Shuffle = shuffleBefore,
        LayerStreams = [.. model.RandomStreams.Select(r => r.GetState())],
        Parameters = model.Parameters.Snapshot(),
        Optimizer = model.Optimizer!.SaveState(),
        History = [.. context.History.Epochs],
        Callbacks = SaveCallbackStates(),
        TrainSamples = context.TrainSamples,
        BatchSize = options.BatchSize,
        Metadata = options.Backup!.Metadata,
    };

    /// <summary>The state of each callback that has one, named by its type and its rank among callbacks of that type:
    /// stateless ones (progress lines, bars) may differ between the interrupted and the resumed run.</summary>
    private List<(string Type, CallbackState State)> SaveCallbackStates()
    {
        var states = new List<(string, CallbackState)>();
        foreach (var (key, callback) in CallbackKeys())
        {
            var state = new CallbackState();
            callback.SaveState(state);
            if (state.Values.Count > 0 || state.Tensors.Count > 0) states.Add((key, state));
        }
        return states;
    }

    private IEnumerable<(string Key, Callback Callback)> CallbackKeys() =>
        callbacks.Select((c, i) => ($"{c.GetType().Name}#{callbacks.Take(i).Count(o => o.GetType() == c.GetType())}", c));

    /// <summary>Puts the run back where the checkpoint left it; a checkpoint of another run is a data error naming the file.</summary>
    private Position Restore(TrainingCheckpoint checkpoint, DeterministicRandom shuffle, TrainingContext context)
    {
        string path = options.Backup!.FilePath;
        InvalidDataException Mismatch(string what, object expected, object received) =>
            new($"{path}: the checkpoint is of another run: {what} {received}, this run has {expected}");
        if (checkpoint.TrainSamples != context.TrainSamples) throw Mismatch("training samples", context.TrainSamples, checkpoint.TrainSamples);
        if (checkpoint.BatchSize != options.BatchSize) throw Mismatch("batch size", options.BatchSize, checkpoint.BatchSize);
        if (checkpoint.Parameters.Length != model.Parameters.TotalCount) throw Mismatch("parameters", model.Parameters.TotalCount, checkpoint.Parameters.Length);
        var streams = model.RandomStreams;
        if (checkpoint.LayerStreams.Count != streams.Length) throw Mismatch("stochastic layers", streams.Length, checkpoint.LayerStreams.Count);
        int savedCounts = checkpoint.MetricCounts.Length;
        if (savedCounts != 0 && savedCounts != 2 * model.Metrics.Count) throw Mismatch("metrics", model.Metrics.Count, savedCounts / 2);
        var saved = checkpoint.Callbacks.ToDictionary(c => c.Type, c => c.State);
        var claimed = CallbackKeys().Where(c => saved.ContainsKey(c.Key)).ToList();
        if (claimed.Count != saved.Count)
            throw Mismatch("callbacks with state", string.Join(", ", CallbackKeys().Select(c => c.Key)), string.Join(", ", saved.Keys));
        if (checkpoint.Epoch < 1 || checkpoint.BatchesDone >= context.BatchesPerEpoch || checkpoint.History.Count != checkpoint.Epoch - 1)
            throw new InvalidDataException($"{path}: inconsistent position: epoch {checkpoint.Epoch}, batch {checkpoint.BatchesDone} of {context.BatchesPerEpoch}, {checkpoint.History.Count} epochs of history");
        try
        {
            model.Optimizer!.LoadState(checkpoint.Optimizer, model.Parameters);
            foreach (var (key, callback) in claimed) callback.LoadState(saved[key]);
        }
        catch (Exception error) when (error is ArgumentException or FormatException)
        {
            throw new InvalidDataException($"{path}: {error.Message}", error);
        }
        model.Parameters.Restore(checkpoint.Parameters);
        for (int i = 0; i < streams.Length; i++) streams[i].SetState(checkpoint.LayerStreams[i]);
        shuffle.SetState(checkpoint.Shuffle);
        foreach (var logs in checkpoint.History) context.History.Add(logs);
        context.StopTraining = checkpoint.StopTraining;
        return new Position(checkpoint.Epoch, checkpoint.BatchesDone, checkpoint.LossSum, checkpoint.MetricCounts);
    }

    private (IBatchSource Train, IBatchSource? TrainTargets, IBatchSource? Validation, IBatchSource? ValidationTargets) Split(
        IBatchSource inputs, IBatchSource? targets)
    {
        if (options.ValidationData is not null)
            return (inputs, targets, options.ValidationData, options.ValidationTargets);
        int held = (int)(inputs.Count * options.ValidationSplit);
        if (held == 0)
            return (inputs, targets, null, null);
        int kept = inputs.Count - held;
        return (new RowRange(inputs, 0, kept), targets is null ? null : new RowRange(targets, 0, kept),
            new RowRange(inputs, kept, held), targets is null ? null : new RowRange(targets, kept, held));
    }
}
