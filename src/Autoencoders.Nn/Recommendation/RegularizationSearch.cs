using Autoencoders.Data.Ratings;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Nn.Recommendation;

/// <summary>One λ tried by <see cref="RegularizationSearch"/>: its best validation RMSE and the epoch that reached it.</summary>
public readonly record struct RegularizationTrial(float Lambda, double ValidationRmse, int BestEpoch, int EpochsRun);

/// <summary>
/// Chooses AutoRec's λ and its number of epochs on a seeded validation share carved from the training ratings only (the
/// test side is never looked at): each candidate trains on the rest, with the biases refitted on the rest too, and stops
/// <see cref="Patience"/> epochs after its best validation RMSE. The candidates lie on a ladder of factors of about 3;
/// the search starts at <see cref="Start"/>, tries both neighbours, and walks towards the better one while each step
/// lowers the validation RMSE by at least <see cref="MinimumGain"/> (smaller gains are within the noise of one carve, and
/// each step costs a training run). The chosen model is then trained afresh on all the training ratings for the chosen
/// λ and best epoch.
/// </summary>
public static class RegularizationSearch
{
    public static readonly float[] Ladder = [0.1f, 0.3f, 1f, 3f, 10f, 30f, 100f, 300f, 1000f, 3000f, 10000f];

    public const float Start = 30f;

    public const int Patience = 6;

    public const double ValidationFraction = 0.1;

    public const double MinimumGain = 0.001;

    /// <summary>The chosen trial, and every trial in the order they ran.</summary>
    public static (RegularizationTrial Chosen, IReadOnlyList<RegularizationTrial> Trials) Run(ExplicitSplit split, AutoRecOptions options, IComputeBackend backend, Action<RegularizationTrial>? tried = null)
    {
        ExplicitSplit validation = split.Validation(ValidationFraction, options.Seed ^ 0x5EA2C4);
        var biases = new BiasBaseline(validation.Train);
        var trials = new Dictionary<int, RegularizationTrial>();
        RegularizationTrial Try(int rung)
        {
            if (trials.TryGetValue(rung, out var known)) return known;
            double best = double.PositiveInfinity;
            int bestEpoch = 0, ran = 0;
            AutoRecTraining.Fit(validation, biases, options with { Regularization = Ladder[rung] }, options.Epochs, backend, epoch =>
            {
                ran = epoch.Epoch;
                if (epoch.Test.Rmse < best) (best, bestEpoch) = (epoch.Test.Rmse, epoch.Epoch);
                return epoch.Epoch - bestEpoch < Patience;
            });
            var trial = new RegularizationTrial(Ladder[rung], best, bestEpoch, ran);
            tried?.Invoke(trial);
            return trials[rung] = trial;
        }

        int at = Array.IndexOf(Ladder, Start);
        RegularizationTrial current = Try(at);
        RegularizationTrial lower = Try(at - 1), higher = Try(at + 1);
        int step = lower.ValidationRmse < higher.ValidationRmse ? -1 : 1;
        while (at + step >= 0 && at + step < Ladder.Length)
        {
            RegularizationTrial next = Try(at + step);
            if (!(next.ValidationRmse <= current.ValidationRmse - MinimumGain)) break;
            (at, current) = (at + step, next);
        }
        return (current, [.. trials.Values]);
    }
}
