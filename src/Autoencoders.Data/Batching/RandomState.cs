using System.Globalization;

namespace Autoencoders.Data;

/// <summary>
/// The whole state of a <see cref="DeterministicRandom"/>: its four xoshiro256** words and the Box–Muller spare, so
/// that a checkpointed run draws, after it is resumed, exactly the numbers it would have drawn without the pause.
/// </summary>
public readonly record struct RandomState(ulong Word0, ulong Word1, ulong Word2, ulong Word3, bool HasSpareGaussian, double SpareGaussian)
{
    /// <summary>Text that <see cref="Parse"/> reads back bit for bit: five hex words, the spare as its IEEE bits, or "-".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Word0:x16}:{Word1:x16}:{Word2:x16}:{Word3:x16}:{(HasSpareGaussian ? BitConverter.DoubleToUInt64Bits(SpareGaussian).ToString("x16", CultureInfo.InvariantCulture) : "-")}");

    /// <summary>Reads <see cref="ToString"/>'s text; a <see cref="FormatException"/> names what is wrong.</summary>
    public static RandomState Parse(string text)
    {
        string[] parts = text.Split(':');
        if (parts.Length != 5)
            throw new FormatException($"expected a random state of 5 words separated by ':', received \"{text}\"");
        ulong Word(int i) => ulong.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong value)
            ? value
            : throw new FormatException($"random state word {i + 1} is not hexadecimal: \"{parts[i]}\"");
        var (w0, w1, w2, w3) = (Word(0), Word(1), Word(2), Word(3));
        if ((w0 | w1 | w2 | w3) == 0)
            throw new FormatException("a xoshiro256** state must not be all zero");
        bool hasSpare = parts[4] != "-";
        double spare = hasSpare ? BitConverter.UInt64BitsToDouble(Word(4)) : 0;
        return new RandomState(w0, w1, w2, w3, hasSpare, spare);
    }
}
