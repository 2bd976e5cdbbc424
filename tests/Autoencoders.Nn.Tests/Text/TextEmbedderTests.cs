using Autoencoders.Data.Tests;
using Autoencoders.Data.Text;
using Autoencoders.Nn.Text;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Nn.Tests.Text;

public sealed class TextEmbedderTests
{
    private static TextCorpus Corpus()
    {
        string[] texts = ["red green blue", "green blue red red", "blue sky red", "one two three", "two three four", "four one two"];
        return new TextCorpus(texts, [0, 0, 0, 1, 1, 1], ["colours", "numbers"], "test");
    }

    [Theory]
    [InlineData(TextAutoencoderKind.Bow, "bow")]
    [InlineData(TextAutoencoderKind.Kate, "kate")]
    [InlineData(TextAutoencoderKind.Seq, "seq")]
    public void ASavedEmbedderEncodesTextsAsTheTrainedOne(TextAutoencoderKind kind, string name)
    {
        var options = new TextAutoencoderOptions { Kind = kind, CodeSize = 4, Epochs = 3, BatchSize = 4, EmbeddingSize = 8, MaxLength = 5 };
        var embedder = TextEmbedder.Train(Corpus(), options, CpuBackend.Shared, out var history);
        Assert.Equal(3, history.Epochs.Count);
        Assert.Equal(name, embedder.File.Kind);
        using var folder = new TemporaryFolder();
        string path = folder.File("model.safetensors");
        embedder.File.Save(path);
        var loaded = new TextEmbedder(TextModelFile.Load(path));
        string[] texts = ["red blue two", "unknown words only"];
        Assert.Equal(embedder.Encode(texts), loaded.Encode(texts));
        Assert.Equal(["colours", "numbers"], loaded.File.ClassNames);
        Assert.Equal(embedder.Loss(texts), loaded.Loss(texts), 6);
    }

    [Fact]
    public void BagRowsAreScaledToALargestValueOfOne()
    {
        var tokenizer = new Tokenizer(numWords: 10);
        tokenizer.FitOnTexts(["a a b", "b c"]);
        float[] rows = TextEmbedder.BagRows(tokenizer, ["a a b", "b c"], BagOfWordsMode.Count);
        int columns = tokenizer.VocabularySize;
        // log(1 + 2) / log(3) = 1 for a, log(2) / log(3) for b, in the first row.
        Assert.Equal(1f, rows[tokenizer.WordIndex["a"]], 6);
        Assert.Equal(MathF.Log(2) / MathF.Log(3), rows[tokenizer.WordIndex["b"]], 6);
        Assert.Equal(1f, rows[columns + tokenizer.WordIndex["c"]], 6);
    }

    [Fact]
    public void AModelFileWithoutTextMetadataIsRefused()
    {
        using var folder = new TemporaryFolder();
        var model = new Autoencoders.Nn.Models.Sequential(new Autoencoders.Nn.Layers.Dense(2));
        model.Build(new Tensors.Shape(3));
        string path = folder.File("plain.safetensors");
        Autoencoders.Nn.Serialization.ModelFile.Save(model, path);
        var error = Assert.Throws<InvalidDataException>(() => TextModelFile.Load(path));
        Assert.Contains("not a text model", error.Message);
    }
}
