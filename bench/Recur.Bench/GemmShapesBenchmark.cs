using System.Globalization;
using System.Runtime.InteropServices;
using Recur.Kernels;

namespace Recur.Bench;

/// <summary>
/// GFLOP/s of the GEMM on the products two recurrent training steps spend their time in (issue 11's IMDB LSTM, issue 13's
/// MNIST GRU), each called exactly as the time loop calls it (transposes, leading dimensions, accumulation; a per-step
/// product also as one part of a two-part batch split, through <see cref="Gemm.MultiplyRows"/>), on one thread, beside
/// the core's peak measured by a loop of independent vector FMAs. Times are the calling thread's CPU time
/// (<see cref="ThreadCpuTime"/>), best and median of many samples of about 1 ms each. Options: <c>--only imdb|mnist</c>, <c>--samples N</c>.
/// </summary>
internal static class GemmShapesBenchmark
{
    /// <summary>One product of a workload's step: C[m×n] (+)= op(A)·op(B), with its calls per training step.</summary>
    /// <remarks>
    /// A per-step product (<see cref="Steps"/> &gt; 1) walks through <see cref="Steps"/> blocks of A and C, one per call, as
    /// the time loop walks through the steps' states and gates, so C comes from wherever the previous steps left it
    /// rather than staying in L1 from the previous call. <see cref="PackedB"/>: B packed once (<see cref="GemmPackedB"/>),
    /// outside the timing, as a time loop packs W_hh once per call.
    /// </remarks>
    private sealed record Shape(string Workload, string Name, bool TransposeA, bool TransposeB, int M, int N, int K,
        bool Accumulate, int PerStep, int RowEnd = -1, int Steps = 1, bool PackedB = false)
    {
        public int Rows => RowEnd < 0 ? M : RowEnd;
        public double Flops => 2.0 * Rows * N * K;
    }

    // IMDB: Emb(10000,128) → LSTM(128), T = 80, B = 32 (gates 4·128 = 512); MNIST: GRU(28→128, 2 layers), T = 28, B = 100
    // (gates 3·128 = 384). The per-step forward product reads W_hhᵀ transposed once per call (B row-major).
    private static readonly Shape[] s_shapes =
    [
        new("imdb", "input projection X·W_ihᵀ", false, true, 2560, 512, 128, false, 1),
        new("imdb", "step h·W_hhᵀ", false, false, 32, 512, 128, true, 80, Steps: 80),
        new("imdb", "step h·W_hhᵀ, rows 0–16 of 32", false, false, 32, 512, 128, true, 0, 16, 80),
        new("imdb", "step h·W_hhᵀ, B packed once", false, false, 32, 512, 128, true, 0, Steps: 80, PackedB: true),
        new("imdb", "step h·W_hhᵀ, rows 0–16, B packed once", false, false, 32, 512, 128, true, 0, 16, 80, true),
        new("imdb", "step dG·W_hh", false, false, 32, 128, 512, true, 80, Steps: 80),
        new("imdb", "step dG·W_hh, rows 0–16 of 32", false, false, 32, 128, 512, true, 0, 16, 80),
        new("imdb", "step dG·W_hh, B packed once", false, false, 32, 128, 512, true, 0, Steps: 80, PackedB: true),
        new("imdb", "step dG·W_hh, rows 0–16, B packed once", false, false, 32, 128, 512, true, 0, 16, 80, true),
        new("imdb", "dW_ih = dGᵀ·X", true, false, 512, 128, 2560, true, 1),
        new("imdb", "dX = dG·W_ih", false, false, 2560, 128, 512, false, 1),
        new("imdb", "dW_hh = dGᵀ·H", true, false, 512, 128, 2560, true, 1),
        new("mnist", "layer 1 input X·W_ihᵀ (k = 28)", false, true, 2800, 384, 28, false, 1),
        new("mnist", "layer 2 input X·W_ihᵀ", false, true, 2800, 384, 128, false, 1),
        new("mnist", "step h·W_hhᵀ", false, false, 100, 384, 128, false, 56, Steps: 28),
        new("mnist", "step h·W_hhᵀ, rows 0–50 of 100", false, false, 100, 384, 128, false, 0, 50, 28),
        new("mnist", "step h·W_hhᵀ, B packed once", false, false, 100, 384, 128, false, 0, Steps: 28, PackedB: true),
        new("mnist", "step h·W_hhᵀ, rows 0–50, B packed once", false, false, 100, 384, 128, false, 0, 50, 28, true),
        new("mnist", "step dG·W_hh", false, false, 100, 128, 384, true, 56, Steps: 28),
        new("mnist", "step dG·W_hh, rows 0–50 of 100", false, false, 100, 128, 384, true, 0, 50, 28),
        new("mnist", "step dG·W_hh, B packed once", false, false, 100, 128, 384, true, 0, Steps: 28, PackedB: true),
        new("mnist", "step dG·W_hh, rows 0–50, B packed once", false, false, 100, 128, 384, true, 0, 50, 28, true),
        new("mnist", "layer 1 dW_ih = dGᵀ·X (n = 28)", true, false, 384, 28, 2800, true, 1),
        new("mnist", "layer 2 dW_ih = dGᵀ·X", true, false, 384, 128, 2800, true, 1),
        new("mnist", "layer 2 dX = dG·W_ih", false, false, 2800, 128, 384, false, 1),
        new("mnist", "dW_hh = dGᵀ·H", true, false, 384, 128, 2800, true, 2),
    ];

