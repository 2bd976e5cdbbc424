using System.Diagnostics;
using Autoencoders.Data;
using Autoencoders.Nn.Models;
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
        var batches = new BatchIterator(train, options.BatchSize, options.Shuffle, new DeterministicRandom((ulong)options.Seed ^ ShuffleStream));
        var context = new TrainingContext(model, options, history, train.Count, batches.BatchesPerEpoch);
        callbacks = [.. options.Callbacks]; // an array, so that raising events per batch allocates no enumerator
        foreach (var callback in callbacks) callback.OnTrainBegin(context);
        for (int epoch = 1; epoch <= options.Epochs && !context.StopTraining; epoch++)
        {
            foreach (var callback in callbacks) callback.OnEpochBegin(context, epoch);
            var clock = Stopwatch.StartNew();
            double lossSum = RunEpoch(epoch, batches, train.Count, trainTargets, context);
            double seconds = clock.Elapsed.TotalSeconds;
            double? validationLoss = validation is null ? null : model.Evaluate(validation, validationTargets);
            var logs = new EpochLogs(epoch, lossSum / train.Count, validationLoss, seconds, train.Count / seconds);
            history.Add(logs);
            foreach (var callback in callbacks) callback.OnEpochEnd(context, logs);
        }
        foreach (var callback in callbacks) callback.OnTrainEnd(context);
        return history;
    }

    /// <summary>One pass over the training samples; returns the sum over batches of mean loss × batch size.</summary>
    private double RunEpoch(int epoch, BatchIterator batches, int sampleCount, IBatchSource? targets, TrainingContext context)
    {
        Graph graph = model.TrainingGraph;
        var optimizer = model.Optimizer!;
        var parameters = model.Parameters;
        double lossSum = 0;
        batches.BeginEpoch();
        for (int batch = 0, start = 0; start < sampleCount; batch++, start += options.BatchSize)
        {
            int rows = Math.Min(options.BatchSize, sampleCount - start);
            graph.Reset();
            Tensor x = graph.NewTensor(model.InputShape.Prepend(rows));
            batches.TryFillNext(x.Span, out _);
            Tensor target = x;
            Tensor prediction = model.Forward(graph, x, training: true);
            if (targets is not null)
            {
                target = graph.NewTensor(prediction.Shape);
                targets.CopyRows(batches.CurrentRowIndices, target.Span);
            }
            Tensor value = model.ComputeLoss(graph, prediction, target);
            parameters.BeginBackward();
            graph.Backward(value);
            parameters.EndBackward();
            optimizer.Step(parameters, model.Backend);

            float batchLoss = value.ToScalar();
            if (!float.IsFinite(batchLoss))
                throw new TrainingDivergedException($"training diverged: the loss became {batchLoss} at epoch {epoch}, batch {batch + 1}; try a lower learning rate");
            lossSum += (double)batchLoss * rows;
            var logs = new BatchLogs(epoch, batch, rows, batchLoss);
            foreach (var callback in callbacks) callback.OnBatchEnd(context, logs);
        }
        return lossSum;
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
