using System.Text.Json;
using System.Text.Json.Nodes;
using Autoencoders.Data.Text;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Nn.Text;

/// <summary>
/// A text model in one <see cref="ModelFile"/>: the network, plus in its metadata how texts become its inputs
/// (<c>text_encoder</c>: a <see cref="TextEncoder"/> or a bag-of-words <see cref="Tokenizer"/>), the class names
/// and the kind of model (<c>classifier</c>, <c>bow</c>, <c>kate</c>, <c>seq</c>).
/// </summary>
public sealed record TextModelFile(Model Model, string Kind, TextEncoder? Encoder, Tokenizer? BagOfWords, BagOfWordsMode BagMode, IReadOnlyList<string> ClassNames)
{
    private const string KindKey = "text_model", EncoderKey = "text_encoder", BagKey = "text_bag_of_words", ModeKey = "text_bag_mode", ClassesKey = "text_classes";

    public void Save(string path, IReadOnlyDictionary<string, string>? extraMetadata = null)
    {
        var metadata = new Dictionary<string, string>(extraMetadata ?? new Dictionary<string, string>())
        {
            [KindKey] = Kind,
            [ClassesKey] = JsonSerializer.Serialize(ClassNames),
        };
        if (Encoder is not null) metadata[EncoderKey] = Encoder.ToJson().ToJsonString();
        if (BagOfWords is not null)
        {
            metadata[BagKey] = BagOfWords.ToJson().ToJsonString();
            metadata[ModeKey] = BagMode.ToString().ToLowerInvariant();
        }
        ModelFile.Save(Model, path, metadata);
    }

    /// <summary>Reads a file <see cref="Save"/> wrote; another model file, or a broken one, is an InvalidDataException naming it.</summary>
    public static TextModelFile Load(string path)
    {
        var loaded = ModelFile.Load(path);
        var metadata = loaded.Metadata;
        if (!metadata.TryGetValue(KindKey, out string? kind))
            throw new InvalidDataException($"{path}: not a text model (written by ae text classify or ae text train): its metadata has no \"{KindKey}\"");
        try
        {
            var encoder = metadata.TryGetValue(EncoderKey, out string? e) ? TextEncoder.FromJson(JsonNode.Parse(e)!.AsObject()) : null;
            var bag = metadata.TryGetValue(BagKey, out string? b) ? Tokenizer.FromJson(JsonNode.Parse(b)!.AsObject()) : null;
            var mode = metadata.TryGetValue(ModeKey, out string? m) ? Enum.Parse<BagOfWordsMode>(m, ignoreCase: true) : BagOfWordsMode.TfIdf;
            string[] classes = metadata.TryGetValue(ClassesKey, out string? c) ? JsonSerializer.Deserialize<string[]>(c) ?? [] : [];
            if (encoder is null && bag is null)
                throw new FormatException("it says neither how to encode texts (text_encoder) nor which words it counts (text_bag_of_words)");
            // Compiled with the saved loss, so that the loaded model can be evaluated (Adam's state is not kept).
            if (loaded.Loss is not null) loaded.Model.Compile(new Optimizers.Adam(), loaded.Loss);
            return new TextModelFile(loaded.Model, kind, encoder, bag, mode, classes);
        }
        catch (Exception error) when (error is FormatException or JsonException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: {error.Message.ReplaceLineEndings(" ")}", error);
        }
    }
}
