using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Backends;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Applications.Features;

/// <summary>
/// Exact brute-force k-nearest-neighbour classification in Euclidean distance, as scikit-learn's
/// <c>KNeighborsClassifier(n_neighbors=k, weights="uniform", algorithm="brute")</c>: each test row gets the label most
/// common among its k nearest training rows; a tie in the vote goes to the smallest label (scikit-learn takes the mode
/// of the encoded labels, which returns the smallest of the tied values). Among training rows at equal distance the
/// lower index counts as nearer.
/// </summary>
/// <remarks>
/// ‖a − b‖² = ‖a‖² − 2a·b + ‖b‖²: for a block of test rows the −2a·b are one GEMM against all training rows, and since
/// ‖a‖² is the same for every candidate of a row, ranking needs only ‖b‖² − 2a·b. Both sides are centred on the
/// training mean first (distances do not change) so that the float32 cancellation stays small for data far from 0.
/// </remarks>
public static class KNearestNeighbors
{
    // 256 test rows × 60,000 training rows is a 61 MB block of products: large enough that GEMM runs near its peak and
    // the selection's parallel loop costs little per row. Larger training sets get fewer test rows per block, so that a
    // block never holds more than 16 M products (64 MB).
    private const int TestRowsPerBlock = 256, MaxBlockProducts = 1 << 24;

    /// <summary>The fraction of test rows whose predicted label (see <see cref="Predict"/>) equals its true label.</summary>
    public static double Accuracy(float[] trainCodes, int[] trainLabels, float[] testCodes, int[] testLabels, int dimensions, int k = 5,
        IComputeBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(testLabels);
        int[] predicted = Predict(trainCodes, trainLabels, testCodes, dimensions, k, backend);
        if (testLabels.Length != predicted.Length)
            throw new ArgumentException($"expected {predicted.Length} test labels (one per test row), received {testLabels.Length}", nameof(testLabels));
        if (predicted.Length == 0)
            throw new ArgumentException("expected at least one test row, received none", nameof(testCodes));
        int correct = 0;
        for (int i = 0; i < predicted.Length; i++)
            if (predicted[i] == testLabels[i]) correct++;
        return (double)correct / predicted.Length;
    }

    /// <summary>The majority label of each test row's <paramref name="k"/> nearest training rows; rows are
    /// <paramref name="dimensions"/> values each, row-major.</summary>
    public static int[] Predict(float[] trainCodes, int[] trainLabels, float[] testCodes, int dimensions, int k = 5, IComputeBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(trainCodes);
        ArgumentNullException.ThrowIfNull(trainLabels);
        ArgumentNullException.ThrowIfNull(testCodes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        RequireRows(trainCodes, dimensions, nameof(trainCodes));
        RequireRows(testCodes, dimensions, nameof(testCodes));
        RequireFinite(trainCodes, nameof(trainCodes));
        RequireFinite(testCodes, nameof(testCodes));
        int trainCount = trainCodes.Length / dimensions, testCount = testCodes.Length / dimensions;
        if (trainLabels.Length != trainCount)
            throw new ArgumentException($"expected {trainCount} training labels (one per training row), received {trainLabels.Length}", nameof(trainLabels));
        if (k < 1 || k > trainCount)
            throw new ArgumentOutOfRangeException(nameof(k), $"expected k from 1 to the {trainCount} training rows, received {k}");
        backend ??= CpuBackend.Shared;
        var predictions = new int[testCount];
        if (testCount == 0) return predictions;

        float[] mean = ColumnMean(trainCodes, dimensions);
        var train = new Tensor(new Shape(trainCount, dimensions));
        Centre(trainCodes, mean, train.Span);
        var trainNorms = new float[trainCount]; // ‖b‖²
        for (int j = 0; j < trainCount; j++)
        {
            ReadOnlySpan<float> row = train.Span.Slice(j * dimensions, dimensions);
            trainNorms[j] = TensorPrimitives.Dot(row, row);
        }

        int blockRows = Math.Clamp(MaxBlockProducts / trainCount, 1, Math.Min(TestRowsPerBlock, testCount));
        var queries = new Tensor(new Shape(blockRows, dimensions));
        var products = new Tensor(new Shape(blockRows, trainCount));
        int parts = Math.Max(1, backend.Threads) * 4; // more parts than threads: a descheduled thread delays less
        var vote = new NeighbourVote(products.Buffer, trainNorms, trainLabels, k, predictions, parts);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, backend.Threads) };
        for (int start = 0; start < testCount; start += blockRows)
        {
            int rows = Math.Min(blockRows, testCount - start);
            var blockQueries = rows == blockRows ? queries : new Tensor(queries.Buffer, 0, new Shape(rows, dimensions));
            var blockProducts = rows == blockRows ? products : new Tensor(products.Buffer, 0, new Shape(rows, trainCount));
            Centre(testCodes.AsSpan(start * dimensions, rows * dimensions), mean, blockQueries.Span);
            backend.MatMul(blockQueries, false, train, true, blockProducts, -2f, 0f); // (rows, train) = −2 A Bᵀ
            vote.Start = start;
            vote.Rows = rows;
            vote.Parts = Math.Min(parts, rows);
            Parallel.For(0, vote.Parts, parallel, vote.RunPart);
        }
        return predictions;
    }

    private static void RequireRows(float[] values, int dimensions, string name)
    {
        if (values.Length % dimensions != 0)
            throw new ArgumentException($"expected whole rows of {dimensions} values, received {values.Length} values", name);
    }

    private static void RequireFinite(float[] values, string name)
    {
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i]))
                throw new ArgumentException($"expected finite values, received {values[i]} at index {i}", name);
    }

    private static float[] ColumnMean(float[] rows, int dimensions)
    {
        var sums = new double[dimensions];
        int count = rows.Length / dimensions;
        for (int i = 0; i < count; i++)
            for (int j = 0; j < dimensions; j++) sums[j] += rows[i * dimensions + j];
        var mean = new float[dimensions];
        for (int j = 0; j < dimensions; j++) mean[j] = (float)(sums[j] / Math.Max(1, count));
        return mean;
    }

    private static void Centre(ReadOnlySpan<float> rows, float[] mean, Span<float> destination)
    {
        int dimensions = mean.Length;
        for (int i = 0; i < rows.Length; i += dimensions)
            TensorPrimitives.Subtract(rows.Slice(i, dimensions), mean, destination.Slice(i, dimensions));
    }
}
