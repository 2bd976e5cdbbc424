namespace Autoencoders.Data.Tests;

/// <summary>Checks the product's error convention: one line, starting with the offending path.</summary>
public static class ErrorAssert
{
    public static void IsOneLineAbout(Exception exception, string path)
    {
        Assert.StartsWith(path + ": ", exception.Message);
        Assert.DoesNotContain('\n', exception.Message);
        Assert.DoesNotContain('\r', exception.Message);
    }

    /// <summary>Asserts that <paramref name="action"/> throws <see cref="InvalidDataException"/> naming <paramref name="path"/>, and returns the message.</summary>
    public static string ThrowsInvalidData(string path, Action action)
    {
        var exception = Assert.Throws<InvalidDataException>(action);
        IsOneLineAbout(exception, path);
        return exception.Message;
    }
}
