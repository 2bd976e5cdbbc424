using System.CommandLine;
using Autoencoders.Nn.Recommendation;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Cli.Commands;

/// <summary>The --model option of evaluate, top and similar: a folder written by <c>ae recommend train</c>.</summary>
internal static class RecommendModelOption
{
    public static Option<string> Create() =>
        new("--model") { Description = "a folder written by ae recommend train (or its model.safetensors)", Required = true, HelpName = "DIR" };

    public static RecommenderModel Load(string path, int threads) =>
        RecommenderModel.Load(path, new CpuBackend(CommonOptions.Threads(threads)));

    /// <summary>The folder a --model value names.</summary>
    public static string Folder(string path) => File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path))! : path;

    /// <summary>An item's title, or nothing when the catalogue has none.</summary>
    public static string Title(RecommenderModel model, int item) =>
        model.Titles.TryGetValue(model.Items[item], out string? title) ? title : "";
}
