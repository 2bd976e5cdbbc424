using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Autoencoders.Applications.Codecs;
using Autoencoders.Applications.Comparison;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary><c>ae report</c> writes one self-contained page that headless chromium opens with every image and no error.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class ReportCommandTests(TrainedModels trained)
{
    // Per model: loss curves, reconstructions, latent space, two error histograms (model, PCA), the ROC curve.
    private const int FiguresPerModel = 7;

    private static string[] Images(string html) => [.. Regex.Matches(html, "<img [^>]*>").Select(m => m.Value)];

    [BrowserFact]
    public async Task ThePageOpensInChromiumWithEveryImageLoadedAndNoError()
    {
        string folder = trained.NewFolder();
        string vaeFolder = Path.Combine(folder, "vae"), page = Path.Combine(folder, "report.html");
        var training = Ae.Run("train", "--data", trained.DataFolder, "--model", "vae", "--epochs", "1", "--out", vaeFolder, "--seed", "1", "--threads", "1");
        Assert.True(training.ExitCode == 0, training.ToString());

        var result = Ae.Run("report", "--model", trained.DenseModel, "--model", trained.DeepModel, "--model", Path.Combine(vaeFolder, "model.safetensors"),
            "--data", trained.DataFolder, "--normal-classes", "0,1,2,3,4", "--out", page, "--threads", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"wrote {page}", result.Output);
        int expected = 3 * FiguresPerModel + 1; // the VAE also shows samples drawn from its prior
        Assert.Equal(expected, Images(File.ReadAllText(page)).Length);

        await using var browser = await Browser.StartAsync();
        var check = await (await browser.NewPageAsync()).CheckAsync(page);

        Assert.True(check.Images.Count == expected, check.ToString());
        Assert.True(check.BrokenImages.Count == 0, check.ToString());
        Assert.True(check.Errors.Count == 0, check.ToString());
    }

    [BrowserFact]
    public async Task TheBrowserCheckReportsBrokenImagesConsoleErrorsAndFailedLoads()
    {
        string page = Path.Combine(trained.NewFolder(), "broken.html");
        File.WriteAllText(page, """
            <!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>
            <img alt="good" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGP4z8DAAMFwFgA72AX73hA3ZQAAAABJRU5ErkJggg==">
            <img alt="truncated" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAMAAAAC">
            <img alt="missing" src="missing.png">
            <script>console.error("deliberate", 42); throw new Error("thrown on purpose");</script>
            </body></html>
            """);

        await using var browser = await Browser.StartAsync();
        var check = await (await browser.NewPageAsync()).CheckAsync(page);

        Assert.Equal(["good", "truncated", "missing"], check.Images.Select(i => i.Alt));
        Assert.Equal(["truncated", "missing"], check.BrokenImages.Select(i => i.Alt));
        Assert.Contains(check.Errors, e => e.Contains("console.error: deliberate 42", StringComparison.Ordinal));
        Assert.Contains(check.Errors, e => e.Contains("thrown on purpose", StringComparison.Ordinal));
        Assert.Contains(check.Errors, e => e.Contains("missing.png", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSectionHoldsTheSummaryMetricsAndTheMeasuredComparisonWithPca()
    {
        string page = Path.Combine(trained.NewFolder(), "report.html");

        var result = Ae.Run("report", "--model", trained.DeepModel, "--data", trained.DataFolder, "--normal-classes", "0,1,2,3,4", "--out", page, "--threads", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        string html = File.ReadAllText(page);
        var model = (Autoencoder)ModelFile.Load(trained.DeepModel).Model;
        Assert.Contains($"<pre>{WebUtility.HtmlEncode(model.Summary().TrimEnd())}</pre>", html);
        Assert.Matches("<tr><td>test_loss</td><td>0\\.\\d+</td></tr>", html);
        var split = Data.DatasetCatalog.Load(trained.DataFolder);
        foreach (ICodec codec in new ICodec[] { new AutoencoderCodec(model), PcaCodec.Fit(split.Train, 2) })
        {
            var row = CodecComparison.Measure(codec, split.Train, split.Test!);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture,
                $"<tr><td>{row.Model}</td><td>2</td><td>{row.TestMse:F5}</td><td>{row.KnnAccuracy:P1}</td></tr>"), html);
        }
        Assert.Matches("<tr><td>deep</td><td>2</td><td>[01]\\.\\d{3}</td>", html); // its ROC AUC row
        Assert.Equal(FiguresPerModel, Images(html).Length);
        FileAssert.NoTemporaryFiles(Path.GetDirectoryName(page)!);
    }

    [Fact]
    public void WithoutHistoryOrNormalClassesThePageSaysWhatIsMissing()
    {
        string folder = trained.NewFolder(), page = Path.Combine(folder, "report.html");
        string alone = Path.Combine(folder, "model.safetensors");
        File.Copy(trained.DenseModel, alone);

        var result = Ae.Run("report", "--model", alone, "--data", trained.DataFolder, "--out", page);

        Assert.True(result.ExitCode == 0, result.ToString());
        string html = File.ReadAllText(page);
        Assert.Contains("No loss curves: there is no history.csv beside the model", html);
        Assert.Contains("No test metrics: there is no metrics.json beside the model", html);
        Assert.Contains("the ROC curve needs labelled normal classes", html);
        Assert.Equal(4, Images(html).Length); // reconstructions, latent space, the two histograms
        Assert.DoesNotContain("ROC AUC", html);
    }

    [Fact]
    public void TheClassesAModelWasTrainedOnAreItsNormalClasses()
    {
        string folder = trained.NewFolder(), page = Path.Combine(folder, "report.html");
        var training = Ae.Run("train", "--data", trained.DataFolder, "--model", "dense", "--classes", "0,1,2", "--epochs", "1", "--out", folder, "--threads", "1");
        Assert.True(training.ExitCode == 0, training.ToString());

        var result = Ae.Run("report", "--model", Path.Combine(folder, "model.safetensors"), "--data", trained.DataFolder, "--out", page);

        Assert.True(result.ExitCode == 0, result.ToString());
        string html = File.ReadAllText(page);
        Assert.Contains("Normal samples: those of classes 0,1,2, the ones the model was trained on", html);
        Assert.Contains("the 70 test samples of other classes are the anomalies", html);
        Assert.Equal(FiguresPerModel, Images(html).Length);
    }

    [Fact]
    public void TheSameInputsGiveTheSamePage()
    {
        string folder = trained.NewFolder();
        string first = Path.Combine(folder, "first.html"), second = Path.Combine(folder, "second.html");

        foreach (string page in new[] { first, second })
            Assert.Equal(0, Ae.Run("report", "--model", trained.DeepModel, "--data", trained.DataFolder, "--normal-classes", "0,1", "--out", page, "--threads", "1").ExitCode);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void AMissingModelIsBadInputAndWritesNothing()
    {
        string folder = trained.NewFolder(), missing = Path.Combine(folder, "nowhere", "model.safetensors");

        var result = Ae.Run("report", "--model", trained.DenseModel, "--model", missing, "--data", trained.DataFolder, "--out", Path.Combine(folder, "report.html"));

        FileAssert.IsBadInput(result, missing);
        Assert.Contains("no such model file", result.Error);
        FileAssert.NothingIn(folder);
    }

    [Fact]
    public void DataOfAnotherSizeIsBadInputAndWritesNothing()
    {
        string folder = trained.NewFolder(), page = Path.Combine(folder, "out", "report.html");
        Directory.CreateDirectory(Path.GetDirectoryName(page)!);
        string small = TinyImageFolder.Write(Path.Combine(folder, "small"), side: 14);

        var result = Ae.Run("report", "--model", trained.DenseModel, "--data", small, "--out", page);

        FileAssert.IsBadInput(result, trained.DenseModel);
        Assert.Contains("the model expects samples of 784 values", result.Error);
        FileAssert.NothingIn(Path.GetDirectoryName(page)!);
    }

    [Theory]
    [InlineData("42", "class 42 does not occur")]
    [InlineData("0,1,2,3,4,5,6,7,8,9", "expected test samples of both normal and other classes")]
    public void NormalClassesThatCannotGiveARocCurveAreBadInput(string classes, string problem)
    {
        string folder = trained.NewFolder();

        var result = Ae.Run("report", "--model", trained.DeepModel, "--data", trained.DataFolder, "--normal-classes", classes, "--out", Path.Combine(folder, "report.html"));

        FileAssert.IsBadInput(result, "--normal-classes");
        Assert.Contains(problem, result.Error);
        FileAssert.NothingIn(folder);
    }

    [Fact]
    public void AnUnreadableHistoryIsBadInputNamingTheFile()
    {
        string folder = trained.NewFolder(), model = Path.Combine(folder, "model.safetensors"), history = Path.Combine(folder, "history.csv");
        File.Copy(trained.DeepModel, model);
        File.WriteAllText(history, "epoch,loss,val_loss,seconds,samples_per_second\n1,not-a-number,,0.1,100\n");

        var result = Ae.Run("report", "--model", model, "--data", trained.DataFolder, "--out", Path.Combine(folder, "report.html"));

        FileAssert.IsBadInput(result, history);
        Assert.Contains("line 2", result.Error);
        Assert.False(File.Exists(Path.Combine(folder, "report.html")));
    }

    [Fact]
    public void AMissingOutputFolderIsBadInput()
    {
        string page = Path.Combine(trained.NewFolder(), "absent", "report.html");

        var result = Ae.Run("report", "--model", trained.DeepModel, "--data", trained.DataFolder, "--out", page);

        FileAssert.IsBadInput(result, page);
    }
}
