using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Recur.Kernels;
using Recur.Tasks.LanguageModels;

namespace Recur.Bench;

/// <summary>
/// Seconds per epoch of <c>recur lm --data shakespeare --recipe char-small</c> (Emb(67, 128) → 2 × LSTM(128) → Linear,
/// T = B = 50, Adam 2e-3, clip 5, PyTorch's initialisation) through the recipe's own code (<see cref="LanguageModelTrainer.Run"/>:
/// the streams, the carried state, the fused output layer and loss, the validation pass with the carry after each epoch),
/// with <see cref="KernelThreads.Max"/> = 1 and 2; then the same recipe in PyTorch (<c>bench/peers/char_lm.py</c>) on the
/// very same training and validation ids, written to a temporary folder for it, after ours so the two never share the cores.
/// Options: <c>--epochs N</c> (default 1), <c>--threads N[,N…]</c> (default 1,2), <c>--peer-threads N[,N…]</c> (default 1),
/// <c>--no-peer</c>.
/// </summary>
internal static class LmEpochBenchmark
{
    private const string PeerScript = "bench/peers/char_lm.py";

    // Issue 12: an epoch of char-small at least 2× faster than PyTorch's.
    private const double Target = 2;

    private const string Description = "char-small: Emb(67,128) → 2×LSTM(128) → Linear(128,67), T=50, B=50, state carried, CE, clip 5, Adam 2e-3";

    /// <summary>
    /// One epoch as timed: the training steps alone, the whole epoch (steps and the validation pass), the CPU seconds the
    /// process spent in the whole epoch (all threads; what a machine shared with other work changes least), and its losses.
    /// </summary>
    private readonly record struct EpochTime(double TrainingSeconds, double EpochSeconds, double CpuSeconds, double Loss, double ValidationLoss);

