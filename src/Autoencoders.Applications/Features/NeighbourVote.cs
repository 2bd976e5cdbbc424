using System.Numerics;

namespace Autoencoders.Applications.Features;

/// <summary>
/// The second half of <see cref="KNearestNeighbors.Predict"/> for one block of test rows: from the block's products
/// −2a·b (rows × training rows), each row's k smallest ‖b‖² − 2a·b and the vote among their labels. One instance serves
/// every block and its parts run under Parallel.For, so the loop allocates nothing of its own.
/// </summary>
internal sealed class NeighbourVote
{
    private readonly float[] products;
    private readonly float[] trainNorms;
    private readonly int[] trainLabels;
    private readonly int[] predictions;
    private readonly int k;
    private readonly float[] distances; // (parts, k): each part's current k best scores, ascending
    private readonly int[] indices;     // (parts, k): their training rows

    /// <param name="maxParts">The most parts a block is split in.</param>
    public NeighbourVote(float[] products, float[] trainNorms, int[] trainLabels, int k, int[] predictions, int maxParts)
    {
        this.products = products;
        this.trainNorms = trainNorms;
        this.trainLabels = trainLabels;
        this.k = k;
        this.predictions = predictions;
        distances = new float[maxParts * k];
        indices = new int[maxParts * k];
        RunPart = Run;
    }

    /// <summary>The block's first test row, its number of rows, and how many parts (at most maxParts) <see cref="RunPart"/> splits them in.</summary>
    public int Start, Rows, Parts;

    /// <summary>Selects and votes for part <c>p</c> of <see cref="Parts"/> of the block's rows.</summary>
    public Action<int> RunPart { get; }

    private void Run(int part)
    {
        int trainCount = trainNorms.Length;
        int first = (int)((long)Rows * part / Parts), end = (int)((long)Rows * (part + 1) / Parts);
        Span<float> best = distances.AsSpan(part * k, k);
        Span<int> bestRows = indices.AsSpan(part * k, k);
        for (int row = first; row < end; row++)
        {
            SelectNearest(products.AsSpan(row * trainCount, trainCount), trainNorms, best, bestRows);
            predictions[Start + row] = Vote(bestRows);
        }
    }

    /// <summary>The k smallest scores s_j = products[j] + norms[j], ascending, earlier j first among equals. Most scores
    /// lose to the current k-th best, so a vector compare rejects them in groups and only the rare winners are inserted.</summary>
    private static void SelectNearest(ReadOnlySpan<float> products, ReadOnlySpan<float> norms, Span<float> distances, Span<int> indices)
    {
        distances.Fill(float.PositiveInfinity);
        indices.Fill(-1);
        float worst = float.PositiveInfinity;
        int j = 0, n = products.Length, width = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            for (; j <= n - width; j += width)
            {
                var scores = new Vector<float>(products.Slice(j)) + new Vector<float>(norms.Slice(j));
                if (!Vector.LessThanAny(scores, new Vector<float>(worst))) continue;
                for (int lane = 0; lane < width; lane++)
                    if (scores[lane] < worst) worst = Insert(scores[lane], j + lane, distances, indices);
            }
        }
        for (; j < n; j++)
        {
            float score = products[j] + norms[j];
            if (score < worst) worst = Insert(score, j, distances, indices);
        }
    }

    /// <summary>Inserts a score into the sorted k best (dropping the last) and returns the new k-th best.</summary>
    private static float Insert(float score, int index, Span<float> distances, Span<int> indices)
    {
        int position = distances.Length - 1;
        // Strictly greater: an equal score found earlier (lower index) stays in front.
        while (position > 0 && distances[position - 1] > score)
        {
            distances[position] = distances[position - 1];
            indices[position] = indices[position - 1];
            position--;
        }
        distances[position] = score;
        indices[position] = index;
        return distances[^1];
    }

    /// <summary>The most common label among the neighbours; the smallest such label on a tie (scikit-learn's mode).</summary>
    private int Vote(ReadOnlySpan<int> neighbours)
    {
        int best = int.MaxValue, bestCount = 0;
        for (int a = 0; a < neighbours.Length; a++)
        {
            int label = trainLabels[neighbours[a]], count = 0;
            for (int b = 0; b < neighbours.Length; b++)
                if (trainLabels[neighbours[b]] == label) count++;
            if (count > bestCount || (count == bestCount && label < best))
                (best, bestCount) = (label, count);
        }
        return best;
    }
}
