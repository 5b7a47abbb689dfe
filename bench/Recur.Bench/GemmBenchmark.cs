using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Recur.Kernels;

namespace Recur.Bench;

/// <summary>
/// GEMM throughput (GFLOP/s = 2·m·n·k / median time per call) with <see cref="KernelThreads.Max"/> = 1 and 2,
/// bytes allocated per call, and, when PyTorch is importable by /usr/bin/python3 (or with <c>--peer</c>),
/// the same shapes in PyTorch and numpy via <c>bench/peers/gemm.py</c>, run after ours so they never compete
/// for the cores. <c>--no-peer</c> skips the peer. <c>--runs N</c> repeats the whole measurement (ours and
/// the peer's) N times and keeps each figure's best median: on a machine shared with other work, a busy
/// spell then spoils one run instead of the table.
/// </summary>
internal static class GemmBenchmark
{
    // (m, n, k): C[m×n] = A[m×k] · B[k×n]. Keep in step with bench/peers/gemm.py. The last two are the
    // per-step products of the course's small recurrent nets (batch 1 stock LSTM, TextRNN), where call
    // overhead is everything.
    private static readonly (int M, int N, int K)[] s_shapes =
        [(100, 384, 128), (507, 40, 10), (20, 800, 200), (20, 10000, 200), (1024, 1024, 1024), (1, 40, 10), (6, 5, 5)];

    private const string PeerScript = "bench/peers/gemm.py";

    public static int Run(string[] args)
    {
        bool? peerWanted = args.Contains("--peer") ? true : args.Contains("--no-peer") ? false : null;
        int runs = 1;
        int runsAt = Array.IndexOf(args, "--runs");
        if (runsAt >= 0 && (runsAt + 1 >= args.Length || !int.TryParse(args[runsAt + 1], out runs) || runs < 1))
        {
            Console.Error.WriteLine("--runs needs a positive whole number.");
            return 2;
        }

        Console.WriteLine($"Recur GEMM benchmark — {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, " +
            $"path {Gemm.BestPath}, {DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");

        var ours = new (double OneThread, double TwoThreads, double Allocated)[s_shapes.Length];
        int savedThreads = KernelThreads.Max;
        try
        {
            for (int run = 0; run < runs; run++)
            {
                for (int i = 0; i < s_shapes.Length; i++)
                {
                    (int m, int n, int k) = s_shapes[i];
                    var random = new Random(1);
                    float[] a = RandomMatrix(random, m * k), b = RandomMatrix(random, k * n), c = new float[m * n];
                    void Call() => Gemm.Multiply(a, b, c, m, n, k);
                    double flops = 2.0 * m * n * k;

                    KernelThreads.Max = 1;
                    double one = flops / BenchTiming.MedianSeconds(Call) / 1e9;
                    double allocatedOne = BenchTiming.AllocatedBytesPerCall(Call);
                    KernelThreads.Max = 2;
                    double two = flops / BenchTiming.MedianSeconds(Call) / 1e9;
                    double allocatedTwo = BenchTiming.AllocatedBytesPerCall(Call);
                    ours[i] = (Math.Max(ours[i].OneThread, one), Math.Max(ours[i].TwoThreads, two),
                        Math.Max(ours[i].Allocated, Math.Max(allocatedOne, allocatedTwo)));
                    Console.Error.WriteLine($"  run {run + 1}/{runs} ({m}×{k})·({k}×{n}): {one:F1} / {two:F1} GFLOP/s");
                }
            }
        }
        finally
        {
            KernelThreads.Max = savedThreads;
        }

        PeerResults? peer = null;
        for (int run = 0; run < runs && peerWanted != false; run++)
        {
            PeerResults? result = RunPeer(required: peerWanted == true);
            if (result is null)
            {
                if (peerWanted == true)
                    return 1;
                break;
            }
            peer = peer is null ? result : peer.BestOf(result);
        }

        Console.WriteLine();
        if (peer is not null)
            Console.WriteLine($"Peer: {peer.Description}");
        Console.WriteLine();
        Console.WriteLine("| shape (m×k)·(k×n) | ours 1T | ours 2T | PyTorch 1T | PyTorch 2T | numpy | ours / PyTorch | ours µs | PyTorch µs | alloc B/call |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < s_shapes.Length; i++)
        {
            (int m, int n, int k) = s_shapes[i];
            var (one, two, allocated) = ours[i];
            double flops = 2.0 * m * n * k;
            string torch1 = "–", torch2 = "–", numpy = "–", ratio = "–", torchMicroseconds = "–";
            if (peer is not null && peer.Rows.TryGetValue((m, n, k), out var p))
            {
                torch1 = F(p.Torch1);
                torch2 = F(p.Torch2);
                numpy = F(p.Numpy);
                ratio = (Math.Max(one, two) / Math.Max(p.Torch1, p.Torch2)).ToString("F2", CultureInfo.InvariantCulture) + "×";
                torchMicroseconds = Microseconds(flops / Math.Max(p.Torch1, p.Torch2));
            }
            Console.WriteLine($"| ({m}×{k})·({k}×{n}) | {F(one)} | {F(two)} | {torch1} | {torch2} | {numpy} | {ratio} | " +
                $"{Microseconds(flops / Math.Max(one, two))} | {torchMicroseconds} | {allocated:F0} |");
        }
        Console.WriteLine();
        if (runs > 1)
            Console.WriteLine($"Best of {runs} runs' medians for every figure.");
        Console.WriteLine("GFLOP/s = 2·m·n·k / median time per call; ours / PyTorch = best of our 1T and 2T over the best of PyTorch's " +
            "(above 1 = faster); µs = median time per call of the faster thread count. alloc = bytes allocated per call " +
            "on all threads, steady state. numpy runs with its BLAS's default thread count.");
        return 0;
    }

    private static string F(double gflops) => gflops.ToString("F1", CultureInfo.InvariantCulture);

    // GFLOP / (GFLOP/s) = seconds; shown in µs with 2 significant decimals for sub-microsecond calls.
    private static string Microseconds(double nanoseconds)
        => (nanoseconds / 1000).ToString(nanoseconds < 10_000 ? "F2" : "F1", CultureInfo.InvariantCulture);

    private static float[] RandomMatrix(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)random.NextDouble();
        return values;
    }

