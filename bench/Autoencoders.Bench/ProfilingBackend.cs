using System.Diagnostics;
using System.Reflection;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Bench;

/// <summary>
/// A backend that times every call it passes on to another one, by kernel and by kind of work (GEMM, convolution,
/// elementwise, loss, optimizer, ...), for the bench's breakdown of a training step. It is a
/// <see cref="DispatchProxy"/>, so a new backend method is timed without a line here; each call costs a few hundred
/// nanoseconds and allocates its argument array, which is why it is used only for the breakdown, never for the
/// samples/s figures.
/// </summary>
public class ProfilingBackend : DispatchProxy
{
    private IComputeBackend inner = null!;
    private readonly Dictionary<string, (long Ticks, long Calls)> byKernel = [];

    public static (IComputeBackend Backend, ProfilingBackend Profile) Wrap(IComputeBackend inner)
    {
        IComputeBackend proxy = Create<IComputeBackend, ProfilingBackend>();
        var profile = (ProfilingBackend)(object)proxy;
        profile.inner = inner;
        return (proxy, profile);
    }

    /// <summary>Seconds and calls per kernel (the backend method's name) since the last <see cref="Clear"/>.</summary>
    public IReadOnlyDictionary<string, (double Seconds, long Calls)> Kernels =>
        byKernel.ToDictionary(p => p.Key, p => ((double)p.Value.Ticks / Stopwatch.Frequency, p.Value.Calls));

    public void Clear() => byKernel.Clear();

    /// <summary>Keys kernels by their first operand's shape too, to tell a network's layers apart.</summary>
    public static bool ByShape { get; set; } = Environment.GetEnvironmentVariable("AE_PROFILE_SHAPES") == "1";

    /// <summary>The kind of work a kernel does, for the breakdown's columns.</summary>
    public static string KindOf(string kernel)
    {
        string name = kernel.Split(' ')[0]; // without the shape that ByShape adds
        return name switch
        {
            "MatMul" => "gemm",
            _ when name.StartsWith("Conv", StringComparison.Ordinal) => "convolution",
            _ when name.Contains("Pool", StringComparison.Ordinal) || name.StartsWith("UpSample", StringComparison.Ordinal) => "pooling",
            _ when name.Contains("Squared", StringComparison.Ordinal) || name.Contains("CrossEntropy", StringComparison.Ordinal) => "loss",
            _ when name.EndsWith("Step", StringComparison.Ordinal) => "optimizer",
            _ when name.StartsWith("Lstm", StringComparison.Ordinal) || name.StartsWith("Gru", StringComparison.Ordinal) => "recurrent",
            "Copy" or "Fill" or "CopyAlongAxis" or "Gather" or "GatherBackward" => "copy",
            _ => "elementwise",
        };
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        long start = Stopwatch.GetTimestamp();
        object? result;
        try
        {
            result = targetMethod!.Invoke(inner, args);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error.InnerException).Throw();
            throw;
        }
        long elapsed = Stopwatch.GetTimestamp() - start;
        if (!targetMethod.IsSpecialName) // property getters (Threads) are not kernels
        {
            string key = ByShape && args is { Length: > 0 } && args[0] is Autoencoders.Tensors.Tensor first ? $"{targetMethod.Name} {first.Shape}" : targetMethod.Name;
            byKernel.TryGetValue(key, out var sum);
            byKernel[key] = (sum.Ticks + elapsed, sum.Calls + 1);
        }
        return result;
    }
}
