using System.Globalization;
using Autoencoders.Applications.Anomaly;
using Autoencoders.Applications.Codecs;
using Autoencoders.Data;
using Autoencoders.Nn.Models;

namespace Autoencoders.Applications.Training;

/// <summary>
/// What <c>ae train</c> records after training: the errors of the samples it trained on and, with
/// <c>--validation-split</c>, of the held-out ones (<see cref="Calibration"/>), for <c>ae detect</c>'s threshold.
/// </summary>
internal static class TrainingCalibration
{
    /// <summary>
    /// The training record and, when <paramref name="validationSplit"/> held some out, the validation record;
    /// <paramref name="train"/> is every training sample (preprocessed), of which Fit held out the last fraction.
    /// </summary>
    public static IReadOnlyList<Calibration> Measure(Autoencoder model, Dataset train, double? validationSplit)
    {
        var codec = new AutoencoderCodec(model);
        int held = (int)(train.Count * (validationSplit ?? 0)); // as Trainer.Split holds them out: the last rows
        int kept = train.Count - held;
        var records = new List<Calibration>();
        if (kept > 0) records.Add(Calibration.Measure(codec, held == 0 ? train : train.Slice(0, kept), Calibration.TrainingSource));
        if (held > 0) records.Add(Calibration.Measure(codec, train.Slice(kept, held), Calibration.ValidationSource));
        return records;
    }

    /// <summary>"calibration: errors of 6,000 validation samples recorded: 0.95 quantile 0.0123, max 0.05".</summary>
    public static string Describe(Calibration record) => string.Create(CultureInfo.InvariantCulture,
        $"calibration: errors of {record.Describe()} recorded{(record.IsExact ? "" : $" (as {Calibration.SketchQuantiles:N0} quantiles)")}: " +
        $"mean {record.Mean:G6}, 0.95 quantile {record.Quantile(ThresholdRule.DefaultQuantile):G6}, max {record.Max:G6}");
}
