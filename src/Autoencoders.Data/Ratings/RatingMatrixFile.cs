namespace Autoencoders.Data.Ratings;

/// <summary>
/// A <see cref="RatingMatrix"/> on disk, as a model folder keeps its training ratings (<c>ae recommend top</c> must know what
/// a user rated): "AERATINGS1", then int32 rows, columns, count, the row starts, the column indices and the float32
/// values, little-endian. Written atomically.
/// </summary>
public static class RatingMatrixFile
{
    private const string Magic = "AERATINGS1";

    public static void Write(string path, RatingMatrix matrix) => AtomicFile.Write(path, stream =>
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.ASCII, leaveOpen: true);
        writer.Write(Magic.ToCharArray());
        writer.Write(matrix.Rows);
        writer.Write(matrix.Columns);
        writer.Write(matrix.Count);
        foreach (int start in matrix.RowStarts) writer.Write(start);
        foreach (int column in matrix.ColumnIndices) writer.Write(column);
        foreach (float value in matrix.Values) writer.Write(value);
    });

    public static RatingMatrix Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: ratings matrix not found (a model folder written by ae recommend train holds it)", path);
        using var reader = new BinaryReader(File.OpenRead(path));
        try
        {
            if (new string(reader.ReadChars(Magic.Length)) != Magic)
                throw DataErrors.Invalid(path, $"expected a ratings matrix starting with {Magic}");
            int rows = reader.ReadInt32(), columns = reader.ReadInt32(), count = reader.ReadInt32();
            if (rows < 0 || columns < 0 || count < 0 || (long)count * 8 + (rows + 1L) * 4 > reader.BaseStream.Length)
                throw DataErrors.Invalid(path, $"header says {rows} × {columns} with {count} ratings, more than the file holds");
            var starts = new int[rows + 1];
            var columnIndices = new int[count];
            var values = new float[count];
            for (int i = 0; i <= rows; i++) starts[i] = reader.ReadInt32();
            for (int i = 0; i < count; i++) columnIndices[i] = reader.ReadInt32();
            for (int i = 0; i < count; i++) values[i] = reader.ReadSingle();
            return new RatingMatrix(rows, columns, starts, columnIndices, values);
        }
        catch (EndOfStreamException)
        {
            throw DataErrors.Invalid(path, "the file ends early; expected a complete ratings matrix");
        }
    }
}
