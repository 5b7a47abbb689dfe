using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Recur.Bench;

/// <summary>
/// What the machine's cores give in 512-bit FMAs: one core's peak, and how much two threads get at once. On a shared VM
/// the second figure moves with the host's other tenants (a vCPU whose core's SMT sibling runs someone's vector code has
/// half the FMA units), and every two-thread time in the benches moves with it.
/// </summary>
internal static class FmaPeak
{
    /// <summary>
    /// The core's FMA throughput: 24 independent chains of 512-bit FMAs on registers (more than latency × pipes on any
    /// current x86 core), best of many short samples.
    /// </summary>
    public static double CoreGflops()
    {
        const int iterations = 1 << 16;
        double best = double.MaxValue;
        float sink = 0;
        for (int sample = 0; sample < 200; sample++)
        {
            double start = ThreadCpuTime.Available ? ThreadCpuTime.Seconds() : 0;
            long wallStart = Stopwatch.GetTimestamp();
            sink += FmaChains(iterations, 1.0000001f);
            double seconds = ThreadCpuTime.Available ? ThreadCpuTime.Seconds() - start : Stopwatch.GetElapsedTime(wallStart).TotalSeconds;
            best = Math.Min(best, seconds);
        }
        if (sink == 42) Console.Write("");   // keeps the loop's result alive
        return 2.0 * 16 * 24 * iterations / best / 1e9;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static float FmaChains(int iterations, float factor)
    {
        var x = Vector512.Create(factor);
        var y = Vector512.Create(1e-7f);
        Vector512<float> c0 = x, c1 = x, c2 = x, c3 = x, c4 = x, c5 = x, c6 = x, c7 = x, c8 = x, c9 = x, c10 = x, c11 = x;
        Vector512<float> c12 = x, c13 = x, c14 = x, c15 = x, c16 = x, c17 = x, c18 = x, c19 = x, c20 = x, c21 = x, c22 = x, c23 = x;
        for (int i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, x, y); c1 = Vector512.FusedMultiplyAdd(c1, x, y);
            c2 = Vector512.FusedMultiplyAdd(c2, x, y); c3 = Vector512.FusedMultiplyAdd(c3, x, y);
            c4 = Vector512.FusedMultiplyAdd(c4, x, y); c5 = Vector512.FusedMultiplyAdd(c5, x, y);
            c6 = Vector512.FusedMultiplyAdd(c6, x, y); c7 = Vector512.FusedMultiplyAdd(c7, x, y);
            c8 = Vector512.FusedMultiplyAdd(c8, x, y); c9 = Vector512.FusedMultiplyAdd(c9, x, y);
            c10 = Vector512.FusedMultiplyAdd(c10, x, y); c11 = Vector512.FusedMultiplyAdd(c11, x, y);
            c12 = Vector512.FusedMultiplyAdd(c12, x, y); c13 = Vector512.FusedMultiplyAdd(c13, x, y);
            c14 = Vector512.FusedMultiplyAdd(c14, x, y); c15 = Vector512.FusedMultiplyAdd(c15, x, y);
            c16 = Vector512.FusedMultiplyAdd(c16, x, y); c17 = Vector512.FusedMultiplyAdd(c17, x, y);
            c18 = Vector512.FusedMultiplyAdd(c18, x, y); c19 = Vector512.FusedMultiplyAdd(c19, x, y);
            c20 = Vector512.FusedMultiplyAdd(c20, x, y); c21 = Vector512.FusedMultiplyAdd(c21, x, y);
            c22 = Vector512.FusedMultiplyAdd(c22, x, y); c23 = Vector512.FusedMultiplyAdd(c23, x, y);
        }
        var sum = c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11 + c12 + c13 + c14 + c15 + c16 + c17 + c18 + c19 + c20 + c21 + c22 + c23;
        return Vector512.Sum(sum);
    }

    /// <summary>
    /// GFLOP/s of <paramref name="threads"/> threads running the FMA chains at the same time, by the wall clock: the median
    /// of <paramref name="samples"/> samples of ~15 ms of one core's work per thread.
    /// </summary>
    public static double WallGflops(int threads, int samples = 9)
    {
        const int iterations = 1 << 22;
        var times = new double[samples];
        for (int sample = 0; sample < samples; sample++)
        {
            var workers = new Thread[threads];
            using var start = new ManualResetEventSlim();
            for (int t = 0; t < threads; t++)
            {
                workers[t] = new Thread(() =>
                {
                    start.Wait();
                    if (FmaChains(iterations, 1.0000001f) == 42) Console.Write("");   // keeps the loop's result alive
                });
                workers[t].Start();
            }
            long begin = Stopwatch.GetTimestamp();
            start.Set();
            foreach (var worker in workers) worker.Join();
            times[sample] = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        }
        Array.Sort(times);
        return 2.0 * 16 * 24 * iterations * threads / times[samples / 2] / 1e9;
    }

    /// <summary>One line: one and two threads' FMA throughput now, and their ratio.</summary>
    public static string HostLine()
    {
        double one = WallGflops(1), two = WallGflops(2);
        return FormattableString.Invariant($"1 thread {one:F0} GFLOP/s, 2 threads {two:F0} GFLOP/s ({two / one:F2}× one)");
    }
}
