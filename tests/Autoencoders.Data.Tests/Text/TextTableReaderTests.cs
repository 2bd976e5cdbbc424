using Autoencoders.Data.Text;

namespace Autoencoders.Data.Tests.Text;

public sealed class TextTableReaderTests
{
    [Fact]
    public void ReadsQuotedFieldsWithEmbeddedNewlinesAndEscapedQuotes()
    {
        using var folder = new TemporaryFolder();
        string path = folder.WriteText("docs.csv", "id,text,label\r\n1,\"Well done!\",1\r\n2,\"two\nlines, \"\"quoted\"\"\",0\r\n\r\n3,plain,1\r\n");
        var corpus = TextTableReader.Read(path);
        Assert.Equal(["Well done!", "two\nlines, \"quoted\"", "plain"], corpus.Texts);
        Assert.Equal([1, 0, 1], corpus.Labels);
        Assert.Equal(["0", "1"], corpus.ClassNames);
    }

    [Fact]
    public void ReadsTabSeparatedFilesAndOtherColumnNames()
    {
        using var folder = new TemporaryFolder();
        string path = folder.WriteText("docs.tsv", "sentence\ttopic\nhello, world\tgreeting\nbye\tfarewell\n");
        var corpus = TextTableReader.Read(path, new TextTableOptions { TextColumn = "sentence", LabelColumn = "topic" });
        Assert.Equal(["hello, world", "bye"], corpus.Texts);
        Assert.Equal(["farewell", "greeting"], corpus.ClassNames);
        Assert.Equal([1, 0], corpus.Labels);
    }

    [Fact]
    public void NumericLabelsSortAsNumbers()
    {
        var (labels, names) = TextCorpus.NumberClasses(["10", "2", "0", "2"]);
        Assert.Equal(["0", "2", "10"], names);
        Assert.Equal([2, 1, 0, 1], labels);
    }

    [Fact]
    public void AFileWithoutLabelsIsOneClass()
    {
        using var folder = new TemporaryFolder();
        var corpus = TextTableReader.Read(folder.WriteText("docs.csv", "text\na\nb\n"));
        Assert.Equal([TextTableOptions.UnlabelledClass], corpus.ClassNames);
        Assert.Equal(2, corpus.Count);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("body,label\nx,1\n", "expected a column named \"text\", received the columns \"body\", \"label\"")]
    [InlineData("text,label\n", "has a header but no documents")]
    [InlineData("text,label\n\"open,1\n", "line 2: the quoted field that opens here is never closed")]
    [InlineData("text,label\na,1\nb\n", "record 2: expected 2 fields as the header has, received 1")]
    [InlineData("text,label\n\"a\"x,1\n", "line 2: expected a delimiter or the end of the record after a closing quote, received 'x'")]
    public void BadFilesAreOneLineNamingTheFileAndRecord(string content, string problem)
    {
        using var folder = new TemporaryFolder();
        string path = folder.WriteText("bad.csv", content);
        var error = Assert.Throws<InvalidDataException>(() => TextTableReader.Read(path));
        Assert.StartsWith($"{path}: ", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void InvalidUtf8NamesTheLineAndByte()
    {
        using var folder = new TemporaryFolder();
        string path = folder.WriteBytes("bad.csv", [.. "text,label\nok,1\n"u8, 0xC3, 0x28, (byte)',', (byte)'1', (byte)'\n']);
        var error = Assert.Throws<InvalidDataException>(() => TextTableReader.Read(path));
        Assert.Equal($"{path}: line 3: invalid UTF-8 at byte 16 (expected a UTF-8 text file)", error.Message);
    }

    [Fact]
    public void ATextLongerThanTheCapIsRefused()
    {
        using var folder = new TemporaryFolder();
        string path = folder.WriteText("long.csv", "text,label\nshort,1\n" + new string('x', 50) + ",0\n");
        var error = Assert.Throws<InvalidDataException>(() => TextTableReader.Read(path, new TextTableOptions { MaxTextLength = 10 }));
        Assert.Equal($"{path}: record 2: the text is 50 characters long, the cap is 10", error.Message);
    }
}
