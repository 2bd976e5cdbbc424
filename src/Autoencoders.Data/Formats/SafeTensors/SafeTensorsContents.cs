namespace Autoencoders.Data;

/// <summary>What <see cref="SafeTensorsFile.Read"/> found: the tensors in file order and the string metadata.</summary>
public sealed class SafeTensorsContents
{
    private readonly Dictionary<string, NamedTensor> tensorsByName;

    internal SafeTensorsContents(string path, IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        Tensors = tensors;
        Metadata = metadata;
        tensorsByName = tensors.ToDictionary(tensor => tensor.Name, StringComparer.Ordinal);
    }

    /// <summary>The file the contents came from, for error messages.</summary>
    public string Path { get; }

    /// <summary>All tensors, in the order of their data in the file.</summary>
    public IReadOnlyList<NamedTensor> Tensors { get; }

    /// <summary>The <c>__metadata__</c> entries (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Looks up a tensor by name.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out NamedTensor tensor) =>
        tensorsByName.TryGetValue(name, out tensor);

    /// <summary>The tensor called <paramref name="name"/>; a missing tensor means a bad model file.</summary>
    /// <exception cref="InvalidDataException">No tensor has that name.</exception>
    public NamedTensor Get(string name)
    {
        if (TryGet(name, out NamedTensor? tensor))
        {
            return tensor;
        }
        const int NamesShown = 10;
        string known = string.Join(", ", Tensors.Take(NamesShown).Select(t => $"\"{t.Name}\""))
            + (Tensors.Count > NamesShown ? $", … ({Tensors.Count} in all)" : "");
        throw DataErrors.Invalid(Path, $"no tensor named \"{name}\"; the file has {(Tensors.Count == 0 ? "none" : known)}");
    }

    /// <summary>The tensor called <paramref name="name"/>, which must have exactly <paramref name="expectedShape"/>.</summary>
    /// <exception cref="InvalidDataException">No tensor has that name, or its shape differs.</exception>
    public NamedTensor Get(string name, ReadOnlySpan<int> expectedShape)
    {
        NamedTensor tensor = Get(name);
        if (!tensor.Shape.AsSpan().SequenceEqual(expectedShape))
        {
            throw DataErrors.Invalid(Path, $"tensor \"{name}\" has shape {tensor.DescribeShape()}, expected [{string.Join(", ", expectedShape.ToArray())}]");
        }
        return tensor;
    }
}
