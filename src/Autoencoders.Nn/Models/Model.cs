using Autoencoders.Data;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Metrics;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;
using Autoencoders.Tensors.Backends;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Nn.Models;

/// <summary>
/// What every model offers, Keras-style: <see cref="Build"/> on a sample shape, <see cref="Compile"/> with an
/// optimizer and a loss, then <see cref="Fit"/>, <see cref="Evaluate"/> and <see cref="Predict"/>.
/// Subclasses only say which layers they hold and how a batch flows through them.
/// </summary>
public abstract class Model
{
    private Graph? graph;

    public string Name { get; set; } = "model";

    public bool IsBuilt { get; private set; }

    public Shape InputShape { get; private set; }

    public Shape OutputShape { get; private set; }

    /// <summary>The packed parameters; available once built.</summary>
    public ParameterSet Parameters => parameterSet ?? throw new InvalidOperationException($"model {Name} is not built yet: call Build(inputShape) or Fit first");

    private ParameterSet? parameterSet;

    public Loss? Loss { get; private set; }

    public Optimizer? Optimizer { get; private set; }

    /// <summary>Where kernels run; the CPU backend (OpenBLAS when installed) unless set before building.</summary>
    public IComputeBackend Backend { get; set; } = CpuBackend.Shared;

    /// <summary>Every layer with its path in the model (<c>encoder.0</c>), in forward order.</summary>
    public abstract IEnumerable<(string Path, Layer Layer)> NamedLayers { get; }

    /// <summary>The model's layer graphs once built, each with the prefix its names take in a summary (an autoencoder's
    /// "encoder" and "decoder").</summary>
    internal abstract IEnumerable<(string Prefix, Graphs.LayerGraph Graph)> Graphs { get; }

    /// <summary>The random streams of the stochastic layers, in forward order (what a checkpoint saves of them).</summary>
    internal DeterministicRandom[] RandomStreams => [.. NamedLayers.Select(l => l.Layer.RandomStream).OfType<DeterministicRandom>()];

    /// <summary>Runs a batch (batch first) through the model; every op goes on <paramref name="graph"/>'s tape.</summary>
    public abstract Tensor Forward(Graph graph, Tensor x, bool training);

    /// <summary>Builds every layer in order from the sample shape; returns the output shape.</summary>
    protected abstract Shape BuildLayers(Shape inputShape, DeterministicRandom random);

    /// <summary>The shape the model is built on for samples of <paramref name="given"/> (a flat row of the data, say):
    /// a model that declares its inputs' shapes takes those, the others the shape given.</summary>
    private protected virtual Shape ResolveInputShape(Shape given) => given;

    /// <summary>Creates the weights for samples of <paramref name="inputShape"/>; the seed fixes their initial values.</summary>
    public void Build(Shape inputShape, ulong seed = 0)
    {
        if (IsBuilt)
        {
            if (inputShape.ElementCount != InputShape.ElementCount)
                throw new ArgumentException($"model {Name} was built for samples of shape {InputShape}, received {inputShape}");
            return;
        }
        NameLayers();
        inputShape = ResolveInputShape(inputShape);
        OutputShape = BuildLayers(inputShape, new DeterministicRandom(seed));
        InputShape = inputShape;
        parameterSet = new ParameterSet([.. NamedLayers.SelectMany(l => l.Layer.Parameters.Select(p => ($"{l.Path}.{p.Name}", p)))]);
        IsBuilt = true;
    }

    /// <summary>The figures reported beside the loss (Keras's metrics): per epoch in the history, and by <see cref="EvaluateTerms"/>.</summary>
    public IReadOnlyList<Metric> Metrics { get; private set; } = [];

