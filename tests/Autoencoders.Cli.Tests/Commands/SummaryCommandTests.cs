namespace Autoencoders.Cli.Tests.Commands;

/// <summary><c>ae summary</c> prints the layer table of a saved model.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class SummaryCommandTests(TrainedModels trained)
{
    [Fact]
    public void DenseModelSummary()
    {
        var result = Ae.Run("summary", trained.DenseModel);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Total params: 50,992", result.Output);
        Assert.Contains("(None, 32)", result.Output);
        Assert.Contains("(None, 784)", result.Output);
        Assert.Contains("Loss: bce", result.Output);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void DeepModelSummary()
    {
        var result = Ae.Run("summary", trained.DeepModel);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Total params: 839,686", result.Output);
        Assert.Contains("(None, 2)", result.Output);
        Assert.Contains("Loss: mse", result.Output);
    }

    [Fact]
    public void MissingModelFile()
    {
        string path = Path.Combine(trained.NewFolder(), "absent.safetensors");

        FileAssert.IsBadInput(Ae.Run("summary", path), path);
    }

    [Fact]
    public void FolderInsteadOfAModelFile()
    {
        var result = Ae.Run("summary", trained.DenseFolder);

        FileAssert.IsBadInput(result, trained.DenseFolder);
        Assert.Contains("is a folder", result.Error);
    }
}
