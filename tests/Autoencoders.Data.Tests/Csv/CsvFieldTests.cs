namespace Autoencoders.Data.Tests;

public sealed class CsvFieldTests
{
    [Theory]
    [InlineData("Toy Story (1995)", "Toy Story (1995)")]
    [InlineData("American President, The (1995)", "\"American President, The (1995)\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("carriage\rreturn", "\"carriage\rreturn\"")]
    [InlineData("", "")]
    public void QuotesOnlyWhatRfc4180Requires(string text, string field) => Assert.Equal(field, CsvField.Quote(text));

    [Fact]
    public void AQuotedFieldReadsBackAsTheText()
    {
        string text = "a, \"b\"\nc";
        Assert.Equal([text, "x"], CsvLineSplitter.Split(CsvField.Quote(text) + ",x", "f.csv", 1));
    }
}
