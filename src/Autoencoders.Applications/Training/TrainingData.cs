using Autoencoders.Data;

namespace Autoencoders.Applications.Training;

/// <summary>What a training run trains and validates on, chosen from its <see cref="TrainingSettings"/>.</summary>
/// <param name="Split">The training samples (only the listed classes, the first <see cref="TrainingSettings.Limit"/> of them) and
/// the whole test split, both as the model takes them: CSV columns scaled to [0, 1] by <paramref name="Scaler"/>.</param>
/// <param name="Validation">The data for val_loss without a validation split: the test split, restricted to the listed classes (the
/// others are the anomalies that detection will look for); null when there is none.</param>
/// <param name="Scaler">The min-max scaler fitted on the training samples (tabular data), or null (images, already in [0, 1]).</param>
/// <param name="RawTest">The whole test split in its own units, unscaled, as a saved model (which carries its scaler) takes it.</param>
/// <param name="Classes">The labels trained on, sorted, or null: every sample.</param>
public sealed record TrainingData(DatasetSplit Split, Dataset? Validation, MinMaxScaler? Scaler, Dataset? RawTest, int[]? Classes)
{
    /// <summary>Loads <see cref="TrainingSettings.Data"/> and prepares it as <paramref name="settings"/> say.</summary>
    public static TrainingData Prepare(TrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var split = ModelData.LoadRaw(settings.Data);
        int[]? classes = null;
        if (settings.Classes is { } text)
        {
            classes = ModelData.ParseClasses(text, split.Train, "--classes", $"the training split of {settings.Data}");
            Dataset train = split.Train.WhereLabelIn(classes);
            split = split with { Train = train, Description = $"{split.Description}; training on classes {ModelData.FormatClasses(classes)} only ({train.Count:N0} samples)" };
        }
        // After the class selection, so that a limit of N trains on N samples of the chosen classes.
        if (settings.Limit is { } n) split = split.LimitTraining(n);
        MinMaxScaler? scaler = ModelData.IsTabular(settings.Data) ? MinMaxScaler.Fit(split.Train) : null;
        Dataset? rawTest = split.Test;
        split = ModelData.Apply(scaler, split);
        Dataset? validation = classes is not null && split.Test?.Labels is not null ? split.Test.WhereLabelIn(classes) : split.Test;
        return new TrainingData(split, validation?.Count > 0 ? validation : null, scaler, rawTest, classes);
    }
}
