namespace Recur.Kernels;

/// <summary>
/// Sets a float span to zero, a large one in ranges of whole 64-byte lines over the kernel threads: an embedding table's
/// gradient (5 MB for the IMDB model) is cleared every step, and on one thread that is a serial stretch in which the
/// other core waits.
/// </summary>
internal static unsafe class ParallelClear
{
    /// <summary>From this many floats a clear is split over <see cref="KernelThreads.Usable"/> threads.</summary>
    internal const int Threshold = 1 << 18;

    /// <summary>Sets every element of <paramref name="values"/> to +0.</summary>
    public static void Clear(Span<float> values)
    {
        int parts = values.Length >= Threshold ? KernelThreads.Usable : 1;
        if (parts <= 1)
        {
            values.Clear();
            return;
        }
        fixed (float* v = values)
        {
            var job = new Job { Values = v, Length = values.Length, Parts = parts };
            // Waking a sleeping worker costs ~35 µs here: worth it for a clear of several MB, not for one of 1 MB.
            KernelWorkers.Run(parts, parts, large: values.Length >= 4 * Threshold, &RunPart, &job);
        }
    }

    private struct Job
    {
        public float* Values;
        public int Length, Parts;
    }

    private static void RunPart(int part, void* state)
    {
        ref readonly Job job = ref *(Job*)state;
        var (start, end) = KernelWorkers.PartRange(job.Length, 16, part, job.Parts);
        if (start < end) new Span<float>(job.Values + start, end - start).Clear();
    }
}
