using System.Globalization;
using System.Text;
using Autoencoders.Interchange.Onnx;
using Autoencoders.Nn.Serialization;
using Onnx;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary><c>ae export</c> writes ONNX files of a trained model's parts; bad input exits with 2 and writes nothing.
/// (That the files compute what our models compute is tested in Autoencoders.Interchange.Tests, in ONNX Runtime.)</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class ExportCommandTests(TrainedModels trained)
{
    [Fact]
    public void TheRealBinaryExportsEachPart()
    {
        string folder = trained.NewFolder();
        string[] parts = ["autoencoder", "encoder", "decoder"];
        string[][] expected = [["input", "output"], ["input", "code"], ["code", "output"]];

        for (int i = 0; i < parts.Length; i++)
        {
            string path = Path.Combine(folder, parts[i] + ".onnx");
            var result = Ae.RunBinary("export", "--model", trained.DeepModel, "--out", path, "--part", parts[i]);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal("", result.Error);
            Assert.Contains($"wrote {path}: the {parts[i]} part", result.Output);
            var onnx = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
            Assert.Equal(8, onnx.IrVersion);
            Assert.Equal(17, onnx.OpsetImport.Single().Version);
            Assert.Equal(expected[i], new[] { onnx.Graph.Input.Single().Name, onnx.Graph.Output.Single().Name });
            Assert.Equal("batch", onnx.Graph.Input.Single().Type.TensorType.Shape.Dim[0].DimParam);
            Assert.Equal(parts[i], onnx.MetadataProps.Single(p => p.Key == "autoencoders.part").Value);
        }
        FileAssert.NoTemporaryFiles(folder);
    }

    [Fact]
    public void TheDefaultPartIsTheWholeAutoencoder()
    {
        string path = Path.Combine(trained.NewFolder(), "dense.onnx");

        var result = Ae.Run("export", "--model", trained.DenseModel, "--out", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("inputs: input (batch, 784); outputs: output (batch, 784)", result.Output);
        Assert.DoesNotContain("scaled", result.Output);
        Assert.DoesNotContain(ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).MetadataProps, p => p.Key == "preprocessing.minmax");
    }

    [Fact]
    public void AModelTrainedOnCsvCarriesItsScalerInTheMetadata()
    {
        string folder = trained.NewFolder();
        string data = Path.Combine(folder, "table.csv"), modelFolder = Path.Combine(folder, "model"), path = Path.Combine(folder, "table.onnx");
        var csv = new StringBuilder("width,height,weight,label\n");
        for (int i = 0; i < 80; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{10 + i % 7},{200 + 3 * (i % 11)},{0.5 + 0.01 * i},{i % 2}\n");
        File.WriteAllText(data, csv.ToString());
        Assert.Equal(0, Ae.Run("train", "--data", data, "--model", "dense", "--code", "2", "--epochs", "1", "--threads", "1", "--out", modelFolder).ExitCode);
        string model = Path.Combine(modelFolder, "model.safetensors");

        var result = Ae.Run("export", "--model", model, "--out", path, "--part", "encoder");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("metadata_props \"preprocessing.minmax\"", result.Output);
        var onnx = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        Assert.Equal(ModelFile.Load(model).Metadata["preprocessing.minmax"], onnx.MetadataProps.Single(p => p.Key == "preprocessing.minmax").Value);
        Assert.Equal("batch, 3", OnnxGraphBuilder.DescribeShape(onnx.Graph.Input.Single()));
    }

    [Fact]
    public void AMissingModelIsBadInputAndWritesNothing()
    {
        string folder = trained.NewFolder(), missing = Path.Combine(folder, "absent.safetensors");

        var result = Ae.RunBinary("export", "--model", missing, "--out", Path.Combine(folder, "model.onnx"));

        FileAssert.IsBadInput(result, missing);
        FileAssert.NothingIn(folder);
    }

    [Fact]
    public void ACorruptModelIsBadInputAndWritesNothing()
    {
        string folder = trained.NewFolder(), corrupt = Path.Combine(folder, "cut.safetensors"), path = Path.Combine(folder, "model.onnx");
        byte[] whole = File.ReadAllBytes(trained.DenseModel);
        File.WriteAllBytes(corrupt, whole[..(whole.Length / 2)]);

        var result = Ae.RunBinary("export", "--model", corrupt, "--out", path);

        FileAssert.IsBadInput(result, corrupt);
        Assert.Equal([corrupt], Directory.GetFiles(folder));
    }

    [Fact]
    public void AnUnknownPartOrAMissingOutputFolderIsBadInput()
    {
        string folder = trained.NewFolder();

        FileAssert.IsBadInput(Ae.Run("export", "--model", trained.DenseModel, "--out", Path.Combine(folder, "m.onnx"), "--part", "middle"), "'middle' not recognized");
        FileAssert.IsBadInput(Ae.Run("export", "--model", trained.DenseModel, "--out", Path.Combine(folder, "no", "m.onnx")), Path.Combine(folder, "no"));
        FileAssert.NothingIn(folder);
    }
}
