namespace Autoencoders.Cli.Tests;

/// <summary>
/// One small dataset and two models trained on it by <c>ae train</c> (dense and deep with a 2-D code),
/// shared by the tests that read what training wrote or apply the models.
/// </summary>
public sealed class TrainedModels : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public TrainedModels()
    {
        DataFolder = TinyImageFolder.Write(folder.File("data"));
        DenseFolder = folder.File("dense");
        DeepFolder = folder.File("deep");
        DenseRun = Ae.Run("train", "--data", DataFolder, "--model", "dense", "--epochs", "2", "--out", DenseFolder, "--seed", "1", "--threads", "1");
        DeepRun = Ae.Run("train", "--data", DataFolder, "--model", "deep", "--code", "2", "--epochs", "2", "--out", DeepFolder, "--seed", "1", "--threads", "1");
    }

    public string DataFolder { get; }

    public string DenseFolder { get; }

    public string DeepFolder { get; }

    public AeResult DenseRun { get; }

    public AeResult DeepRun { get; }

    public string DenseModel => Path.Combine(DenseFolder, "model.safetensors");

    public string DeepModel => Path.Combine(DeepFolder, "model.safetensors");

    /// <summary>A fresh folder for a test's own files, deleted with the fixture.</summary>
    public string NewFolder()
    {
        string path = folder.File(Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose() => folder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class TrainedModelsCollection : ICollectionFixture<TrainedModels>
{
    public const string Name = "trained models";
}
