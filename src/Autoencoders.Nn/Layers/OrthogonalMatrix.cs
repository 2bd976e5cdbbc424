using Autoencoders.Data;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// Keras's Orthogonal initializer (gain 1): a Gaussian matrix of (max(r, c), min(r, c)) orthonormalised by QR with the
/// signs of R's diagonal made positive (so the result is uniform over orthogonal matrices, Mezzadri 2007,
/// https://arxiv.org/abs/math-ph/0609050), transposed when the matrix is wider than tall. Modified Gram–Schmidt in
/// double is that QR. Deterministic: the Gaussians come from the <see cref="DeterministicRandom"/> in row order.
/// </summary>
internal static class OrthogonalMatrix
{
    /// <summary>Fills <paramref name="values"/> as a row-major rows × columns matrix with orthonormal columns (rows ≥
    /// columns) or orthonormal rows (rows &lt; columns).</summary>
    public static void Fill(Span<float> values, int rows, int columns, DeterministicRandom random)
    {
        if (values.Length != rows * columns)
            throw new ArgumentException($"expected {rows}×{columns} = {rows * columns} values for an orthogonal matrix, received {values.Length}");
        int tall = Math.Max(rows, columns), wide = Math.Min(rows, columns);
        var gaussian = new float[tall * wide];
        random.FillGaussian(gaussian, 0f, 1f);
        // q (tall, wide), column j orthonormalised against the columns before it.
        var q = new double[tall * wide];
        for (int i = 0; i < q.Length; i++) q[i] = gaussian[i];
        for (int j = 0; j < wide; j++)
        {
            for (int k = 0; k < j; k++)
            {
                double dot = 0;
                for (int i = 0; i < tall; i++) dot += q[i * wide + k] * q[i * wide + j];
                for (int i = 0; i < tall; i++) q[i * wide + j] -= dot * q[i * wide + k];
            }
            double norm = 0;
            for (int i = 0; i < tall; i++) norm += q[i * wide + j] * q[i * wide + j];
            norm = Math.Sqrt(norm);
            if (norm == 0) throw new InvalidOperationException("a Gaussian matrix came out singular"); // probability zero
            for (int i = 0; i < tall; i++) q[i * wide + j] /= norm; // R's diagonal is the norm, positive: no sign to fix
        }
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                values[r * columns + c] = (float)(rows >= columns ? q[r * wide + c] : q[c * wide + r]);
    }
}
