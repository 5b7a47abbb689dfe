using Recur.Kernels;
using Recur.Nn;
using Recur.Nn.Recurrent;
using Recur.Tests.Kernels;

namespace Recur.Tests.Recurrent;

/// <summary>
/// Results do not depend on <see cref="KernelThreads.Max"/>: recurrent layers whose time loop is split by batch rows over two
/// threads, and dense layers whose GEMMs are split over rows or columns, give the same bits as on one thread, forward and
/// every gradient.
/// </summary>
[Collection(nameof(KernelThreadsCollection))]
public class ThreadCountIndependenceTests
{
    private const int Steps = 5;

    public enum Kind { Lstm, GruResetAfter, GruResetBefore, RnnTanh, RnnRelu }

    private sealed record Run(float[] Output, float[] HN, float[]? CN, Dictionary<string, float[]> Gradients);

    private static Run Train(Kind kind, int inputSize, int hidden, int batch, int layers, bool bidirectional, bool ragged, int? parts = null)
    {
        var g = new Generator(11);
        int d = bidirectional ? 2 : 1;
        RecurrentBase layer = kind switch
        {
            Kind.Lstm => new LSTM(inputSize, hidden, layers, bidirectional: bidirectional, generator: g),
            Kind.GruResetAfter => new GRU(inputSize, hidden, layers, bidirectional: bidirectional, resetAfter: true, generator: g),
            Kind.GruResetBefore => new GRU(inputSize, hidden, layers, bidirectional: bidirectional, resetAfter: false, generator: g),
            Kind.RnnTanh => new RNN(inputSize, hidden, layers, Nonlinearity.Tanh, bidirectional: bidirectional, generator: g),
            _ => new RNN(inputSize, hidden, layers, Nonlinearity.Relu, bidirectional: bidirectional, generator: g),
        };
        layer.TimeLoopPartsOverride = parts;
        var input = Tensor.Uniform(g, -1f, 1f, Steps, batch, inputSize);
        var h0 = Tensor.Uniform(g, -0.5f, 0.5f, layers * d, batch, hidden);
        var c0 = Tensor.Uniform(g, -0.5f, 0.5f, layers * d, batch, hidden);
        input.RequiresGrad = h0.RequiresGrad = c0.RequiresGrad = true;
        int[]? lengths = ragged ? Enumerable.Range(0, batch).Select(b => 1 + (b * 7 + b / 3) % Steps).ToArray() : null;
        var wOut = Tensor.Uniform(g, -1f, 1f, Steps, batch, d * hidden);
        var wH = Tensor.Uniform(g, -1f, 1f, layers * d, batch, hidden);

        var r = layer.Forward(input, h0, layer.HasCellState ? c0 : null, lengths);
        var loss = (r.Output * wOut).Sum() + (r.HN * wH).Sum();
        if (r.CN is not null) loss = loss + (r.CN * Tensor.Uniform(g, -1f, 1f, layers * d, batch, hidden)).Sum();
        loss.Backward();

        var gradients = layer.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Grad!.ToArray());
        gradients["input"] = input.Grad!.ToArray();
        gradients["h0"] = h0.Grad!.ToArray();
        if (r.CN is not null) gradients["c0"] = c0.Grad!.ToArray();
        return new Run(r.Output.ToArray(), r.HN.ToArray(), r.CN?.ToArray(), gradients);
    }

    public static TheoryData<Kind, int, int, int, int, bool, bool> Layers() => new()
    {
        { Kind.Lstm, 64, 256, 37, 1, false, false },     // issue 10's LSTM(64→256): parts of 18 and 19 rows
        { Kind.Lstm, 64, 256, 37, 1, false, true },
        { Kind.Lstm, 20, 80, 40, 2, true, true },       // two bidirectional layers, parts of 20 rows
        { Kind.Lstm, 5, 10, 1100, 2, true, true },      // the small-hidden path
        { Kind.GruResetAfter, 28, 128, 100, 2, false, false },   // the MNIST GRU's shape
        { Kind.GruResetAfter, 28, 96, 37, 1, true, true },
        { Kind.GruResetBefore, 28, 96, 37, 2, true, true },
        { Kind.GruResetBefore, 16, 160, 40, 1, false, false },  // W_hn's own products, on parts of 20 rows
        { Kind.RnnTanh, 32, 128, 64, 1, false, true },
        { Kind.RnnTanh, 16, 512, 24, 1, false, false },  // parts of 12 rows, short enough for dot products
        { Kind.RnnRelu, 32, 96, 150, 2, true, false },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Recurrent_layers_give_the_same_bits_on_one_and_two_threads(Kind kind, int inputSize, int hidden, int batch, int layers,
        bool bidirectional, bool ragged)
    {
        int gates = kind == Kind.Lstm ? 4 : kind is Kind.GruResetAfter or Kind.GruResetBefore ? 3 : 1;
        Assert.True(TimeLoopParts.Count(gates, hidden, batch, threads: 2) > 1, "the time loop must be split on two threads");
        var (one, two) = OneAndTwoThreads.Run(() => Train(kind, inputSize, hidden, batch, layers, bidirectional, ragged));

        Assert.Equal(one.Gradients.Keys, two.Gradients.Keys);
        var differing = Differences(one, two);
        Assert.True(differing.Count == 0, $"differ between one and two threads: {string.Join(", ", differing)}");
    }

    /// <summary>The results of <paramref name="a"/> whose bits <paramref name="b"/> does not repeat.</summary>
    private static List<string> Differences(Run a, Run b)
    {
        var differing = new List<string>();
        if (!a.Output.SequenceEqual(b.Output)) differing.Add("output");
        if (!a.HN.SequenceEqual(b.HN)) differing.Add("h_n");
        if (a.CN is not null && !a.CN.SequenceEqual(b.CN!)) differing.Add("c_n");
        foreach (var (name, gradient) in a.Gradients)
            if (!gradient.SequenceEqual(b.Gradients[name])) differing.Add($"d {name}");
        return differing;
    }

    public static TheoryData<Kind, int, bool, bool> Splits() => new()
    {
        { Kind.GruResetAfter, 64, false, false },
        { Kind.GruResetAfter, 64, true, true },
        { Kind.GruResetBefore, 64, true, true },
        { Kind.Lstm, 64, false, true },
        { Kind.Lstm, 40, true, false },     // parts rounded to 2 rows
        { Kind.Lstm, 10, false, true },     // parts rounded to 8 rows, across the small-hidden kernel's blocks of 16
        { Kind.RnnTanh, 64, true, true },
        { Kind.RnnRelu, 40, false, false },
    };

    /// <summary>
    /// Each part of the time loop runs the whole recurrence of its rows: one part, two, three or seven (more parts than
    /// threads, claimed by whichever thread is free), with lengths and padding, uni- and bidirectional, give the same bits.
    /// </summary>
    [Theory]
    [MemberData(nameof(Splits))]
    public void Recurrent_layers_give_the_same_bits_however_the_batch_rows_are_split(Kind kind, int hidden, bool bidirectional, bool ragged)
    {
        var (whole, _) = OneAndTwoThreads.Run(() => Train(kind, 24, hidden, 61, 2, bidirectional, ragged, parts: 1));
        foreach (int parts in new[] { 2, 3, 7 })
        {
            var (one, two) = OneAndTwoThreads.Run(() => Train(kind, 24, hidden, 61, 2, bidirectional, ragged, parts));
            foreach (var (run, threads) in new[] { (one, 1), (two, 2) })
            {
                var differing = Differences(whole, run);
                Assert.True(differing.Count == 0, $"{parts} parts on {threads} thread(s) differ from one part: {string.Join(", ", differing)}");
            }
        }
    }

    [Theory]
    [InlineData(64, 256, 1000)]    // every product is split: forward over columns, dW over rows, dX over columns
    [InlineData(3000, 40, 40)]     // tall: forward and dX split over rows, dW (40×40, k = 3000) by outer products
    [InlineData(16, 1024, 512)]    // short: dot products forward
    public void Dense_layers_give_the_same_bits_on_one_and_two_threads(int batch, int inFeatures, int outFeatures)
    {
        Assert.True((long)batch * inFeatures * outFeatures >= GemmSplit.ParallelThreshold);
        var (one, two) = OneAndTwoThreads.Run(() =>
        {
            var g = new Generator(5);
            var linear = new Linear(inFeatures, outFeatures, generator: g);
            var input = Tensor.Uniform(g, -1f, 1f, batch, inFeatures);
            input.RequiresGrad = true;
            var output = linear.Forward(input);
            (output * Tensor.Uniform(g, -1f, 1f, batch, outFeatures)).Sum().Backward();
            return new[] { output.ToArray(), input.Grad!.ToArray(), linear.Weight.Grad!.ToArray(), linear.Bias!.Grad!.ToArray() };
        });
        for (int i = 0; i < one.Length; i++)
            Assert.True(one[i].SequenceEqual(two[i]), $"result {i} (output, d input, d weight, d bias) differs between one and two threads");
    }
}
