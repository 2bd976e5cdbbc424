using Autoencoders.Data;
using Autoencoders.Drawing;
using Autoencoders.Nn.Models;

namespace Autoencoders.Cli.Output;

/// <summary>The pictures several commands draw.</summary>
internal static class Figures
{
    /// <summary>The first <paramref name="count"/> samples above their reconstructions (the seeds' figure).
    /// Tabular samples are drawn as one-pixel-high strips.</summary>
    public static RgbImage Reconstructions(Autoencoder model, Dataset samples, int count)
    {
        var shown = samples.Limit(Math.Min(count, samples.Count));
        float[] reconstructed = model.Reconstruct(shown);
        var (width, height) = ImageSize(samples);
        int size = samples.FeatureCount;
        var images = new List<float[]>();
        for (int i = 0; i < shown.Count; i++) images.Add(shown.Row(i).ToArray());
        for (int i = 0; i < shown.Count; i++) images.Add(reconstructed.AsSpan(i * size, size).ToArray());
        return ImageGrid.Render(images, width, height, columns: shown.Count, scale: height == 1 ? 4 : 3,
            rowLabels: ["original", "reconstructed"], title: $"{model.Name}: test samples and their reconstructions");
    }

    public static (int Width, int Height) ImageSize(Dataset samples) =>
        samples.SampleShape is [int h, int w] ? (w, h) : (samples.FeatureCount, 1);
}
