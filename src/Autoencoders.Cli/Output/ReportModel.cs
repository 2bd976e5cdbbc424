using Autoencoders.Applications.Training;
using Autoencoders.Cli.Commands;
using Autoencoders.Data;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Output;

/// <summary>
/// One model of the report with everything its section reads, loaded and checked before any page is built: the
/// data as the model sees it (its saved scaling applied), the files <c>ae train</c> left beside it, and the normal
/// classes of its anomaly section.
/// </summary>
/// <param name="NormalClasses">Labels of the normal classes, or null when the anomaly section can draw no ROC curve.</param>
/// <param name="ClassesNote">Where the normal classes came from, or why there are none.</param>
internal sealed record ReportModel(string Path, Autoencoder Model, LoadedModel Loaded, Dataset Train, Dataset Test, ReportTrainingFiles Files,
    int[]? NormalClasses, string ClassesNote)
{
    /// <summary>Loads <paramref name="path"/> and checks it against <paramref name="split"/> (unscaled, training part already limited).</summary>
    public static ReportModel Load(string path, DatasetSplit split, ReportOptions options) => Load(path, ModelLoading.Load(path), split, options);

    /// <summary>The same for a model file already read (<paramref name="loaded"/>, from <paramref name="path"/>).</summary>
    public static ReportModel Load(string path, LoadedModel loaded, DatasetSplit split, ReportOptions options)
    {
        var model = loaded.Model as Autoencoder
            ?? throw new UsageException($"{path}: holds a plain model, not an autoencoder with an encoder and a decoder");
        DatasetSplit seen;
        try
        {
            seen = ModelData.Apply(ModelData.ScalerOf(loaded), split);
        }
        catch (InvalidDataException error)
        {
            throw new UsageException($"{path}: {error.Message}");
        }
        var test = seen.Test!;
        if (test.FeatureCount != model.InputShape.ElementCount)
            throw new UsageException($"{path}: the model expects samples of {model.InputShape.ElementCount} values, {split.Description} has {test.FeatureCount}");
        var (normal, note) = Classes(path, loaded, test, options);
        if (normal is not null && seen.Train.Labels is { } trainLabels && !trainLabels.Any(normal.Contains))
            throw new UsageException($"{path}: none of the {seen.Train.Count:N0} training samples is of the normal classes {ModelData.FormatClasses(normal)}, so no anomaly threshold can be set (a larger --limit?)");
        return new ReportModel(path, model, loaded, seen.Train, test, ReportTrainingFiles.Read(path), normal, note);
    }

    /// <summary>--normal-classes first (then the test split must hold both kinds), else the classes the model was trained on.</summary>
    private static (int[]? Classes, string Note) Classes(string path, LoadedModel loaded, Dataset test, ReportOptions options)
    {
        if (options.NormalClasses is { } given)
        {
            string option = $"--normal-classes {ModelData.FormatClasses(given)}";
            if (test.Labels is not { } labels)
                throw new UsageException($"{option}: the test split has no labels to tell normal samples from anomalous ones");
            int normal = labels.Count(given.Contains);
            if (normal == 0 || normal == labels.Length)
                throw new UsageException($"{option}: expected test samples of both normal and other classes, received {normal:N0} normal of {labels.Length:N0}");
            return ([.. given], $"classes {ModelData.FormatClasses(given)} (--normal-classes)");
        }
        int[]? trained;
        try
        {
            trained = ModelData.TrainingClassesOf(loaded);
        }
        catch (InvalidDataException error)
        {
            throw new UsageException($"{path}: {error.Message}");
        }
        const string howTo = "the ROC curve needs labelled normal classes: pass --normal-classes, or train on the normal classes only (ae train --classes)";
        if (trained is null)
            return (null, $"No normal classes are known for this model, so its errors are shown without a ROC curve; {howTo}.");
        if (test.Labels is not { } testLabels)
            return (null, $"The model was trained on classes {ModelData.FormatClasses(trained)}, but the test split has no labels, so there is no ROC curve.");
        int kept = testLabels.Count(trained.Contains);
        if (kept == 0 || kept == testLabels.Length)
            return (null, $"The model was trained on classes {ModelData.FormatClasses(trained)}, and the test split holds {(kept == 0 ? "none" : "only")} of them, so there is no ROC curve; {howTo}.");
        return (trained, $"classes {ModelData.FormatClasses(trained)}, the ones the model was trained on");
    }
}
