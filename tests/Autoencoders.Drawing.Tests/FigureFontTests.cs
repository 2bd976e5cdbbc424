namespace Autoencoders.Drawing.Tests;

/// <summary>The font path comes from AE_FIGURE_FONT; these tests change it, so they run alone.</summary>
[Collection(FigureFontCollection.Name)]
public class FigureFontTests
{
    [Fact]
    public void TheDejaVuFileIsTheDefaultAndMeasuresText()
    {
        Assert.Equal(FigureFont.DefaultPath, FigureFont.FilePath);
        Assert.Equal("DejaVu Sans", FigureFont.Regular.FamilyName);
        Assert.True(FigureFont.MeasureWidth("WWWW", 20) > FigureFont.MeasureWidth("iiii", 20));
    }

    [Fact]
    public void AMissingFontFileSaysWhichPackageToInstall()
    {
        Environment.SetEnvironmentVariable(FigureFont.PathVariable, "/nonexistent/font.ttf");
        try
        {
            var error = Assert.Throws<FileNotFoundException>(() => new LinePlot().AddSeries("loss", [1.0, 2]).Render());

            Assert.Contains("/nonexistent/font.ttf", error.Message);
            Assert.Contains("install fonts-dejavu-core", error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(FigureFont.PathVariable, null);
        }
    }
}

/// <summary>Tests that set AE_FIGURE_FONT: no other test may render meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FigureFontCollection
{
    public const string Name = "figure font";
}
