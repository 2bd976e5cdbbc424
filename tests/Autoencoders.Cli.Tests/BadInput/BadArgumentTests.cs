namespace Autoencoders.Cli.Tests.BadInput;

/// <summary>Bad arguments on a valid dataset: exit 2, one line naming the argument, no output folder.</summary>
public sealed class BadArgumentTests : IClassFixture<BadArgumentTests.DataFolder>, IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly string data;

    public BadArgumentTests(DataFolder shared) => data = shared.Path;

    public void Dispose() => folder.Dispose();

    private string Out => folder.File("out");

    /// <summary>Trains with <paramref name="extra"/> arguments (one epoch on one thread unless they say otherwise) and expects bad input.</summary>
    private AeResult TrainFails(string subject, params string[] extra)
    {
        string[] defaults = [.. new[] { "--epochs", "--threads" }.Where(option => !extra.Contains(option)).SelectMany(option => new[] { option, "1" })];
        var result = Ae.Run(["train", "--data", data, "--out", Out, .. defaults, .. extra]);
        FileAssert.IsBadInput(result, subject);
        Assert.False(Directory.Exists(Out), $"{Out} was created");
        return result;
    }

    [Fact]
    public void UnknownOption() => TrainFails("'--bogus'", "--bogus", "3");

    [Theory]
    [InlineData("--epochs", "0")]
    [InlineData("--epochs", "-2")]
    [InlineData("--batch", "0")]
    [InlineData("--code", "0")]
    [InlineData("--lr", "-1")]
    [InlineData("--lr", "0")]
    [InlineData("--lr", "NaN")]
    [InlineData("--validation-split", "1.5")]
    [InlineData("--early-stopping", "-1")]
    [InlineData("--limit", "0")]
    [InlineData("--threads", "-1")]
    public void OutOfRangeValue(string option, string value)
    {
        var result = TrainFails(option, option, value);

        Assert.Contains($"received {value}", result.Error);
    }

    [Theory]
    [InlineData("--epochs", "abc")]
    [InlineData("--lr", "fast")]
    public void ValueOfTheWrongType(string option, string value) => TrainFails($"'{value}'", option, value);

    [Fact]
    public void UnknownModel()
    {
        var result = TrainFails("--model nosuch: unknown", "--model", "nosuch");

        Assert.Contains("dense", result.Error);
        Assert.Contains("deep", result.Error);
        Assert.DoesNotContain('\t', result.Error); // System.CommandLine lists the choices on tab-indented lines
    }

    [Theory]
    [InlineData("--optimizer", "adagrad")]
    [InlineData("--loss", "hinge")]
    public void UnknownChoice(string option, string value) => TrainFails($"'{value}'", option, value);

    [Fact]
    public void MissingRequiredOut()
    {
        var result = Ae.Run("train", "--data", data, "--epochs", "1");

        FileAssert.IsBadInput(result, "--out");
    }

    [Fact]
    public void OutThatIsAFile()
    {
        string file = folder.File("taken");
        File.WriteAllText(file, "keep me");

        var result = Ae.Run("train", "--data", data, "--out", file, "--epochs", "1");

        FileAssert.IsBadInput(result, file);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public void UnknownCommandIsNamed()
    {
        var result = Ae.Run("frobnicate", "--now");

        FileAssert.IsBadInput(result, "'frobnicate'");
        Assert.DoesNotContain("ae  ", result.Error);
    }

    [Fact]
    public void LearningRateThatMakesTrainingDivergeIsBadInputNotAnInternalError()
    {
        // The user's --lr sent the loss to NaN: the fix is theirs, so exit 2 (bad input), not 1 (a bug in ae).
        var result = Ae.Run("train", "--data", data, "--out", Out, "--optimizer", "sgd", "--lr", "1e30", "--epochs", "2", "--threads", "1");

        FileAssert.IsBadInput(result, "diverged");
        Assert.DoesNotContain("internal error", result.Error);
        FileAssert.NothingIn(Out);
    }

    [Fact]
    public void EncodeIntoAFolderThatDoesNotExist()
    {
        string csv = folder.File("missing/codes.csv");

        var result = Ae.Run("encode", "--model", folder.File("model.safetensors"), "--data", data, "--out", csv);

        FileAssert.IsBadInput(result, csv);
        Assert.False(Directory.Exists(folder.File("missing")));
    }

    /// <summary>One valid dataset for every test in the class: each failure must come from the argument alone.</summary>
    public sealed class DataFolder : IDisposable
    {
        private readonly TemporaryFolder folder = new();

        public DataFolder() => Path = TinyImageFolder.Write(folder.File("data"));

        public string Path { get; }

        public void Dispose() => folder.Dispose();
    }
}
