using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Recur.Kernels;
using Recur.Nn;
using Recur.Tasks.TextClassification;
using Recur.Training;

namespace Recur.Bench;

/// <summary>
/// Seconds per epoch of two <c>recur classify</c> recipes, through the recipe's own code (<see cref="TextClassifier.Run"/>:
/// the padded <see cref="TensorDataset"/>, the <see cref="Trainer"/>'s shuffled <see cref="DataLoader"/>, the per-batch
/// accuracy metric and the validation pass after each epoch), with <see cref="KernelThreads.Max"/> = 1 and 2; then the same
/// recipes in PyTorch (<c>bench/peers/text_epochs.py</c>) on the very same padded ids, lengths and labels, written to a
/// temporary folder for it, with 1 and 2 threads, after ours so the two never share the cores.
/// <list type="bullet">
/// <item><c>spam-slides</c>: <c>recur classify --recipe slides</c> on the SMS Spam Collection: Embedding(V, 32) → SimpleRNN(32)
/// → Dense(1), RMSprop (lr 1e-3, ρ 0.9, ε 1e-7), batch 64, pre-padded to the longest training text, lengths passed.</item>
/// <item><c>rt-lstm</c>: <c>recur classify --data rt-polarity --model lstm --hidden 128</c> with its defaults: Embedding(V, 64)
/// → Dropout(0.3) → LSTM(128) → Dropout(0.3) → Dense(1), Adam 2e-3, batch 64, pre-padded to the 95th-percentile length.</item>
/// </list>
/// Options: <c>--epochs N</c> (default 3), <c>--only key[,key…]</c>, <c>--threads N[,N…]</c>, <c>--peer-threads N[,N…]</c> (default
/// 1,2; on a machine busy with other work PyTorch's two-thread epochs can take minutes), <c>--no-peer</c>.
/// </summary>
internal static class TextEpochBenchmark
{
    private const string PeerScript = "bench/peers/text_epochs.py";

    // Issue 11: an epoch of each recipe at least 5× faster than PyTorch's.
    private const double Target = 5;

    /// <summary>One recipe: its key (shared with the peer script), a description, and its settings from the repository root.</summary>
    private sealed record Workload(string Key, string Description, Func<ClassifyOptions> Options);

    private static readonly Workload[] s_workloads =
    [
        new("spam-slides", "slides' spam recipe: Embedding(V,32) → SimpleRNN(32) → Dense(1), RMSprop, batch 64, pre-padded to the longest text",
            () => ClassifyOptions.For(TextRecipe.Slides, TextCorpus.SmsSpam, RepositoryFile.Require("data/text/sms-spam/SMSSpamCollection"))),
        new("rt-lstm", "rt-polarity: Embedding(V,64) → Dropout(0.3) → LSTM(128) → Dropout(0.3) → Dense(1), Adam, batch 64",
            () => ClassifyOptions.For(TextRecipe.Default, TextCorpus.RtPolarity, Path.GetDirectoryName(RepositoryFile.Require("data/text/rt-polarity/rt-polarity.pos"))!, TextModelKind.Lstm)
                with { Hidden = 128 }),
    ];

    /// <summary>One epoch as timed: the training steps alone, and the whole epoch (steps and the validation pass).</summary>
    private readonly record struct EpochTime(double TrainingSeconds, double EpochSeconds, double Loss, double Accuracy);

    public static int Run(string[] args)
    {
        int epochs = CommandLine.Option(args, "--epochs") is string e ? int.Parse(e, CultureInfo.InvariantCulture) : 3;
        string? only = CommandLine.Option(args, "--only");
        int[] threadCounts = CommandLine.Option(args, "--threads") is string t
            ? t.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).Distinct().ToArray()
            : [1, 2];
        string peerThreads = CommandLine.Option(args, "--peer-threads") ?? "1,2";
        var workloads = s_workloads.Where(w => only is null || only.Split(',').Contains(w.Key)).ToArray();
        if (workloads.Length == 0)
        {
            Console.Error.WriteLine($"--only {only}: no such workload; known: {string.Join(", ", s_workloads.Select(w => w.Key))}.");
            return 2;
        }
        string loadBefore = BenchTiming.LoadAverage();
        Console.WriteLine($"Recur text-epoch benchmark — {epochs} epoch(s), Recur {string.Join(" and ", threadCounts)} thread(s); " +
            $"{RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, {DateTime.Now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}");

