namespace Autoencoders.Drawing.Tests;

/// <summary>Deterministic stand-ins for what the CLI plots: loss curves, 2-D latent codes, ring images.</summary>
internal static class SampleData
{
    public static readonly string[] FashionNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>(epochs 1..n, loss, val_loss) decaying like a typical training run.</summary>
    public static (double[] Epochs, double[] Loss, double[] ValidationLoss) LossCurves(int epochs = 30)
    {
        var random = new Random(1);
        double[] x = Enumerable.Range(1, epochs).Select(e => (double)e).ToArray();
        double[] loss = x.Select(e => 0.6 * Math.Exp(-e / 6) + 0.08 + 0.005 * random.NextDouble()).ToArray();
        double[] validation = x.Select(e => 0.55 * Math.Exp(-e / 7) + 0.11 + 0.01 * random.NextDouble()).ToArray();
        return (x, loss, validation);
    }

    /// <summary>Points in ten Gaussian clusters on a circle, category = cluster, in shuffled order.</summary>
    public static (double[] X, double[] Y, int[] Categories) Clusters(int count = 10_000)
    {
        var random = new Random(2);
        var x = new double[count];
        var y = new double[count];
        var categories = new int[count];
        for (int i = 0; i < count; i++)
        {
            int category = random.Next(10);
            double angle = category * Math.PI / 5;
            x[i] = 3 * Math.Cos(angle) + Gaussian(random);
            y[i] = 3 * Math.Sin(angle) + Gaussian(random) * 0.7;
            categories[i] = category;
        }

        return (x, y, categories);
    }

    /// <summary>Ten distinct 28×28 images in [0, 1]: ring k has radius 3 + k, so each image differs from the others.</summary>
    public static float[][] Digits()
    {
        return Enumerable.Range(0, 10).Select(digit =>
        {
            var image = new float[28 * 28];
            for (int y = 0; y < 28; y++)
            for (int x = 0; x < 28; x++)
            {
                double distance = Math.Sqrt((x - 13.5) * (x - 13.5) + (y - 13.5) * (y - 13.5));
                image[y * 28 + x] = (float)Math.Clamp(1.5 - Math.Abs(distance - (3 + digit)), 0, 1);
            }

            return image;
        }).ToArray();
    }

    /// <summary>A 3×3 box blur: what an undertrained autoencoder's reconstruction looks like.</summary>
    public static float[] Blur(float[] image, int width, int height)
    {
        var output = new float[image.Length];
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            float sum = 0;
            for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
            {
                int sx = Math.Clamp(x + dx, 0, width - 1), sy = Math.Clamp(y + dy, 0, height - 1);
                sum += image[sy * width + sx];
            }

            output[y * width + x] = sum / 9;
        }

        return output;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
