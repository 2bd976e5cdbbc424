using System.Diagnostics;
using Autoencoders.Data;

namespace Autoencoders.Nn.Training.Checkpoints;

/// <summary>
/// Keras's BackupAndRestore: <see cref="Models.Model.Fit"/> writes a <see cref="TrainingCheckpoint"/> to
/// <c>Folder/checkpoint.safetensors</c> after every epoch (and every <see cref="EveryBatches"/> batches), and a
/// Fit that finds one there continues from it instead of starting over: the same seed and threads then give the
/// same model, bit for bit, as a run that was never interrupted. The checkpoint is deleted when the run finishes.
/// </summary>
/// <example><code>
/// model.Fit(train, new FitOptions { Epochs = 20, Backup = new BackupAndRestore("run/") { EveryBatches = 100 } });
/// // killed? the same call again picks up where the last checkpoint left off.
/// </code></example>
public sealed class BackupAndRestore(string folder)
{
    public const string FileName = "checkpoint.safetensors";

    /// <summary>Test hook: <c>AE_TEST_KILL_DURING_CHECKPOINT=N</c> makes the process kill itself (SIGKILL) in the middle of
    /// its Nth checkpoint write, half the bytes on disk and not renamed yet, to prove that such a crash loses nothing.</summary>
    public const string KillDuringWriteVariable = "AE_TEST_KILL_DURING_CHECKPOINT";

    private int writes;

    public string Folder { get; } = string.IsNullOrWhiteSpace(folder) ? throw new ArgumentException("expected a checkpoint folder, received an empty path", nameof(folder)) : folder;

    public string FilePath => Path.Combine(Folder, FileName);

    /// <summary>Also checkpoint every N batches within an epoch (null: at the ends of epochs only).</summary>
    public int? EveryBatches
    {
        get;
        init => field = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(EveryBatches), $"expected a positive number of batches, received {value}");
    }

    /// <summary>Delete the checkpoint once the run has finished (Keras's delete_checkpoint).</summary>
    public bool DeleteWhenFinished { get; init; } = true;

    /// <summary>Stored in every checkpoint and given back by <see cref="TrainingCheckpoint.Metadata"/> (the command line keeps its settings).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Called after each checkpoint is written, with the model in the state saved (the command line writes its model file then).</summary>
    public Action<TrainingCheckpoint>? Saved { get; init; }

    /// <summary>The checkpoint last written or restored in this process: where a failed run can be resumed from.</summary>
    public TrainingCheckpoint? Last { get; private set; }

    /// <summary>A checkpoint the caller has already read from <see cref="FilePath"/> (<c>ae train --resume</c> takes the
    /// run's settings from it): Fit continues from it instead of reading the file a second time.</summary>
    public TrainingCheckpoint? AlreadyRead { get; init; }

    private bool started;

    /// <summary>The checkpoint left in <see cref="Folder"/>, or null when there is none (a run that never got to one, or finished).</summary>
    public TrainingCheckpoint? TryLoad()
    {
        RemoveUnfinishedWrites();
        if (!File.Exists(FilePath)) return null;
        Last = CheckpointFile.Load(FilePath);
        return Last;
    }

    /// <summary>Where Fit starts: <see cref="AlreadyRead"/> the first time, else what <see cref="TryLoad"/> finds.</summary>
    internal TrainingCheckpoint? ResumePoint()
    {
        if (started || AlreadyRead is null) return TryLoad();
        started = true;
        RemoveUnfinishedWrites();
        Last = AlreadyRead;
        return AlreadyRead;
    }

    internal void Save(TrainingCheckpoint checkpoint)
    {
        Directory.CreateDirectory(Folder);
        writes++;
        bool kill = Environment.GetEnvironmentVariable(KillDuringWriteVariable) == writes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        AtomicFile.Write(FilePath, stream =>
        {
            if (!kill)
            {
                CheckpointFile.WriteTo(stream, checkpoint);
                return;
            }
            var bytes = new MemoryStream();
            CheckpointFile.WriteTo(bytes, checkpoint);
            stream.Write(bytes.GetBuffer(), 0, (int)(bytes.Length / 2));
            ((FileStream)stream).Flush(flushToDisk: true);
            Process.GetCurrentProcess().Kill();
            Thread.Sleep(Timeout.Infinite);
        });
        Last = checkpoint;
        Saved?.Invoke(checkpoint);
    }

    // A write that a crash cut short leaves its temporary file (AtomicFile names it ".checkpoint.safetensors.*.tmp"),
    // never a damaged checkpoint; nothing reads it, so it goes.
    private void RemoveUnfinishedWrites()
    {
        if (!Directory.Exists(Folder)) return;
        foreach (string leftover in Directory.EnumerateFiles(Folder, $".{FileName}.*.tmp"))
            File.Delete(leftover);
    }

    internal void Finish()
    {
        if (DeleteWhenFinished) File.Delete(FilePath);
    }
}