        string folder = Directory.CreateTempSubdirectory("recur-text-epochs-").FullName;
        var ours = new Dictionary<(string, int), List<EpochTime>>();
        var shapes = new Dictionary<string, string>();
        int savedThreads = KernelThreads.Max;
        try
        {
            foreach (var workload in workloads)
            {
                var options = workload.Options() with { Epochs = epochs, Patience = null };
                var classifier = new TextClassifier(options);
                classifier.Prepare();
                var data = classifier.Data;
                var config = TextClassifierConfig.Of(options, data);
                shapes[workload.Key] = $"{data.TrainSet.Count} training texts × {config.Network.InputLength} steps, {data.ValidationSet?.Count ?? 0} validation, " +
                    $"vocabulary {config.Network.VocabularySize}";
                Console.Error.WriteLine($"  {workload.Key}: {shapes[workload.Key]}");
                Export(Path.Combine(folder, workload.Key), options, config.Network, data);

                foreach (int threads in threadCounts)
                {
                    KernelThreads.Max = threads;
                    var times = new List<EpochTime>();
                    var clock = new Stopwatch();
                    TimeSpan lastStep = default;
                    // What the runtime compiled during each epoch (the first epoch's warm-up is mostly this).
                    var jitTime = System.Runtime.JitInfo.GetCompilationTime();
                    long jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
                    classifier.StepCompleted += OnStep;
                    classifier.EpochCompleted += OnEpoch;
                    clock.Start();
                    classifier.Run();
                    classifier.StepCompleted -= OnStep;
                    classifier.EpochCompleted -= OnEpoch;
                    ours[(workload.Key, threads)] = times;

                    void OnStep(TrainingProgress _) => lastStep = clock.Elapsed;
                    void OnEpoch(EpochRecord record)
                    {
                        // The trainer times the epoch from its first batch; the training steps end with the last step.
                        var start = clock.Elapsed - record.Duration;
                        times.Add(new EpochTime((lastStep - start).TotalSeconds, record.Duration.TotalSeconds, record.Loss,
                            record.Metrics.GetValueOrDefault("accuracy")));
                        var jitNow = System.Runtime.JitInfo.GetCompilationTime();
                        long methodsNow = System.Runtime.JitInfo.GetCompiledMethodCount();
                        Console.Error.WriteLine($"  Recur {workload.Key} {threads}T epoch {record.Epoch}: {times[^1].TrainingSeconds:F2} s training, " +
                            $"{times[^1].EpochSeconds:F2} s with validation, loss {record.Loss:F4}; JIT {(jitNow - jitTime).TotalSeconds:F2} s " +
                            $"for {methodsNow - jitMethods} methods (all threads)");
                        (jitTime, jitMethods) = (jitNow, methodsNow);
                    }
                }
            }
        }
        finally
        {
            KernelThreads.Max = savedThreads;
        }

        var peer = new Dictionary<(string, int), List<EpochTime>>();
        string? peerDescription = null;
        if (!args.Contains("--no-peer"))
        {
            var lines = PythonPeer.Run(PeerScript, ["--json", "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--data", folder,
                "--only", string.Join(',', workloads.Select(w => w.Key)), "--threads", peerThreads], "torch, numpy", required: true);
            if (lines is null) return 1;
            foreach (var line in lines)
            {
                if (line.TryGetProperty("description", out var text)) { peerDescription = text.GetString(); continue; }
                var key = (line.GetProperty("name").GetString()!, line.GetProperty("threads").GetInt32());
                if (!peer.TryGetValue(key, out var list)) peer[key] = list = [];
                list.Add(new EpochTime(line.GetProperty("train_seconds").GetDouble(), line.GetProperty("epoch_seconds").GetDouble(),
                    line.GetProperty("loss").GetDouble(), line.GetProperty("accuracy").GetDouble()));
            }
        }
        Directory.Delete(folder, recursive: true);

