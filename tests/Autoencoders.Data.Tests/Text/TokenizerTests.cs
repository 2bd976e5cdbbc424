using Autoencoders.Data.Text;

namespace Autoencoders.Data.Tests.Text;

public sealed class TokenizerTests
{
    [Fact]
    public void SplitsWordsAsKerasTextToWordSequence()
    {
        int cases = 0;
        foreach (var entry in TextGolden.Section("words"))
        {
            Assert.Equal(TextGolden.Strings(entry!["words"]), WordSequence.Split((string)entry["text"]!));
            cases++;
        }
        Assert.Equal(16, cases);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void MatchesKerasTokenizer(int caseIndex)
    {
        var golden = TextGolden.Section("tokenizers")[caseIndex]!;
        var tokenizer = new Tokenizer((int?)golden["num_words"], oovToken: (string?)golden["oov_token"]);
        tokenizer.FitOnTexts(TextGolden.Strings(golden["fit"]));

        var expectedIndex = golden["word_index"]!.AsArray().Select(p => ((string)p![0]!, (int)p[1]!)).ToList();
        Assert.Equal(expectedIndex, tokenizer.WordIndex.OrderBy(w => w.Value).Select(w => (w.Key, w.Value)).ToList());

        var sequences = tokenizer.TextsToSequences(TextGolden.Strings(golden["encode"]));
        var expectedSequences = golden["sequences"]!.AsArray().Select(TextGolden.Ints).ToList();
        Assert.Equal(expectedSequences, sequences);
        Assert.Equal(TextGolden.Strings(golden["texts"]), tokenizer.SequencesToTexts([.. sequences, [0, 1, 2, 999]]));

        foreach (var (name, mode) in new[] { ("binary", BagOfWordsMode.Binary), ("count", BagOfWordsMode.Count), ("freq", BagOfWordsMode.Freq), ("tfidf", BagOfWordsMode.TfIdf) })
        {
            float[] expected = [.. golden["matrix"]![name]!.AsArray().SelectMany(row => row!.AsArray().Select(v => (float)(double)v!))];
            float[] actual = tokenizer.SequencesToMatrix(sequences, mode);
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5f);
        }
    }

    [Fact]
    public void TheTutorialVocabularyHasFourteenWordsWorkFirst()
    {
        var tokenizer = new Tokenizer();
        tokenizer.FitOnTexts(["Well done!", "Good work", "Great effort", "nice work", "Excellent!", "Weak", "Poor effort!", "not good", "poor work", "Could have done better."]);
        Assert.Equal(14, tokenizer.WordIndex.Count);
        Assert.Equal(1, tokenizer.WordIndex["work"]); // 3 times
        Assert.Equal(2, tokenizer.WordIndex["done"]); // twice, and first of the words seen twice
        Assert.Equal(15, tokenizer.VocabularySize);
        Assert.Equal(3, tokenizer.WordCounts["work"]);
        Assert.Equal(10, tokenizer.DocumentCount);
    }

    [Fact]
    public void NumWordsKeepsTheMostFrequentNumWordsMinusOne()
    {
        var tokenizer = new Tokenizer(numWords: 3);
        tokenizer.FitOnTexts(["a a a b b c", "c d"]);
        // a: 3, b: 2, c: 2 — ids 1, 2, 3; only ids below 3 are kept.
        Assert.Equal([1, 2], tokenizer.TextsToSequences(["a b c d"])[0]);
    }

    [Fact]
    public void TheOovTokenTakesIndexOneAndStandsForUnknownWords()
    {
        var tokenizer = new Tokenizer(oovToken: "<OOV>");
        tokenizer.FitOnTexts(["cat sat", "cat"]);
        Assert.Equal(1, tokenizer.WordIndex["<OOV>"]);
        Assert.Equal([2, 1, 3], tokenizer.TextsToSequences(["cat dog sat"])[0]);
        Assert.Equal("cat <OOV> sat", tokenizer.SequencesToTexts([[2, 1, 3]])[0]);
    }

    [Fact]
    public void JsonRoundTripKeepsTheVocabularyAndCounts()
    {
        var tokenizer = new Tokenizer(numWords: 6, oovToken: "<OOV>");
        tokenizer.FitOnTexts(["The quick brown fox", "the lazy dog", "a dog's life, the fox's"]);
        var copy = Tokenizer.FromJson(System.Text.Json.Nodes.JsonNode.Parse(tokenizer.ToJson().ToJsonString())!.AsObject());
        Assert.Equal(tokenizer.WordIndex.OrderBy(w => w.Value), copy.WordIndex.OrderBy(w => w.Value));
        Assert.Equal(tokenizer.TextsToMatrix(["the fox and the dog"], BagOfWordsMode.TfIdf), copy.TextsToMatrix(["the fox and the dog"], BagOfWordsMode.TfIdf));
        Assert.Equal(3, copy.DocumentCount);
    }

    [Fact]
    public void ABrokenJsonIsAFormatError() =>
        Assert.Throws<FormatException>(() => Tokenizer.FromJson(new System.Text.Json.Nodes.JsonObject { ["word_counts"] = 3 }));
}
