namespace Autoencoders.Drawing;

/// <summary>
/// CRC-32 as used by PNG, zlib and gzip (reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF).
/// Our own because System.IO.Hashing is a NuGet package, not part of the shared framework.
/// See https://www.w3.org/TR/png/#D-CRCAppendix.
/// </summary>
public static class Crc32
{
    // One entry per byte value: the CRC of that byte, so each input byte costs one lookup and one shift.
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="data"/>; "123456789" gives 0xCBF43926.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// Continues a CRC: <c>Append(Compute(a), b) == Compute(a ++ b)</c>, which lets a PNG chunk's CRC
    /// cover its type and data without copying them together.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint state = ~crc;
        foreach (byte value in data)
        {
            state = Table[(state ^ value) & 0xFF] ^ (state >> 8);
        }

        return ~state;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
