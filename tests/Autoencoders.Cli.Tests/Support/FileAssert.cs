namespace Autoencoders.Cli.Tests;

/// <summary>Checks on the files that commands write, or must not leave behind.</summary>
public static class FileAssert
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static void IsPng(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 100, $"{path} is only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
    }

    /// <summary>The bad-input convention: exit 2, one line on stderr naming <paramref name="subject"/>, no stack trace.</summary>
    public static void IsBadInput(AeResult result, string subject)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.True(result.ErrorLines.Length == 1, result.ToString());
        Assert.StartsWith("ae: ", result.Error);
        Assert.Contains(subject, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
    }

    /// <summary>The folder was never created, or holds nothing (no partial or temporary files).</summary>
    public static void NothingIn(string folder)
    {
        if (Directory.Exists(folder))
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories));
    }

    /// <summary>No temporary file of an atomic write is left anywhere under <paramref name="folder"/>.</summary>
    public static void NoTemporaryFiles(string folder) =>
        Assert.Empty(Directory.EnumerateFiles(folder, "*.tmp*", SearchOption.AllDirectories));
}
