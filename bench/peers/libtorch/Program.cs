// The bench's libtorch peer: training steps of bench/Recur.Bench's `train` benchmark in TorchSharp 0.107 (LibTorch 2.10,
// the C++ core of current PyTorch, with its own MKL and OpenMP), written as a TorchSharp user writes them.
//
// Run: bench/peers/libtorch/run [--json] [--only NAME[,NAME...]] [--threads 1|2] [--min]   (after bench/peers/libtorch/setup.sh)
// Prints a markdown table (median ms per training step after warm-up, with 1 and 2 threads, or the one --threads names), or
// with --json one JSON object per line that Recur.Bench reads, as it reads bench/peers/recurrent.py's. --min reports the
// fastest sample instead.
// Or: run --serve --only NAME --threads N — warms the one step up, prints {"ready":ms}, then for every line "n" it reads
// runs n steps and prints {"ms":ms per step}, until its input ends: Recur.Bench's `paired` benchmark takes its samples in
// turn with Recur's, so that both sides see the same moments of a shared machine.
// A step is zero_grad, forward, loss, backward, Adam step on one fixed seeded batch; each step's temporaries are
// disposed at its end (a dispose scope), as TorchSharp's documentation asks of a training loop.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

bool asJson = args.Contains("--json");
bool fastest = args.Contains("--min");
int onlyAt = Array.IndexOf(args, "--only");
HashSet<string>? only = onlyAt >= 0 && onlyAt + 1 < args.Length ? [.. args[onlyAt + 1].Split(',')] : null;
int threadsAt = Array.IndexOf(args, "--threads");
int[] threadCounts = threadsAt >= 0 && threadsAt + 1 < args.Length ? [int.Parse(args[threadsAt + 1], CultureInfo.InvariantCulture)] : [1, 2];

string description = $"libtorch {torch.__version__} (TorchSharp 0.107), {Environment.ProcessorCount} cores";
if (asJson)
    Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string> { ["description"] = description }));

// name -> factory of one training step; the keys Recur.Bench matches on (TrainWorkloads).
var workloads = new (string Name, Func<Action> Create)[]
{
    ("mnist-gru", MnistGru),
    ("imdb-lstm", ImdbLstm),
    ("imdb-classifier", ImdbClassifier),
    ("spam-rnn", SpamRnn),
};

if (args.Contains("--serve"))
{
    var served = only is { Count: 1 } ? workloads.Where(w => only.Contains(w.Name)).ToArray() : [];
    if (served.Length != 1 || threadsAt < 0)
    {
        Console.Error.WriteLine($"--serve needs --only with one of {string.Join(", ", workloads.Select(w => w.Name))}, and --threads.");
        return 2;
    }
    torch.set_num_threads(threadCounts[0]);
    var step = served[0].Create();
    var warm = Stopwatch.StartNew();
    for (int calls = 0; calls < 20 || warm.Elapsed.TotalSeconds < 0.3; calls++)
        step();
    var probe = Stopwatch.StartNew();
    for (int i = 0; i < 5; i++)
        step();
    Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, double> { ["ready"] = probe.Elapsed.TotalMilliseconds / 5 }));
    while (Console.ReadLine() is string request && int.TryParse(request, CultureInfo.InvariantCulture, out int count) && count > 0)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
            step();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, double> { ["ms"] = Stopwatch.GetElapsedTime(start).TotalMilliseconds / count }));
    }
    return 0;
}

var rows = new List<(string Name, double One, double Two)>();
foreach (var (name, create) in workloads)
{
    if (only is not null && !only.Contains(name))
        continue;
    var ms = new double[] { double.NaN, double.NaN };
    foreach (int threads in threadCounts)
    {
        torch.set_num_threads(threads);
        ms[threads - 1] = StepSeconds(create(), fastest) * 1e3;
    }
    rows.Add((name, ms[0], ms[1]));
    if (asJson)
    {
        var line = new Dictionary<string, object> { ["name"] = name };
        foreach (int threads in threadCounts)
            line[$"ms_{threads}t"] = ms[threads - 1];
        Console.WriteLine(JsonSerializer.Serialize(line));
    }
}

if (!asJson)
{
    Console.WriteLine(description);
    Console.WriteLine();
    Console.WriteLine("| workload | libtorch 1T ms | libtorch 2T ms |");
    Console.WriteLine("|---|---:|---:|");
    foreach (var (name, one, two) in rows)
        Console.WriteLine($"| {name} | {Ms(one)} | {Ms(two)} |");
}

