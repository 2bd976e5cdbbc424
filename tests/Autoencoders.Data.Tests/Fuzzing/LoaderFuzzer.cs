using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;

namespace Autoencoders.Data.Tests.Fuzzing;

/// <summary>
/// Damages a valid file in many ways (<see cref="FileMutations"/>) and loads each result: every load must succeed or
/// throw the format's typed error with a one-line message starting with the path and a colon (<c>path: problem</c>,
/// or <c>path:line:column: problem</c> where a text format points into the file), and must not allocate more than
/// the format's bound for a file of that length. First every declared size is swept through the extreme values,
/// then random plans of one to three mutations make up the <see cref="Cases"/>.
/// </summary>
/// <remarks>
/// The allocation is measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/> around the load alone, so the
/// loader must run on the calling thread (all of ours do). The seed is fixed so that a failure replays exactly; the
/// failing plan is printed by FsCheck as a list of <see cref="FileMutation"/> records.
/// </remarks>
public sealed class LoaderFuzzer
{
    /// <summary>The bound most formats warrant: 64 bytes per file byte (UTF-16 text, parse trees, list growth) plus
    /// 1 MiB for fixed costs (stream buffers, the first JIT of a code path).</summary>
    public static long DefaultAllocationBound(long fileLength) => 64 * fileLength + (1 << 20);

    public required byte[] ValidFile { get; init; }

    /// <summary>Where the damaged file is written; its path must appear at the start of every error message.</summary>
    public required string Path { get; init; }

    public required Action<string> Load { get; init; }

    public IReadOnlyList<SizeField> SizeFields { get; init; } = [];

    /// <summary>Turns the damaged bytes into the file to load (gzip compresses them, to reach the header inside).</summary>
    public Func<byte[], byte[]> Encode { get; init; } = bytes => bytes;

    /// <summary>The typed error of the format: <see cref="InvalidDataException"/> unless the format documents another.</summary>
    public Type ErrorType { get; init; } = typeof(InvalidDataException);

    public Func<long, long> AllocationBound { get; init; } = DefaultAllocationBound;

    /// <summary>Cases in all: the size sweep, then random plans for the rest.</summary>
    public int Cases { get; init; } = 10_000;

    public ulong Seed { get; init; } = 20261202;

    /// <summary>Runs the cases; throws with the failing plan when one breaks the rules.</summary>
    public FuzzOutcome Run()
    {
        WriteFile(Encode(ValidFile));
        Load(Path); // the unmutated file must load, or every case would only test the first check
        int loaded = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        foreach (FileMutation mutation in FileMutations.SizeSweep(ValidFile, SizeFields.Count))
        {
            if (Attempt([mutation]) is { } failure)
            {
                throw new Xunit.Sdk.XunitException($"size sweep: {failure}; plan {mutation}");
            }
        }
        int swept = loaded + refused;

        Property property = Prop.ForAll(FileMutations.Plan.ToArbitrary(), plan =>
        {
            if (Attempt(plan) is { } failure)
            {
                throw new Xunit.Sdk.XunitException(failure);
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Math.Max(Cases - swept, 1)).WithQuietOnSuccess(true)
            .WithReplay(new Replay(new Rnd(Seed, 0x9E3779B97F4A7C15), Microsoft.FSharp.Core.FSharpOption<int>.None)), property);
        return new FuzzOutcome(swept, loaded + refused - swept, loaded, refused, clock.Elapsed);

        string? Attempt(FileMutation[] plan)
        {
            byte[] bytes = WriteFile(Encode(FileMutations.Apply(ValidFile, plan, SizeFields)));
            return TryLoad(bytes.Length) is { } problem ? $"{problem}; file of {bytes.Length} bytes" : null;
        }

        string? TryLoad(long fileLength)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            string? problem = null;
            try
            {
                Load(Path);
                loaded++;
            }
            catch (Exception error) when (error.GetType() == ErrorType)
            {
                refused++;
                if (!error.Message.StartsWith(Path + ":", StringComparison.Ordinal) || error.Message.Contains('\n') || error.Message.Contains('\r'))
                {
                    problem = $"the {ErrorType.Name} is not one line starting with the path and a colon: {error.Message}";
                }
            }
            catch (Exception error)
            {
                problem = $"expected success or {ErrorType.Name}, received {error.GetType().FullName}: {error.Message}";
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            long bound = AllocationBound(fileLength);
            if (problem is null && allocated > bound)
            {
                problem = $"allocated {allocated} bytes, expected at most {bound}";
            }
            return problem;
        }
    }

    private byte[] WriteFile(byte[] bytes)
    {
        File.WriteAllBytes(Path, bytes);
        return bytes;
    }
}
