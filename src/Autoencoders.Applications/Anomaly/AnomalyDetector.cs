using System.Globalization;
using Autoencoders.Applications.Codecs;
using Autoencoders.Data;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Applications.Anomaly;

/// <summary>
/// A trained model deployed as an anomaly detector: raw rows in (as a file holds them), the model's preprocessing
/// applied inside, each row's score (mean squared reconstruction error) out, flagged above a threshold fixed once
/// from the model's <see cref="Anomaly.Calibration"/> — so the same model flags by the same number on any data.
/// </summary>
/// <remarks>
/// Rows are scored <see cref="BatchRows"/> per forward pass. The detector holds no mutable state: several threads
/// (a server's requests) may score with one instance at once.
/// </remarks>
public sealed class AnomalyDetector
{
    /// <summary>Rows per forward pass: big enough for GEMM to run at speed, small enough to stay in cache-sized buffers.</summary>
    public const int BatchRows = 1024;

    /// <summary>A detector with a threshold already chosen.</summary>
    /// <param name="codec">Reconstructs preprocessed rows: a trained autoencoder (<see cref="AutoencoderCodec"/>) or PCA.</param>
    /// <param name="preprocessing">Applied to every raw row before <paramref name="codec"/> sees it.</param>
    public AnomalyDetector(ICodec codec, ModelPreprocessing preprocessing, double threshold, string thresholdDescription, Calibration? calibration = null)
    {
        Codec = codec ?? throw new ArgumentNullException(nameof(codec));
        Preprocessing = preprocessing ?? throw new ArgumentNullException(nameof(preprocessing));
        if (preprocessing.Scaler is { } scaler && scaler.FeatureCount != codec.InputSize)
            throw new ArgumentException($"the scaler has {scaler.FeatureCount} features, codec {codec.Name} expects {codec.InputSize}", nameof(preprocessing));
        Threshold = AnomalyThreshold.Fixed(threshold);
        ThresholdDescription = thresholdDescription ?? throw new ArgumentNullException(nameof(thresholdDescription));
        Calibration = calibration;
    }

    public ICodec Codec { get; }

    public ModelPreprocessing Preprocessing { get; }

    /// <summary>The record the threshold was resolved against, or null (a fixed threshold, or reference errors measured at scoring time).</summary>
    public Calibration? Calibration { get; }

    /// <summary>A row is anomalous when its score is above this.</summary>
    public double Threshold { get; }

    /// <summary>How <see cref="Threshold"/> was chosen, e.g. "the 0.95 quantile of the errors of 6,000 validation samples recorded at training".</summary>
    public string ThresholdDescription { get; }

    /// <summary>Values per raw row.</summary>
    public int FeatureCount => Codec.InputSize;

    /// <summary>
    /// The detector of a loaded model file, its threshold resolved by <paramref name="rule"/> (default: the 0.95
    /// quantile) against the file's calibration record: validation where there is one, else training.
    /// </summary>
    /// <exception cref="InvalidOperationException">The rule needs a record and the file (written before records) has none.</exception>
    public static AnomalyDetector FromModel(LoadedModel model, ThresholdRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var autoencoder = model.Model as Autoencoder
            ?? throw new ArgumentException("the model file holds a plain model, not an autoencoder with an encoder and a decoder", nameof(model));
        return FromCalibration(new AutoencoderCodec(autoencoder), ModelPreprocessing.Read(model), Calibration.Read(model), rule ?? ThresholdRule.Default);
    }