    public static int Run(string[] args)
    {
        string? only = CommandLine.Option(args, "--only");
        int samples = CommandLine.Option(args, "--samples") is string s ? int.Parse(s, CultureInfo.InvariantCulture) : 201;
        var shapes = s_shapes.Where(x => only is null || only.Split(',').Contains(x.Workload)).ToArray();
        if (shapes.Length == 0)
        {
            Console.Error.WriteLine($"--only {only}: no such workload; known: imdb, mnist.");
            return 2;
        }

        Console.WriteLine($"Recur GEMM on the recurrent shapes — {RuntimeInformation.FrameworkDescription}, path {Gemm.BestPath}, 1 thread, " +
            $"{DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, load {BenchTiming.LoadAverage()}");
        int savedThreads = KernelThreads.Max;
        KernelThreads.Max = 1;
        try
        {
            double peak = FmaPeak.CoreGflops();
            Console.WriteLine($"Peak (24 chains of independent 512-bit FMAs, best of 200 samples): {F(peak)} GFLOP/s");
            Console.WriteLine();
            Console.WriteLine("| workload | product | op(A)·op(B) | m×n×k | best GFLOP/s | median GFLOP/s | % of peak | best µs | ×/step | alloc B/call |");
            Console.WriteLine("|---|---|---|---|---:|---:|---:|---:|---:|---:|");
            var bestSeconds = new Dictionary<Shape, double>();
            foreach (var shape in shapes)
            {
                var call = Prepare(shape);
                var times = CpuSampleSeconds(call, samples);
                bestSeconds[shape] = times[0];
                double best = shape.Flops / times[0] / 1e9, median = shape.Flops / times[times.Length / 2] / 1e9;
                double allocated = BenchTiming.AllocatedBytesPerCall(call, 50);
                string form = $"{(shape.TransposeA ? "Aᵀ" : "A")}·{(shape.TransposeB ? "Bᵀ" : "B")}";
                string size = shape.RowEnd < 0 ? $"{shape.M}×{shape.N}×{shape.K}" : $"{shape.Rows} of {shape.M}×{shape.N}×{shape.K}";
                Console.WriteLine($"| {shape.Workload} | {shape.Name} | {form} | {size} | {F(best)} | {F(median)} | {100 * best / peak:F0} % | " +
                    $"{times[0] * 1e6:F1} | {shape.PerStep} | {allocated:F0} |");
            }
            Console.WriteLine();
            foreach (string workload in shapes.Select(x => x.Workload).Distinct())
            {
                // The step's products as they are called, then with each per-step product's B packed once.
                double flops = 0, seconds = 0, packedSeconds = 0;
                foreach (var shape in shapes.Where(x => x.Workload == workload && x.PerStep > 0))
                {
                    flops += shape.PerStep * shape.Flops;
                    seconds += shape.PerStep * bestSeconds[shape];
                    var packed = shapes.FirstOrDefault(x => x.PackedB && x.RowEnd < 0 && x.Workload == workload
                        && (x.M, x.N, x.K, x.Accumulate) == (shape.M, shape.N, shape.K, shape.Accumulate));
                    packedSeconds += shape.PerStep * bestSeconds[packed ?? shape];
                }
                Console.WriteLine($"{workload}: the step's products (whole batch, 1 thread) {flops / 1e9:F2} GFLOP in {seconds * 1e3:F2} ms at the best " +
                    $"figures = {F(flops / seconds / 1e9)} GFLOP/s ({100 * flops / seconds / 1e9 / peak:F0} % of peak); with W_hh packed once " +
                    $"{packedSeconds * 1e3:F2} ms = {F(flops / packedSeconds / 1e9)} GFLOP/s ({100 * flops / packedSeconds / 1e9 / peak:F0} %)");
            }
        }
        finally
        {
            KernelThreads.Max = savedThreads;
        }
        return 0;
    }

