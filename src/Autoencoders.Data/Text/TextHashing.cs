using System.Security.Cryptography;
using System.Text;

namespace Autoencoders.Data.Text;

/// <summary>
/// Keras's <c>hashing_trick</c> and <c>one_hot</c> in their stable form (<c>hash_function="md5"</c>): each word becomes
/// <c>int(md5(word).hexdigest(), 16) % (n − 1) + 1</c>, so ids lie in [1, n) and 0 stays free for padding. Two words
/// may share an id (a collision); nothing is fitted, so the same word gets the same id in every process.
/// </summary>
public static class TextHashing
{
    /// <summary>The word ids of <paramref name="text"/> for a vocabulary of <paramref name="n"/> ids (0 reserved).</summary>
    public static int[] HashingTrick(string text, int n, string filters = WordSequence.DefaultFilters, bool lower = true, string split = " ")
    {
        if (n < 2)
            throw new ArgumentOutOfRangeException(nameof(n), $"expected a vocabulary of at least 2 ids (0 is reserved), received {n}");
        string[] words = WordSequence.Split(text, filters, lower, split);
        var ids = new int[words.Length];
        for (int i = 0; i < words.Length; i++) ids[i] = Md5Index(words[i], n);
        return ids;
    }

    /// <summary>Keras's <c>one_hot(text, n)</c>: the hashing trick (here always with md5, the stable choice).</summary>
    public static int[] OneHot(string text, int n, string filters = WordSequence.DefaultFilters, bool lower = true, string split = " ") =>
        HashingTrick(text, n, filters, lower, split);

    /// <summary>md5 of the word's UTF-8 bytes read as a big-endian unsigned number, modulo n − 1, plus 1.</summary>
    public static int Md5Index(string word, int n)
    {
        Span<byte> digest = stackalloc byte[MD5.HashSizeInBytes];
        MD5.HashData(Encoding.UTF8.GetBytes(word), digest);
        // (r·256 + b) mod m digit by digit: the 128-bit number is never formed.
        ulong modulus = (ulong)(n - 1), remainder = 0;
        foreach (byte b in digest) remainder = ((remainder << 8) | b) % modulus;
        return (int)remainder + 1;
    }
}
