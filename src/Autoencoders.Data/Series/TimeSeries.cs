namespace Autoencoders.Data;

/// <summary>
/// A series of T steps × C channels, sorted by time: each step's timestamp (seconds since 1970 for ISO 8601 times,
/// else the file's own numbers), its text as the file wrote it, and the values row-major, shape (T, C).
/// </summary>
public sealed class TimeSeries
{
    /// <param name="values">Row-major (T, C): the value of channel c at step t is <c>values[t · C + c]</c>.</param>
    public TimeSeries(double[] times, string[] timeTexts, IReadOnlyList<string> channels, float[] values, bool isIsoTime, string source)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(timeTexts);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(values);
        if (channels.Count == 0) throw new ArgumentException("expected at least one channel, received none", nameof(channels));
        if (timeTexts.Length != times.Length || values.Length != times.Length * channels.Count)
            throw new ArgumentException($"expected {times.Length} time texts and {times.Length} × {channels.Count} values, received {timeTexts.Length} and {values.Length}");
        (Times, TimeTexts, Channels, Values, IsIsoTime, Source) = (times, timeTexts, channels, values, isIsoTime, source);
    }

    public double[] Times { get; }

    /// <summary>The timestamps as the file wrote them, for output files that point back at the input.</summary>
    public string[] TimeTexts { get; }

    /// <summary>The value columns' names, in channel order.</summary>
    public IReadOnlyList<string> Channels { get; }

    public int ChannelCount => Channels.Count;

    /// <summary>The number of steps T.</summary>
    public int Length => Times.Length;

    /// <summary>Row-major (T, C).</summary>
    public float[] Values { get; }

    /// <summary>Whether the timestamps were ISO 8601 dates and times (else plain numbers).</summary>
    public bool IsIsoTime { get; }

    /// <summary>Where the series came from (a file path), for messages.</summary>
    public string Source { get; }

    /// <summary>The value of <paramref name="channel"/> at <paramref name="step"/>.</summary>
    public float this[int step, int channel] => Values[step * ChannelCount + channel];

    /// <summary>Steps [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) as a new series.</summary>
    public TimeSeries Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start + count > Length) throw new ArgumentOutOfRangeException(nameof(count), $"expected steps within the series' {Length}, received {start} + {count}");
        return new TimeSeries(Times[start..(start + count)], TimeTexts[start..(start + count)], Channels,
            Values[(start * ChannelCount)..((start + count) * ChannelCount)], IsIsoTime, Source);
    }

    /// <summary>The same timestamps with other values (an injected or scaled copy).</summary>
    public TimeSeries WithValues(float[] values) => new(Times, TimeTexts, Channels, values, IsIsoTime, Source);

    /// <summary>The number of steps whose time is at most <paramref name="time"/> (the split of <c>--train-until</c>).</summary>
    public int CountUntil(double time)
    {
        int index = Array.BinarySearch(Times, time);
        if (index >= 0)
        {
            while (index + 1 < Times.Length && Times[index + 1] == time) index++;
            return index + 1;
        }
        return ~index;
    }
}
