using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Nn.Optimizers;

namespace Autoencoders.Nn.Training.Checkpoints;

/// <summary>
/// A <see cref="TrainingCheckpoint"/> as one safetensors file: the parameters, the optimizer's buffers
/// (<c>optimizer.first_moment</c>, …) and callbacks' arrays (<c>callback.1.best_weights</c>) as F32 tensors; the
/// position, random states, history and callback numbers as text in <c>__metadata__</c>, each written so that it
/// reads back bit for bit. Written atomically: a crash leaves the previous checkpoint, never a part of the new one.
/// </summary>
public static class CheckpointFile
{
    public const string FormatName = "autoencoders-net-checkpoint";
    public const string FormatVersion = "1";

    private const string ExtraPrefix = "extra.";
    private static readonly JsonSerializerOptions HistoryJson = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static void Save(string path, TrainingCheckpoint checkpoint) =>
        AtomicFile.Write(path, stream => WriteTo(stream, checkpoint));

    /// <summary>The file's bytes, for a caller that writes them itself.</summary>
    public static void WriteTo(Stream stream, TrainingCheckpoint checkpoint)
    {
        var tensors = new List<NamedTensor> { Flat("parameters", checkpoint.Parameters) };
        tensors.AddRange(checkpoint.Optimizer.Slots.Select(s => Flat($"optimizer.{s.Key}", s.Value)));
        var callbacks = new JsonArray();
        for (int i = 0; i < checkpoint.Callbacks.Count; i++)
        {
            var (type, state) = checkpoint.Callbacks[i];
            tensors.AddRange(state.Tensors.Select(t => Flat($"callback.{i}.{t.Key}", t.Value)));
            var values = new JsonObject();
            foreach (var (key, value) in state.Values) values[key] = value;
            callbacks.Add(new JsonObject { ["type"] = type, ["values"] = values });
        }
        var metadata = checkpoint.Metadata.ToDictionary(m => ExtraPrefix + m.Key, m => m.Value);
        metadata["format"] = FormatName;
        metadata["format_version"] = FormatVersion;
        metadata["epoch"] = Text(checkpoint.Epoch);
        metadata["batches_done"] = Text(checkpoint.BatchesDone);
        metadata["loss_sum"] = checkpoint.LossSum.ToString("R", CultureInfo.InvariantCulture);
        metadata["metric_counts"] = string.Join(",", checkpoint.MetricCounts);
        metadata["stop_training"] = checkpoint.StopTraining ? "true" : "false";
        metadata["train_samples"] = Text(checkpoint.TrainSamples);
        metadata["batch_size"] = Text(checkpoint.BatchSize);
        metadata["shuffle"] = checkpoint.Shuffle.ToString();
        metadata["layer_streams"] = string.Join(";", checkpoint.LayerStreams);
        metadata["optimizer"] = checkpoint.Optimizer.Name;
        metadata["optimizer_iterations"] = Text(checkpoint.Optimizer.Iterations);
        metadata["history"] = JsonSerializer.Serialize(checkpoint.History, HistoryJson);
        metadata["callbacks"] = callbacks.ToJsonString();
        SafeTensorsFile.WriteTo(stream, tensors, metadata);
    }

    /// <summary>Reads a checkpoint; any problem is an <see cref="InvalidDataException"/> whose one-line message starts with the path.</summary>
    public static TrainingCheckpoint Load(string path)
    {
        var contents = SafeTensorsFile.Read(path);
        try
        {
            var metadata = contents.Metadata;
            if (metadata.GetValueOrDefault("format") != FormatName)
                throw new FormatException($"not a training checkpoint (its __metadata__ has no \"format\": \"{FormatName}\")");
            if (metadata.GetValueOrDefault("format_version") != FormatVersion)
                throw new FormatException($"checkpoint format version \"{metadata.GetValueOrDefault("format_version")}\", expected {FormatVersion}");
            string Required(string key) => metadata.TryGetValue(key, out string? value) ? value : throw new FormatException($"no \"{key}\" in __metadata__");
            int Count(string key) => int.TryParse(Required(key), NumberStyles.None, CultureInfo.InvariantCulture, out int value)
                ? value
                : throw new FormatException($"\"{key}\" is \"{metadata[key]}\", expected a count");

            var slots = contents.Tensors.Where(t => t.Name.StartsWith("optimizer.", StringComparison.Ordinal))
                .ToDictionary(t => t.Name["optimizer.".Length..], t => t.Data, StringComparer.Ordinal);
            var callbacks = ReadCallbacks(Required("callbacks"), contents);
            return new TrainingCheckpoint
            {
                Epoch = Count("epoch"),
                BatchesDone = Count("batches_done"),
                LossSum = double.TryParse(Required("loss_sum"), NumberStyles.Float, CultureInfo.InvariantCulture, out double lossSum)
                    ? lossSum : throw new FormatException($"\"loss_sum\" is \"{metadata["loss_sum"]}\", expected a number"),
                StopTraining = Required("stop_training") == "true",
                MetricCounts = [.. metadata.GetValueOrDefault("metric_counts", "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(c => long.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : throw new FormatException($"\"metric_counts\" holds \"{c}\", expected counts"))],
                TrainSamples = Count("train_samples"),
                BatchSize = Count("batch_size"),
                Shuffle = RandomState.Parse(Required("shuffle")),
                LayerStreams = [.. Required("layer_streams").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(RandomState.Parse)],
                Parameters = contents.Get("parameters").Data,
                Optimizer = new OptimizerState(Required("optimizer"), Count("optimizer_iterations"), slots),
                History = JsonSerializer.Deserialize<List<EpochLogs>>(Required("history"), HistoryJson)
                          ?? throw new FormatException("\"history\" is null"),
                Callbacks = callbacks,
                Metadata = metadata.Where(m => m.Key.StartsWith(ExtraPrefix, StringComparison.Ordinal))
                    .ToDictionary(m => m.Key[ExtraPrefix.Length..], m => m.Value),
            };
        }
        catch (Exception error) when (error is FormatException or JsonException or ArgumentException or KeyNotFoundException or InvalidDataException or InvalidOperationException)
        {
            string message = error.Message.StartsWith(path, StringComparison.Ordinal) ? error.Message : $"{path}: {error.Message}";
            throw new InvalidDataException(message.ReplaceLineEndings(" "), error);
        }
    }

    private static List<(string Type, CallbackState State)> ReadCallbacks(string json, SafeTensorsContents contents)
    {
        var list = new List<(string, CallbackState)>();
        if (JsonNode.Parse(json) is not JsonArray array)
            throw new FormatException("\"callbacks\" is not a JSON array");
        for (int i = 0; i < array.Count; i++)
        {
            var entry = array[i] as JsonObject ?? throw new FormatException($"callback {i} is not a JSON object");
            string type = entry["type"]?.GetValue<string>() ?? throw new FormatException($"callback {i} has no type");
            if (list.Any(c => c.Item1 == type))
                throw new FormatException($"callback \"{type}\" is listed twice");
            var state = new CallbackState();
            if (entry["values"] is JsonObject values)
                foreach (var (key, value) in values)
                    state.SetText(key, value?.GetValue<string>() ?? throw new FormatException($"callback {i} value \"{key}\" is null"));
            string prefix = $"callback.{i}.";
            foreach (var tensor in contents.Tensors.Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal)))
                state.Set(tensor.Name[prefix.Length..], tensor.Data);
            list.Add((type, state));
        }
        return list;
    }

    private static NamedTensor Flat(string name, float[] values) => new(name, [values.Length], values);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
