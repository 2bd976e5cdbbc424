using Autoencoders.Data;
using Autoencoders.Data.Ratings;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Nn.Recommendation;

/// <summary>
/// Mult-VAE and Mult-DAE (Liang, Krishnan, Hoffman &amp; Jebara, WWW 2018, https://arxiv.org/abs/1802.05814) for implicit
/// feedback: a user's 0/1 row x over I items is L2-normalised, dropped out at 0.5 while training, encoded, and decoded to
/// logits z whose softmax π is a multinomial over items; the loss is −Σᵢ xᵢ log πᵢ per user (the multinomial
/// log-likelihood), plus β · KL(q(z|x) ‖ N(0, I)) for the VAE, β annealed linearly from 0 to 0.2 over the run.
/// Networks as in the paper: Mult-VAE [I → 600 → 200 → 600 → I], Mult-DAE [I → 200 → I], tanh between layers.
/// </summary>
public sealed class MultVae
{
    public const float KeepProbability = 0.5f;
    public const float BetaCap = 0.2f;

    private readonly Graph graph;
    private readonly Tensor[] weights;

    /// <param name="hidden">The VAE's hidden layer (600); unused by the DAE.</param>
    /// <param name="latent">The code size (200).</param>
    public MultVae(bool variational, int items, int hidden, int latent, ulong seed, IComputeBackend backend)
    {
        if (items < 2 || hidden < 1 || latent < 1)
            throw new ArgumentOutOfRangeException(nameof(items), $"expected at least 2 items and positive layer sizes, received {items}, {hidden}, {latent}");
        (Variational, Items, HiddenSize, Latent, Backend) = (variational, items, hidden, latent, backend);
        int[][] shapes = variational
            ? [[items, hidden], [hidden], [hidden, 2 * latent], [2 * latent], [latent, hidden], [hidden], [hidden, items], [items]]
            : [[items, latent], [latent], [latent, items], [items]];
        var random = new DeterministicRandom(seed);
        var parameters = new List<(string, Parameter)>();
        for (int i = 0; i < shapes.Length; i++)
        {
            var value = new Tensor(new Shape(shapes[i]));
            if (shapes[i].Length == 2) Initializer.GlorotUniform.Fill(value.Span, shapes[i][0], shapes[i][1], random);
            else value.Span.Clear();
            parameters.Add(($"layer{i / 2}.{(i % 2 == 0 ? "kernel" : "bias")}", new Parameter(i % 2 == 0 ? "kernel" : "bias", value)));
        }
        Parameters = new ParameterSet(parameters);
        weights = [.. Parameters.Entries.Select(e => e.Parameter.Value)];
        graph = new Graph(backend);
        noise = new DeterministicRandom(seed ^ 0x5EED);
    }

    private readonly DeterministicRandom noise;

    public bool Variational { get; }

    public string Kind => Variational ? "mult-vae" : "mult-dae";

    public int Items { get; }

    public int HiddenSize { get; }

    public int Latent { get; }

    public IComputeBackend Backend { get; }

    public ParameterSet Parameters { get; }

    /// <summary>Steps taken, for β's annealing.</summary>
    public int Steps { get; private set; }

    /// <summary>The steps over which β rises from 0 to <see cref="BetaCap"/> (set to the run's total).</summary>
    public int AnnealSteps { get; set; } = 1;

    public float Beta => Variational ? BetaCap * Math.Min(1f, Steps / (float)Math.Max(1, AnnealSteps)) : 0f;

    /// <summary>One pass over the users (rows of 0/1 positives) in a seeded order; returns the mean loss per user.</summary>
    public double TrainEpoch(RatingMatrix users, Optimizer optimizer, int batchSize, DeterministicRandom random, int epoch)
    {
        RequireItems(users);
        int[] order = [.. Enumerable.Range(0, users.Rows).Where(row => users.CountOf(row) > 0)];
        random.Shuffle(order.AsSpan());
        double lossSum = 0;
        graph.IsRecording = true;
        for (int start = 0, batch = 1; start < order.Length; start += batchSize, batch++)
        {
            ReadOnlySpan<int> rows = order.AsSpan(start, Math.Min(batchSize, order.Length - start));
            graph.Reset();
            Tensor counts = graph.NewTensor(new Shape(rows.Length, Items));
            users.FillDense(rows, counts.Span, []);
            Tensor input = graph.NewTensor(counts.Shape);
            NormalizedInput(counts.Span, input.Span, dropout: true);
            Tensor logits = Forward(input, training: true, out Tensor? kl);
            Tensor loss = graph.CategoricalCrossEntropy(logits, counts);
            if (kl is not null) loss = graph.Add(loss, graph.Scale(kl, Beta));
            if (!float.IsFinite(loss.ToScalar()))
                throw new TrainingDivergedException($"the loss of epoch {epoch}, batch {batch} is {loss.ToScalar()}; try a lower --lr", epoch, batch);
            lossSum += loss.ToScalar() * rows.Length;
            Parameters.BeginBackward();
            graph.Backward(loss);
            Parameters.EndBackward();
            optimizer.Step(Parameters, Backend);
            Steps++;
        }
        return lossSum / Math.Max(1, order.Length);
    }

