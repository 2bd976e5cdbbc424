using Autoencoders.Applications.Training;
using Autoencoders.Data;

namespace Autoencoders.Cli.Commands;

/// <summary>What <c>ae train</c> trains and validates on, chosen from its settings.</summary>
internal static class TrainData
{
    /// <summary>
    /// The training data: only the listed classes, the first --limit of them, CSV columns scaled to [0, 1] on them; and
    /// the data for val_loss without --validation-split: the test split, restricted to the listed classes (the others
    /// are the anomalies that ae detect will look for); and the whole test split in its own units, unscaled, as the
    /// saved model (which carries its scaler) takes it.
    /// </summary>
    public static (DatasetSplit Split, Dataset? Validation, TrainSettings Settings, MinMaxScaler? Scaler, Dataset? RawTest) Prepare(TrainSettings settings)
    {
        var split = ModelData.LoadRaw(settings.Data);
        int[]? classes = null;
        if (settings.Classes is { } text)
        {
            classes = ModelData.ParseClasses(text, split.Train, "--classes", $"the training split of {settings.Data}");
            settings = settings with { Classes = ModelData.FormatClasses(classes) };
            Dataset train = split.Train.WhereLabelIn(classes);
            split = split with { Train = train, Description = $"{split.Description}; training on classes {settings.Classes} only ({train.Count:N0} samples)" };
        }
        // After the class selection, so that --limit N trains on N samples of the chosen classes.
        if (settings.Limit is { } n) split = split.LimitTraining(n);
        MinMaxScaler? scaler = ModelData.IsTabular(settings.Data) ? MinMaxScaler.Fit(split.Train) : null;
        Dataset? rawTest = split.Test;
        split = ModelData.Apply(scaler, split);
        Dataset? validation = classes is not null && split.Test?.Labels is not null ? split.Test.WhereLabelIn(classes) : split.Test;
        return (split, validation?.Count > 0 ? validation : null, settings, scaler, rawTest);
    }
}
