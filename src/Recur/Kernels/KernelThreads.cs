namespace Recur.Kernels;

/// <summary>
/// Process-wide limit on how many threads the numeric kernels (GEMM and friends) may use for one call.
/// </summary>
/// <remarks>
/// Kernels only spread work over several threads when a call is large enough to pay for it; small
/// calls always run on the caller's thread. Results do not depend on this setting, bit for bit: work is
/// split over rows or columns of the output, never over a summation, and every code path (which GEMM
/// kernel, how k is blocked) is chosen for the whole problem, never for one thread's part of it.
/// </remarks>
public static class KernelThreads
{
    private static int s_max = Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// Maximum number of threads one kernel call may use, the calling thread included.
    /// Defaults to <see cref="Environment.ProcessorCount"/>; 1 means single-threaded. Values above the
    /// processor count are allowed but kernels never use more threads than there are processors.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int Max
    {
        get => Volatile.Read(ref s_max);
        set
        {
            if (value < 1)
                throw new ArgumentOutOfRangeException(nameof(value), value, "KernelThreads.Max must be at least 1.");
            Volatile.Write(ref s_max, value);
        }
    }

    /// <summary>The threads a kernel call may actually use: <see cref="Max"/>, but never more than there are processors.</summary>
    internal static int Usable => Math.Min(Max, Environment.ProcessorCount);
}