    public static int Run(string[] args)
    {
        int epochs = CommandLine.Option(args, "--epochs") is string e ? int.Parse(e, CultureInfo.InvariantCulture) : 1;
        int[] threadCounts = Counts(CommandLine.Option(args, "--threads") ?? "1,2");
        int[] peerThreads = Counts(CommandLine.Option(args, "--peer-threads") ?? "1");
        string loadBefore = BenchTiming.LoadAverage();
        Console.WriteLine($"Recur lm-epochs benchmark — {epochs} epoch(s) of char-small, Recur {string.Join(" and ", threadCounts)} thread(s); " +
            $"{RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, {DateTime.Now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}");

        var options = LanguageModelOptions.For(LanguageModelRecipe.CharSmall, LanguageModelCorpus.Shakespeare, RepositoryFile.Require("data/text/shakespeare/input.txt"))
            with { Epochs = epochs, SampleTokens = 0 };
        var recipe = new LanguageModelTrainer(options);
        recipe.Prepare();
        var data = recipe.Data;
        string shape = $"{data.Train.Length:N0} training and {data.Validation.Length:N0} validation characters, vocabulary {data.Tokenization.Vocabulary.Count}";
        Console.Error.WriteLine($"  {shape}");

        var ours = new Dictionary<int, List<EpochTime>>();
        int savedThreads = KernelThreads.Max;
        try
        {
            foreach (int threads in threadCounts)
            {
                KernelThreads.Max = threads;
                var times = ours[threads] = [];
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                void OnEpoch(LanguageModelEpoch epoch)
                {
                    // CPU from the previous epoch's end (or the run's start: building the network is a few milliseconds).
                    var now = Process.GetCurrentProcess().TotalProcessorTime;
                    times.Add(new EpochTime(epoch.TrainingSeconds, epoch.Seconds, (now - cpu).TotalSeconds, epoch.TrainLoss, epoch.ValidationLoss));
                    cpu = now;
                    Console.Error.WriteLine($"  Recur {threads}T epoch {epoch.Epoch}: {epoch.TrainingSeconds:F2} s training, {epoch.Seconds:F2} s with validation, " +
                        $"{times[^1].CpuSeconds:F2} CPU s, loss {epoch.TrainLoss:F4}, validation {epoch.ValidationLoss:F4}");
                }
                recipe.EpochCompleted += OnEpoch;
                recipe.Run();
                recipe.EpochCompleted -= OnEpoch;
            }
        }
        finally
        {
            KernelThreads.Max = savedThreads;
        }

        var peer = new Dictionary<int, List<EpochTime>>();
        string? peerDescription = null;
        if (!args.Contains("--no-peer"))
        {
            string folder = Directory.CreateTempSubdirectory("recur-lm-epochs-").FullName;
            try
            {
                Export(folder, data);
                foreach (int threads in peerThreads)
                {
                    var lines = PythonPeer.Run(PeerScript, ["--json", "--ids", folder, "--epochs", epochs.ToString(CultureInfo.InvariantCulture),
                        "--threads", threads.ToString(CultureInfo.InvariantCulture)], "torch, numpy", required: true);
                    if (lines is null) return 1;
                    var times = peer[threads] = [];
                    foreach (var line in lines)
                    {
                        if (line.TryGetProperty("description", out var text)) { peerDescription = text.GetString(); continue; }
                        times.Add(new EpochTime(line.GetProperty("train_seconds").GetDouble(), line.GetProperty("epoch_seconds").GetDouble(),
                            line.GetProperty("cpu_seconds").GetDouble(), line.GetProperty("loss").GetDouble(), line.GetProperty("validation_loss").GetDouble()));
                    }
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        Console.WriteLine();
        if (peerDescription is not null) Console.WriteLine($"Peer: {peerDescription}");
        Console.WriteLine($"Load average (1, 5, 15 min) before: {loadBefore}; after: {BenchTiming.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| workload | " + string.Join(" | ", threadCounts.Select(n => $"Recur {n}T s/epoch")) + " | " +
            string.Join(" | ", peerThreads.Select(n => $"PyTorch {n}T s/epoch")) + " | PyTorch best / Recur best | target | " +
            "Recur best training s | PyTorch best training s | CPU s/epoch, Recur 1T / PyTorch 1T | last epoch's validation loss, Recur / PyTorch |");
        Console.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---:|", threadCounts.Length + peerThreads.Length + 1)) + "---|---:|---:|---:|---|");
        static double? Mean(Dictionary<int, List<EpochTime>> table, int threads, Func<EpochTime, double> pick) =>
            table.TryGetValue(threads, out var list) && list.Count > 0 ? list.Average(pick) : null;
        static string F(double? seconds) => seconds is double s ? s.ToString("F2", CultureInfo.InvariantCulture) : "–";
        static double? Best(Dictionary<int, List<EpochTime>> table, Func<EpochTime, double> pick) =>
            table.Keys.Select(n => Mean(table, n, pick)).Min();
        static string LastValidation(Dictionary<int, List<EpochTime>> table) =>
            table.Values.FirstOrDefault(list => list.Count > 0)?[^1].ValidationLoss.ToString("F4", CultureInfo.InvariantCulture) ?? "–";
        double? oursBest = Best(ours, x => x.EpochSeconds), peerBest = Best(peer, x => x.EpochSeconds);
        string ratio = "–", target = $"≥ {Target:0.#}×";
        if (oursBest is double o && peerBest is double p)
        {
            ratio = (p / o).ToString("F2", CultureInfo.InvariantCulture) + "×";
            target += p / o >= Target ? " met" : " not met";
        }
        Console.WriteLine($"| {Description} ({shape}) | " + string.Join(" | ", threadCounts.Select(n => F(Mean(ours, n, x => x.EpochSeconds)))) + " | " +
            string.Join(" | ", peerThreads.Select(n => F(Mean(peer, n, x => x.EpochSeconds)))) + $" | {ratio} | {target} | " +
            $"{F(Best(ours, x => x.TrainingSeconds))} | {F(Best(peer, x => x.TrainingSeconds))} | {F(Mean(ours, 1, x => x.CpuSeconds))} / {F(Mean(peer, 1, x => x.CpuSeconds))} | " +
            $"{LastValidation(ours)} / {LastValidation(peer)} |");
        Console.WriteLine();
        Console.WriteLine($"Mean over {epochs} epoch(s) of the whole epoch (402 training steps and the validation pass with the carried state); " +
            "\"training s\" = the steps alone. The first epoch includes each side's warm-up.");
        return 0;
    }

    /// <summary>Writes the training and validation ids as little-endian int32 files, and the vocabulary size as <c>recipe.json</c>, for the peer.</summary>
    private static void Export(string folder, LanguageModelData data)
    {
        File.WriteAllBytes(Path.Combine(folder, "train.ids.i32"), MemoryMarshal.AsBytes(data.Train.AsSpan()).ToArray());
        File.WriteAllBytes(Path.Combine(folder, "validation.ids.i32"), MemoryMarshal.AsBytes(data.Validation.AsSpan()).ToArray());
        File.WriteAllText(Path.Combine(folder, "recipe.json"), new JsonObject { ["vocabulary_size"] = data.Tokenization.Vocabulary.Count }.ToJsonString());
    }

    private static int[] Counts(string list) => list.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).Distinct().ToArray();
}
