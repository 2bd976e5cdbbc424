using System.Text.Json;
using Autoencoders.Nn.Training.Checkpoints;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae train --resume DIR</c>: the interrupted run's settings travel in its checkpoint (as JSON under
/// <see cref="SettingsKey"/>), so that the resumed run is the same run, not one rebuilt from options typed again.
/// </summary>
internal static class TrainResume
{
    public const string SettingsKey = "cli.train_settings";

    public static IReadOnlyDictionary<string, string> Metadata(TrainSettings settings) =>
        new Dictionary<string, string> { [SettingsKey] = JsonSerializer.Serialize(settings) };

    /// <summary>The checkpoint in <paramref name="folder"/> and the settings of its run, writing to that folder.</summary>
    public static (TrainSettings Settings, TrainingCheckpoint Checkpoint) Read(string folder)
    {
        string path = Path.Combine(folder, BackupAndRestore.FileName);
        if (!File.Exists(path))
            throw new UsageException($"--resume {folder}: no {BackupAndRestore.FileName} there: nothing to resume (a finished run deletes its checkpoint)");
        var checkpoint = CheckpointFile.Load(path);
        if (!checkpoint.Metadata.TryGetValue(SettingsKey, out string? json))
            throw new InvalidDataException($"{path}: a checkpoint without ae train's settings (\"{SettingsKey}\"): it was not written by ae train");
        try
        {
            var settings = JsonSerializer.Deserialize<TrainSettings>(json) ?? throw new JsonException("null settings");
            return (settings with { Out = folder }, checkpoint);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path}: unreadable ae train settings: {error.Message}", error);
        }
    }
}
