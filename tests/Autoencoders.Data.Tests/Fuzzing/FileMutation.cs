using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Autoencoders.Data.Tests.Fuzzing;

/// <summary>One deterministic change to a file's bytes, as drawn by <see cref="FileMutations"/>.</summary>
/// <remarks>
/// The fields are raw draws; <see cref="Apply"/> folds them onto the file at hand (a position modulo its length),
/// so the same record means the same damage to the same file and a failing case can be replayed from its printout.
/// </remarks>
public sealed record FileMutation(MutationKind Kind, int Position, int Length, long Value)
{
    /// <summary>Values of <see cref="Value"/> from here up stand for the file's own length plus (Value − this − 8).</summary>
    public const long FileLengthBase = long.MinValue;

    private static readonly string[] SyntaxTokens =
    [
        ",", "\"", "\n", "\r\n", "[", "]", "{", "}", ":", ": ", "- ", "&a ", "*a", "!!binary ", "'", "#", "\t", "\0", "\u00ff",
        "nan", "-1", "1e999", "99999999999", "..", "%", "\\u0000", "\\", ",,,,", "\n\n", "~", "<<: *a",
    ];

    public byte[] Apply(byte[] file, IReadOnlyList<SizeField> fields)
    {
        int length = file.Length;
        int at = length == 0 ? 0 : (int)((uint)Position % (uint)length);
        switch (Kind)
        {
            case MutationKind.Truncate:
                return file[..(int)((uint)Position % (uint)(length + 1))];
            case MutationKind.FlipBits:
                return FlipBits(file);
            case MutationKind.InflateField when fields.Count > 0:
                SizeField field = fields[(int)((uint)Position % (uint)fields.Count)];
                int offset = field.Offset >= 0 ? field.Offset : length + field.Offset;
                return WriteWord(file, offset, field.Width, field.BigEndian);
            case MutationKind.InflateField:
            case MutationKind.OverwriteWord:
                return WriteWord(file, at, Length % 2 == 0 ? 4 : 8, bigEndian: Value % 2 == 0);
            case MutationKind.InflateNumberText:
                return InflateNumber(file);
            case MutationKind.InsertBytes:
                return [.. file[..at], .. Enumerable.Repeat((byte)Value, Length), .. file[at..]];
            case MutationKind.DeleteBytes:
                return [.. file[..at], .. file[Math.Min(length, at + Length)..]];
            case MutationKind.DuplicateSlice:
                byte[] slice = file[at..Math.Min(length, at + Length * (1 + (int)((ulong)Value % 8)))];
                return [.. file[..at], .. slice, .. slice, .. file[at..]];
            case MutationKind.InsertSyntax:
                byte[] token = Encoding.Latin1.GetBytes(SyntaxTokens[(int)((ulong)Value % (ulong)SyntaxTokens.Length)]);
                return [.. file[..at], .. token, .. file[at..]];
            default:
                throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "expected a known mutation kind");
        }
    }

    private byte[] FlipBits(byte[] file)
    {
        byte[] result = (byte[])file.Clone();
        if (result.Length == 0)
        {
            return result;
        }
        int flips = 1 + Length % 4;
        for (int i = 0; i < flips; i++)
        {
            // Nearby bits for the first flips, so that one field can change by several bits at once.
            int at = (int)(((uint)Position + (uint)(i * ((Length % 3 == 0) ? 7919 : 1))) % (uint)result.Length);
            result[at] ^= (byte)(1 << (int)(((ulong)Value >> (3 * i)) & 7));
        }
        return result;
    }

    private long ResolvedValue(int fileLength) =>
        Value >= FileLengthBase && Value < FileLengthBase + 16 ? fileLength + (Value - FileLengthBase - 8) : Value;

    private byte[] WriteWord(byte[] file, int offset, int width, bool bigEndian)
    {
        byte[] result = (byte[])file.Clone();
        if (offset < 0 || offset >= result.Length)
        {
            return result;
        }
        Span<byte> word = stackalloc byte[8];
        long value = ResolvedValue(file.Length);
        if (width == 4)
        {
            if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(word, (int)value);
            else BinaryPrimitives.WriteInt32LittleEndian(word, (int)value);
        }
        else
        {
            if (bigEndian) BinaryPrimitives.WriteInt64BigEndian(word, value);
            else BinaryPrimitives.WriteInt64LittleEndian(word, value);
        }
        // A field that runs past the end is written as far as the file goes.
        word[..Math.Min(width, result.Length - offset)].CopyTo(result.AsSpan(offset));
        return result;
    }

    /// <summary>The runs of decimal digits in <paramref name="file"/>, each as [start, end).</summary>
    public static List<(int Start, int End)> NumberRuns(byte[] file)
    {
        var runs = new List<(int Start, int End)>();
        for (int i = 0; i < file.Length; i++)
        {
            if (!char.IsAsciiDigit((char)file[i])) continue;
            int start = i;
            while (i < file.Length && char.IsAsciiDigit((char)file[i])) i++;
            runs.Add((start, i));
        }
        return runs;
    }

    private byte[] InflateNumber(byte[] file)
    {
        List<(int Start, int End)> runs = NumberRuns(file);
        if (runs.Count == 0)
        {
            return FlipBits(file);
        }
        (int begin, int end) = runs[(int)((uint)Position % (uint)runs.Count)];
        string number = ResolvedValue(file.Length).ToString(CultureInfo.InvariantCulture);
        // Odd lengths go beyond every integer type: 20 more digits overflow even a ulong.
        if (Length % 2 == 1) number += "00000000000000000000";
        return [.. file[..begin], .. Encoding.ASCII.GetBytes(number), .. file[end..]];
    }
}
