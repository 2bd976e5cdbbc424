using System.Globalization;
using System.Text.Json;
using Autoencoders.Data;
using Autoencoders.Data.Ratings;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Nn.Recommendation;

/// <summary>
/// A trained recommender as <c>ae recommend</c> keeps it in a folder: the network (<c>model.safetensors</c>, with the
/// bias baseline that predicts for users and items the network never saw), the ids behind the dense indices and the
/// titles (<c>ids.json</c>), and the users × items ratings it was trained on (<c>ratings.bin</c>: what a user already rated).
/// </summary>
public sealed class RecommenderModel
{
    public const string WeightsFile = "model.safetensors", IdsFile = "ids.json", RatingsFile = "ratings.bin";

    public RecommenderModel(AutoRec? autoRec, MultVae? multVae, IdIndex users, IdIndex items, IReadOnlyDictionary<string, string> titles,
        RatingMatrix ratings, BiasBaseline fallback, RatingScale scale)
    {
        if ((autoRec is null) == (multVae is null))
            throw new ArgumentException("expected exactly one network: an AutoRec or a Mult-VAE/DAE");
        // The file keeps one set of biases: an AutoRec that learns residuals must learn them from its fallback's.
        if (autoRec?.Baseline is { } baseline && !ReferenceEquals(baseline, fallback))
            throw new ArgumentException("expected an AutoRec that learns residuals to learn them from the fallback biases");
        (AutoRec, MultVae, Users, Items, Titles, Ratings, Fallback, Scale) = (autoRec, multVae, users, items, titles, ratings, fallback, scale);
    }

    public AutoRec? AutoRec { get; }

    public MultVae? MultVae { get; }

    public string Kind => AutoRec?.Kind ?? MultVae!.Kind;

    /// <summary>Mult-VAE and Mult-DAE rank items from implicit feedback; AutoRec predicts explicit ratings.</summary>
    public bool IsImplicit => MultVae is not null;

    public IdIndex Users { get; }

    public IdIndex Items { get; }

    public IReadOnlyDictionary<string, string> Titles { get; }

    /// <summary>users × items: every rating of the training side (for AutoRec, the matrix it reconstructs).</summary>
    public RatingMatrix Ratings { get; }

    public BiasBaseline Fallback { get; }

    public RatingScale Scale { get; }

    public ParameterSet Parameters => AutoRec?.Parameters ?? MultVae!.Parameters;

    /// <summary>
    /// The score of every item for <paramref name="user"/>: the predicted rating (AutoRec, clamped to the scale) or the
    /// logit of the multinomial (Mult-*, from the user's ratings above 3.5). Higher is better in both.
    /// </summary>
    public float[] ScoresFor(int user)
    {
        if (MultVae is not null)
        {
            var positives = ImplicitSplit.Binary([ImplicitSplit.Positives(Ratings, user)], Items.Count);
            return MultVae.Scores(positives, [0]);
        }
        var scores = new float[Items.Count];
        if (AutoRec!.ItemBased)
        {
            RatingMatrix byItem = NetworkRows;
            for (int start = 0; start < byItem.Rows; start += 256)
            {
                int[] batch = [.. Enumerable.Range(start, Math.Min(256, byItem.Rows - start))];
                float[] output = AutoRec.Reconstruct(byItem, batch);
                for (int i = 0; i < batch.Length; i++) scores[batch[i]] = output[i * byItem.Columns + user];
            }
        }
        else
            AutoRec.Reconstruct(NetworkRows, [user]).CopyTo(scores, 0);
        for (int item = 0; item < scores.Length; item++) scores[item] = Scale.Clamp(scores[item]);
        return scores;
    }

    /// <summary>Each item's code, (items, size): I-AutoRec's hidden code of the item's ratings; U-AutoRec's and Mult-*'s
    /// column of the last decoder kernel (the item's output weights).</summary>
    public float[] ItemCodes(out int size)
    {
        if (MultVae is not null)
        {
            size = MultVae.ItemCodeSize;
            return MultVae.ItemCodes();
        }
        size = AutoRec!.Hidden;
        if (AutoRec.ItemBased)
            return AutoRec.Codes(NetworkRows, [.. Enumerable.Range(0, Items.Count)]);
        var kernel = Parameters.Entries.Single(e => e.Path == "decoder.kernel").Parameter.Value.Span; // (H, items)
        var codes = new float[Items.Count * size];
        for (int unit = 0; unit < size; unit++)
            for (int item = 0; item < Items.Count; item++)
                codes[item * size + unit] = kernel[unit * Items.Count + item];
        return codes;
    }

    // What the AutoRec reconstructs (items × users for I-AutoRec; residuals when it learns them), made on first use.
    private RatingMatrix NetworkRows => networkRows ??= AutoRec!.RowsOf(Ratings);

    private RatingMatrix? networkRows;

