using Autoencoders.Applications.Anomaly;
using Autoencoders.Applications.Codecs;
using Autoencoders.Data;
using Autoencoders.Nn.Models;

namespace Autoencoders.Serving.Inference;

/// <summary>
/// What the server knows of its model: the autoencoder, the preprocessing it was trained with, the training columns and
/// the threshold. Every call takes raw rows (the units of the training file) and applies the preprocessing itself.
/// Not thread-safe by contract: the <see cref="InferenceQueue"/>'s one worker calls it.
/// </summary>
public sealed class ServedModel
{
    private readonly AutoencoderCodec codec;
    private readonly MinMaxScaler? scaler;

    public ServedModel(Autoencoder model, MinMaxScaler? scaler, IReadOnlyList<string>? columns, double threshold, string thresholdRule)
    {
        ArgumentNullException.ThrowIfNull(model);
        codec = new AutoencoderCodec(model);
        this.scaler = scaler;
        if (columns is not null && columns.Count != InputSize)
            throw new ArgumentException($"expected {InputSize} training columns, received {columns.Count}", nameof(columns));
        Columns = columns;
        Threshold = threshold;
        ThresholdRule = thresholdRule;
    }

    public Autoencoder Model => codec.Model;

    /// <summary>Values per row, in the order of <see cref="Columns"/>.</summary>
    public int InputSize => codec.InputSize;

    public int CodeSize => codec.CodeSize;

    /// <summary>The training file's feature columns, in the order the model reads them; null for images.</summary>
    public IReadOnlyList<string>? Columns { get; }

    /// <summary>A row is anomalous when its score is above this.</summary>
    public double Threshold { get; }

    /// <summary>The flag: score &gt; threshold, as <c>ae detect</c> sets it.</summary>
    public bool IsAnomaly(double score) => score > Threshold;

    /// <summary>How the threshold was chosen, in words.</summary>
    public string ThresholdRule { get; }

    /// <summary>The name of feature <paramref name="index"/>: its column, or <c>pxJ</c> for a pixel, as <c>ae detect --explain</c> writes it.</summary>
    public string FeatureName(int index) => Columns is { } names ? names[index] : $"px{index}";

    /// <summary>Each row's score (mean squared reconstruction error, scaled units) and, when <paramref name="explain"/> &gt; 0, its top features.</summary>
    public (double[] Scores, FeatureError[][]? Top) Score(float[] rows, int explain)
    {
        Dataset samples = Scaled(rows);
        double[] scores = ReconstructionError.PerSample(codec, samples);
        var top = explain > 0 ? ReconstructionError.TopFeatures(codec, samples, Math.Min(explain, InputSize)) : null;
        return (scores, top);
    }

    /// <summary>The codes of the rows, <see cref="CodeSize"/> values each.</summary>
    public float[] Encode(float[] rows) => codec.Encode(Scaled(rows));

    /// <summary>The reconstructions of the rows, in the rows' own units.</summary>
    public float[] Reconstruct(float[] rows)
    {
        float[] reconstructed = codec.Reconstruct(Scaled(rows));
        scaler?.InverseTransform(reconstructed);
        return reconstructed;
    }

    private Dataset Scaled(float[] rows)
    {
        var copy = (float[])rows.Clone();
        scaler?.Transform(copy);
        return new Dataset(copy, InputSize);
    }
}