return 0;

static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms.ToString("F3", CultureInfo.InvariantCulture);

// Warm up (20 calls and 0.3 s at least), size 15 samples to ~1 s in all, and give the median (or with --min the fastest)
// sample's time per call: bench/peers/peer_timing.py's median_seconds, as recurrent.py calls it but for 20 warm-up calls, not 10.
static double StepSeconds(Action step, bool fastest)
{
    var clock = Stopwatch.StartNew();
    int calls = 0;
    while (calls < 20 || clock.Elapsed.TotalSeconds < 0.3)
    {
        step();
        calls++;
    }
    double perCall = clock.Elapsed.TotalSeconds / calls;
    int inner = Math.Max(1, (int)(1.0 / 15 / perCall));
    var times = new double[15];
    for (int s = 0; s < times.Length; s++)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < inner; i++)
            step();
        times[s] = Stopwatch.GetElapsedTime(start).TotalSeconds / inner;
    }
    Array.Sort(times);
    return fastest ? times[0] : times[times.Length / 2];
}

// One training step of `forward` (ids or inputs → logits) with Adam(lr 1e-3) and `loss`.
static Action TrainStep(nn.Module[] modules, Func<Tensor> forward, Func<Tensor, Tensor> loss)
{
    var optimizer = torch.optim.Adam(modules.SelectMany(m => m.parameters()), lr: 1e-3);
    return () =>
    {
        using var scope = torch.NewDisposeScope();
        optimizer.zero_grad();
        loss(forward()).backward();
        optimizer.step();
    };
}

// A binary text classifier's step: ids [batch, steps] below `vocabulary`, labels 0 or 1, BCE on the logits `model` gives.
static Action BinaryTextStep(int vocabulary, long batch, long steps, nn.Module[] model, Func<Tensor, Tensor> logitsOf)
{
    var ids = torch.randint(0, vocabulary, [batch, steps]);
    var y = torch.randint(0, 2, [batch, 1]).to(ScalarType.Float32);
    var criterion = nn.BCEWithLogitsLoss();
    return TrainStep(model, () => logitsOf(ids), logits => criterion.forward(logits, y));
}

static Action ImdbLstm()
{
    // PyTorch's way of writing it (bench/peers/recurrent.py imdb_lstm): the LSTM's whole output, the head on its last step.
    torch.manual_seed(1);
    var embedding = nn.Embedding(10000, 128);
    var lstm = nn.LSTM(128, 128, batchFirst: true);
    var head = nn.Linear(128, 1);
    return BinaryTextStep(10000, 32, 80, [embedding, lstm, head], ids =>
    {
        var (output, _, _) = lstm.forward(embedding.forward(ids));
        return head.forward(output[.., -1, ..]);
    });
}

static Action ImdbClassifier()
{
    // recur classify's LSTM network at the IMDB shape as a PyTorch user writes the classifier (recurrent.py
    // imdb_classifier): padding id 0, the head on the final hidden state h_n[-1].
    torch.manual_seed(1);
    var embedding = nn.Embedding(10000, 128, padding_idx: 0);
    var lstm = nn.LSTM(128, 128, batchFirst: true);
    var head = nn.Linear(128, 1);
    return BinaryTextStep(10000, 32, 80, [embedding, lstm, head], ids =>
    {
        var (_, hidden, _) = lstm.forward(embedding.forward(ids));
        return head.forward(hidden[-1]);
    });
}

static Action SpamRnn()
{
    torch.manual_seed(1);
    var embedding = nn.Embedding(4013, 32);
    var rnn = nn.RNN(32, 32, batchFirst: true);
    var head = nn.Linear(32, 1);
    return BinaryTextStep(4013, 64, 60, [embedding, rnn, head], ids =>
    {
        var (output, _) = rnn.forward(embedding.forward(ids), null);
        return head.forward(output[.., -1, ..]);
    });
}

static Action MnistGru()
{
    torch.manual_seed(1);
    var gru = nn.GRU(28, 128, numLayers: 2, batchFirst: true);
    var head = nn.Linear(128, 10);
    nn.Module[] model = [gru, head];
    var x = torch.rand(100, 28, 28);
    var y = torch.randint(0, 10, [100]);
    var criterion = nn.CrossEntropyLoss();
    return TrainStep(model, () =>
    {
        var (output, _) = gru.forward(x, null);
        return head.forward(output[.., -1, ..]);
    }, logits => criterion.forward(logits, y));
}
