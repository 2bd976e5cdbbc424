using Autoencoders.Data;
using Autoencoders.Data.Images;

namespace Autoencoders.Cli.Commands.Translation;

/// <summary>Gray images for a colour model (the gray repeated in R, G and B) or colour images for a gray one (the
/// mean of R, G and B), so that a folder whose images all happen to be gray still fits an RGB model.</summary>
internal static class ImageChannels
{
    public static Dataset Convert(Dataset images, ImageLayout layout, string source)
    {
        int plane = layout.PlaneSize, from = images.FeatureCount / plane;
        if (images.FeatureCount % plane != 0 || from is not (1 or 3) || layout.Channels is not (1 or 3))
            throw new InvalidDataException($"{source}: holds images of {images.FeatureCount} values, the model translates {layout} images ({layout.ValueCount} values)");
        var converted = new float[images.Count * layout.ValueCount];
        for (int i = 0; i < images.Count; i++)
        {
            var row = images.Row(i);
            var destination = converted.AsSpan(i * layout.ValueCount, layout.ValueCount);
            for (int p = 0; p < plane; p++)
            {
                float gray = from == 1 ? row[p] : (row[p] + row[plane + p] + row[2 * plane + p]) / 3;
                for (int c = 0; c < layout.Channels; c++) destination[c * plane + p] = gray;
            }
        }
        int[] shape = layout.Channels == 1 ? [layout.Height, layout.Width] : [layout.Channels, layout.Height, layout.Width];
        return new Dataset(converted, layout.ValueCount, sampleShape: shape);
    }
}
