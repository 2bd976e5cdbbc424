namespace Autoencoders.Bench.Tests;

public class BenchOptionsTests
{
    [Fact]
    public void NewOptionsAreRead()
    {
        var options = BenchOptions.Parse(["--gflops", "--busy-core", "--scaling", "--scaling-sizes", "32,4096", "--memory", "--out", "runs/bench"]);
        Assert.True(options.Gflops && options.BusyCore && options.Scaling && options.Memory);
        Assert.Equal([32, 4096], options.ScalingSizes);
        Assert.Equal("runs/bench", options.OutDir);
    }

    [Fact]
    public void RoundsDefaultToOneAndMustBePositive()
    {
        Assert.Equal(1, BenchOptions.Parse([]).Rounds);
        Assert.Equal(3, BenchOptions.Parse(["--rounds", "3"]).Rounds);
        var error = Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--rounds", "0"]));
        Assert.Equal("--rounds: expected a positive whole number, received \"0\"", error.Message);
    }

    [Fact]
    public void DefaultsSweepPowersOfTwoFrom32To4096()
    {
        var options = BenchOptions.Parse([]);
        Assert.Equal([32, 64, 128, 256, 512, 1024, 2048, 4096], options.ScalingSizes);
        Assert.False(options.BusyCore || options.Scaling || options.Memory || options.Gflops);
    }

    [Fact]
    public void ANonPositiveSizeIsRefusedNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--scaling-sizes", "32,0"]));
        Assert.Equal("--scaling-sizes: expected a positive whole number, received \"0\"", error.Message);
    }

    [Fact]
    public void PeerArgumentsCarryTheSharedSettings() =>
        Assert.Equal(["--data", "/d", "--threads", "1", "--workloads", "conv", "--train-samples", "512", "--repeats", "2"],
            BenchOptions.Parse(["--train-samples", "512", "--repeats", "2"]).PeerArguments("/d", ["conv"], threads: 1));

    [Theory]
    [InlineData("gemm", "--size", "x", "--size: expected a positive whole number, received \"x\"")]
    [InlineData("gemm", "--seconds", "-1", "--seconds: expected a positive number, received \"-1\"")]
    [InlineData("text-seq", "--repeats", "0", "--repeats: expected a positive whole number, received \"0\"")]
    public void TheSubcommandsRefuseABadNumberNamingTheOption(string subcommand, string option, string value, string message)
    {
        Func<string[], int> run = subcommand == "gemm" ? GemmBench.Run : TextSeqBench.Run;
        var error = Assert.Throws<ArgumentException>(() => run([option, value]));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void AnOptionWithoutItsValueIsRefused() =>
        Assert.Equal("text-seq: --threads needs a value", Assert.Throws<ArgumentException>(() => TextSeqBench.Run(["--threads"])).Message);
}
