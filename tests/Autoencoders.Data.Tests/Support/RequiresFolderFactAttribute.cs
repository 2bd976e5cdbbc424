namespace Autoencoders.Data.Tests;

/// <summary>A fact that is skipped, with a reason, when a real data folder is not installed on this machine.</summary>
public sealed class RequiresFolderFactAttribute : FactAttribute
{
    public RequiresFolderFactAttribute(string folder)
    {
        if (!Directory.Exists(TestFolders.Resolve(folder)))
        {
            Skip = $"{TestFolders.Resolve(folder)} is not present on this machine";
        }
    }
}
