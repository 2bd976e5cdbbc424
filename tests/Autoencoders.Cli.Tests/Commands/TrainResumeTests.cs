using System.Diagnostics;
using System.Text.RegularExpressions;
using Autoencoders.Data.Tests;
using Autoencoders.Nn.Serialization;
using Autoencoders.Nn.Training.Checkpoints;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary>
/// <c>ae train</c> survives <c>kill -9</c>: killed in the middle of an epoch, or in the middle of writing a checkpoint,
/// then <c>ae train --resume</c>, it writes the model file byte for byte as a run that was never interrupted. And a
/// diverging run stops at its first non-finite loss, keeping the last good model file.
/// </summary>
public sealed partial class TrainResumeTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [FashionMnistFact]
    public void KilledInTheMiddleOfEpochThreeAndResumedGivesTheSameModelFile()
    {
        string[] run = ["train", "--model", "dense", "--epochs", "5", "--seed", "3"];
        string whole = folder.File("whole"), killed = folder.File("killed");
        var uninterrupted = Ae.RunBinary([.. run, "--out", whole]);
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.ToString());

        // 235 batches an epoch: a checkpoint every 10 shows when epoch 3 is under way, and kill -9 lands inside it.
        using (var process = Start([.. run, "--checkpoint-every", "10", "--out", killed]))
        {
            string checkpointPath = Path.Combine(killed, BackupAndRestore.FileName);
            var clock = Stopwatch.StartNew();
            while (!(TryRead(checkpointPath) is { Epoch: 3, BatchesDone: > 0 }))
            {
                Assert.False(process.HasExited, $"the run ended before epoch 3 was checkpointed (exit {(process.HasExited ? process.ExitCode : 0)})");
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "epoch 3 never started");
                Thread.Sleep(5);
            }
            process.Kill(); // SIGKILL: no handler runs, nothing is flushed
            process.WaitForExit();
        }
        var left = CheckpointFile.Load(Path.Combine(killed, BackupAndRestore.FileName));
        Assert.True(left is { Epoch: 3, BatchesDone: > 0 and < 235 }, $"killed at epoch {left.Epoch}, batch {left.BatchesDone}: not in the middle of epoch 3");

        var resumed = Ae.RunBinary("train", "--resume", killed);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("resuming", resumed.Output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "model.safetensors")), File.ReadAllBytes(Path.Combine(killed, "model.safetensors")));
        Assert.Equal(File.ReadAllLines(Path.Combine(whole, "history.csv")).Length, File.ReadAllLines(Path.Combine(killed, "history.csv")).Length);
        Assert.False(File.Exists(Path.Combine(killed, BackupAndRestore.FileName)), "a finished run deletes its checkpoint");
    }

    [Fact]
    public void KilledWhileWritingACheckpointAndResumedGivesTheSameModelFile()
    {
        string data = TinyImageFolder.Write(folder.File("data"));
        string[] run = ["train", "--data", data, "--model", "dense", "--epochs", "3", "--seed", "3", "--batch", "32", "--checkpoint-every", "3", "--threads", "2"];
        string whole = folder.File("whole"), killed = folder.File("killed");
        Assert.Equal(0, Ae.RunBinary([.. run, "--out", whole]).ExitCode);

        // The hook kills the process (SIGKILL) with half of its 5th checkpoint on disk, not yet renamed.
        var crashed = RunWithEnvironment(BackupAndRestore.KillDuringWriteVariable, "5", [.. run, "--out", killed]);
        Assert.Equal(137, crashed.ExitCode);
        Assert.NotEmpty(Directory.EnumerateFiles(killed, "*.tmp"));
        var left = CheckpointFile.Load(Path.Combine(killed, BackupAndRestore.FileName)); // the 4th, whole
        Assert.True(left.BatchesDone > 0 || left.Epoch > 1);

        var resumed = Ae.RunBinary("train", "--resume", killed);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "model.safetensors")), File.ReadAllBytes(Path.Combine(killed, "model.safetensors")));
        FileAssert.NoTemporaryFiles(killed);
    }

    /// <summary>An image-to-image run resumes too: its task's settings travel in the checkpoint, the U-Net it chose is
    /// the one rebuilt, and the random masks of the resumed epoch are the ones the interrupted run drew.</summary>
    [Fact]
    public void AnImageToImageRunKilledWhileCheckpointingResumesToTheSameModelFile()
    {
        string data = TinyImageFolder.Write(folder.File("data"));
        string[] run = ["train", "--data", data, "--task", "inpaint", "--mask", "random", "--mask-size", "8", "--filters", "4", "--epochs", "3",
            "--seed", "3", "--batch", "32", "--checkpoint-every", "3", "--threads", "2"];
        string whole = folder.File("whole"), killed = folder.File("killed");
        var uninterrupted = Ae.RunBinary([.. run, "--out", whole]);
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.ToString());

        // 10 batches an epoch, a checkpoint every 3 and at each epoch's end: the 6th is written in the second epoch.
        Assert.Equal(137, RunWithEnvironment(BackupAndRestore.KillDuringWriteVariable, "6", [.. run, "--out", killed]).ExitCode);
        var left = CheckpointFile.Load(Path.Combine(killed, BackupAndRestore.FileName));
        Assert.True(left is { Epoch: 2, BatchesDone: > 0 }, $"killed at epoch {left.Epoch}, batch {left.BatchesDone}: not in the second epoch");

        var resumed = Ae.RunBinary("train", "--resume", killed);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("resuming", resumed.Output);
        Assert.Contains("unet", resumed.Output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "model.safetensors")), File.ReadAllBytes(Path.Combine(killed, "model.safetensors")));
        Assert.True(File.Exists(Path.Combine(killed, "translations.png")));
        Assert.False(File.Exists(Path.Combine(killed, BackupAndRestore.FileName)), "a finished run deletes its checkpoint");
        FileAssert.NoTemporaryFiles(killed);
    }

    [Fact]
    public void ADivergingRunStopsAtTheFirstNonFiniteLossAndKeepsTheLastGoodModel()
    {
        string data = TinyImageFolder.Write(folder.File("data")), output = folder.File("diverged");

        var result = Ae.Run("train", "--data", data, "--out", output, "--optimizer", "sgd", "--lr", "1e30", "--epochs", "2", "--checkpoint-every", "1");

        FileAssert.IsBadInput(result, "diverged");
        var match = AtBatch().Match(result.Error);
        Assert.True(match.Success, result.Error);
        int epoch = int.Parse(match.Groups[1].Value), batch = int.Parse(match.Groups[2].Value);
        var last = CheckpointFile.Load(Path.Combine(output, BackupAndRestore.FileName));
        Assert.Equal((epoch, batch - 1), (last.Epoch, last.BatchesDone)); // the batch just before the first bad loss
        var model = ModelFile.Load(Path.Combine(output, "model.safetensors")).Model;
        float[] weights = model.Parameters.Snapshot();
        Assert.All(weights, w => Assert.True(float.IsFinite(w)));
        Assert.Equal(last.Parameters, weights);
        FileAssert.NoTemporaryFiles(output);
    }

    [Fact]
    public void ResumeTakesNoOtherOptionAndNeedsACheckpoint()
    {
        string empty = folder.File("empty");
        Directory.CreateDirectory(empty);

        FileAssert.IsBadInput(Ae.Run("train", "--resume", empty), $"--resume {empty}: no checkpoint.safetensors there");
        FileAssert.IsBadInput(Ae.Run("train", "--resume", empty, "--epochs", "3"), "remove --epochs");
        FileAssert.IsBadInput(Ae.Run("train", "--data", "fashion-mnist"), "--out is required");
        FileAssert.IsBadInput(Ae.Run("train", "--out", empty, "--checkpoint-every", "0"), "--checkpoint-every must be a positive");
    }

    [Fact]
    public void ANewRunRefusesAFolderHoldingAnInterruptedOne()
    {
        string data = TinyImageFolder.Write(folder.File("data")), output = folder.File("run");
        string[] run = ["train", "--data", data, "--model", "dense", "--epochs", "2", "--batch", "32", "--checkpoint-every", "2", "--out", output];
        Assert.Equal(137, RunWithEnvironment(BackupAndRestore.KillDuringWriteVariable, "3", run).ExitCode);

        FileAssert.IsBadInput(Ae.Run(run), $"ae train --resume {output}");
    }

    [GeneratedRegex(@"at epoch (\d+), batch (\d+)")]
    private static partial Regex AtBatch();

    private static TrainingCheckpoint? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? CheckpointFile.Load(path) : null;
        }
        catch (IOException)
        {
            return null; // renamed over while being read: the next look sees the new one
        }
    }

    private static Process Start(string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Ae.BinaryPath);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static AeResult RunWithEnvironment(string name, string value, string[] args) =>
        Ae.RunBinary(new Dictionary<string, string?> { [name] = value }, args);
}
