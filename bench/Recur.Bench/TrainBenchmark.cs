using System.Globalization;
using System.Runtime.InteropServices;
using Recur.Kernels;

namespace Recur.Bench;

/// <summary>
/// Median milliseconds per training step (ZeroGrad, forward, loss, backward, Adam step) and bytes allocated per step for
/// the course workloads (<see cref="TrainWorkloads"/>), with <see cref="KernelThreads.Max"/> = 1 and 2; then, when
/// /usr/bin/python3 can import torch (or with <c>--peer</c>), the same workloads in PyTorch via
/// <c>bench/peers/recurrent.py</c>, run after ours so they never compete for the cores; and when
/// <c>bench/peers/libtorch/setup.sh</c> has built it (or with <c>--libtorch</c>), LibTorch 2.10 through TorchSharp
/// (<see cref="LibtorchPeer"/>) on the workloads it has.
/// Options: <c>--no-peer</c> (neither peer), <c>--peer</c>, <c>--libtorch</c>, <c>--only key[,key…]</c>, <c>--threads 1|2</c>, <c>--min</c> (the fastest sample
/// instead of the median, for a machine busy with other work; passed on to the peer, which then reports its fastest too), and
/// <c>--loop seconds</c> (run the selected workloads for a profiler, then print calls, wall and CPU time per call). The report
/// ends with the host's FMA throughput on one and two threads (<see cref="FmaPeak"/>) before and after the runs.
/// </summary>
internal static class TrainBenchmark
{
    private const string PeerScript = "bench/peers/recurrent.py";

    // Throughput targets against PyTorch's best (issue 3; conv1d: issue 11; one image through the MNIST GRU: issue 13).
    private static readonly Dictionary<string, double> s_targets = new()
    {
        ["stock-lstm-b507"] = 5, ["stock-lstm-b1"] = 5, ["spam-rnn"] = 5, ["textrnn"] = 5, ["mnist-gru"] = 1.5, ["imdb-lstm"] = 1.5, ["imdb-classifier"] = 1.5,
        ["conv1d"] = 3, ["conv1d-ops"] = 3, ["mnist-gru-infer"] = 5,
        // Issue 12: the PTB-small run at ≥ 2.2× PyTorch's throughput, the char model at ≥ 2× its seconds per epoch.
        ["ptb-small"] = 2.2, ["char-lm"] = 2,
    };

    // Against LibTorch 2.10 (issue 11: the IMDB LSTM step at ≤ 7.5 ms, which it derived as 2× LibTorch 2.10's 14.5–16 ms).
    private static readonly Dictionary<string, double> s_libtorchTargets = new() { ["imdb-lstm"] = 2, ["imdb-classifier"] = 2 };

