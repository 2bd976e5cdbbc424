using System.Text;

namespace Autoencoders.Drawing.Tests;

public class Crc32Tests
{
    [Fact]
    public void CheckValueOfTheStandardTestString()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void IendChunkCrcIsTheWellKnownConstant()
    {
        // Every PNG ends with this CRC: the IEND chunk has no data, so its CRC covers just "IEND".
        Assert.Equal(0xAE426082u, Crc32.Compute("IEND"u8));
    }

    [Fact]
    public void EmptyInputGivesZero()
    {
        Assert.Equal(0u, Crc32.Compute([]));
    }

    [Fact]
    public void AppendEqualsComputingOverTheConcatenation()
    {
        var random = new Random(7);
        byte[] data = new byte[1000];
        random.NextBytes(data);
        foreach (int split in new[] { 0, 1, 499, 1000 })
        {
            uint appended = Crc32.Append(Crc32.Compute(data.AsSpan(0, split)), data.AsSpan(split));
            Assert.Equal(Crc32.Compute(data), appended);
        }
    }

    [Fact]
    public void MatchesTheBitwiseDefinitionOnRandomData()
    {
        var random = new Random(11);
        foreach (int length in new[] { 1, 3, 64, 4097 })
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(PngDecoder.BitwiseCrc(data), Crc32.Compute(data));
        }
    }
}
