namespace Autoencoders.Cli.Tests.Commands;

/// <summary>The real <c>ae</c> binary (<c>dotnet ae.dll</c>) on real files: exit codes, streams and outputs as a user sees them.</summary>
public sealed class BinaryTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void TrainSummaryAndEncodeEndToEnd()
    {
        string data = TinyImageFolder.Write(folder.File("data"));
        string output = folder.File("run");

        var train = Ae.RunBinary("train", "--data", data, "--model", "deep", "--code", "2", "--epochs", "2", "--out", output, "--seed", "1", "--threads", "1");
        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Contains("epoch 2/2", train.Output);
        Assert.Equal("", train.Error);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(output, "history.csv")).Length);
        FileAssert.IsPng(Path.Combine(output, "loss.png"));

        string model = Path.Combine(output, "model.safetensors");
        var summary = Ae.RunBinary("summary", model);
        Assert.True(summary.ExitCode == 0, summary.ToString());
        Assert.Contains("Total params: 839,686", summary.Output);

        string csv = folder.File("codes.csv"), plot = folder.File("latent.png");
        var encode = Ae.RunBinary("encode", "--model", model, "--data", data, "--out", csv, "--plot", plot);
        Assert.True(encode.ExitCode == 0, encode.ToString());
        Assert.Equal("z1,z2,label", File.ReadLines(csv).First());
        Assert.Equal(TinyImageFolder.TestCount + 1, File.ReadAllLines(csv).Length);
        FileAssert.IsPng(plot);

        // The same run in this process writes the same bytes: nothing depends on the process or JIT tier.
        string inProcess = folder.File("in-process");
        Assert.Equal(0, Ae.Run("train", "--data", data, "--model", "deep", "--code", "2", "--epochs", "2", "--out", inProcess, "--seed", "1", "--threads", "1").ExitCode);
        Assert.Equal(File.ReadAllBytes(model), File.ReadAllBytes(Path.Combine(inProcess, "model.safetensors")));
    }

    [Fact]
    public void BadInputExitsWithTwoAndOneLineOnStandardError()
    {
        var missing = Ae.RunBinary("train", "--data", "/no/such/folder", "--out", folder.File("out"));
        FileAssert.IsBadInput(missing, "/no/such/folder");
        Assert.False(Directory.Exists(folder.File("out")));

        string cut = folder.WriteBytes("cut.safetensors", new byte[7]);
        var truncated = Ae.RunBinary("summary", cut);
        FileAssert.IsBadInput(truncated, cut + ": ");
        Assert.Equal("", truncated.Output);

        var unknown = Ae.RunBinary("train", "--out", folder.File("out"), "--bogus");
        FileAssert.IsBadInput(unknown, "--bogus");
    }

    [Fact]
    public void HelpExitsWithZero()
    {
        var help = Ae.RunBinary("--help");

        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("train", help.Output);
        Assert.Equal("", help.Error);
    }
}
