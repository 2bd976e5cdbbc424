using Autoencoders.Applications.Anomaly;
using Autoencoders.Applications.Codecs;
using Autoencoders.Data;
using Autoencoders.Nn.Models;

namespace Autoencoders.Serving.Inference;

/// <summary>
/// What the server answers with: an <see cref="AnomalyDetector"/> (model, saved preprocessing, threshold resolved at
/// training) for scores, flags and explanations — the very numbers <c>ae detect --input</c> writes for the same rows —
/// and its autoencoder for codes and reconstructions. Every call takes raw rows, in the units of the training file.
/// </summary>
public sealed class ServedModel
{
    public ServedModel(AnomalyDetector detector)
    {
        Detector = detector ?? throw new ArgumentNullException(nameof(detector));
        Model = (detector.Codec as AutoencoderCodec)?.Model
            ?? throw new ArgumentException($"expected a detector over a trained autoencoder, received one over {detector.Codec.Name}", nameof(detector));
    }

    public AnomalyDetector Detector { get; }

    public Autoencoder Model { get; }

    /// <summary>Values per row, in the order of <see cref="Columns"/>.</summary>
    public int InputSize => Detector.FeatureCount;

    public int CodeSize => Model.CodeSize;

    /// <summary>The training file's feature columns, in the order the model reads them; null for images and older files.</summary>
    public IReadOnlyList<string>? Columns => Detector.Preprocessing.FeatureNames;

    /// <summary>A row is anomalous when its score is above this.</summary>
    public double Threshold => Detector.Threshold;

    public bool IsAnomaly(double score) => Detector.IsAnomaly(score);

    /// <summary>How the threshold was chosen, in words.</summary>
    public string ThresholdRule => Detector.ThresholdDescription;

    /// <summary>Feature <paramref name="index"/> by name, as <c>ae detect --explain</c> names it.</summary>
    public string FeatureName(int index) => Detector.FeatureName(index);

    /// <summary>Each row's score and, when <paramref name="explain"/> &gt; 0, its <paramref name="explain"/> largest squared errors.</summary>
    public (double[] Scores, FeatureError[][]? Top) Score(float[] rows, int explain)
    {
        var scores = new double[rows.Length / InputSize];
        Detector.Score(rows, scores);
        return (scores, explain > 0 ? Detector.ExplainRows(rows, Math.Min(explain, InputSize)) : null);
    }

    /// <summary>The codes of the rows, <see cref="CodeSize"/> values each.</summary>
    public float[] Encode(float[] rows) => Model.Encode(Prepared(rows));

    /// <summary>The reconstructions of the rows, back in the rows' own units.</summary>
    public float[] Reconstruct(float[] rows)
    {
        float[] reconstructed = Model.Reconstruct(Prepared(rows));
        Detector.Preprocessing.Scaler?.InverseTransform(reconstructed);
        return reconstructed;
    }

    private Dataset Prepared(float[] rows)
    {
        var copy = (float[])rows.Clone();
        Detector.Preprocessing.Apply(copy);
        return new Dataset(copy, InputSize);
    }
}