    /// <summary>A detector whose threshold is <paramref name="rule"/> resolved against <paramref name="calibration"/> (null: only a fixed rule works).</summary>
    public static AnomalyDetector FromCalibration(ICodec codec, ModelPreprocessing preprocessing, Calibration? calibration, ThresholdRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(preprocessing);
        if (calibration is null)
            return rule.NeedsReference
                ? throw new InvalidOperationException("the model file holds no calibration record (it was trained before ae train recorded the errors of its training samples): retrain it, or give a fixed threshold")
                : new AnomalyDetector(codec, preprocessing, rule.Value, "given by --threshold");
        string reference = preprocessing.TrainingClasses is { } classes
            ? string.Create(CultureInfo.InvariantCulture, $"{calibration.Count:N0} normal (classes {string.Join(",", classes)}) {calibration.Source} samples")
            : calibration.Describe();
        return new AnomalyDetector(codec, preprocessing, rule.Resolve(calibration), rule.Describe($"{reference} recorded at training"), calibration);
    }

    /// <summary>
    /// A detector whose threshold is <paramref name="rule"/> applied to <paramref name="referenceScores"/> measured now
    /// (model files without a record; PCA fitted at scoring time); <paramref name="reference"/> says what they are.
    /// </summary>
    public static AnomalyDetector FromReference(ICodec codec, ModelPreprocessing preprocessing, IReadOnlyList<double> referenceScores, ThresholdRule rule, string reference)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new AnomalyDetector(codec, preprocessing, rule.Choose(referenceScores), rule.Describe(reference));
    }

    public bool IsAnomaly(double score) => score > Threshold;

    /// <summary>Scores raw row-major <paramref name="rows"/>, shape (n, <see cref="FeatureCount"/>), into <paramref name="scores"/> (n values).</summary>
    public void Score(ReadOnlySpan<float> rows, Span<double> scores)
    {
        int features = FeatureCount;
        if (rows.Length % features != 0)
            throw new ArgumentException($"expected whole rows of {features} values, received {rows.Length} values", nameof(rows));
        int count = rows.Length / features;
        if (scores.Length < count)
            throw new ArgumentException($"expected room for {count} scores, received {scores.Length}", nameof(scores));
        float[]? chunk = null;
        for (int start = 0; start < count; start += BatchRows)
        {
            int rowsNow = Math.Min(BatchRows, count - start);
            if (chunk is null || chunk.Length != rowsNow * features) chunk = new float[rowsNow * features]; // once, and once more for the tail
            rows.Slice(start * features, rowsNow * features).CopyTo(chunk);
            ScoreRawChunk(chunk, scores.Slice(start, rowsNow));
        }
    }

    /// <summary>The score of each raw row; every row must hold <see cref="FeatureCount"/> values.</summary>
    public double[] Score(IEnumerable<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int features = FeatureCount;
        var scores = new List<double>();
        var chunk = new float[BatchRows * features];
        var chunkScores = new double[BatchRows];
        int filled = 0, index = 0;
        foreach (float[] row in rows)
        {
            if (row is null || row.Length != features)
                throw new ArgumentException($"row {index}: expected {features} values, received {row?.Length.ToString(CultureInfo.InvariantCulture) ?? "null"}", nameof(rows));
            row.CopyTo(chunk, filled * features);
            index++;
            if (++filled == BatchRows)
            {
                ScoreRawChunk(chunk, chunkScores);
                scores.AddRange(chunkScores);
                filled = 0;
            }
        }
        if (filled > 0)
        {
            float[] tail = chunk[..(filled * features)];
            ScoreRawChunk(tail, chunkScores.AsSpan(0, filled));
            scores.AddRange(chunkScores.AsSpan(0, filled));
        }
        return [.. scores];
    }

    /// <summary>The score of each raw row of <paramref name="rows"/>, in order.</summary>
    public double[] Score(IBatchSource rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.FeatureCount != FeatureCount)
            throw new ArgumentException($"expected rows of {FeatureCount} values, received {rows.FeatureCount}", nameof(rows));
        var scores = new double[rows.Count];
        var indices = new int[Math.Min(BatchRows, rows.Count)];
        float[]? chunk = null;
        for (int start = 0; start < rows.Count; start += BatchRows)
        {
            int rowsNow = Math.Min(BatchRows, rows.Count - start);
            for (int i = 0; i < rowsNow; i++) indices[i] = start + i;
            if (chunk is null || chunk.Length != rowsNow * FeatureCount) chunk = new float[rowsNow * FeatureCount];
            rows.CopyRows(indices.AsSpan(0, rowsNow), chunk);
            ScoreRawChunk(chunk, scores.AsSpan(start, rowsNow));
        }
        return scores;
    }

    /// <summary>
    /// The <paramref name="count"/> features of one raw row with the largest squared errors (xⱼ − x̂ⱼ)², in the model's
    /// preprocessed units, largest first (ties: the lower index first): what makes the row look anomalous.
    /// </summary>
    public FeatureError[] Explain(ReadOnlySpan<float> row, int count)
    {
        if (row.Length != FeatureCount)
            throw new ArgumentException($"expected a row of {FeatureCount} values, received {row.Length}", nameof(row));
        return Explain(row, count, rowCount: 1)[0];
    }

    /// <summary>As <see cref="Explain(ReadOnlySpan{float}, int)"/> for each of several raw row-major rows.</summary>
    public FeatureError[][] ExplainRows(ReadOnlySpan<float> rows, int count)
    {
        if (rows.Length % FeatureCount != 0)
            throw new ArgumentException($"expected whole rows of {FeatureCount} values, received {rows.Length} values", nameof(rows));
        return Explain(rows, count, rows.Length / FeatureCount);
    }

    /// <summary>
    /// For each raw row-major row of <paramref name="rows"/> with its <paramref name="scores"/>: "" or, when the score
    /// flags it, its <paramref name="count"/> features with the largest squared errors as <see cref="Describe"/> writes
    /// them. Only the flagged rows are reconstructed again.
    /// </summary>
    public string[] DescribeFlagged(ReadOnlySpan<float> rows, ReadOnlySpan<double> scores, int count)
    {
        int features = FeatureCount;
        if (rows.Length != scores.Length * features)
            throw new ArgumentException($"expected {scores.Length} rows of {features} values, received {rows.Length} values", nameof(rows));
        var descriptions = new string[scores.Length];
        Array.Fill(descriptions, "");
        var flagged = new List<int>();
        for (int i = 0; i < scores.Length; i++)
            if (IsAnomaly(scores[i])) flagged.Add(i);
        if (flagged.Count == 0) return descriptions;
        var flaggedRows = new float[flagged.Count * features];
        for (int i = 0; i < flagged.Count; i++) rows.Slice(flagged[i] * features, features).CopyTo(flaggedRows.AsSpan(i * features));
        FeatureError[][] top = ExplainRows(flaggedRows, count);
        for (int i = 0; i < flagged.Count; i++) descriptions[flagged[i]] = Describe(top[i]);
        return descriptions;
    }

    /// <summary>A feature's name: the CSV column it came from, else <c>pxJ</c> (images) or <c>colJ</c>.</summary>
    public string FeatureName(int feature) =>
        Preprocessing.FeatureNames?[feature] ?? (Preprocessing.Scaler is null ? "px" : "col") + feature.ToString(CultureInfo.InvariantCulture);

    /// <summary>"x3:0.41;x1:0.2": features by name with their squared errors (4 significant digits).</summary>
    public string Describe(IEnumerable<FeatureError> features) =>
        string.Join(";", features.Select(e => string.Create(CultureInfo.InvariantCulture, $"{FeatureName(e.Feature)}:{e.SquaredError:G4}")));

    private FeatureError[][] Explain(ReadOnlySpan<float> rows, int count, int rowCount)
    {
        if (rowCount == 0) return [];
        float[] prepared = rows.ToArray();
        Preprocessing.Apply(prepared);
        return ReconstructionError.TopFeatures(Codec, new Dataset(prepared, FeatureCount), count);
    }

    // The chunk holds raw rows; it is preprocessed in place, then reconstructed.
    private void ScoreRawChunk(float[] chunk, Span<double> scores)
    {
        Preprocessing.Apply(chunk);
        ReconstructionError.PerSample(Codec, new Dataset(chunk, FeatureCount), scores);
    }
}
