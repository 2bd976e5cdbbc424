using System.Text.Json;
using Autoencoders.Data;
using Autoencoders.Nn.Models;

namespace Autoencoders.Nn.Serialization;

/// <summary>
/// A model in one safetensors file (https://github.com/huggingface/safetensors): every parameter as an F32
/// tensor named by its path (<c>encoder.0.kernel</c>), the architecture and the loss as JSON in
/// <c>__metadata__</c>. Written atomically and deterministically (same weights → same bytes). Loading builds
/// layers only from the closed list in <see cref="Layers.LayerFactory"/>; nothing in the file names code.
/// </summary>
public static class ModelFile
{
    public const string FormatName = "autoencoders-net";
    public const string FormatVersion = "1";

    // Building may ask for this many parameter values beyond those the file holds, so that a missing bias or other
    // small tensor is still reported by name once built; anything larger is refused before it is allocated.
    private const int MissingWeightsAllowance = 1 << 14;

    /// <summary>Saves the model; <paramref name="extraMetadata"/> (e.g. training settings) goes into __metadata__ too.</summary>
    public static void Save(Model model, string path, IReadOnlyDictionary<string, string>? extraMetadata = null)
    {
        var metadata = new Dictionary<string, string>(extraMetadata ?? new Dictionary<string, string>())
        {
            ["format"] = FormatName,
            ["format_version"] = FormatVersion,
            ["architecture"] = ModelArchitecture.ToJson(model).ToJsonString(),
        };
        if (model.Loss is not null) metadata["loss"] = model.Loss.Name;
        var tensors = model.Parameters.Entries
            .Select(e => new NamedTensor(e.Path, e.Parameter.Value.Shape.ToArray(), e.Parameter.Value.ToArray()))
            .ToList();
        SafeTensorsFile.Write(path, tensors, metadata);
    }

    /// <summary>Loads a model saved by <see cref="Save"/>; any problem is an <see cref="InvalidDataException"/>
    /// whose one-line message starts with the path.</summary>
    public static LoadedModel Load(string path)
    {
        var contents = SafeTensorsFile.Read(path);
        try
        {
            if (!contents.Metadata.TryGetValue("format", out string? format) || format != FormatName)
                throw new FormatException($"not an {FormatName} model (its __metadata__ has no \"format\": \"{FormatName}\")");
            if (!contents.Metadata.TryGetValue("architecture", out string? architecture))
                throw new FormatException("no \"architecture\" in __metadata__");
            var (model, inputShape) = ModelArchitecture.FromJson(ModelArchitecture.Parse(architecture));
            try
            {
                using (ParameterBudget.Limit(contents.Tensors.Sum(tensor => (long)tensor.Data.Length) + MissingWeightsAllowance))
                    model.Build(inputShape);
            }
            catch (ArgumentException error)
            {
                throw new FormatException($"the architecture does not fit together: {error.Message}", error);
            }
            CopyWeights(model, contents);
            string? lossName = contents.Metadata.GetValueOrDefault("loss");
            return new LoadedModel(model, lossName is null ? null : Losses.Loss.Parse(lossName), contents.Metadata);
        }
        catch (Exception error) when (error is FormatException or ArgumentException or JsonException)
        {
            throw new InvalidDataException($"{path}: {error.Message.ReplaceLineEndings(" ")}", error);
        }
    }

    private static void CopyWeights(Model model, SafeTensorsContents contents)
    {
        var expected = model.Parameters.Entries.ToDictionary(e => e.Path, e => e.Parameter);
        foreach (var tensor in contents.Tensors)
            if (!expected.ContainsKey(tensor.Name))
                throw new FormatException($"tensor \"{tensor.Name}\" does not belong to the architecture");
        foreach (var (name, parameter) in expected)
        {
            if (!contents.TryGet(name, out var tensor))
                throw new FormatException($"tensor \"{name}\" is missing");
            if (!tensor.Shape.SequenceEqual(parameter.Value.Shape.ToArray()))
                throw new FormatException($"tensor \"{name}\" has shape {tensor.DescribeShape()}, the architecture expects {parameter.Value.Shape}");
            tensor.Data.CopyTo(parameter.Value.Span);
        }
    }
}

/// <summary>A model read from a file, with its loss (when saved) and the file's metadata.</summary>
public sealed record LoadedModel(Model Model, Losses.Loss? Loss, IReadOnlyDictionary<string, string> Metadata);