    /// <summary>The logits over items of the given rows (their fold-in positives), (which.Length, I): higher ranks first.
    /// The VAE scores from its mean code μ, as the paper does at test time.</summary>
    public float[] Scores(RatingMatrix users, ReadOnlySpan<int> which)
    {
        RequireItems(users);
        graph.IsRecording = false;
        graph.Reset();
        Tensor counts = graph.NewTensor(new Shape(which.Length, Items));
        users.FillDense(which, counts.Span, []);
        Tensor input = graph.NewTensor(counts.Shape);
        NormalizedInput(counts.Span, input.Span, dropout: false);
        float[] scores = Forward(input, training: false, out _).ToArray();
        graph.IsRecording = true;
        return scores;
    }

    /// <summary>Each item's code: its column of the last decoder kernel, (I, width of the last hidden layer).</summary>
    public float[] ItemCodes()
    {
        Tensor kernel = weights[^2]; // (width, I)
        int width = kernel.Rows;
        var codes = new float[Items * width];
        ReadOnlySpan<float> values = kernel.Span;
        for (int unit = 0; unit < width; unit++)
            for (int item = 0; item < Items; item++)
                codes[item * width + unit] = values[unit * Items + item];
        return codes;
    }

    public int ItemCodeSize => weights[^2].Rows;

    // DAE: tanh(x W₀ + b₀) W₁ + b₁. VAE: h = tanh(x W₀ + b₀); (μ, log σ²) = h W₁ + b₁; z = μ + ε σ (μ at test);
    // tanh(z W₂ + b₂) W₃ + b₃.
    private Tensor Forward(Tensor input, bool training, out Tensor? kl)
    {
        kl = null;
        if (!Variational)
            return graph.Linear(graph.Tanh(graph.Linear(input, weights[0], weights[1])), weights[2], weights[3]);
        Tensor hidden = graph.Tanh(graph.Linear(input, weights[0], weights[1]));
        Tensor moments = graph.Linear(hidden, weights[2], weights[3]);
        Tensor mean = graph.Slice(moments, 1, 0, Latent), logVariance = graph.Slice(moments, 1, Latent, Latent);
        Tensor code = mean;
        if (training)
        {
            Tensor epsilon = graph.NewTensor(mean.Shape);
            noise.FillGaussian(epsilon.Span, 0f, 1f);
            code = graph.Add(mean, graph.Multiply(epsilon, graph.Exp(graph.Scale(logVariance, 0.5f))));
            kl = graph.GaussianKlDivergence(mean, logVariance);
        }
        return graph.Linear(graph.Tanh(graph.Linear(code, weights[4], weights[5])), weights[6], weights[7]);
    }

    // x / ‖x‖₂ per row, then (training) each entry kept with probability 0.5 and scaled by 2, as the paper's code does.
    private void NormalizedInput(ReadOnlySpan<float> counts, Span<float> input, bool dropout)
    {
        for (int row = 0; row < counts.Length / Items; row++)
        {
            ReadOnlySpan<float> x = counts.Slice(row * Items, Items);
            Span<float> y = input.Slice(row * Items, Items);
            float norm = System.Numerics.Tensors.TensorPrimitives.Norm(x);
            System.Numerics.Tensors.TensorPrimitives.Multiply(x, norm > 0 ? 1f / norm : 0f, y);
            if (!dropout) continue;
            for (int i = 0; i < Items; i++)
                if (y[i] != 0) y[i] = noise.NextFloat() < KeepProbability ? y[i] / KeepProbability : 0f;
        }
    }

    private void RequireItems(RatingMatrix users)
    {
        if (users.Columns != Items)
            throw new ArgumentException($"expected rows over {Items} items, received {users.Columns}");
    }
}
