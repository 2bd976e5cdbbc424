using Autoencoders.Nn.Presets;
using Autoencoders.Nn.Serialization;
using Autoencoders.Tensors;

namespace Autoencoders.Cli.Tests.BadInput;

/// <summary><c>summary</c> and <c>encode</c> on broken or mismatched model files: exit 2, one line naming the file, nothing written.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class BadModelFileTests(TrainedModels trained)
{
    public static TheoryData<string> CutPoints => ["0", "7", "8", "50", "middle", "len-1"];

    private string CutModel(string cutPoint)
    {
        byte[] bytes = File.ReadAllBytes(trained.DenseModel);
        int length = cutPoint switch
        {
            "middle" => bytes.Length / 2,
            "len-1" => bytes.Length - 1,
            _ => int.Parse(cutPoint),
        };
        string path = Path.Combine(trained.NewFolder(), $"cut-{cutPoint}.safetensors");
        File.WriteAllBytes(path, bytes[..length]);
        return path;
    }

    [Theory]
    [MemberData(nameof(CutPoints))]
    public void SummaryOfACutModel(string cutPoint)
    {
        string path = CutModel(cutPoint);

        var result = Ae.Run("summary", path);

        FileAssert.IsBadInput(result, path + ": ");
        Assert.Equal("", result.Output);
    }

    [Theory]
    [MemberData(nameof(CutPoints))]
    public void EncodeWithACutModel(string cutPoint)
    {
        string path = CutModel(cutPoint);
        string output = trained.NewFolder();

        var result = Ae.Run("encode", "--model", path, "--data", trained.DataFolder, "--out", Path.Combine(output, "codes.csv"), "--plot", Path.Combine(output, "latent.png"));

        FileAssert.IsBadInput(result, path + ": ");
        FileAssert.NothingIn(output);
    }

    [Fact]
    public void EncodeWithAModelForAnotherInputSize()
    {
        string folder = trained.NewFolder();
        string model = Path.Combine(folder, "small.safetensors");
        var autoencoder = ModelPresets.Dense(100, 4);
        autoencoder.Build(new Shape(100));
        ModelFile.Save(autoencoder, model);
        string output = trained.NewFolder();

        var result = Ae.Run("encode", "--model", model, "--data", trained.DataFolder, "--out", Path.Combine(output, "codes.csv"), "--plot", Path.Combine(output, "latent.png"));

        FileAssert.IsBadInput(result, model);
        Assert.Contains("100", result.Error);
        Assert.Contains("784", result.Error);
        FileAssert.NothingIn(output);
    }

    [Fact]
    public void SafeTensorsFileThatIsNotAModel()
    {
        string path = Path.Combine(trained.NewFolder(), "weights.safetensors");
        Data.SafeTensorsFile.Write(path, [new Data.NamedTensor("weight", [2, 2], [1, 2, 3, 4])]);

        var result = Ae.Run("summary", path);

        FileAssert.IsBadInput(result, path + ": ");
        Assert.Contains("not an autoencoders-net model", result.Error);
    }

    [Fact]
    public void EncodeWithAPlainSequentialModel()
    {
        string path = Path.Combine(trained.NewFolder(), "sequential.safetensors");
        var model = new Nn.Models.Sequential(new Nn.Layers.Dense(4), new Nn.Layers.Dense(784));
        model.Build(new Shape(784));
        ModelFile.Save(model, path);
        string output = trained.NewFolder();

        var result = Ae.Run("encode", "--model", path, "--data", trained.DataFolder, "--out", Path.Combine(output, "codes.csv"));

        FileAssert.IsBadInput(result, path);
        Assert.Contains("not an autoencoder", result.Error);
        FileAssert.NothingIn(output);
        Assert.Equal(0, Ae.Run("summary", path).ExitCode); // summary shows any model
    }

    [Fact]
    public void EncodeWithAMissingModel()
    {
        string model = Path.Combine(trained.NewFolder(), "absent.safetensors");
        string output = trained.NewFolder();

        var result = Ae.Run("encode", "--model", model, "--data", trained.DataFolder, "--out", Path.Combine(output, "codes.csv"));

        FileAssert.IsBadInput(result, model);
        FileAssert.NothingIn(output);
    }

    [Fact]
    public void EncodeWithMissingData()
    {
        string output = trained.NewFolder();

        var result = Ae.Run("encode", "--model", trained.DenseModel, "--data", "/no/such/data", "--out", Path.Combine(output, "codes.csv"));

        FileAssert.IsBadInput(result, "/no/such/data");
        FileAssert.NothingIn(output);
    }
}
