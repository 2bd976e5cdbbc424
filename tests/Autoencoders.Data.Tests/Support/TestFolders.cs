namespace Autoencoders.Data.Tests;

/// <summary>
/// Where the team's shared data is: <c>../shared</c> beside the repository, as in every checkout and in CI
/// (which clones the repository to a folder of its own, with shared/ beside it).
/// </summary>
public static class TestFolders
{
    /// <summary>The shared MNIST test set; written as a token because attributes take constants.</summary>
    public const string SharedMnist = "{shared}/data/mnist";

    /// <summary>Replaces <c>{shared}</c> with the shared folder beside the repository root.</summary>
    public static string Resolve(string folder) => folder.Replace("{shared}", SharedFolder());

    private static string SharedFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Autoencoders.slnx")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
        return "/work/shared";
    }
}
