using Autoencoders.Data.Text;

namespace Autoencoders.Data.Tests.Text;

public sealed class SequencePaddingTests
{
    private static readonly int[][] KerasExample = [[1], [2, 3], [4, 5, 6]];

    [Fact]
    public void PadsAtTheStartToTheLongestByDefault() =>
        Assert.Equal(new[,] { { 0, 0, 1 }, { 0, 2, 3 }, { 4, 5, 6 } }, SequencePadding.Pad(KerasExample));

    [Fact]
    public void PadsAtTheEndWithPost() =>
        Assert.Equal(new[,] { { 1, 0, 0 }, { 2, 3, 0 }, { 4, 5, 6 } }, SequencePadding.Pad(KerasExample, padding: PaddingSide.Post));

    [Fact]
    public void FillsWithTheValueGiven() =>
        Assert.Equal(new[,] { { -1, -1, 1 }, { -1, 2, 3 }, { 4, 5, 6 } }, SequencePadding.Pad(KerasExample, value: -1));

    [Fact]
    public void MaxLengthCutsAtTheStartByDefault() =>
        Assert.Equal(new[,] { { 0, 1 }, { 2, 3 }, { 5, 6 } }, SequencePadding.Pad(KerasExample, maxLength: 2));

    [Fact]
    public void TruncatingPostKeepsTheStart() =>
        Assert.Equal(new[,] { { 0, 1 }, { 2, 3 }, { 4, 5 } }, SequencePadding.Pad(KerasExample, maxLength: 2, truncating: PaddingSide.Post));

    [Fact]
    public void EmptySequencesArePaddingOnly()
    {
        var block = SequencePadding.Pad([[], [7]], maxLength: 3, padding: PaddingSide.Post);
        Assert.Equal(new[,] { { 0, 0, 0 }, { 7, 0, 0 } }, block);
    }

    [Fact]
    public void FloatsAreTheSameBlockRowMajor() =>
        Assert.Equal([0f, 0f, 1f, 0f, 2f, 3f, 4f, 5f, 6f], SequencePadding.PadToFloats(KerasExample, 3));

    [Fact]
    public void ANegativeLengthIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SequencePadding.Pad(KerasExample, maxLength: -1));
}
