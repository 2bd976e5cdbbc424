using System.Diagnostics;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Bench;

/// <summary>
/// <c>gemm-chunks [1,2,4,8]</c>: the GEMMs of a deep training step (784-400-200-100-50, batch 256: forward, input
/// gradient and weight gradient of each layer both ways) through OpenBLAS on 2 threads, each GEMM cut into the given
/// numbers of chunks. The counts are timed in turn, step after step in one process, so that the host's slow spells fall
/// on all of them alike; prints GFLOP/s per shape for the first six shapes and the median step per count. It chose
/// CpuBackend's chunks per OpenBLAS GEMM.
/// </summary>
internal static class GemmChunkBench
{
    public static int Run(string[] args)
    {
        int[] variants = args.Length > 0 ? args[0].Split(',').Select(text => BenchOptions.PositiveNumber("chunks", text)).ToArray() : [1, 2, 4, 8];
        var blas = OpenBlasLoader.State.Library
            ?? throw new ArgumentException($"gemm-chunks times OpenBLAS, which did not load: {OpenBlasLoader.State.Failure}");
        using var runner = new ParallelRunner(2);
        var random = new Random(1);
        Tensor R(int r, int c) => new(new Shape(r, c), Enumerable.Range(0, r * c).Select(_ => random.NextSingle() - 0.5f).ToArray());
        int[] widths = [784, 400, 200, 100, 50];
        var shapes = new List<(bool ta, bool tb, Tensor a, Tensor b, Tensor c, int m, int n, int k)>();
        for (int i = 0; i + 1 < widths.Length; i++)
            foreach (var (inp, outp) in new[] { (widths[i], widths[i + 1]), (widths[i + 1], widths[i]) })
            {
                Tensor x = R(256, inp), w = R(outp, inp), y = R(256, outp), dy = R(256, outp), dx = R(256, inp), dw = R(outp, inp);
                shapes.Add((false, true, x, w, y, 256, outp, inp));      // y = x wᵀ
                shapes.Add((false, false, dy, w, dx, 256, inp, outp));   // dx = dy w
                shapes.Add((true, false, dy, x, dw, outp, inp, 256));    // dw = dyᵀ x
            }
        var job = new GemmJob();
        double Step(int chunks)
        {
            long t0 = Stopwatch.GetTimestamp();
            foreach (var s in shapes)
            {
                job.Set(blas, s.ta, s.tb, s.m, s.n, s.k, 1f, s.a, s.b, 0f, s.c);
                runner.Run(job, (long)s.m * s.n * s.k >= 1 << 18 ? chunks : 1);
            }
            return Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
        foreach (int v in variants) for (int i = 0; i < 20; i++) Step(v);
        var times = variants.ToDictionary(v => v, _ => new List<double>());
        for (int round = 0; round < 400; round++)
            foreach (int v in variants) times[v].Add(Step(v));
        foreach (var s in shapes.Take(6))
        {
            var line = $"{(s.ta ? "T" : "N")}{(s.tb ? "T" : "N")} m{s.m} n{s.n} k{s.k}:";
            foreach (int v in variants)
            {
                var ts = new List<double>();
                for (int r = 0; r < 200; r++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    job.Set(blas, s.ta, s.tb, s.m, s.n, s.k, 1f, s.a, s.b, 0f, s.c);
                    runner.Run(job, v);
                    ts.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
                ts.Sort();
                line += $"  c{v} {2.0 * s.m * s.n * s.k / ts[100] / 1e6:F0}";
            }
            Console.WriteLine(line + " GFLOP/s");
        }
        foreach (int v in variants)
        {
            var t = times[v].Order().ToArray();
            Console.WriteLine($"chunks {v}: median {t[t.Length / 2]:F3} ms  p10 {t[t.Length / 10]:F3}  p90 {t[t.Length * 9 / 10]:F3}");
        }
        return 0;
    }
}
