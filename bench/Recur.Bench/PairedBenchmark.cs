using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Recur.Kernels;

namespace Recur.Bench;

/// <summary>
/// Recur's training step and LibTorch 2.10's (the peer of <see cref="LibtorchPeer"/>, kept running with <c>--serve</c>) timed
/// in turn, sample for sample, so that both sides see the same moments of a machine whose speed moves with other tenants'
/// work: <c>train</c> times all of Recur's samples first and the peer's a minute later, and the ratio then carries whatever
/// changed in between. Each pair is one sample of each side (~70 ms of steps), the side that goes first alternating.
/// Options: <c>--only key[,key…]</c> (the peer's workloads; default the IMDB steps), <c>--threads n</c> (both sides; default 2),
/// <c>--pairs n</c> per peer process (default 40), <c>--processes n</c> (default <see cref="LibtorchPeer.Processes"/>: a
/// LibTorch process now and then runs slowly for seconds on end).
/// </summary>
internal static class PairedBenchmark
{
    private const double SampleMilliseconds = 70;

    // After its last parallel region LibTorch's OpenMP threads spin for KMP_BLOCKTIME (200 ms) before they sleep, and
    // Recur's workers spin a little too: each side's sample starts only once the other side's threads have gone quiet
    // (measured: a Recur sample started right after the peer's ran at one thread's speed, 13.5 ms against 8.4).
    private const int PeerSpinMilliseconds = 250;
    private const int IdleMilliseconds = 20;

