namespace Autoencoders.Data;

/// <summary>Where downloaded datasets are kept: one folder per dataset under <c>$AE_CACHE_DIR</c>, else under
/// <c>~/.cache/autoencoders</c>.</summary>
public static class DownloadCache
{
    public const string Variable = "AE_CACHE_DIR";

    /// <summary>The folder of the dataset <paramref name="name"/>, the environment read through <paramref name="getEnvironmentVariable"/>.</summary>
    public static string Folder(string name, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        string? cache = getEnvironmentVariable(Variable);
        string root = string.IsNullOrEmpty(cache)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "autoencoders")
            : cache;
        return Path.Combine(root, name);
    }
}
