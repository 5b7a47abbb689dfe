using Recur.Nn;
using Xunit;
using static Recur.Tests.Parity.ParityAssert;
using K = Recur.Nn.Keras;

namespace Recur.Tests.Parity;

/// <summary>
/// Keras' <c>Dense</c> and <c>Bidirectional</c> against the PyTorch compositions that compute the same functions
/// (<c>fixtures/keras_layers.json</c>, tools/reference/keras_layers.py): <c>nn.Linear</c> + activation, and a
/// bidirectional <c>nn.LSTM</c> / <c>nn.GRU</c> / <c>nn.RNN</c> on packed sequences with its two halves merged. The
/// Keras-style layers are loaded unbuilt from the PyTorch state dict (which builds them), then outputs and the gradients
/// of <c>sum(out * w)</c> are compared.
/// </summary>
public sealed class KerasLayerParityTests
{
    private static Fixture F => Fixture.Load("keras_layers.json");

    [Theory]
    [InlineData("linear")]
    [InlineData("sigmoid")]
    [InlineData("relu")]
    [InlineData("tanh")]
    [InlineData("softmax")]
    public void Dense_matches_pytorch_linear_followed_by_the_activation(string activation)
    {
        var dense = new K.Dense(3, activation: activation);
        dense.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = F.Tensor("dense.weight"), ["bias"] = F.Tensor("dense.bias") });
        var input = F.Tensor("dense.input");
        input.RequiresGrad = true;

        var output = dense.Forward(input);
        (output * F.Tensor($"dense.{activation}.w")).Sum().Backward();

        Assert.True(dense.Built);
        AssertClose(F.Tensor($"dense.{activation}.out"), output, $"Dense {activation} output");
        AssertClose(F.Tensor($"dense.{activation}.grad.weight"), dense.Weight.Grad, $"Dense {activation} d/d weight");
        AssertClose(F.Tensor($"dense.{activation}.grad.bias"), dense.Bias!.Grad, $"Dense {activation} d/d bias");
        AssertClose(F.Tensor($"dense.{activation}.grad.input"), input.Grad, $"Dense {activation} d/d input");
    }

    public static TheoryData<string, string, SequenceSide> BidirectionalCases()
    {
        var data = new TheoryData<string, string, SequenceSide>();
        foreach (var side in new[] { SequenceSide.Post, SequenceSide.Pre })
        {
            foreach (var seq in new[] { "seq", "last" })
                foreach (var mode in new[] { "concat", "sum", "mul", "ave" })
                    data.Add("lstm", $"{seq}_{mode}", side);
            data.Add("gru", "seq_concat", side);
            data.Add("gru", "last_sum", side);
            data.Add("simple_rnn", "seq_sum", side);
            data.Add("simple_rnn", "last_concat", side);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BidirectionalCases))]
    public void Bidirectional_matches_pytorch_bidirectional_layer_with_merged_halves(string kind, string caseName, SequenceSide side)
    {
        string prefix = $"bi.{kind}", key = $"{prefix}.{caseName}";
        bool returnSequences = caseName.StartsWith("seq", StringComparison.Ordinal);
        var mode = Enum.Parse<K.MergeMode>(caseName[(caseName.IndexOf('_') + 1)..], ignoreCase: true);
        K.KerasRecurrentLayer inner = kind switch
        {
            "lstm" => new K.KerasLSTM(5, returnSequences: returnSequences),
            "gru" => new K.KerasGRU(5, returnSequences: returnSequences),
            _ => new K.SimpleRNN(5, returnSequences: returnSequences),
        };
        var layer = new K.Bidirectional(inner, mode);
        string[] names = kind == "gru"
            ? ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"]
            : ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0"];   // Keras' one bias; PyTorch's bias_hh is zero
        names = [.. names, .. names.Select(n => n + "_reverse")];
        layer.LoadStateDict(names.ToDictionary(n => n, n => F.Tensor($"{prefix}.{n}")));

        int[] lengths = F.Tensor($"{prefix}.lengths").ToArray().Select(v => (int)v).ToArray();
        var post = F.Tensor($"{prefix}.input");
        // The same sequences padded at the start: every per-step tensor moves with its steps.
        Tensor Side(Tensor t) => side == SequenceSide.Post ? t : PrePad(t, lengths);
        var input = Side(post);
        input.RequiresGrad = true;

        var output = layer.Forward(input, new SequenceLengths(lengths, side));
        var w = F.Tensor($"{key}.w");
        (output * (returnSequences ? Side(w) : w)).Sum().Backward();

        var expected = F.Tensor($"{key}.out");
        AssertClose(returnSequences ? Side(expected) : expected, output, $"{key} ({side}-padded) output");
        AssertClose(Side(F.Tensor($"{key}.grad.input")), input.Grad, $"{key} ({side}-padded) d/d input");
        var parameters = layer.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        foreach (var name in names)
            AssertClose(F.Tensor($"{key}.grad.{name}"), parameters[name].Grad, $"{key} ({side}-padded) d/d {name}", rtol: 1e-5, atol: 2e-6);
    }

    /// <summary>A post-padded <c>[B, T, K]</c> batch with each sequence's real steps moved to the end.</summary>
    private static Tensor PrePad(Tensor post, int[] lengths)
    {
        int batch = post.Dim(0), steps = post.Dim(1), width = post.Dim(2);
        var source = post.ToArray();
        var target = new float[source.Length];
        for (int b = 0; b < batch; b++)
            Array.Copy(source, b * steps * width, target, (b * steps + steps - lengths[b]) * width, lengths[b] * width);
        return Tensor.FromArray(target, batch, steps, width);
    }
}