    public static int Run(string[] args)
    {
        string[] keys = (CommandLine.Option(args, "--only") ?? "imdb-lstm,imdb-classifier").Split(',');
        int threads = int.Parse(CommandLine.Option(args, "--threads") ?? "2", CultureInfo.InvariantCulture);
        int pairs = int.Parse(CommandLine.Option(args, "--pairs") ?? "40", CultureInfo.InvariantCulture);
        int processes = int.Parse(CommandLine.Option(args, "--processes") ?? LibtorchPeer.Processes.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var workloads = keys.Select(key => TrainWorkloads.All.FirstOrDefault(w => w.Key == key)).ToArray();
        if (workloads.Any(w => w is null || !LibtorchPeer.Workloads.Contains(w.Key)) || threads < 1 || pairs < 1 || processes < 1)
        {
            Console.Error.WriteLine($"paired: --only takes workloads the libtorch peer has ({string.Join(", ", LibtorchPeer.Workloads)}); " +
                "--threads, --pairs and --processes take positive counts.");
            return 2;
        }
        if (RepositoryFile.Find(LibtorchPeer.RunScript) is not string script)
        {
            Console.Error.WriteLine($"paired: {LibtorchPeer.RunScript} not found; run from the repository.");
            return 2;
        }

        Console.WriteLine($"Recur and LibTorch 2.10 training steps in turn — {Environment.ProcessorCount} cores, {threads} thread(s) each, " +
            $"{DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, load {BenchTiming.LoadAverage()}");
        // When the host gives this machine's two vCPUs one core's FMA throughput between them, both sides run at their
        // one-thread speed and the ratio is theirs: the line says which case the figures are.
        string hostBefore = FmaPeak.HostLine();
        Console.WriteLine();
        Console.WriteLine("| workload | pairs | Recur fastest | Recur median | LibTorch fastest | LibTorch median | fastest / fastest | median of pair ratios | pairs ≥ 2× |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        int saved = KernelThreads.Max;
        try
        {
            KernelThreads.Max = threads;
            foreach (var workload in workloads)
            {
                var step = workload!.Create();
                double ourStep = BenchTiming.SampleSeconds(step, targetSeconds: 0.5, samples: 5, warmupSeconds: 2.0, warmupCalls: 20)[0] * 1e3;
                var ours = new List<double>();
                var theirs = new List<double>();
                for (int process = 0; process < processes; process++)
                {
                    using var peer = PeerSession.Start(script, ["--serve", "--only", workload.Key, "--threads", threads.ToString(CultureInfo.InvariantCulture)]);
                    if (peer is null)
                        return 1;
                    double peerStep = peer.Ready;
                    for (int pair = 0; pair < pairs; pair++)
                    {
                        int ourCalls = Math.Max(1, (int)Math.Round(SampleMilliseconds / ourStep));
                        int peerCalls = Math.Max(1, (int)Math.Round(SampleMilliseconds / peerStep));
                        double a, b;
                        if (pair % 2 == 0)
                        {
                            a = Sample(step, ourCalls);
                            b = peer.Sample(peerCalls);
                        }
                        else
                        {
                            b = peer.Sample(peerCalls);
                            a = Sample(step, ourCalls);
                        }
                        ours.Add(a);
                        theirs.Add(b);
                    }
                    Console.Error.WriteLine($"  {workload.Key}, peer process {process + 1} of {processes}: Recur {Median(ours.TakeLast(pairs)):F3} ms, " +
                        $"LibTorch {Median(theirs.TakeLast(pairs)):F3} ms (medians)");
                }
                double fastest = theirs.Min() / ours.Min();
                double[] ratios = theirs.Zip(ours, (l, r) => l / r).ToArray();
                double pairRatio = Median(ratios);
                int atTarget = ratios.Count(ratio => ratio >= 2);
                Console.WriteLine($"| {workload.Key} | {ours.Count} | {ours.Min():F3} ms | {Median(ours):F3} ms | {theirs.Min():F3} ms | {Median(theirs):F3} ms | " +
                    $"{fastest:F2}× | {pairRatio:F2}× | {atTarget} of {ours.Count} |");
            }
        }
        finally
        {
            KernelThreads.Max = saved;
        }
        Console.WriteLine();
        Console.WriteLine($"Host FMA throughput (FmaPeak) before the pairs: {hostBefore}; after: {FmaPeak.HostLine()}.");
        Console.WriteLine($"A sample is ~{SampleMilliseconds:F0} ms of training steps (ms per step); each pair one sample of each side, taken one after " +
            "the other. fastest / fastest is train --min's statistic over the same minutes; a pair ratio is the LibTorch sample over the " +
            "Recur sample beside it, and LibTorch's slow stretches (3–4× for seconds) raise the median of them.");
        return 0;
    }

    private static double Sample(Action step, int calls)
    {
        Thread.Sleep(IdleMilliseconds);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
            step();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds / calls;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    /// <summary>A peer started with <c>--serve</c>: asked for n steps a line, it answers with the milliseconds per step.</summary>
    private sealed class PeerSession : IDisposable
    {
        private readonly Process _process;

        private PeerSession(Process process, double ready)
        {
            _process = process;
            Ready = ready;
        }

        /// <summary>Milliseconds per step the peer measured after its warm-up.</summary>
        public double Ready { get; }

        public static PeerSession? Start(string file, string[] arguments)
        {
            var process = Process.Start(PeerProcess.StartInfo(file, arguments, redirectInput: true))!;
            Task<string> errors = process.StandardError.ReadToEndAsync();
            string? line = process.StandardOutput.ReadLine();
            if (line is null || !line.StartsWith('{'))
            {
                process.WaitForExit();
                Console.Error.WriteLine(process.ExitCode == LibtorchPeer.NotBuilt ? $"paired: {LibtorchPeer.RunScript} needs building first: bench/peers/libtorch/setup.sh."
                    : $"paired: the libtorch peer failed: {line}{errors.Result}");
                process.Dispose();
                return null;
            }
            return new PeerSession(process, JsonDocument.Parse(line).RootElement.GetProperty("ready").GetDouble());
        }

        /// <summary>Runs <paramref name="calls"/> steps in the peer; its milliseconds per step.</summary>
        public double Sample(int calls)
        {
            Thread.Sleep(IdleMilliseconds);
            _process.StandardInput.WriteLine(calls.ToString(CultureInfo.InvariantCulture));
            _process.StandardInput.Flush();
            string line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The libtorch peer ended early.");
            Thread.Sleep(PeerSpinMilliseconds);
            return JsonDocument.Parse(line).RootElement.GetProperty("ms").GetDouble();
        }

        public void Dispose()
        {
            _process.StandardInput.Close();
            _process.WaitForExit();
            _process.Dispose();
        }
    }
}