    /// <summary>Writes the three files into <paramref name="folder"/>, each atomically.</summary>
    public void Save(string folder, IReadOnlyDictionary<string, string>? extra = null)
    {
        var tensors = Parameters.Entries.Select(e => new NamedTensor(e.Path, [.. e.Parameter.Value.Shape.ToArray()], e.Parameter.Value.ToArray())).ToList();
        tensors.Add(new NamedTensor("fallback.mean", [1], [Fallback.Mean]));
        tensors.Add(new NamedTensor("fallback.user_bias", [Fallback.UserBias.Length], Fallback.UserBias));
        tensors.Add(new NamedTensor("fallback.item_bias", [Fallback.ItemBias.Length], Fallback.ItemBias));
        var metadata = new Dictionary<string, string>(extra ?? new Dictionary<string, string>())
        {
            ["kind"] = Kind,
            ["scale"] = $"{Scale.Minimum.ToString(CultureInfo.InvariantCulture)}-{Scale.Maximum.ToString(CultureInfo.InvariantCulture)}",
            ["hidden"] = (AutoRec?.Hidden ?? MultVae!.HiddenSize).ToString(CultureInfo.InvariantCulture),
            ["latent"] = (MultVae?.Latent ?? 0).ToString(CultureInfo.InvariantCulture),
            ["inputs"] = AutoRec?.Baseline is null ? "ratings" : ResidualInputs,
        };
        SafeTensorsFile.Write(Path.Combine(folder, WeightsFile), tensors, metadata);
        AtomicFile.WriteAllBytes(Path.Combine(folder, IdsFile), JsonSerializer.SerializeToUtf8Bytes(
            new SavedIds(Users.Ids.ToArray(), Items.Ids.ToArray(), new Dictionary<string, string>(Titles))));
        RatingMatrixFile.Write(Path.Combine(folder, RatingsFile), Ratings);
    }

    /// <summary>Reads a folder written by <see cref="Save"/> (or the path of its model.safetensors).</summary>
    public static RecommenderModel Load(string folderOrFile, IComputeBackend backend)
    {
        string folder = File.Exists(folderOrFile) ? Path.GetDirectoryName(Path.GetFullPath(folderOrFile))! : folderOrFile;
        string weightsPath = Path.Combine(folder, WeightsFile), idsPath = Path.Combine(folder, IdsFile);
        if (!File.Exists(weightsPath))
            throw new FileNotFoundException($"{folderOrFile}: no {WeightsFile} here; expected a folder written by ae recommend train", weightsPath);
        SafeTensorsContents contents = SafeTensorsFile.Read(weightsPath);
        if (!File.Exists(idsPath))
            throw new FileNotFoundException($"{idsPath}: not found; expected the ids beside {WeightsFile}", idsPath);
        SavedIds ids;
        try
        {
            ids = JsonSerializer.Deserialize<SavedIds>(File.ReadAllBytes(idsPath)) ?? throw new JsonException("null");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{idsPath}: expected the users, items and titles as JSON ({error.Message})");
        }
        var users = new IdIndex(ids.Users);
        var items = new IdIndex(ids.Items);
        RatingMatrix ratings = RatingMatrixFile.Read(Path.Combine(folder, RatingsFile));
        string kind = Metadata(contents, "kind");
        RatingScale scale = RatingScale.Parse(Metadata(contents, "scale"));
        int hidden = int.Parse(Metadata(contents, "hidden"), CultureInfo.InvariantCulture), latent = int.Parse(Metadata(contents, "latent"), CultureInfo.InvariantCulture);
        AutoRec? autoRec = null;
        MultVae? multVae = null;
        ParameterSet parameters;
        switch (kind)
        {
            case "autorec" or "autorec-user":
                autoRec = new AutoRec(kind == "autorec", kind == "autorec" ? users.Count : items.Count, hidden, 0, backend);
                parameters = autoRec.Parameters;
                break;
            case "mult-vae" or "mult-dae":
                multVae = new MultVae(kind == "mult-vae", items.Count, hidden, latent, 0, backend);
                parameters = multVae.Parameters;
                break;
            default:
                throw new InvalidDataException($"{weightsPath}: model kind \"{kind}\" is not a recommender (expected autorec, autorec-user, mult-dae or mult-vae)");
        }
        foreach (var (path, parameter) in parameters.Entries)
            contents.Get(path, parameter.Value.Shape.ToArray()).Data.CopyTo(parameter.Value.Span);
        var fallback = new BiasBaseline(contents.Get("fallback.mean").Data[0], contents.Get("fallback.user_bias").Data, contents.Get("fallback.item_bias").Data);
        if (autoRec is not null && contents.Metadata.GetValueOrDefault("inputs") == ResidualInputs)
            autoRec.Baseline = fallback;
        return new RecommenderModel(autoRec, multVae, users, items, ids.Titles, ratings, fallback, scale);
    }

    // The metadata value of "inputs" for an AutoRec that reconstructs residuals of the fallback biases (absent in older files: raw ratings).
    private const string ResidualInputs = "residuals of the fallback biases";

    private static string Metadata(SafeTensorsContents contents, string key) =>
        contents.Metadata.TryGetValue(key, out string? value) ? value
            : throw new InvalidDataException($"{contents.Path}: no \"{key}\" in the metadata; expected a model written by ae recommend train");

    private sealed record SavedIds(string[] Users, string[] Items, Dictionary<string, string> Titles);
}
