using Autoencoders.Data;

namespace Autoencoders.Nn.Training;

/// <summary>Settings of one <see cref="Models.Model.Fit"/> call, with Keras's names and meaning.</summary>
public sealed class FitOptions
{
    public int Epochs { get; init; } = 1;

    public int BatchSize { get; init; } = 32;

    /// <summary>Reshuffle the training samples at the start of every epoch.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>A fraction in [0, 1) of the training samples, taken from the end before shuffling, held out for val_loss.</summary>
    public double ValidationSplit { get; init; }

    /// <summary>Held-out samples for val_loss; takes precedence over <see cref="ValidationSplit"/>.</summary>
    public IBatchSource? ValidationData { get; init; }

    /// <summary>Targets for <see cref="ValidationData"/>; the samples themselves when null.</summary>
    public IBatchSource? ValidationTargets { get; init; }

    /// <summary>Fixes the shuffling order (and, when Fit builds the model, the initial weights).</summary>
    public int Seed { get; init; }

    public IList<Callback> Callbacks { get; init; } = [];

    /// <summary>Checkpoints the run and resumes it from its folder after a crash (Keras's BackupAndRestore); null: none.</summary>
    public Checkpoints.BackupAndRestore? Backup { get; init; }

    internal void Validate()
    {
        if (Epochs <= 0) throw new ArgumentOutOfRangeException(nameof(Epochs), $"expected at least 1 epoch, received {Epochs}");
        if (BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(BatchSize), $"expected a positive batch size, received {BatchSize}");
        if (ValidationSplit is < 0 or >= 1 || double.IsNaN(ValidationSplit))
            throw new ArgumentOutOfRangeException(nameof(ValidationSplit), $"expected a validation split in [0, 1), received {ValidationSplit}");
    }
}
