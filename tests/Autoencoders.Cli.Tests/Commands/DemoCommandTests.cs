namespace Autoencoders.Cli.Tests.Commands;

/// <summary><c>ae demo</c> trains its four models as <c>ae train</c> does and reports on them from memory.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class DemoCommandTests(TrainedModels trained)
{
    private static string[] Entries(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public void TheReportOnTheModelsInMemoryIsThePageAeReportWritesFromTheirFiles()
    {
        string folder = Path.Combine(trained.NewFolder(), "demo");
        string[] models = ["dense", "deep-2d", "denoising", "vae"]; // the demo's order

        var demo = Ae.Run("demo", "--data", trained.DataFolder, "--epochs", "1", "--threads", "1", "--out", folder);

        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Equal(["deep-2d", "denoising", "dense", "report.html", "vae"], Entries(folder));
        foreach (string model in models)
            Assert.Equal(["history.csv", "loss.png", "metrics.json", "model.safetensors", "reconstructions.png"], Entries(Path.Combine(folder, model)));
        // The dense model is trained without class 8: the anomaly detector of the report.
        Assert.Contains("training on classes 0,1,2,3,4,5,6,7,9 only", demo.Output);

        string fromFiles = Path.Combine(folder, "from-files.html");
        var report = Ae.Run(["report", .. models.SelectMany(m => new[] { "--model", Path.Combine(folder, m, "model.safetensors") }),
            "--data", trained.DataFolder, "--threads", "1", "--out", fromFiles]);

        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.Equal(File.ReadAllText(fromFiles), File.ReadAllText(Path.Combine(folder, "report.html")));
    }
}
