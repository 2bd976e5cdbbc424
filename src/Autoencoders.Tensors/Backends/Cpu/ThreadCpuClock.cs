using System.Runtime.InteropServices;

namespace Autoencoders.Tensors.Backends.Cpu;

/// <summary>
/// The CPU time the calling thread has had (<c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c> from the C library, which every
/// Unix process has mapped): against the wall clock it shows how much of the time the OS let the thread run. Linux only;
/// elsewhere <see cref="Nanoseconds"/> says -1. A system call, about a microsecond: read it rarely.
/// </summary>
internal static unsafe class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3; // CLOCK_THREAD_CPUTIME_ID on Linux

    private static readonly delegate* unmanaged<int, TimeSpec*, int> ClockGetTime =
        OperatingSystem.IsLinux() && NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "clock_gettime", out nint address)
            ? (delegate* unmanaged<int, TimeSpec*, int>)address
            : null;

    /// <summary>The calling thread's CPU time in nanoseconds, or -1 where it cannot be read.</summary>
    public static long Nanoseconds()
    {
        if (ClockGetTime == null) return -1;
        TimeSpec time;
        return ClockGetTime(ThreadCpuTimeId, &time) == 0 ? time.Seconds * 1_000_000_000 + time.Nanoseconds : -1;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds, Nanoseconds; // time_t and long: 64-bit on the 64-bit Linux targets
    }
}