    public static int Run(string[] args)
    {
        bool? peerWanted = args.Contains("--peer") ? true : args.Contains("--no-peer") ? false : null;
        string? only = CommandLine.Option(args, "--only");
        bool useMinimum = args.Contains("--min");
        int[] threadCounts = CommandLine.Option(args, "--threads") is string t ? [int.Parse(t, CultureInfo.InvariantCulture)] : [1, 2];
        var workloads = TrainWorkloads.All.Where(w => only is null || only.Split(',').Contains(w.Key)).ToArray();
        if (workloads.Length == 0)
        {
            Console.Error.WriteLine($"--only {only}: no such workload; known: {string.Join(", ", TrainWorkloads.All.Select(w => w.Key))}.");
            return 2;
        }

        if (CommandLine.Option(args, "--loop") is string loop)
        {
            // For a profiler (perf record …): run the selected workloads for this many seconds each, untimed.
            KernelThreads.Max = threadCounts[^1];
            foreach (var workload in workloads)
            {
                var call = workload.Create();
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var process = System.Diagnostics.Process.GetCurrentProcess();
                var cpuBefore = process.TotalProcessorTime;
                long calls = 0;
                while (clock.Elapsed.TotalSeconds < double.Parse(loop, CultureInfo.InvariantCulture))
                {
                    call();
                    calls++;
                }
                // CPU time per call next to wall time: on a machine shared with other work, the former is the steadier one.
                process.Refresh();
                double cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / calls;
                Console.Error.WriteLine($"  {workload.Key}: {calls} calls, wall {Ms(clock.Elapsed.TotalMilliseconds / calls)} ms, CPU {Ms(cpuMs)} ms per call (warm-up included)");
            }
            return 0;
        }

        Console.WriteLine($"Recur training-step benchmark — {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, " +
            $"GEMM path {Gemm.BestPath}, {DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        // The second core's share of the FMA units moves with the host's other tenants, and with it every 2T figure here.
        string hostBefore = FmaPeak.HostLine();

        var ours = new Dictionary<(string, int), double>();
        var allocated = new Dictionary<string, double>();
        int savedThreads = KernelThreads.Max;
        try
        {
            foreach (var workload in workloads)
            {
                var call = workload.Create();
                foreach (int threads in threadCounts)
                {
                    KernelThreads.Max = threads;
                    var samples = BenchTiming.SampleSeconds(call, targetSeconds: 1.0, samples: 15, warmupSeconds: 2.0, warmupCalls: 20);
                    double seconds = useMinimum ? samples[0] : samples[samples.Length / 2];
                    ours[(workload.Key, threads)] = seconds * 1e3;
                    double bytes = BenchTiming.AllocatedBytesPerCall(call, calls: (int)Math.Clamp(0.5 / seconds, 5, 2000));
                    allocated[workload.Key] = Math.Max(allocated.GetValueOrDefault(workload.Key), bytes);
                    Console.Error.WriteLine($"  {workload.Key} {threads}T: {Ms(seconds * 1e3)} ms, {bytes:F0} B/step");
                }
            }
        }
        finally
        {
            KernelThreads.Max = savedThreads;
        }

        string? peerDescription = null;
        var peer = new Dictionary<string, (double One, double Two)>();
        if (peerWanted != false)
        {
            string[] peerArguments = ["--json", "--only", string.Join(',', workloads.Select(w => w.Key)), .. useMinimum ? new[] { "--min" } : []];
            var lines = PythonPeer.Run(PeerScript, peerArguments, "torch",
                required: peerWanted == true);
            if (lines is null && peerWanted == true)
                return 1;
            foreach (var line in lines ?? [])
            {
                if (line.TryGetProperty("description", out var text)) { peerDescription = text.GetString(); continue; }
                peer[line.GetProperty("name").GetString()!] = (line.GetProperty("ms_1t").GetDouble(), line.GetProperty("ms_2t").GetDouble());
            }
        }

        var libtorch = peerWanted == false ? null
            : LibtorchPeer.Run(workloads.Select(w => w.Key), threadCounts, useMinimum, required: args.Contains("--libtorch"));
        if (libtorch is null && args.Contains("--libtorch"))
            return 1;

        Console.WriteLine();
        if (peerDescription is not null)
            Console.WriteLine($"Peer: {peerDescription}");
        Console.WriteLine();
        Console.WriteLine("| workload | Recur 1T | Recur 2T | PyTorch 1T | PyTorch 2T | PyTorch best / Recur best | target | bytes/step |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|---:|");
        foreach (var workload in workloads)
        {
            string unit = workload.Inference ? " µs" : " ms";
            double scale = workload.Inference ? 1e3 : 1;
            string One(double? ms) => ms is double v ? Ms(v * scale) + unit : "–";
            double? r1 = ours.TryGetValue((workload.Key, 1), out var a) ? a : null;
            double? r2 = ours.TryGetValue((workload.Key, 2), out var b) ? b : null;
            double oursBest = Math.Min(r1 ?? double.MaxValue, r2 ?? double.MaxValue);
            string p1 = "–", p2 = "–", ratio = "–", target = s_targets.TryGetValue(workload.Key, out var goal) ? $"≥ {goal:0.#}×" : "–";
            if (peer.TryGetValue(workload.Key, out var p))
            {
                p1 = One(p.One);
                p2 = One(p.Two);
                double speedup = Math.Min(p.One, p.Two) / oursBest;
                ratio = speedup.ToString("F2", CultureInfo.InvariantCulture) + "×";
                if (s_targets.ContainsKey(workload.Key)) target += speedup >= goal ? " met" : " not met";
            }
            Console.WriteLine($"| {workload.Description} | {One(r1)} | {One(r2)} | {p1} | {p2} | {ratio} | {target} | {allocated[workload.Key]:F0} |");
        }
        if (libtorch is { } lt)
        {
            Console.WriteLine();
            Console.WriteLine($"Peer: {lt.Description}");
            Console.WriteLine();
            Console.WriteLine("| workload | Recur best | libtorch 1T | libtorch 2T | libtorch best / Recur best | target |");
            Console.WriteLine("|---|---:|---:|---:|---:|---|");
            foreach (var (key, (one, two)) in lt.Steps)
            {
                double oursBest = threadCounts.Min(threads => ours[(key, threads)]);
                double speedup = Math.Min(one, two) / oursBest;
                string target = s_libtorchTargets.TryGetValue(key, out var goal) ? $"≥ {goal:0.#}× {(speedup >= goal ? "met" : "not met")}" : "–";
                string Cell(double ms) => double.IsInfinity(ms) ? "–" : Ms(ms) + " ms";
                Console.WriteLine($"| {key} | {Ms(oursBest)} ms | {Cell(one)} | {Cell(two)} | {speedup.ToString("F2", CultureInfo.InvariantCulture)}× | {target} |");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Host FMA throughput (FmaPeak) before the runs: {hostBefore}; after: {FmaPeak.HostLine()}.");
        Console.WriteLine();
        Console.WriteLine((useMinimum ? "Fastest of 15 samples (--min, both sides)" : "Median") +
            " per training step (ZeroGrad, forward, loss, backward, Adam; ptb-small and char-lm: state carried, clip 5, SGD or Adam) after warm-up, same fixed batch every step; " +
            "1T/2T = KernelThreads.Max (Recur) or torch.set_num_threads + OpenBLAS threads (PyTorch; libtorch: torch.set_num_threads, the fastest of 3 processes per workload and thread count). " +
            "bytes/step = managed bytes allocated per step on all threads, steady state (the larger of 1T and 2T).");
        return 0;
    }

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "F3" : "F1", CultureInfo.InvariantCulture);
}
