using System.Runtime.InteropServices;

namespace Recur.Bench;

/// <summary>
/// The calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>): on a machine shared with other work, the time a
/// thread was descheduled is not counted, so a short kernel's samples measure its own speed rather than the queue.
/// </summary>
internal static partial class ThreadCpuTime
{
    private const int ThreadCpuClock = 3;   // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Whether the clock is readable here (Linux).</summary>
    public static bool Available { get; } = OperatingSystem.IsLinux() && ClockGetTime(ThreadCpuClock, out _) == 0;

    /// <summary>Seconds of CPU time the calling thread has used.</summary>
    public static double Seconds()
    {
        ClockGetTime(ThreadCpuClock, out TimeSpec time);
        return time.Seconds + time.Nanoseconds * 1e-9;
    }
}
