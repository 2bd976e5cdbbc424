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
/// AutoRec (Sedhain, Menon, Sanner &amp; Xie, WWW 2015, https://dl.acm.org/doi/10.1145/2740908.2742726):
/// h(r) = f(W · g(V r + μ) + b), g sigmoid, f identity, trained on the observed entries of r only, plus λ/2 (‖W‖² + ‖V‖²).
/// Item-based (I-AutoRec) reconstructs each item's vector of user ratings; user-based (U-AutoRec) each user's vector of
/// item ratings. Shapes: B rows per batch, N = inputs (users for I-AutoRec, items for U-AutoRec), H hidden units.
/// Batches are built dense from the sparse matrix per step, so memory grows with B × N, never with the whole matrix.
/// </summary>
public sealed class AutoRec
{
    private readonly Graph graph;
    private readonly Tensor encoderKernel, encoderBias, decoderKernel, decoderBias;

    public AutoRec(bool itemBased, int inputs, int hidden, ulong seed, IComputeBackend backend)
    {
        if (inputs < 1 || hidden < 1)
            throw new ArgumentOutOfRangeException(nameof(hidden), $"expected at least 1 input and 1 hidden unit, received {inputs} and {hidden}");
        (ItemBased, Inputs, Hidden, Backend) = (itemBased, inputs, hidden, backend);
        var random = new DeterministicRandom(seed);
        var v = new Tensor(new Shape(inputs, hidden));
        var w = new Tensor(new Shape(hidden, inputs));
        Initializer.GlorotUniform.Fill(v.Span, inputs, hidden, random);
        Initializer.GlorotUniform.Fill(w.Span, hidden, inputs, random);
        var mu = new Tensor(new Shape(hidden));
        var b = new Tensor(new Shape(inputs));
        mu.Span.Clear();
        b.Span.Clear();
        Parameters = new ParameterSet([
            ("encoder.kernel", new Parameter("kernel", v)), ("encoder.bias", new Parameter("bias", mu)),
            ("decoder.kernel", new Parameter("kernel", w)), ("decoder.bias", new Parameter("bias", b))]);
        (encoderKernel, encoderBias, decoderKernel, decoderBias) = (Value(0), Value(1), Value(2), Value(3));
        graph = new Graph(backend);
    }

    /// <summary>True for I-AutoRec (rows are items), false for U-AutoRec (rows are users).</summary>
    public bool ItemBased { get; }

    public string Kind => ItemBased ? "autorec" : "autorec-user";

    public int Inputs { get; }

    public int Hidden { get; }

    public IComputeBackend Backend { get; }

    /// <summary>V (N, H), μ (H), W (H, N), b (N) in one buffer: what the optimizer steps and the model file holds.</summary>
    public ParameterSet Parameters { get; }

    /// <summary>λ of the objective Σ_observed (r − h(r))² + λ/2 (‖W‖² + ‖V‖²).</summary>
    public float Regularization { get; set; } = 1f;

    /// <summary>
    /// The share of each training row's observed ratings hidden from the input (set to 0, as unobserved cells are) while
    /// still counted in the loss: masking noise (Vincent et al. 2008). Not in the paper; without it a sparse row teaches
    /// the network to copy its input, and a test cell, always unobserved in the input, is predicted badly (see the README).
    /// </summary>
    public float InputDropout { get; set; }

    /// <summary>
    /// When set, the network reconstructs each rating's residual r − (μ + b_u + b_i) from these biases instead of r, and
    /// its predictions are the biases plus the reconstructed residual. Not in the paper: with raw ratings an unobserved
    /// cell is a 0, far below every rating, and the code must recover an item's mean from a sum whose size depends on how
    /// many users rated it; with residuals a 0 means "as the biases expect", and the network only learns what they miss.
    /// On sparse data (50 ratings per item) this is what lets I-AutoRec beat the baselines (see the README).
    /// </summary>
    public BiasBaseline? Baseline { get; set; }

