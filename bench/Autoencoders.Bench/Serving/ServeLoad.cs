using System.Diagnostics;
using System.Globalization;
using System.Text;
using Autoencoders.Applications.Anomaly;
using Autoencoders.Applications.Codecs;
using Autoencoders.Data;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;
using Autoencoders.Serving;
using Autoencoders.Serving.Inference;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Bench.Serving;

/// <summary>
/// <c>serve-load</c>: the <c>ae serve</c> server on loopback under 1, 8 and 64 concurrent clients, each sending
/// single-row and 256-row POST /score requests back to back; requests/s, rows/s and p50/p99 latency per cell, with the
/// micro-batching queue and without it (each request its own forward pass), so the table shows what batching buys.
/// Clients and server share this machine's cores, as they would on a one-box deployment.
/// </summary>
internal static class ServeLoad
{
    public static int Run(string[] args)
    {
        var options = ServeLoadOptions.Parse(args);
        var detector = LoadDetector(options);
        Console.WriteLine($"serve-load: {options.Model}: {detector.FeatureCount} inputs; {options.Seconds:G3} s per cell; {Environment.ProcessorCount} cores");
        Console.WriteLine("| mode | clients | rows/request | requests/s | rows/s | p50 ms | p99 ms | rows/pass |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (string mode in options.Modes)
            foreach (int rows in options.Rows)
                foreach (int clients in options.Clients)
                {
                    var result = RunCell(new ServedModel(detector), mode == "batched", options, clients, rows).GetAwaiter().GetResult();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {mode} | {clients} | {rows} | {result.RequestsPerSecond:N0} | {result.RequestsPerSecond * rows:N0} | {result.P50:F2} | {result.P99:F2} | {result.RowsPerPass:F1} |"));
                }
        return 0;
    }

    private sealed record CellResult(double RequestsPerSecond, double P50, double P99, double RowsPerPass);

    private static async Task<CellResult> RunCell(ServedModel model, bool batching, ServeLoadOptions options, int clients, int rows)
    {
        var serverOptions = new ServerOptions { Port = 0, Batching = batching };
        await using var server = await ScoringServer.StartAsync(model, serverOptions);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = server.Address };
        byte[][] bodies = [.. Enumerable.Range(0, 16).Select(seed => Body(model, rows, (ulong)seed + 1))];

        // Warm-up: connections opened, the JIT done, the arena grown to its size.
        await Drive(client, bodies, clients, TimeSpan.FromSeconds(Math.Min(1, options.Seconds / 3)), null);
        var (passesBefore, requestsBefore) = (server.Counts.Passes, server.Counts.Requests);
        var latencies = new List<double>[clients];
        var clock = Stopwatch.StartNew();
        await Drive(client, bodies, clients, TimeSpan.FromSeconds(options.Seconds), latencies);
        double elapsed = clock.Elapsed.TotalSeconds;
        double[] all = [.. latencies.SelectMany(l => l).Order()];
        long passes = server.Counts.Passes - passesBefore, requests = server.Counts.Requests - requestsBefore;
        return new CellResult(all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), (double)requests * rows / Math.Max(1, passes));
    }

    /// <summary>Each client sends requests one after another until the time is up; latencies in milliseconds.</summary>
    private static Task Drive(HttpClient client, byte[][] bodies, int clients, TimeSpan duration, List<double>[]? latencies)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var own = new List<double>();
            if (latencies is not null) latencies[c] = own;
            for (int i = c; Stopwatch.GetTimestamp() < end; i++)
            {
                long start = Stopwatch.GetTimestamp();
                using var content = new ByteArrayContent(bodies[i % bodies.Length]);
                content.Headers.ContentType = new("application/json");
                using var response = await client.PostAsync("/score", content);
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST /score answered {(int)response.StatusCode}");
                own.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })));
    }

    /// <summary>A request body of <paramref name="rows"/> seeded rows in the model's raw units (within the scaler's range).</summary>
    private static byte[] Body(ServedModel model, int rows, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var scaler = model.Detector.Preprocessing.Scaler;
        var text = new StringBuilder("{\"rows\": [");
        for (int r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "[" : ",[");
            for (int j = 0; j < model.InputSize; j++)
            {
                double value = scaler is null ? random.NextFloat() : scaler.Minimum[j] + random.NextFloat() * (scaler.Maximum[j] - scaler.Minimum[j]);
                text.Append(j == 0 ? "" : ",").Append(value.ToString("G6", CultureInfo.InvariantCulture));
            }
            text.Append(']');
        }
        return Encoding.UTF8.GetBytes(text.Append("]}").ToString());
    }

    private static AnomalyDetector LoadDetector(ServeLoadOptions options)
    {
        var loaded = ModelFile.Load(options.Model);
        var autoencoder = loaded.Model as Autoencoder ?? throw new ArgumentException($"{options.Model}: not an autoencoder");
        autoencoder.Backend = CpuBackend.CreateDefault(options.Threads);
        var calibration = Calibration.Read(loaded);
        // A model without a training record still loads: the bench times the answers, not the flags.
        var rule = calibration is null ? ThresholdRule.Fixed(1) : ThresholdRule.Default;
        return AnomalyDetector.FromCalibration(new AutoencoderCodec(autoencoder), ModelPreprocessing.Read(loaded), calibration, rule);
    }

    private static double Percentile(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(q * sorted.Length))];
}
