using System.CommandLine;
using System.Globalization;
using System.Text;
using Autoencoders.Applications.Text;
using Autoencoders.Data;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Cli.Commands.Text;

/// <summary><c>ae text compare</c>: each document autoencoder against LSA of the same size, by kNN-5 cosine accuracy of
/// the test codes (neighbours among the training codes) and test loss; a table, and CSV <c>model,code,knn_accuracy,…</c>.</summary>
internal static class TextCompareCommand
{
    public static Command Create(TextWriter output)
    {
        var data = new TextDataOptions();
        var training = new TextAutoencoderOptionSet();
        var models = new Option<string>("--models") { Description = "the autoencoders to compare with LSA, comma-separated", DefaultValueFactory = _ => "bow,kate,seq", HelpName = "bow,kate,seq" };
        var code = new Option<string>("--code") { Description = "code sizes, comma-separated", DefaultValueFactory = _ => "32", HelpName = "N[,N…]" };
        var threads = CommonOptions.Threads();
        var outFile = new Option<string?>("--out") { Description = "CSV: model,code,knn_accuracy,test_loss,loss,train_seconds (LSA's rows named lsa)", HelpName = "FILE.csv" };
        var command = new Command("compare", "Document autoencoders against LSA (TF-IDF + truncated SVD) of the same size: kNN-5 cosine accuracy of the test codes");
        foreach (var option in data.All.Concat(training.All).Concat([models, code, threads, outFile])) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var kinds = parsed.GetValue(models)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(TextAutoencoderOptionSet.ParseKind).Distinct().ToList();
            int[] codes = [.. parsed.GetValue(code)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseCode)];
            if (codes.Length == 0) throw new UsageException("--code must name at least one code size");
            string? outPath = parsed.GetValue(outFile);
            if (outPath is not null) CommonOptions.RequireWritableFolderFor(outPath);
            int seed = parsed.GetValue(data.Seed);
            var split = data.Load(parsed, classifier: true);
            if (split.Test.Count == 0) throw new UsageException($"{parsed.GetValue(data.Data)}: no test documents to score the codes on (--test-fraction is 0)");
            using var backend = CpuBackend.CreateDefault(CommonOptions.Threads(parsed.GetValue(threads)));
            int vocabulary = CommonOptions.Positive(parsed.GetValue(training.Vocabulary), "--vocabulary");
            output.WriteLine($"ae text compare: {split.Description}; majority class {(double)split.Test.ClassCounts().Max() / split.Test.Count:F4} of the test documents");
            var rows = new List<TextComparisonRow>();
            foreach (int size in codes)
            {
                if (size > Math.Min(split.Train.Count, vocabulary)) throw new UsageException($"--code {size}: LSA can have at most {Math.Min(split.Train.Count, vocabulary)} components here");
                rows.Add(Report(TextComparison.Lsa(split, size, vocabulary, unchecked((ulong)seed), backend), output));
                foreach (var kind in kinds)
                    rows.Add(Report(TextComparison.Autoencoder(split, training.Read(parsed, kind, size, seed), backend, out _), output));
            }
            output.WriteLine();
            output.Write(Table(rows));
            if (outPath is not null)
            {
                AtomicFile.WriteAllBytes(outPath, Encoding.UTF8.GetBytes(Csv(rows)));
                output.WriteLine($"wrote {outPath}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static int ParseCode(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int size) && size > 0
            ? size
            : throw new UsageException($"--code expected positive integers, received \"{text}\"");

    private static TextComparisonRow Report(TextComparisonRow row, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Model} {row.Code}: kNN-5 {row.KnnAccuracy:F4}, test loss {row.TestLoss:F5} ({row.LossName}), {row.TrainSeconds:F1} s"));
        return row;
    }

    internal static string Table(IEnumerable<TextComparisonRow> rows)
    {
        var table = new StringBuilder("model  code  knn_accuracy  test_loss  loss                             train_s\n");
        foreach (var r in rows)
            table.Append(string.Create(CultureInfo.InvariantCulture, $"{r.Model,-5} {r.Code,5}  {r.KnnAccuracy,12:F4}  {r.TestLoss,9:F5}  {r.LossName,-32} {r.TrainSeconds,7:F1}\n"));
        return table.ToString();
    }

    internal static string Csv(IEnumerable<TextComparisonRow> rows)
    {
        var csv = new StringBuilder("model,code,knn_accuracy,test_loss,loss,train_seconds\n");
        foreach (var r in rows)
            csv.Append(string.Create(CultureInfo.InvariantCulture, $"{r.Model},{r.Code},{r.KnnAccuracy:R},{r.TestLoss:R},{r.LossName},{r.TrainSeconds:F3}\n"));
        return csv.ToString();
    }
}