    // Thread CPU seconds per call of each sample (about 1 ms of calls each, after a warm-up), sorted ascending; wall
    // seconds where the thread's CPU clock cannot be read.
    private static double[] CpuSampleSeconds(Action call, int samples)
    {
        if (!ThreadCpuTime.Available)
            return BenchTiming.SampleSeconds(call, targetSeconds: 0.2, samples: samples, warmupSeconds: 0.2, warmupCalls: 20);
        double start = ThreadCpuTime.Seconds();
        int calls = 0;
        while (ThreadCpuTime.Seconds() - start < 0.2 || calls < 20)
        {
            call();
            calls++;
        }
        int inner = (int)Math.Clamp(1e-3 / ((ThreadCpuTime.Seconds() - start) / calls), 1, 10_000);
        var times = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            double before = ThreadCpuTime.Seconds();
            for (int i = 0; i < inner; i++)
                call();
            times[s] = (ThreadCpuTime.Seconds() - before) / inner;
        }
        Array.Sort(times);
        return times;
    }

    // The operands of one shape, random, and the call that multiplies them as the time loop does.
    private static Action Prepare(Shape shape)
    {
        var random = new Random(1);
        int m = shape.M, n = shape.N, k = shape.K;
        float[] a = RandomMatrix(random, shape.Steps * m * k), b = RandomMatrix(random, k * n), c = new float[shape.Steps * m * n];
        int lda = shape.TransposeA ? m : k, ldb = shape.TransposeB ? k : n;
        int step = 0;
        if (shape.PackedB)
            return PreparePacked(shape, a, b, c, ldb);
        return () =>
        {
            var stepA = a.AsSpan(step * m * k, m * k);
            var stepC = c.AsSpan(step * m * n, m * n);
            step = (step + 1) % shape.Steps;
            if (shape.RowEnd < 0)
                Gemm.Multiply(shape.TransposeA, shape.TransposeB, m, n, k, stepA, lda, b, ldb, stepC, n, shape.Accumulate);
            else
                Gemm.MultiplyRows(0, shape.RowEnd, shape.TransposeA, shape.TransposeB, m, n, k, stepA, lda, b, ldb, stepC, n, shape.Accumulate);
        };
    }

    // As Prepare, with B packed once beforehand (pinned buffers: the packed product takes pointers, as the time loop's do).
    private static unsafe Action PreparePacked(Shape shape, float[] a, float[] b, float[] c, int ldb)
    {
        int m = shape.M, n = shape.N, k = shape.K, step = 0;
        var pinnedA = GC.AllocateArray<float>(a.Length, pinned: true);
        var pinnedC = GC.AllocateArray<float>(c.Length, pinned: true);
        var packed = GC.AllocateArray<float>((int)GemmPackedB.Length(n, k), pinned: true);
        a.CopyTo(pinnedA, 0);
        fixed (float* pb = b, pp = packed)
            GemmPackedB.Pack(shape.TransposeB, m, n, k, pb, ldb, pp);
        return () =>
        {
            fixed (float* pa = pinnedA, pc = pinnedC, pp = packed)
                GemmPackedB.MultiplyRows(0, shape.Rows, shape.TransposeB, m, n, k, pa + step * m * k, k, pp, pc + step * m * n, n, shape.Accumulate);
            step = (step + 1) % shape.Steps;
        };
    }

    private static float[] RandomMatrix(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)random.NextDouble() - 0.5f;
        return values;
    }

    private static string F(double gflops) => gflops.ToString("F1", CultureInfo.InvariantCulture);
}
