using Recur.Nn;
using Xunit;
using static Recur.Tests.Parity.ParityAssert;

namespace Recur.Tests.Parity;

/// <summary>
/// <see cref="RecurrentLayer"/> in a <see cref="Sequential"/> against the PyTorch lines it stands for
/// (<c>fixtures/recurrent_layer.json</c>, tools/reference/recurrent_layer.py): <c>output</c>, <c>output[b, length − 1]</c>
/// and <c>h_n[-1]</c> / <c>cat(h_n[-2], h_n[-1])</c> of packed <c>nn.RNN</c> / <c>nn.LSTM</c> / <c>nn.GRU</c>, some
/// followed by <c>nn.Linear</c>. The state dict loads under the Sequential's names (<c>0.weight_ih_l0</c>, <c>1.weight</c>),
/// then outputs and the gradients of <c>sum(out * w)</c> by the input and every parameter are compared.
/// </summary>
public sealed class RecurrentLayerParityTests
{
    private const int F = 4, H = 5, Classes = 3;

    private static Fixture Fx => Fixture.Load("recurrent_layer.json");

    [Theory]
    [InlineData("gru_l2_last_head", "gru", 2, false, true, RecurrentReadout.LastStep, true)]
    [InlineData("gru_l2_last_ragged", "gru", 2, false, true, RecurrentReadout.LastStep, false)]
    [InlineData("lstm_bi_last_ragged", "lstm", 1, true, true, RecurrentReadout.LastStep, false)]
    [InlineData("lstm_bi_final_ragged", "lstm", 1, true, true, RecurrentReadout.FinalState, true)]
    [InlineData("gru_bi_l2_final", "gru", 2, true, true, RecurrentReadout.FinalState, false)]
    [InlineData("rnn_bi_time_major_last", "rnn", 1, true, false, RecurrentReadout.LastStep, true)]
    [InlineData("rnn_time_major_seq_ragged", "rnn", 2, false, false, RecurrentReadout.Sequence, false)]
    public void Recurrent_layer_in_a_sequential_matches_pytorch(string name, string kind, int layers, bool bidirectional, bool batchFirst,
        RecurrentReadout readout, bool head)
    {
        RecurrentBase module = kind switch
        {
            "gru" => new GRU(F, H, layers, batchFirst: batchFirst, bidirectional: bidirectional),
            "lstm" => new LSTM(F, H, layers, batchFirst: batchFirst, bidirectional: bidirectional),
            _ => new RNN(F, H, layers, batchFirst: batchFirst, bidirectional: bidirectional),
        };
        var model = new Sequential(new RecurrentLayer(module, readout));
        if (head) model.Add(new Linear((bidirectional ? 2 : 1) * H, Classes));
        var state = Fx.Names.Where(k => k.StartsWith(name + ".0.", StringComparison.Ordinal) || k.StartsWith(name + ".1.", StringComparison.Ordinal))
            .ToDictionary(k => k[(name.Length + 1)..], k => Fx.Tensor(k));
        model.LoadStateDict(state);
        var input = Fx.Tensor($"{name}.input");
        input.RequiresGrad = true;
        SequenceLengths? lengths = Fx.Has($"{name}.lengths") ? Fx.Ints($"{name}.lengths") : null;

        var output = model.Forward(input, lengths);
        (output * Fx.Tensor($"{name}.w")).Sum().Backward();

        AssertClose(Fx.Tensor($"{name}.out"), output, $"{name} output");
        AssertClose(Fx.Tensor($"{name}.grad.input"), input.Grad, $"{name} d/d input");
        foreach (var (parameterName, parameter) in model.NamedParameters())
            AssertClose(Fx.Tensor($"{name}.grad.{parameterName}"), parameter.Grad, $"{name} d/d {parameterName}");
    }
}
