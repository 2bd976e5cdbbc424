using System.Diagnostics;
using Autoencoders.Data;
using Autoencoders.Nn.Models;

namespace Autoencoders.Dashboard.Views;

/// <summary>
/// What the page shows of the model itself, refreshed each epoch: reconstructions of a few fixed test samples and the
/// latent space of a few hundred (the first two code dimensions; a 1-D code on a line), each point with its label and
/// the name of its image for the hover. Runs on the caller's thread — in training, between epochs — so that it sees one
/// epoch's weights and no others; it costs one forward pass over <see cref="PointCount"/> samples.
/// </summary>
public sealed class RunSnapshots
{
    /// <summary>Samples whose reconstructions are shown.</summary>
    public const int ReconstructionCount = 8;

    /// <summary>At most this many points in the latent view.</summary>
    public const int PointCount = 300;

    private readonly DashboardRun run;
    private readonly Dataset probe;
    private readonly SampleImages images;
    private string? previous;

    /// <param name="samples">Samples as the model takes them (scaled); the first <see cref="PointCount"/> are used.</param>
    public RunSnapshots(DashboardRun run, Dataset samples)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(samples);
        this.run = run;
        probe = samples.Limit(Math.Min(PointCount, samples.Count));
        images = new SampleImages(probe.FeatureCount, probe.SampleShape);
        for (int i = 0; i < probe.Count; i++) run.PutImage(SampleName(i), images.Gray(probe.Row(i)));
    }

    public SampleImages Images => images;

    /// <summary>The image name of probe sample <paramref name="index"/>.</summary>
    public static string SampleName(int index) => $"sample-{index}.png";

    /// <summary>Encodes and reconstructs the probe with the model's weights now and publishes a <c>snapshot</c> event.</summary>
    public void Publish(Autoencoder model, int epoch)
    {
        ArgumentNullException.ThrowIfNull(model);
        var clock = Stopwatch.StartNew();
        float[] codes = model.Encode(probe);
        int shown = Math.Min(ReconstructionCount, probe.Count);
        float[] reconstructed = model.Reconstruct(probe.Limit(shown));
        var grid = new List<float[]>(2 * shown);
        for (int i = 0; i < shown; i++) grid.Add(probe.Row(i).ToArray());
        for (int i = 0; i < shown; i++) grid.Add(reconstructed.AsSpan(i * probe.FeatureCount, probe.FeatureCount).ToArray());
        string name = $"reconstructions-{epoch}.png";
        run.PutImage(name, images.Grid(grid, shown));
        // Only the newest grid is named by the history a late viewer replays; older ones would only hold memory.
        if (previous is not null && previous != name) run.RemoveImage(previous);
        previous = name;

        int size = model.CodeSize;
        var points = new double[probe.Count][];
        for (int i = 0; i < probe.Count; i++)
            points[i] = [codes[i * size], size > 1 ? codes[i * size + 1] : 0, probe.Labels?[i] ?? -1, i];
        run.Publish(new
        {
            type = "snapshot", epoch, reconstructions = name, codeSize = size, points,
            classNames = probe.ClassNames, milliseconds = clock.Elapsed.TotalMilliseconds,
        });
    }
}