    /// <summary>The rows the model reconstructs, from the users × items training matrix: its transpose for I-AutoRec,
    /// each rating less <see cref="Baseline"/>'s prediction when there is one.</summary>
    public RatingMatrix RowsOf(RatingMatrix usersByItems)
    {
        if (Baseline is { } baseline)
        {
            var residuals = usersByItems.Values.ToArray();
            for (int user = 0; user < usersByItems.Rows; user++)
                for (int k = usersByItems.RowStarts[user]; k < usersByItems.RowStarts[user + 1]; k++)
                    residuals[k] -= baseline.Predict(user, usersByItems.ColumnIndices[k]);
            usersByItems = new RatingMatrix(usersByItems.Rows, usersByItems.Columns, usersByItems.RowStarts.ToArray(), usersByItems.ColumnIndices.ToArray(), residuals);
        }
        return ItemBased ? usersByItems.Transpose() : usersByItems;
    }

    /// <summary>
    /// Starts the output bias b at each column's mean training value (the global mean where a column has none): with
    /// b at 0, Adam's first thousands of steps would go into moving b up to ratings near 3.5 instead of into W and V.
    /// </summary>
    public void StartOutputBiasAtMeans(RatingMatrix rows)
    {
        RequireRows(rows);
        var sums = new double[Inputs];
        var counts = new int[Inputs];
        for (int k = 0; k < rows.Count; k++)
        {
            sums[rows.ColumnIndices[k]] += rows.Values[k];
            counts[rows.ColumnIndices[k]]++;
        }
        float mean = (float)rows.Mean();
        Span<float> bias = decoderBias.Span;
        for (int column = 0; column < Inputs; column++)
            bias[column] = counts[column] > 0 ? (float)(sums[column] / counts[column]) : mean;
    }

    /// <summary>
    /// One pass over the rows in a seeded random order, one optimizer step per batch. Each batch's objective is the
    /// masked MSE over its observed entries plus λ/(2 n) (‖W‖² + ‖V‖²) with n all training ratings, so that summed over
    /// an epoch it is the paper's objective divided by n. Returns the training RMSE over the observed entries.
    /// </summary>
    public double TrainEpoch(RatingMatrix rows, Optimizer optimizer, int batchSize, DeterministicRandom random, int epoch)
    {
        RequireRows(rows);
        int[] order = [.. Enumerable.Range(0, rows.Rows).Where(row => rows.CountOf(row) > 0)];
        random.Shuffle(order.AsSpan());
        float penaltyScale = Regularization / (2f * Math.Max(1, rows.Count));
        double squaredSum = 0;
        long observedSum = 0;
        graph.IsRecording = true;
        for (int start = 0, batch = 1; start < order.Length; start += batchSize, batch++)
        {
            ReadOnlySpan<int> batchRows = order.AsSpan(start, Math.Min(batchSize, order.Length - start));
            graph.Reset();
            Tensor ratings = graph.NewTensor(new Shape(batchRows.Length, Inputs));
            Tensor observed = graph.NewTensor(ratings.Shape);
            rows.FillDense(batchRows, ratings.Span, observed.Span);
            Tensor input = ratings;
            if (InputDropout > 0)
            {
                input = graph.NewTensor(ratings.Shape);
                ratings.Span.CopyTo(input.Span);
                Span<float> values = input.Span;
                ReadOnlySpan<float> isObserved = observed.Span;
                for (int i = 0; i < values.Length; i++)
                    if (isObserved[i] != 0 && random.NextFloat() < InputDropout) values[i] = 0f;
            }
            Tensor loss = graph.MaskedMeanSquaredError(Forward(input), ratings, observed);
            int count = 0;
            foreach (int row in batchRows) count += rows.CountOf(row);
            if (!float.IsFinite(loss.ToScalar()))
                throw new TrainingDivergedException($"the masked loss of epoch {epoch}, batch {batch} is {loss.ToScalar()}; try a lower --lr", epoch, batch);
            squaredSum += loss.ToScalar() * (double)count;
            observedSum += count;
            Tensor objective = penaltyScale > 0
                ? graph.Add(loss, graph.Scale(graph.Add(graph.Sum(graph.Square(encoderKernel)), graph.Sum(graph.Square(decoderKernel))), penaltyScale))
                : loss;
            Parameters.BeginBackward();
            graph.Backward(objective);
            Parameters.EndBackward();
            optimizer.Step(Parameters, Backend);
        }
        return Math.Sqrt(squaredSum / Math.Max(1, observedSum));
    }

