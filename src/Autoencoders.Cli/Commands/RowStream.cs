using System.Globalization;
using System.Text;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// <c>ae encode --input</c> and <c>ae reconstruct --input</c>: every row of a file, a chunk at a time, through the
/// model's preprocessing and one computation, written as CSV into a temporary file renamed once complete (an error
/// mid-file leaves no output file). Memory: one chunk of rows and its results.
/// </summary>
internal static class RowStream
{
    /// <summary>Writes a CSV of <paramref name="header"/> columns (and <c>label</c>, kept from the input) with
    /// <paramref name="compute"/>'s results, (rows, header.Count) row-major, for each preprocessed chunk; returns the row count.</summary>
    public static long WriteCsv(string outPath, IRowReader reader, ModelPreprocessing preprocessing, IReadOnlyList<string> header, Func<Dataset, float[]> compute)
    {
        long rows = 0;
        AtomicFile.Write(outPath, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
            writer.Write(string.Join(",", header.Select(CsvField.Quote)));
            writer.Write(reader.HasLabels ? ",label\n" : "\n");
            int features = reader.FeatureCount, width = header.Count;
            var values = new float[InputRows.ChunkRows * features];
            var labels = new string?[InputRows.ChunkRows];
            Span<char> number = stackalloc char[32];
            int count;
            while ((count = reader.Read(values, labels)) > 0)
            {
                var chunk = new Dataset(count == InputRows.ChunkRows ? values : values[..(count * features)], features);
                preprocessing.Apply(chunk.Features);
                float[] results = compute(chunk);
                for (int i = 0; i < count; i++)
                {
                    for (int j = 0; j < width; j++)
                    {
                        if (j > 0) writer.Write(',');
                        results[i * width + j].TryFormat(number, out int written, "R", CultureInfo.InvariantCulture);
                        writer.Write(number[..written]);
                    }
                    if (reader.HasLabels) writer.Write($",{CsvField.Quote(labels[i] ?? "")}");
                    writer.Write('\n');
                }
                rows += count;
            }
        });
        return rows;
    }
}
