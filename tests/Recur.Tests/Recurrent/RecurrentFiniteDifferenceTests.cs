using Recur.Nn;

namespace Recur.Tests.Recurrent;

/// <summary>
/// Central finite differences through Recur's own float32 forward, against the hand-written BPTT, for every cell kind
/// and layer option. (Exactness is proven against PyTorch in the parity tests; this proves the backward is the
/// derivative of the forward, option by option.)
/// </summary>
public class RecurrentFiniteDifferenceTests
{
    private const int T = 4, B = 3, F = 3, H = 4;

    public static TheoryData<string, int, bool, bool, bool, bool, bool> Options()
    {
        var data = new TheoryData<string, int, bool, bool, bool, bool, bool>();
        foreach (var kind in new[] { "rnn_tanh", "rnn_relu", "lstm", "gru", "gru_reset_before" })
        {
            data.Add(kind, 1, false, false, false, false, true);   // plain
            data.Add(kind, 2, true, false, true, true, true);      // two layers, bidirectional, initial states, ragged
            data.Add(kind, 1, false, true, false, true, false);    // batch-first, ragged, no bias
            data.Add(kind, 3, true, true, true, false, true);      // three layers, bidirectional, batch-first, initial states
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Recurrent_backward_matches_finite_differences(string kind, int layers, bool bidirectional, bool batchFirst,
        bool initialState, bool ragged, bool bias)
    {
        var g = new Generator(42);
        int d = bidirectional ? 2 : 1;
        RecurrentBase module = kind switch
        {
            "rnn_tanh" => new RNN(F, H, layers, Nonlinearity.Tanh, bias, batchFirst, 0f, bidirectional, g),
            "rnn_relu" => new RNN(F, H, layers, Nonlinearity.Relu, bias, batchFirst, 0f, bidirectional, g),
            "lstm" => new LSTM(F, H, layers, bias, batchFirst, 0f, bidirectional, g),
            "gru" => new GRU(F, H, layers, bias, batchFirst, 0f, bidirectional, true, g),
            _ => new GRU(F, H, layers, bias, batchFirst, 0f, bidirectional, false, g),
        };
        var input = Tensor.Uniform(g, -1f, 1f, batchFirst ? [B, T, F] : [T, B, F]);
        input.RequiresGrad = true;
        Tensor? h0 = initialState ? Tensor.Uniform(g, -0.5f, 0.5f, layers * d, B, H) : null;
        Tensor? c0 = initialState && kind == "lstm" ? Tensor.Uniform(g, -0.5f, 0.5f, layers * d, B, H) : null;
        if (h0 is not null) h0.RequiresGrad = true;
        if (c0 is not null) c0.RequiresGrad = true;
        int[]? lengths = ragged ? [T, 1, 3] : null;
        var wOut = Tensor.Uniform(g, -1f, 1f, batchFirst ? [B, T, d * H] : [T, B, d * H]);
        var wH = Tensor.Uniform(g, -1f, 1f, layers * d, B, H);
        var wC = Tensor.Uniform(g, -1f, 1f, layers * d, B, H);

        Tensor Loss()
        {
            var r = module.Forward(input, h0, c0, lengths);
            var loss = (r.Output * wOut).Sum() + (r.HN * wH).Sum();
            return r.CN is null ? loss : loss + (r.CN * wC).Sum();
        }

        Loss().Backward();
        var checkedTensors = new List<(string Name, Tensor Tensor)> { ("input", input) };
        if (h0 is not null) checkedTensors.Add(("h0", h0));
        if (c0 is not null) checkedTensors.Add(("c0", c0));
        checkedTensors.AddRange(module.NamedParameters());

        // relu has kinks: a difference that straddles one measures neither side's slope, so such points are
        // recognised by their one-sided slopes disagreeing, skipped, and counted.
        bool kinked = kind == "rnn_relu";
        float h = kinked ? 3e-3f : 1e-2f;
        int skipped = 0, total = 0;
        foreach (var (name, tensor) in checkedTensors)
        {
            var analytic = tensor.Grad!.ToArray();
            var data = tensor.Span;
            for (int i = 0; i < data.Length; i++)
            {
                float saved = data[i];
                double plus, minus, centre;
                using (new NoGradScope())
                {
                    centre = Loss().Item();
                    data[i] = saved + h;
                    plus = Loss().Item();
                    data[i] = saved - h;
                    minus = Loss().Item();
                }
                data[i] = saved;
                total++;
                double numeric = (plus - minus) / (2 * h);
                double tolerance = 2e-2 * Math.Max(1.0, Math.Abs(numeric));
                if (kinked && Math.Abs((plus - centre) / h - (centre - minus) / h) > tolerance)
                {
                    skipped++;
                    continue;
                }
                Assert.True(Math.Abs(numeric - analytic[i]) <= tolerance,
                    $"{kind} {name}[{i}]: analytic {analytic[i]}, numeric {numeric}");
            }
        }
        Assert.True(skipped * 10 <= total, $"{skipped} of {total} points sat on a relu kink");
    }
}
