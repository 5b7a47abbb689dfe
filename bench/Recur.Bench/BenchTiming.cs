using System.Diagnostics;

namespace Recur.Bench;

/// <summary>Timing helpers shared by the benchmarks: warm-up, then the median of repeated timed samples.</summary>
internal static class BenchTiming
{
    /// <summary>
    /// Median seconds per call of <paramref name="action"/>: warms up (JIT tiers, caches, buffers), sizes
    /// each of <paramref name="samples"/> samples so all of them take about <paramref name="targetSeconds"/>,
    /// and returns the median sample divided by its call count. Warm-up lasts at least <paramref name="warmupSeconds"/>
    /// and <paramref name="warmupCalls"/> calls.
    /// </summary>
    public static double MedianSeconds(Action action, double targetSeconds = 0.6, int samples = 21, double warmupSeconds = 0.25, int warmupCalls = 50)
    {
        var times = SampleSeconds(action, targetSeconds, samples, warmupSeconds, warmupCalls);
        return times[times.Length / 2];
    }

    /// <summary>As <see cref="MedianSeconds"/>, but every sample's seconds per call, sorted ascending.</summary>
    public static double[] SampleSeconds(Action action, double targetSeconds = 0.6, int samples = 21, double warmupSeconds = 0.25, int warmupCalls = 50)
    {
        // Warm-up: long enough for tiered compilation to reach its optimised code.
        var warm = Stopwatch.StartNew();
        long calls = 0;
        while (warm.Elapsed.TotalSeconds < warmupSeconds || calls < warmupCalls)
        {
            action();
            calls++;
        }
        double perCall = warm.Elapsed.TotalSeconds / calls;
        int inner = (int)Math.Clamp(targetSeconds / samples / perCall, 1, int.MaxValue);

        var times = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < inner; i++)
                action();
            times[s] = Stopwatch.GetElapsedTime(start).TotalSeconds / inner;
        }
        Array.Sort(times);
        return times;
    }

    /// <summary>Bytes allocated per call by <paramref name="action"/> on all threads, after warm-up.</summary>
    public static double AllocatedBytesPerCall(Action action, int calls = 200)
    {
        action();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < calls; i++)
            action();
        return (double)(GC.GetTotalAllocatedBytes(precise: true) - before) / calls;
    }

    /// <summary>The machine's load averages over 1, 5 and 15 minutes, as /proc/loadavg gives them (or "unknown").</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