        Console.WriteLine();
        if (peerDescription is not null) Console.WriteLine($"Peer: {peerDescription}");
        Console.WriteLine($"Load average (1, 5, 15 min) before: {loadBefore}; after: {BenchTiming.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine($"| workload | Recur 1T s/epoch | Recur 2T s/epoch | PyTorch 1T s/epoch | PyTorch 2T s/epoch | PyTorch best / Recur best | target | " +
            "Recur best training s | PyTorch best training s | last epoch's training loss, Recur / PyTorch |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|---:|---:|---|");
        foreach (var workload in workloads)
        {
            double? Mean(Dictionary<(string, int), List<EpochTime>> table, int threads, Func<EpochTime, double> pick) =>
                table.TryGetValue((workload.Key, threads), out var list) && list.Count > 0 ? list.Average(pick) : null;
            static string F(double? seconds) => seconds is double s ? s.ToString("F2", CultureInfo.InvariantCulture) : "–";
            double Best(Dictionary<(string, int), List<EpochTime>> table, Func<EpochTime, double> pick) =>
                new[] { 1, 2 }.Select(n => Mean(table, n, pick) ?? double.MaxValue).Min();
            double oursBest = Best(ours, x => x.EpochSeconds), peerBest = Best(peer, x => x.EpochSeconds);
            string ratio = "–", target = $"≥ {Target:0.#}×";
            if (peerBest < double.MaxValue)
            {
                double speedup = peerBest / oursBest;
                ratio = speedup.ToString("F2", CultureInfo.InvariantCulture) + "×";
                target += speedup >= Target ? " met" : " not met";
            }
            string LastLoss(Dictionary<(string, int), List<EpochTime>> table) =>
                table.Where(p => p.Key.Item1 == workload.Key && p.Value.Count > 0).Select(p => p.Value[^1].Loss.ToString("F4", CultureInfo.InvariantCulture))
                    .FirstOrDefault() ?? "–";
            double oursTraining = Best(ours, x => x.TrainingSeconds), peerTraining = Best(peer, x => x.TrainingSeconds);
            Console.WriteLine($"| {workload.Description} ({shapes[workload.Key]}) | {F(Mean(ours, 1, x => x.EpochSeconds))} | {F(Mean(ours, 2, x => x.EpochSeconds))} | " +
                $"{F(Mean(peer, 1, x => x.EpochSeconds))} | {F(Mean(peer, 2, x => x.EpochSeconds))} | {ratio} | {target} | " +
                $"{F(oursTraining)} | {F(peerTraining < double.MaxValue ? peerTraining : null)} | {LastLoss(ours)} / {LastLoss(peer)} |");
        }
        Console.WriteLine();
        Console.WriteLine($"Mean over {epochs} epochs of the whole epoch (shuffled batches, training steps, per-batch accuracy, validation pass); " +
            "\"training s\" = the steps alone. The first epoch includes each side's warm-up.");
        return 0;
    }

    /// <summary>
    /// Writes what the peer needs to train on the same inputs: the padded ids, lengths and labels of the training and
    /// validation texts as little-endian float32 / int32 files, and the recipe's settings as <c>recipe.json</c>.
    /// </summary>
    private static void Export(string folder, ClassifyOptions options, TextNetworkConfig network, ClassifyData data)
    {
        Directory.CreateDirectory(folder);
        var parts = new JsonObject();
        foreach (var (name, set) in new[] { ("train", data.TrainSet), ("validation", data.ValidationSet) })
        {
            if (set is null) continue;
            WriteFloats(Path.Combine(folder, name + ".ids.f32"), set.Inputs.Span);
            WriteFloats(Path.Combine(folder, name + ".labels.f32"), set.Targets.Span);
            int[] lengths = set.Lengths is { } l ? l.AsSpan().ToArray() : Enumerable.Repeat(set.Inputs.Dim(1), set.Count).ToArray();
            File.WriteAllBytes(Path.Combine(folder, name + ".lengths.i32"), MemoryMarshal.AsBytes(lengths.AsSpan()).ToArray());
            parts[name] = set.Count;
        }
        var recipe = new JsonObject
        {
            ["model"] = network.Kind.ToString().ToLowerInvariant(),
            ["vocabulary_size"] = network.VocabularySize,
            ["embedding"] = network.EmbeddingSize,
            ["hidden"] = network.Hidden,
            ["dropout"] = network.Dropout,
            ["steps"] = network.InputLength,
            ["padding"] = data.TrainSet.Lengths?.Padding.ToString().ToLowerInvariant() ?? "none",
            ["optimizer"] = options.Optimizer.ToString().ToLowerInvariant(),
            ["learning_rate"] = options.LearningRate,
            ["batch_size"] = options.BatchSize,
            ["parts"] = parts,
        };
        File.WriteAllText(Path.Combine(folder, "recipe.json"), recipe.ToJsonString());
    }

    private static void WriteFloats(string path, ReadOnlySpan<float> values) => File.WriteAllBytes(path, MemoryMarshal.AsBytes(values).ToArray());
}
