namespace Autoencoders.Cli.Commands;

/// <summary>What <c>ae timeseries train</c> was asked for, as read from its options (and written into metrics.json).</summary>
internal sealed record TimeSeriesTrainSettings(string Data, string Model, int Window, int Stride, string? TrainUntil,
    Applications.Anomaly.ReconstructionMeasure Measure, int? Code, int Epochs, int? Batch, float LearningRate, double? ValidationSplit, int? Patience,
    int Seed, int Threads, string Out, int Difference = 0, bool Centered = false)
{
    /// <summary>Throws a <see cref="UsageException"/> for the first setting that is out of range or does not apply to the model.</summary>
    public void Validate()
    {
        if (Code is <= 0) throw new UsageException($"--code must be a positive integer, received {Code}");
        if (Code is not null && Model == "ts-conv")
            throw new UsageException("--code does not apply to ts-conv: its code is the Keras example's, 16 filters at a quarter of the window");
        if (Difference < 0) throw new UsageException($"--difference must be 0 (none) or a positive lag, received {Difference}");
        if (Difference > 0 && Model == "ts-vae")
            throw new UsageException("--difference does not apply to ts-vae: generate writes windows in the series' units, which differences are not");
        if (Centered && Model == "ts-vae")
            throw new UsageException("--center-windows does not apply to ts-vae: generate writes windows in the series' units, and centred windows have lost their level");
        if (Batch is <= 0) throw new UsageException($"--batch must be a positive integer, received {Batch}");
        if (ValidationSplit is { } split && !(split > 0 && split < 1)) throw new UsageException($"--validation-split must be in (0, 1), received {split}");
        if (Model == "ts-conv" && Window % 4 != 0)
            throw new UsageException($"--window {Window}: ts-conv halves the window twice, expected a multiple of 4 (288)");
        if (File.Exists(Out)) throw new UsageException($"--out {Out}: is a file, expected a folder");
    }
}
