using System.Buffers.Binary;

namespace Autoencoders.Drawing.Tests;

public class PngEncoderTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(7, 5)]
    [InlineData(33, 17)]
    [InlineData(256, 1)]
    [InlineData(1, 200)]
    [InlineData(101, 99)]
    public void RgbImageRoundTripsBitExactly(int width, int height)
    {
        var image = new RgbImage(width, height);
        new Random(width * 1000 + height).NextBytes(image.Pixels);

        PngDecoder.DecodedImage decoded = PngDecoder.Decode(PngEncoder.Encode(image));

        Assert.Equal((width, height, 2), (decoded.Width, decoded.Height, decoded.ColorType));
        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Fact]
    public void SmoothImageRoundTripsAndCompresses()
    {
        // Gradients exercise the Sub/Up/Average/Paeth paths that random noise rarely selects.
        var image = new RgbImage(120, 80);
        for (int y = 0; y < 80; y++)
        for (int x = 0; x < 120; x++) image.SetPixel(x, y, new Color((byte)(2 * x), (byte)(3 * y), (byte)(x + y)));

        byte[] png = PngEncoder.Encode(image);

        Assert.Equal(image.Pixels, PngDecoder.Decode(png).Pixels);
        Assert.True(png.Length < image.Pixels.Length / 10, $"expected strong compression, got {png.Length} bytes");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 3)]
    [InlineData(28, 28)]
    [InlineData(99, 7)]
    public void GrayscaleRoundTripsBitExactly(int width, int height)
    {
        byte[] gray = new byte[width * height];
        new Random(width + height).NextBytes(gray);

        PngDecoder.DecodedImage decoded = PngDecoder.Decode(PngEncoder.EncodeGrayscale(gray, width, height));

        Assert.Equal((width, height, 0), (decoded.Width, decoded.Height, decoded.ColorType));
        Assert.Equal(gray, decoded.Pixels);
    }

    [Fact]
    public void FileStartsWithSignatureAndHeaderFields()
    {
        byte[] png = PngEncoder.Encode(new RgbImage(300, 200));

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        List<PngDecoder.Chunk> chunks = PngDecoder.ReadChunks(png);
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.Type));

        byte[] header = chunks[0].Data;
        Assert.Equal(13, header.Length);
        Assert.Equal(300, BinaryPrimitives.ReadInt32BigEndian(header));
        Assert.Equal(200, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)));
        Assert.Equal(new byte[] { 8, 2, 0, 0, 0 }, header[8..]); // depth 8, truecolour, deflate, adaptive, no interlace
        Assert.Equal(0xAE426082u, chunks[^1].StoredCrc);
    }

    [Fact]
    public void GrayscaleRejectsWrongPixelCount()
    {
        var error = Assert.Throws<ArgumentException>(() => PngEncoder.EncodeGrayscale(new byte[10], 4, 3));
        Assert.Contains("12", error.Message);
        Assert.Contains("10", error.Message);
    }
}