    private sealed record PeerResults(string Description, Dictionary<(int, int, int), (double Torch1, double Torch2, double Numpy)> Rows)
    {
        /// <summary>Each figure's best of this run and <paramref name="other"/>.</summary>
        public PeerResults BestOf(PeerResults other)
        {
            var rows = new Dictionary<(int, int, int), (double, double, double)>(Rows);
            foreach (var (shape, theirs) in other.Rows)
            {
                rows[shape] = Rows.TryGetValue(shape, out var mine)
                    ? (Math.Max(mine.Torch1, theirs.Torch1), Math.Max(mine.Torch2, theirs.Torch2), Math.Max(mine.Numpy, theirs.Numpy))
                    : theirs;
            }
            return this with { Rows = rows };
        }
    }

    // Runs the PyTorch/numpy script if it can; returns null (after saying why) when it cannot.
    private static PeerResults? RunPeer(bool required)
    {
        var lines = PythonPeer.Run(PeerScript, ["--json"], "torch, numpy", required);
        if (lines is null)
            return null;
        string description = "";
        var rows = new Dictionary<(int, int, int), (double, double, double)>();
        foreach (JsonElement root in lines)
        {
            if (root.TryGetProperty("description", out JsonElement text))
            {
                description = text.GetString() ?? "";
                continue;
            }
            rows[(root.GetProperty("m").GetInt32(), root.GetProperty("n").GetInt32(), root.GetProperty("k").GetInt32())] =
                (root.GetProperty("torch_1t").GetDouble(), root.GetProperty("torch_2t").GetDouble(), root.GetProperty("numpy").GetDouble());
        }
        return new PeerResults(description, rows);
    }
}
