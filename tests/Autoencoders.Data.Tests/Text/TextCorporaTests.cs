using Autoencoders.Data.Text;

namespace Autoencoders.Data.Tests.Text;

public sealed class TextCorporaTests
{
    [Fact]
    public void FortunesEntriesAreSplitOnPercentLinesWithOverstrikesRemoved()
    {
        var entries = FortunesReader.Entries("First one.\n%\n  Second,\ntwo lines.\n%\n%\n_\bw_\bo_\br_\bd\n").ToList();
        Assert.Equal(["First one.", "Second,\ntwo lines.", "word"], entries);
    }

    [Fact]
    public void FortunesTopicsBecomeLabels()
    {
        using var folder = new TemporaryFolder();
        folder.WriteText("food", "a\n%\nb\n%\nc\n");
        folder.WriteText("law", "d\n%\ne\n");
        var corpus = FortunesReader.Read(["law", "food"], folder.Path);
        Assert.Equal(["d", "e", "a", "b", "c"], corpus.Texts);
        Assert.Equal([0, 0, 1, 1, 1], corpus.Labels);
        Assert.Equal("fortunes: law, food", corpus.Description);
    }

    [Fact]
    public void AnUnknownTopicListsTheTopics()
    {
        using var folder = new TemporaryFolder();
        folder.WriteText("food", "a\n");
        folder.WriteText("food.dat", "x");
        var error = Assert.Throws<FileNotFoundException>(() => FortunesReader.Read(["cars"], folder.Path));
        Assert.EndsWith("no fortunes topic \"cars\"; the topics are food", error.Message);
    }

    [Fact]
    public void ClassFoldersWithTrainAndTestParts()
    {
        using var folder = new TemporaryFolder();
        foreach (var (part, label, name, text) in new[] { ("train", "neg", "1.txt", "bad"), ("train", "pos", "1.txt", "good"), ("train", "pos", "2.txt", "great"), ("test", "pos", "9.txt", "fine") })
        {
            Directory.CreateDirectory(Path.Combine(folder.Path, part, label));
            File.WriteAllText(Path.Combine(folder.Path, part, label, name), text);
        }
        var (train, test) = ClassFolderReader.Read(folder.Path);
        Assert.Equal(["bad", "good", "great"], train.Texts);
        Assert.Equal([0, 1, 1], train.Labels);
        Assert.Equal(["neg", "pos"], train.ClassNames);
        Assert.Equal([1], test!.Labels);
    }

    [Fact]
    public void StratifiedSplitHoldsOutTheFractionOfEveryClassAndIsSeeded()
    {
        var labels = Enumerable.Range(0, 150).Select(i => i < 100 ? 0 : 1).ToArray();
        var corpus = new TextCorpus([.. labels.Select((_, i) => $"doc {i}")], labels, ["a", "b"], "test");
        var split = TextSplit.Stratified(corpus, 0.2, seed: 7);
        Assert.Equal([20, 10], split.Test.ClassCounts());
        Assert.Equal([80, 40], split.Train.ClassCounts());
        Assert.Equal(split.Test.Texts, TextSplit.Stratified(corpus, 0.2, seed: 7).Test.Texts);
        Assert.NotEqual(split.Test.Texts, TextSplit.Stratified(corpus, 0.2, seed: 8).Test.Texts);
        Assert.Empty(split.Train.Texts.Intersect(split.Test.Texts));
    }

    [Fact]
    public void LimitPerClassKeepsTheFirstOfEachClass()
    {
        var corpus = new TextCorpus(["a", "b", "c", "d", "e"], [0, 1, 0, 0, 1], ["x", "y"], "test");
        Assert.Equal(["a", "b", "c", "e"], corpus.LimitPerClass(2).Texts);
    }

    [Fact]
    public void TheRealFortunesHaveTopicsOfAtLeast200Entries()
    {
        if (!File.Exists(Path.Combine(FortunesReader.DefaultFolder, "computers"))) return; // fortunes not installed
        var corpus = FortunesReader.Read(["computers", "law", "politics", "science", "startrek", "drugs"]);
        Assert.All(corpus.ClassCounts(), count => Assert.True(count >= 200, $"{count} entries"));
    }
}
