namespace Autoencoders.Data;

/// <summary>
/// Rows of a file read front to back, a chunk at a time, so that a file of any length is processed in bounded
/// memory (<see cref="CsvRowReader"/>, <see cref="IdxRowReader"/>). Values come as the file holds them (images
/// scaled to [0, 1] as the dataset loaders do); a model's own preprocessing is applied afterwards.
/// </summary>
public interface IRowReader : IDisposable
{
    /// <summary>The file, for messages.</summary>
    string Path { get; }

    /// <summary>Values per row.</summary>
    int FeatureCount { get; }

    /// <summary>Whether rows carry a label (a CSV column named <c>label</c>), which <see cref="Read"/> hands over as text.</summary>
    bool HasLabels { get; }

    /// <summary>
    /// Copies the next rows into <paramref name="destination"/> (whole rows of <see cref="FeatureCount"/>, as many as
    /// fit and remain) and their labels into <paramref name="labels"/> when there are labels; returns how many rows, 0 at the end.
    /// </summary>
    /// <exception cref="InvalidDataException">A value is not a number, or the file is damaged; the message names the row and column.</exception>
    int Read(Span<float> destination, Span<string?> labels);
}
