using Autoencoders.Applications.Training;
using Autoencoders.Cli.Commands.Translation;
using Autoencoders.Nn.Training.Checkpoints;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae train --resume DIR</c>: the interrupted run's settings travel in its checkpoint
/// (<see cref="TrainingSettings.ToCheckpointMetadata"/>), so that the resumed run is the same run, not one rebuilt from
/// options typed again.
/// </summary>
internal static class TrainResume
{
    /// <summary>The checkpoint in <paramref name="folder"/> and the settings of its run, writing to that folder; for an
    /// image-to-image run also its <see cref="TranslationSettings"/>.</summary>
    public static (TrainingSettings Settings, TranslationSettings? Translation, TrainingCheckpoint Checkpoint) Read(string folder)
    {
        string path = Path.Combine(folder, BackupAndRestore.FileName);
        if (!File.Exists(path))
            throw new UsageException($"--resume {folder}: no {BackupAndRestore.FileName} there: nothing to resume (a finished run deletes its checkpoint)");
        var checkpoint = CheckpointFile.Load(path);
        return (TrainingSettings.FromCheckpoint(checkpoint, path) with { Out = folder }, TranslationSettings.FromCheckpoint(checkpoint, path), checkpoint);
    }
}
