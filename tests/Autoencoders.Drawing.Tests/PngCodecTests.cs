namespace Autoencoders.Drawing.Tests;

public class PngCodecTests
{
    [Fact]
    public void DecodingAnEncodedImageGivesBackEveryPixel()
    {
        var random = new Random(5);
        var image = new RgbImage(37, 11); // odd sizes: no row padding may leak in
        random.NextBytes(image.Pixels);

        byte[] png = PngCodec.Encode(image);
        RgbImage decoded = PngCodec.Decode(png);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal((37, 11), (decoded.Width, decoded.Height));
        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Fact]
    public void BytesThatAreNoImageAreRejectedNamingTheSource()
    {
        var error = Assert.Throws<InvalidDataException>(() => PngCodec.Decode([1, 2, 3, 4], "broken.png"));

        Assert.Contains("broken.png", error.Message);
        Assert.Contains("4 bytes", error.Message);
    }
}
