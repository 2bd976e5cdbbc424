using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Text;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Bench;

/// <summary>
/// <c>bench text-seq</c>: training speed of the <c>seq</c> text autoencoder (Embedding 64 with padding masked → GRU 32
/// → RepeatVector → GRU 64 → per-step softmax over 2,001 ids; Adam, batch 64) beside bench/text/torch_text_seq.py, the
/// same network in PyTorch (packed sequences for the masked encoder), on synthetic documents of the same shape: 2,048 of
/// 5 to 40 random word ids (lengths uniform), padded at the end. Both time whole epochs after a warm-up, median of the repeats.
/// </summary>
internal static class TextSeqBench
{
    private const int Documents = 2048, Steps = 40, Vocabulary = 2001, Batch = 64;

    public static int Run(string[] args)
    {
        int threads = 0, repeats = 3;
        bool torch = true;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"text-seq: {args[i]} needs a value");
            switch (args[i])
            {
                case "--threads": threads = BenchOptions.PositiveNumber("--threads", Value()); break;
                case "--repeats": repeats = BenchOptions.PositiveNumber("--repeats", Value()); break;
                case "--no-torch": torch = false; break;
                default: throw new ArgumentException($"text-seq: unknown option {args[i]}, expected --threads N, --repeats N or --no-torch");
            }
        }
        using var backend = CpuBackend.CreateDefault(threads);
        var options = new TextAutoencoderOptions { Kind = TextAutoencoderKind.Seq, CodeSize = 32, EmbeddingSize = 64, MaxLength = Steps };
        var model = TextEmbedder.CreateModel(Vocabulary, Steps, options);
        double ours = EpochTimer.Measure(model, Loss.SparseCategoricalCrossEntropy, Corpus(), Batch, backend, repeats);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ae seq autoencoder: {ours:N0} documents/s ({backend.Threads} threads, {model.Parameters.TotalCount:N0} parameters)"));
        if (!torch) return 0;
        string script = Path.Combine(AppContext.BaseDirectory, "text", "torch_text_seq.py");
        if (!File.Exists(script)) script = Path.GetFullPath(Path.Combine("bench", "text", "torch_text_seq.py"));
        var peer = PeerProcess.Run("pytorch", TorchReference.Python, [script, "--threads", backend.Threads.ToString(CultureInfo.InvariantCulture), "--repeats", repeats.ToString(CultureInfo.InvariantCulture)]);
        if (peer.TryGetValue("seq", out double theirs))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pytorch seq autoencoder: {theirs:N0} documents/s; ae / pytorch = {ours / theirs:F2}×"));
        return 0;
    }

    /// <summary>The documents both sides train on: lengths and ids from a fixed stream, padded with 0 at the end.</summary>
    internal static Dataset Corpus()
    {
        var random = new DeterministicRandom(11);
        var ids = new float[Documents * Steps];
        for (int d = 0; d < Documents; d++)
        {
            int length = 5 + random.NextInt(Steps - 4);
            for (int t = 0; t < length; t++) ids[d * Steps + t] = 1 + random.NextInt(Vocabulary - 1);
        }
        return new Dataset(ids, Steps);
    }
}
