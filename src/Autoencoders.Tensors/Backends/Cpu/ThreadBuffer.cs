namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// Scratch arrays that each thread (the caller and the runner's persistent workers) keeps for itself, grown and then
/// kept: no pool that a collection may trim. Every thread grows its buffer of a kind to the largest size any thread of
/// that kind has needed, at its next use, not only to what it needs itself: which thread runs which chunk depends on
/// the load (a core the OS gives to another process runs fewer), and a thread that first met a larger chunk in the
/// middle of training would allocate there. Grown this way, every thread has caught up within a step or two of warm-up.
/// </summary>
internal static class ThreadBuffer
{
    /// <summary><paramref name="buffer"/>, grown to at least <paramref name="length"/> and to <paramref name="largest"/>
    /// (the size of the largest buffer of its kind on any thread, raised here).</summary>
    public static float[] Grown(ref float[]? buffer, int length, ref int largest)
    {
        int wanted = Math.Max(length, Volatile.Read(ref largest));
        if (buffer is null || buffer.Length < wanted)
        {
            buffer = new float[wanted];
            int seen;
            while ((seen = Volatile.Read(ref largest)) < wanted && Interlocked.CompareExchange(ref largest, wanted, seen) != seen) { }
        }
        return buffer;
    }
}
