namespace Autoencoders.Bench.Tests;

/// <summary>The probe runs under bench/memory/peak_rss.py; without Debian's python3 (which the PyTorch peer needs too) these return early.</summary>
public class PeakMemoryTests
{
    [Fact]
    public void MeasuresTheChildsPeakAfterItFreesTheMemory()
    {
        if (!File.Exists(TorchReference.Python)) return;
        // 200 MiB written (so resident), then freed before the exit: the peak, not the final size, is reported.
        var (megabytes, failure) = PeakMemory.Measure("/usr/bin/python3", ["-c", "b = b'x' * (200 << 20); del b"]);
        Assert.Null(failure);
        Assert.InRange(megabytes!.Value, 200, 300);
    }

    [Fact]
    public void AFailedChildGivesNoFigureAndItsExitCode()
    {
        if (!File.Exists(TorchReference.Python)) return;
        var (megabytes, failure) = PeakMemory.Measure("/usr/bin/python3", ["-c", "import sys; sys.exit(3)"]);
        Assert.Null(megabytes);
        Assert.StartsWith("exit 3", failure);
    }
}