    /// <summary>Sets how the model learns: the optimizer, the loss, and the metrics by Keras name ("accuracy", …).</summary>
    public void Compile(Optimizer optimizer, Loss loss, IEnumerable<string>? metrics = null)
    {
        var parsed = (metrics ?? []).Select(m => Metric.Parse(m, loss)).ToList();
        var duplicate = parsed.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"the metric \"{duplicate.Key}\" is asked for twice");
        Optimizer = optimizer;
        Loss = loss;
        Metrics = parsed;
    }

    /// <summary>Trains on <paramref name="inputs"/> towards <paramref name="targets"/> (the inputs themselves when null, as an autoencoder does).</summary>
    public History Fit(IBatchSource inputs, FitOptions options, IBatchSource? targets = null)
    {
        if (Loss is null || Optimizer is null)
            throw new InvalidOperationException($"model {Name} is not compiled: call Compile(optimizer, loss) before Fit");
        if (!IsBuilt)
            Build(new Shape(inputs.FeatureCount), (ulong)options.Seed);
        return new Trainer(this, options).Run(inputs, targets);
    }

    /// <summary>The loss over a whole dataset (not a mean of batch means), penalties included, as Keras reports it.</summary>
    public double Evaluate(IBatchSource inputs, IBatchSource? targets = null, int batchSize = 1000) =>
        EvaluateTerms(inputs, targets, batchSize).Loss;

    /// <summary>The loss over a whole dataset split into the reconstruction term and the added terms (activity
    /// penalties, a VAE's KL), each per sample as the training loss counts them.</summary>
    public Evaluation EvaluateTerms(IBatchSource inputs, IBatchSource? targets = null, int batchSize = 1000)
    {
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"expected a positive batch size, received {batchSize}");
        var loss = Loss ?? throw new InvalidOperationException($"model {Name} is not compiled: no loss to evaluate");
        if (targets is not null && targets.Count != inputs.Count)
            throw new ArgumentException($"expected as many targets as inputs ({inputs.Count}), received {targets.Count}");
        double sum = 0, added = 0;
        long count = 0;
        int[] rowIndices = new int[batchSize];
        var counts = new MetricCounts(Metrics);
        RunInference(inputs, batchSize, EvaluationForward, (graph, start, input, output) =>
        {
            Tensor target = AsTargetOf(graph, output, input);
            if (targets is not null)
            {
                target = graph.NewTensor(TargetShape(output, targets));
                for (int i = 0; i < output.Rows; i++) rowIndices[i] = start + i;
                targets.CopyRows(rowIndices.AsSpan(0, output.Rows), target.Span);
            }
            sum += loss.Accumulate(Backend, output, target);
            count += loss.TermsIn(output);
            counts.Add(output, target);
            var extra = graph.AuxiliaryLosses;
            for (int i = 0; i < extra.Count; i++) added += (double)extra[i].ToScalar() * output.Rows;
        });
        double reconstruction = loss.Finish(sum, count, inputs.Count);
        return new Evaluation(reconstruction + added / inputs.Count, reconstruction, added / inputs.Count) { Metrics = counts.Results() };
    }

    /// <summary>The forward pass of <see cref="EvaluateTerms"/>: a VAE samples its code while it estimates the ELBO.
    /// Asked for by the call, not set on the model, so that a Predict on another thread meanwhile is not affected.</summary>
    protected virtual Tensor EvaluationForward(Graph graph, Tensor x) => Forward(graph, x, training: false);

    /// <summary>The shape a batch of <paramref name="targets"/> takes beside <paramref name="prediction"/>: the prediction's
    /// when the targets have as many values per sample (reconstruction, regression), else their own rows (class ids).</summary>
    internal static Shape TargetShape(Tensor prediction, IBatchSource targets) =>
        targets.FeatureCount == prediction.Columns ? prediction.Shape : new Shape(prediction.Rows, targets.FeatureCount);

    /// <summary>The objective of one training step: the loss of <paramref name="prediction"/> plus every term the
    /// layers added to <paramref name="graph"/> in this step (<see cref="Graph.AddLoss"/>).</summary>
    internal Tensor ComputeLoss(Graph graph, Tensor prediction, Tensor target)
    {
        Tensor total = Loss!.Compute(graph, prediction, AsTargetOf(graph, prediction, target));
        var extra = graph.AuxiliaryLosses;
        for (int i = 0; i < extra.Count; i++) total = graph.Add(total, extra[i]);
        return total;
    }

    /// <summary>
    /// An autoencoder's target is its input batch, which may be laid out otherwise than its output ((n, 784) against
    /// (n, 1, 28, 28) for a model that ends without Flatten): the same samples, so it is viewed in the output's shape.
    /// Any other difference reaches the loss as it is, which refuses a target whose shape is not the prediction's.
    /// </summary>
    private static Tensor AsTargetOf(Graph graph, Tensor prediction, Tensor target) =>
        target.Shape != prediction.Shape && target.Rows == prediction.Rows && target.Length == prediction.Length
            ? graph.Reshape(target, prediction.Shape)
            : target;

    /// <summary>The model's outputs for every sample, row after row.</summary>
    public float[] Predict(IBatchSource inputs, int batchSize = 1000) =>
        Collect(inputs, batchSize, OutputShape.ElementCount, (g, x) => Forward(g, x, training: false));

    /// <summary>Runs <paramref name="compute"/> over every batch without recording gradients and stacks its outputs.</summary>
    protected float[] Collect(IBatchSource inputs, int batchSize, int outputColumns, Func<Graph, Tensor, Tensor> compute)
    {
        var result = new float[checked((long)inputs.Count * outputColumns)];
        int row = 0;
        RunInference(inputs, batchSize, compute, (_, _, _, output) =>
        {
            output.Span.CopyTo(result.AsSpan(row * outputColumns, output.Rows * outputColumns));
            row += output.Rows;
        });
        return result;
    }

    internal Graph TrainingGraph => graph ??= new Graph(Backend);

    // Predict, Encode, Evaluate… may run on several threads at once with one model: each call rents its own graph.
    private readonly InferenceGraphPool inferenceGraphs = new();

    /// <summary>Feeds the samples in order, batch by batch; <paramref name="consume"/> gets (graph, first row, input, output).</summary>
    private void RunInference(IBatchSource inputs, int batchSize, Func<Graph, Tensor, Tensor> compute, Action<Graph, int, Tensor, Tensor> consume)
    {
        RequireBuiltFor(inputs);
        var batches = new BatchIterator(inputs, batchSize, shuffle: false);
        batches.BeginEpoch();
        Graph g = inferenceGraphs.Rent(Backend);
        try
        {
            for (int start = 0; start < inputs.Count; start += batchSize)
            {
                int rows = Math.Min(batchSize, inputs.Count - start);
                g.Reset();
                Tensor x = g.NewTensor(InputShape.Prepend(rows));
                batches.TryFillNext(x.Span, out _);
                consume(g, start, x, compute(g, x));
            }
        }
        finally
        {
            inferenceGraphs.Return(g);
        }
    }

    /// <summary>Runs <paramref name="run"/> on an inference graph that no other caller holds meanwhile.</summary>
    private protected T WithInferenceGraph<T>(Func<Graph, T> run)
    {
        Graph g = inferenceGraphs.Rent(Backend);
        try
        {
            return run(g);
        }
        finally
        {
            inferenceGraphs.Return(g);
        }
    }

    internal void RequireBuiltFor(IBatchSource inputs)
    {
        if (!IsBuilt)
            throw new InvalidOperationException($"model {Name} is not built yet: call Build(inputShape) or Fit first");
        if (inputs.FeatureCount != InputShape.ElementCount)
            throw new ArgumentException($"model {Name} expects samples of {InputShape.ElementCount} values {InputShape}, received {inputs.FeatureCount}");
    }

    /// <summary>Keras-style table: each layer's output shape and parameter count, then the totals.</summary>
    public string Summary() => ModelSummary.Render(this);

    /// <summary>Keras's layer names: MaxPooling2D → max_pooling2d, Conv2DTranspose → conv2d_transpose.</summary>
    private static string SnakeCase(string typeName)
    {
        string words = System.Text.RegularExpressions.Regex.Replace(typeName, "(.)([A-Z][a-z]+)", "$1_$2");
        return System.Text.RegularExpressions.Regex.Replace(words, "([a-z])([A-Z])", "$1_$2").ToLowerInvariant();
    }

    private void NameLayers()
    {
        var counts = new Dictionary<string, int>();
        foreach (var (_, layer) in NamedLayers)
        {
            if (layer.Name is not null) continue;
            string stem = SnakeCase(layer.TypeName);
            int n = counts.GetValueOrDefault(stem);
            counts[stem] = n + 1;
            layer.Name = n == 0 ? stem : $"{stem}_{n}";
        }
    }
}
