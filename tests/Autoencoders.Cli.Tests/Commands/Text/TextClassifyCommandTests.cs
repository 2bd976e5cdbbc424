using System.Globalization;

namespace Autoencoders.Cli.Tests.Commands.Text;

/// <summary><c>ae text classify</c>: the seeds' tutorial end to end, multi-class pooling models, and bad input.</summary>
public sealed class TextClassifyCommandTests
{
    [Fact]
    public void TheSeedsTutorialPrintsItsStepsAndWritesItsFiles()
    {
        using var folder = new TemporaryFolder();
        string run = Path.Combine(folder.Path, "seeds");
        var result = Ae.Run("text", "classify", "--data", TextCorpusFiles.SeedsSentiment, "--encoding", "hash", "--vocabulary", "50",
            "--embedding", "8", "--epochs", "50", "--out", run, "--threads", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        string output = result.Output;
        Assert.Contains("vocabulary size: 50 (md5 hashing trick of 14 distinct words", output);
        // md5 % 49 + 1 of each word, as tools/golden/make_text_golden.py computes (Keras's hashing_trick).
        Assert.Contains("[[15, 31], [17, 40], [40, 49], [27, 40], [6], [1], [42, 49], [36, 17], [42, 40], [9, 45, 31, 20]]", output);
        Assert.Contains("[[15 31  0  0]\n [17 40  0  0]", output);
        Assert.Contains("[ 9 45 31 20]]", output);
        Assert.Contains("embedding (Embedding)", output);
        Assert.Contains("(None, 4, 8)", output);
        Assert.Contains("flatten (Flatten)", output);
        Assert.Contains("Total params: 433", output);
        Assert.Contains("              precision    recall  f1-score   support", output);
        Assert.Contains("weighted avg", output);
        Assert.Contains("classification report on the training documents", output);

        string[] history = File.ReadAllLines(Path.Combine(run, "history.csv"));
        Assert.Equal(51, history.Length);
        Assert.StartsWith("epoch,loss,val_loss,seconds,samples_per_second,accuracy", history[0]);
        double first = double.Parse(history[1].Split(',')[1], CultureInfo.InvariantCulture), last = double.Parse(history[50].Split(',')[1], CultureInfo.InvariantCulture);
        Assert.True(last < first - 0.03, $"loss {first} → {last}");
        string[] predictions = File.ReadAllLines(Path.Combine(run, "predictions.csv"));
        Assert.Equal("text,label,predicted,probability", predictions[0]);
        Assert.Equal(11, predictions.Length);
        Assert.StartsWith("Well done!,1,", predictions[1]);
        FileAssert.IsPng(Path.Combine(run, "training.png"));
        Assert.True(File.Exists(Path.Combine(run, "model.safetensors")));
        FileAssert.NoTemporaryFiles(run);
    }

    [Theory]
    [InlineData("average")]
    [InlineData("gru")]
    [InlineData("conv1d")]
    public void PoolingClassifiersLearnThreeTopicsAboveTheMajorityRate(string pooling)
    {
        using var folder = new TemporaryFolder();
        string data = TextCorpusFiles.Topics(folder), run = Path.Combine(folder.Path, pooling);
        var result = Ae.Run("text", "classify", "--data", data, "--pooling", pooling, "--embedding", "16", "--epochs", "15", "--lr", "0.01", "--out", run, "--threads", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        string line = result.Output.Split('\n').Single(l => l.StartsWith("test accuracy: ", StringComparison.Ordinal));
        double accuracy = double.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture) / 100;
        // 24 test documents, 8 per topic: the majority rate is 1/3; these topics share no words but filler.
        Assert.True(accuracy >= 0.75, line);
        Assert.Contains("majority class 33.33 %", line);
        Assert.Equal(25, File.ReadAllLines(Path.Combine(run, "predictions.csv")).Length);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("body,label\nx,1\ny,0\n", "expected a column named \"text\"")]
    [InlineData("text,label\nonly,1\nthis,1\n", "expected at least 2 classes in the training documents, received only \"1\"")]
    [InlineData("text\nno labels\nat all\n", "has no labels to learn")]
    public void BadDataExitsTwoWithOneLineAndNoOutput(string content, string problem)
    {
        using var folder = new TemporaryFolder();
        string data = folder.WriteText("bad.csv", content), run = Path.Combine(folder.Path, "run");
        var result = Ae.Run("text", "classify", "--data", data, "--test-fraction", "0", "--out", run);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Contains(problem, result.Error);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void InvalidUtf8AndTooLongTextsExitTwo()
    {
        using var folder = new TemporaryFolder();
        string bytes = folder.WriteBytes("latin1.csv", [.. "text,label\ncaf"u8, 0xE9, (byte)',', (byte)'1', (byte)'\n']);
        var result = Ae.Run("text", "classify", "--data", bytes, "--out", Path.Combine(folder.Path, "a"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"ae: {bytes}: line 2: invalid UTF-8 at byte 14 (expected a UTF-8 text file)", result.ErrorLines.Single());

        string longText = folder.WriteText("long.csv", "text,label\nshort,0\n" + new string('x', 200) + ",1\n");
        result = Ae.Run("text", "classify", "--data", longText, "--max-text-length", "100", "--out", Path.Combine(folder.Path, "b"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"ae: {longText}: record 2: the text is 200 characters long, the cap is 100", result.ErrorLines.Single());
    }

    [Theory]
    [InlineData("--pooling", "max", "--pooling must be flatten, average, lstm, gru or conv1d, received \"max\"")]
    [InlineData("--encoding", "hash", "--encoding hash needs --vocabulary N")]
    [InlineData("--test-fraction", "1", "--test-fraction must be in [0, 1), received 1")]
    [InlineData("--data", "fortunes:no-such-topic", "no fortunes topic \"no-such-topic\"")]
    public void BadArgumentsExitTwo(string option, string value, string problem)
    {
        using var folder = new TemporaryFolder();
        string data = TextCorpusFiles.Topics(folder, perTopic: 3);
        string[] args = option == "--data"
            ? ["text", "classify", "--data", value, "--out", Path.Combine(folder.Path, "run")]
            : ["text", "classify", "--data", data, option, value, "--out", Path.Combine(folder.Path, "run")];
        var result = Ae.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(problem, result.ErrorLines.Single());
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "run")));
    }
}
