using System.Diagnostics;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Bench;

/// <summary>
/// <c>gemm [--size 1024] [--threads 1] [--seconds 2]</c>: sgemm GFLOP/s (2·n³ per call, median call) through the
/// backend, on OpenBLAS (its core as this process chose it: set OPENBLAS_CORETYPE to time another) and on the managed
/// GEMM at every vector width this CPU runs.
/// </summary>
internal static class GemmBench
{
    public static int Run(string[] args)
    {
        int size = 1024, threads = 1;
        double seconds = 2;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--size": size = BenchOptions.PositiveNumber("--size", Value()); break;
                case "--threads": threads = BenchOptions.PositiveNumber("--threads", Value()); break;
                case "--seconds":
                    string text = Value();
                    seconds = double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out double value) && value > 0
                        ? value
                        : throw new ArgumentException($"--seconds: expected a positive number, received \"{text}\"");
                    break;
                default: throw new ArgumentException($"unknown option {args[i]}; options: --size --threads --seconds");
            }
        }
        var backends = new List<CpuBackend>();
        var automatic = new CpuBackend(threads);
        if (automatic.UsesOpenBlas) backends.Add(automatic);
        else automatic.Dispose();
        backends.AddRange(ManagedGemmWidths.Available.Reverse().Select(width => new CpuBackend(threads, useOpenBlas: false, width)));
        foreach (var backend in backends)
        {
            Console.WriteLine($"{backend.Name,-48} {size}³ sgemm {Measure(backend, size, seconds),7:F1} GFLOP/s");
            backend.Dispose();
        }
        return 0;
    }

    /// <summary>GFLOP/s of the median <paramref name="size"/>³ sgemm through <paramref name="backend"/> over about <paramref name="seconds"/> s.</summary>
    public static double Measure(CpuBackend backend, int size, double seconds)
    {
        var random = new Random(1);
        Tensor Random() => new(new Shape(size, size), Enumerable.Range(0, size * size).Select(_ => random.NextSingle() - 0.5f).ToArray());
        Tensor a = Random(), b = Random(), c = new(new Shape(size, size));
        backend.MatMul(a, false, b, false, c, 1f, 0f); // warm-up: JIT, OpenBLAS buffers
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds || times.Count < 3)
        {
            long start = Stopwatch.GetTimestamp();
            backend.MatMul(a, false, b, false, c, 1f, 0f);
            times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        times.Sort();
        return 2.0 * size * size * size / times[times.Count / 2] / 1e9;
    }
}