    /// <summary>The predicted ratings of the given rows from their training ratings, (which.Length, N) row-major: the
    /// reconstructions, plus <see cref="Baseline"/>'s prediction of each cell when the network learns residuals.</summary>
    public float[] Reconstruct(RatingMatrix rows, ReadOnlySpan<int> which)
    {
        float[] output = Run(rows, which, codesOnly: false);
        if (Baseline is { } baseline)
            for (int i = 0; i < which.Length; i++)
                for (int column = 0; column < Inputs; column++)
                    output[i * Inputs + column] += ItemBased ? baseline.Predict(column, which[i]) : baseline.Predict(which[i], column);
        return output;
    }

    /// <summary>The hidden codes g(V r + μ) of the given rows, (which.Length, H).</summary>
    public float[] Codes(RatingMatrix rows, ReadOnlySpan<int> which) => Run(rows, which, codesOnly: true);

    /// <summary>
    /// The predicted rating of each test triple: the reconstruction of its row (its item for I-AutoRec, its user for
    /// U-AutoRec) at its column. Triples whose user or item has no training rating get <paramref name="fallback"/>'s
    /// prediction instead (the network has seen nothing of them); <paramref name="fallbackCount"/> says how many.
    /// </summary>
    public float[] Predict(RatingMatrix rows, RatingTriples test, IRatingPredictor fallback, out int fallbackCount, int batchSize = 256)
    {
        RequireRows(rows);
        var columnSeen = new bool[Inputs];
        foreach (int column in rows.ColumnIndices) columnSeen[column] = true;
        var predictions = new float[test.Count];
        var byRow = new Dictionary<int, List<int>>();
        fallbackCount = 0;
        for (int k = 0; k < test.Count; k++)
        {
            (int row, int column) = ItemBased ? (test.Items[k], test.Users[k]) : (test.Users[k], test.Items[k]);
            if (row >= rows.Rows || column >= Inputs || rows.CountOf(row) == 0 || !columnSeen[column])
            {
                predictions[k] = fallback.Predict(test.Users[k], test.Items[k]);
                fallbackCount++;
                continue;
            }
            if (!byRow.TryGetValue(row, out var list)) byRow[row] = list = [];
            list.Add(k);
        }
        int[] needed = [.. byRow.Keys.Order()];
        for (int start = 0; start < needed.Length; start += batchSize)
        {
            ReadOnlySpan<int> batch = needed.AsSpan(start, Math.Min(batchSize, needed.Length - start));
            float[] output = Reconstruct(rows, batch);
            for (int i = 0; i < batch.Length; i++)
                foreach (int k in byRow[batch[i]])
                    predictions[k] = output[i * Inputs + (ItemBased ? test.Users[k] : test.Items[k])];
        }
        return predictions;
    }

    // (B, N) → sigmoid(x · V + μ) (B, H) → · W + b (B, N).
    private Tensor Forward(Tensor ratings) => graph.Linear(Encode(ratings), decoderKernel, decoderBias);

    private Tensor Encode(Tensor ratings) => graph.Sigmoid(graph.Linear(ratings, encoderKernel, encoderBias));

    private float[] Run(RatingMatrix rows, ReadOnlySpan<int> which, bool codesOnly)
    {
        RequireRows(rows);
        graph.IsRecording = false;
        graph.Reset();
        Tensor ratings = graph.NewTensor(new Shape(which.Length, Inputs));
        rows.FillDense(which, ratings.Span, []);
        float[] result = (codesOnly ? Encode(ratings) : Forward(ratings)).ToArray();
        graph.IsRecording = true;
        return result;
    }

    private void RequireRows(RatingMatrix rows)
    {
        if (rows.Columns != Inputs)
            throw new ArgumentException($"expected rows of {Inputs} {(ItemBased ? "users" : "items")}, received {rows.Columns}");
    }

    private Tensor Value(int index) => Parameters.Entries.Single(e => e.Path == Paths[index]).Parameter.Value;

    private static readonly string[] Paths = ["encoder.kernel", "encoder.bias", "decoder.kernel", "decoder.bias"];
}
