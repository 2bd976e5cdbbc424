using Autoencoders.Data.Ratings;

namespace Autoencoders.Data.Tests.Ratings;

/// <summary>The CSR matrix: built from triples in any order, transposed, and expanded to dense rows per batch only.</summary>
public sealed class RatingMatrixTests
{
    // users × items:  [ 0  4  0 ]
    //                 [ 5  0  1 ]
    private static RatingMatrix Sample() =>
        RatingMatrix.FromTriples(2, 3, [1, 0, 1], [2, 1, 0], [1f, 4f, 5f], (a, b) => new InvalidOperationException($"{a},{b}"));

    [Fact]
    public void RowsHoldTheirColumnsSorted()
    {
        RatingMatrix matrix = Sample();
        Assert.Equal([0, 1, 3], matrix.RowStarts.ToArray());
        Assert.Equal([1, 0, 2], matrix.ColumnIndices.ToArray());
        Assert.Equal([4f, 5f, 1f], matrix.Values.ToArray());
        Assert.Equal(10f / 3f, matrix.Mean(), 5);
        Assert.Null(matrix.Find(0, 0));
        Assert.Equal(1f, matrix.Find(1, 2));
    }

    [Fact]
    public void TransposeSwapsUsersAndItems()
    {
        RatingMatrix items = Sample().Transpose();
        Assert.Equal((3, 2), (items.Rows, items.Columns));
        Assert.Equal([5f], items.ValuesOf(0).ToArray());
        Assert.Equal([4f], items.ValuesOf(1).ToArray());
        Assert.Equal([1], items.ColumnsOf(2).ToArray());
        Assert.Equal(Sample().Values.ToArray().Order(), items.Values.ToArray().Order());
    }

    [Fact]
    public void DenseRowsHoldRatingsAndTheObservedMask()
    {
        var ratings = new float[6];
        var observed = new float[6];
        Sample().FillDense([1, 0], ratings, observed);
        Assert.Equal([5f, 0f, 1f, 0f, 4f, 0f], ratings);
        Assert.Equal([1f, 0f, 1f, 0f, 1f, 0f], observed);
    }

    [Fact]
    public void ARepeatedPairIsReportedWithBothPositions()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            RatingMatrix.FromTriples(1, 2, [0, 0, 0], [1, 0, 1], [1f, 2f, 3f], (a, b) => new InvalidOperationException($"{a},{b}")));
        Assert.Equal("0,2", error.Message);
    }

    [Fact]
    public void TheFileRoundTrips()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("ratings.bin");
        RatingMatrixFile.Write(path, Sample());
        RatingMatrix read = RatingMatrixFile.Read(path);
        Assert.Equal(Sample().RowStarts.ToArray(), read.RowStarts.ToArray());
        Assert.Equal(Sample().ColumnIndices.ToArray(), read.ColumnIndices.ToArray());
        Assert.Equal(Sample().Values.ToArray(), read.Values.ToArray());
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..30]);
        ErrorAssert.ThrowsInvalidData(path, () => RatingMatrixFile.Read(path));
    }
}
