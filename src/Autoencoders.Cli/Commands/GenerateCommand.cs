using System.CommandLine;
using Autoencoders.Data;
using Autoencoders.Drawing;
using Autoencoders.Nn.Models;
using MathNet.Numerics.Distributions;

namespace Autoencoders.Cli.Commands;

/// <summary><c>ae generate</c>: decodes codes drawn from a VAE's prior into new samples, or with <c>--manifold</c> the
/// grid of a 2-D latent space (Kingma &amp; Welling 2014, figure 4).</summary>
internal static class GenerateCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "a variational autoencoder written by ae train --model vae (DIR/model.safetensors)", Required = true, HelpName = "FILE" };
        var count = new Option<int>("--count") { Description = "samples to draw from the prior N(0, I)", DefaultValueFactory = _ => 64, HelpName = "N" };
        var manifold = new Option<bool>("--manifold") { Description = "for a 2-D latent: decode a grid of latent points at the normal quantiles 0.05…0.95 instead of random draws" };
        var grid = new Option<int>("--grid") { Description = "points per side of the --manifold grid", DefaultValueFactory = _ => 20, HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "fixes the random draws", DefaultValueFactory = _ => 0, HelpName = "N" };
        var outFile = new Option<string>("--out") { Description = "the PNG to write", Required = true, HelpName = "FILE" };
        var command = new Command("generate", "Generate new samples from a variational autoencoder and write them as a PNG grid")
        {
            model, count, manifold, grid, seed, outFile,
        };
        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(outFile)!;
            CommonOptions.RequireWritableFolderFor(path);
            var autoencoder = ModelLoading.LoadAutoencoder(parsed.GetValue(model)!);
            if (!autoencoder.IsVariational)
                throw new UsageException($"--model {parsed.GetValue(model)}: a {autoencoder.Name} autoencoder has no prior to sample from; generate needs a variational one (ae train --model vae)");
            RgbImage image = parsed.GetValue(manifold)
                ? Manifold(autoencoder, CommonOptions.Positive(parsed.GetValue(grid), "--grid"))
                : Samples(autoencoder, CommonOptions.Positive(parsed.GetValue(count), "--count"), parsed.GetValue(seed));
            PngFile.Save(path, image);
            output.WriteLine($"wrote {path} ({image.Width}×{image.Height})");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A grid of <paramref name="count"/> samples decoded from draws of the prior N(0, I); also drawn by <c>ae report</c>.</summary>
    public static RgbImage Samples(Autoencoder model, int count, int seed)
    {
        var codes = new float[count * model.CodeSize];
        new DeterministicRandom((ulong)seed).FillGaussian(codes, 0f, 1f);
        var images = Decode(model, codes, count);
        int columns = (int)Math.Ceiling(Math.Sqrt(count));
        var (width, height) = ImageSize(model);
        return ImageGrid.Render(images, width, height, columns, scale: 2, title: $"{model.Name}: {count} samples from the prior");
    }

    // Latent points spaced by probability rather than by value, so the grid covers the prior evenly.
    private static RgbImage Manifold(Autoencoder model, int side)
    {
        if (model.CodeSize != 2)
            throw new UsageException($"--manifold needs a 2-D latent space, this model's has {model.CodeSize} dimensions (train with --code 2)");
        var codes = new float[side * side * 2];
        for (int row = 0; row < side; row++)
            for (int column = 0; column < side; column++)
            {
                int i = row * side + column;
                codes[2 * i] = (float)Normal.InvCDF(0, 1, Quantile(column, side));
                codes[2 * i + 1] = (float)Normal.InvCDF(0, 1, Quantile(side - 1 - row, side)); // z₂ grows upwards
            }
        var (width, height) = ImageSize(model);
        return ImageGrid.Render(Decode(model, codes, side * side), width, height, side, scale: 1, title: $"{model.Name}: the 2-D latent manifold");
    }

    private static double Quantile(int index, int count) => count == 1 ? 0.5 : 0.05 + 0.9 * index / (count - 1);

    private static List<float[]> Decode(Autoencoder model, float[] codes, int count)
    {
        float[] decoded = model.Decode(new Dataset(codes, model.CodeSize));
        int size = model.OutputShape.ElementCount;
        return [.. Enumerable.Range(0, count).Select(i => decoded.AsSpan(i * size, size).ToArray())];
    }

    /// <summary>Square images when the output is a square number of values (784 = 28 × 28), else one-pixel strips.</summary>
    private static (int Width, int Height) ImageSize(Autoencoder model)
    {
        var shape = model.OutputShape;
        if (shape.Rank == 3) return (shape[2], shape[1]);
        int size = shape.ElementCount, side = (int)Math.Round(Math.Sqrt(size));
        return side * side == size ? (side, side) : (size, 1);
    }
}
