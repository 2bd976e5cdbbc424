using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Autoencoders.Data;

/// <summary>Orders tensors and builds the JSON header exactly as the reference safetensors writer does.</summary>
/// <remarks>
/// Reference behaviour (huggingface/safetensors, tensor.rs <c>prepare</c>): tensors sorted by name (all share
/// dtype F32), <c>__metadata__</c> first, compact JSON with keys dtype, shape, data_offsets, then spaces up
/// to a multiple of 8 bytes so the data starts aligned. The reference omits metadata when there is none.
/// </remarks>
internal static class SafeTensorsHeaderWriter
{
    public const string MetadataKey = "__metadata__";

    /// <summary>Sorts by the names' UTF-8 bytes, the order Rust's <c>String</c> comparison gives.</summary>
    public static NamedTensor[] Sort(IReadOnlyList<NamedTensor> tensors) =>
        tensors.OrderBy(tensor => Encoding.UTF8.GetBytes(tensor.Name), Utf8Order.Instance).ToArray();

    public static byte[] Build(IReadOnlyList<NamedTensor> sortedTensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // Relaxed escaping keeps names such as "a+b" literal, as serde_json writes them.
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (KeyValuePair<string, string> entry in metadata.OrderBy(entry => entry.Key, StringComparer.Ordinal))
                {
                    json.WriteString(entry.Key, entry.Value);
                }
                json.WriteEndObject();
            }

            long offset = 0;
            foreach (NamedTensor tensor in sortedTensors)
            {
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (int size in tensor.Shape)
                {
                    json.WriteNumberValue(size);
                }
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset = checked(offset + tensor.Data.LongLength * sizeof(float));
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }

        int padding = (8 - buffer.WrittenCount % 8) % 8;
        buffer.GetSpan(padding)[..padding].Fill((byte)' ');
        buffer.Advance(padding);
        return buffer.WrittenSpan.ToArray();
    }

    private sealed class Utf8Order : IComparer<byte[]>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
