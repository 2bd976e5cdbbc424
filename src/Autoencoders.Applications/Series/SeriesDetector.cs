using Autoencoders.Applications.Anomaly;
using Autoencoders.Applications.Codecs;
using Autoencoders.Data;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Applications.Series;

/// <summary>
/// Reconstruction-based anomaly detection on a series (the Keras "Timeseries anomaly detection using an Autoencoder"
/// recipe, https://keras.io/examples/timeseries/timeseries_anomaly_detection/): the series is z-scored and cut into
/// windows as in training, each window scored by its reconstruction error, windows above the threshold turned into
/// flagged steps by a <see cref="PointRule"/>, and flagged steps merged into ranges.
/// </summary>
public sealed class SeriesDetector
{
    public SeriesDetector(ICodec codec, SeriesModelSettings settings, double threshold, string thresholdDescription)
    {
        Codec = codec ?? throw new ArgumentNullException(nameof(codec));
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        if (codec.InputSize != settings.WindowValues)
            throw new ArgumentException($"codec {codec.Name} takes {codec.InputSize} values, windows of {settings.Window} × {settings.ChannelCount} hold {settings.WindowValues}");
        Threshold = AnomalyThreshold.Fixed(threshold);
        ThresholdDescription = thresholdDescription;
    }

    public ICodec Codec { get; }

    public SeriesModelSettings Settings { get; }

    /// <summary>A window is anomalous when its error is above this.</summary>
    public double Threshold { get; }

    public string ThresholdDescription { get; }

    /// <summary>The Keras example's rule: the largest error of the training windows.</summary>
    public static ThresholdRule DefaultRule => ThresholdRule.Max;

    /// <summary>The detector of a model written by <c>ae timeseries train</c>, its threshold <paramref name="rule"/> resolved against the training record.</summary>
    public static SeriesDetector FromModel(LoadedModel model, ThresholdRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var autoencoder = model.Model as Autoencoder ?? throw new InvalidDataException("the model file holds a plain model, not an autoencoder");
        var settings = SeriesModelSettings.Read(model.Metadata)
            ?? throw new InvalidDataException($"the model file has no \"{SeriesModelSettings.SettingsKey}\": it was not written by ae timeseries train");
        rule ??= DefaultRule;
        var calibration = Calibration.ReadPreferred(model.Metadata);
        if (calibration is null)
            return rule.NeedsReference ? throw new InvalidDataException("the model file holds no record of its training errors") : new SeriesDetector(new AutoencoderCodec(autoencoder), settings, rule.Value, rule.Describe("training windows"));
        if (calibration.Score != settings.MeasureName)
            throw new InvalidDataException($"metadata \"{calibration.MetadataKey}\": expected {settings.MeasureName} scores as the model's settings say, received {calibration.Score}");
        string reference = $"{calibration.Count:N0} {calibration.Source} windows ({settings.MeasureName})";
        return new SeriesDetector(new AutoencoderCodec(autoencoder), settings, rule.Resolve(calibration), rule.Describe(reference));
    }

    /// <summary>Each window's error, in time order.</summary>
    public double[] WindowScores(TimeSeries series) => ReconstructionError.PerSample(Codec, Settings.Windows(series), Settings.Measure);

    public SeriesDetection Detect(TimeSeries series, PointRule rule = PointRule.AllWindows)
    {
        double[] windows = WindowScores(series);
        double[] points = Settings.PointScores(windows, series.Length, rule);
        return new SeriesDetection(windows, points, Threshold, rule, AnomalyRange.Merge(points, Threshold));
    }
}
