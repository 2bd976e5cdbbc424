using Autoencoders.Data;
using Autoencoders.Data.Images;
using Autoencoders.Nn.Layers.Merging;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Presets;
using Autoencoders.Nn.Serialization;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Presets;

/// <summary>The U-Net and its skip-less twin: image in, image of the same shape out, sizes as designed.</summary>
public sealed class TranslationPresetTests
{
    [Theory]
    [InlineData(TranslationPresets.UnetName, 1, 28, 28, 129_553)]
    [InlineData(TranslationPresets.PlainName, 1, 28, 28, 118_033)]
    [InlineData(TranslationPresets.UnetName, 3, 32, 16, 129_875)] // + 2 × 9 × 16 in the first convolution, + 2 × 17 in the last
    public void TheModelMapsAnImageToAnImageOfItsShape(string name, int channels, int height, int width, int parameters)
    {
        var layout = new ImageLayout(channels, height, width);
        var model = TranslationPresets.Create(name, layout);
        model.Build(new Shape(layout.ValueCount), seed: 1);
        Assert.Equal(parameters, model.Parameters.TotalCount);
        Assert.Equal(name == TranslationPresets.UnetName ? 2 : 0, model.NamedLayers.Count(l => l.Layer is Concatenate));
        var images = new Dataset([.. Enumerable.Range(0, 2 * layout.ValueCount).Select(i => (i % 7) / 7f)], layout.ValueCount);
        float[] outputs = model.Predict(images);
        Assert.Equal(images.Features.Length, outputs.Length);
        Assert.All(outputs, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void SidesThatDoNotDivideByFourAreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => TranslationPresets.Create(TranslationPresets.UnetName, new ImageLayout(1, 30, 30)));
        Assert.Contains("divide by 4", error.Message);
        Assert.Throws<ArgumentException>(() => TranslationPresets.Create("resnet", new ImageLayout(1, 28, 28)));
    }

    [Fact]
    public void ATrainedUnetSavesAndLoadsToTheSameOutputs()
    {
        var layout = new ImageLayout(1, 8, 8);
        var model = TranslationPresets.Create(TranslationPresets.UnetName, layout, filters: 2);
        var random = new DeterministicRandom(3);
        var images = new Dataset([.. Enumerable.Range(0, 32 * 64).Select(_ => random.NextFloat())], 64);
        model.Compile(Optimizer.Parse("adam", 1e-2f), Loss.MeanAbsoluteError);
        model.Fit(images, new FitOptions { Epochs = 2, BatchSize = 8, Seed = 1 });
        string path = Path.Combine(Path.GetTempPath(), $"unet-{Guid.NewGuid():N}.safetensors");
        try
        {
            ModelFile.Save(model, path);
            var loaded = ModelFile.Load(path).Model;
            Assert.Equal(model.Predict(images), loaded.Predict(images));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
