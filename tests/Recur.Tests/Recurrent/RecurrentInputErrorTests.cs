using Recur.Nn;

namespace Recur.Tests.Recurrent;

public class RecurrentInputErrorTests
{
    [Fact]
    public void Wrong_input_width_names_layer_expected_and_actual_shapes()
    {
        var lstm = new LSTM(5, 10);
        var e = Assert.Throws<ArgumentException>(() => lstm.Forward(Tensor.Zeros(7, 32, 4)));
        Assert.Equal("LSTM expects input [T, B, 5] but got [7, 32, 4].", e.Message);
    }

    [Fact]
    public void Wrong_rank_is_refused_with_the_batch_first_layout_named()
    {
        var gru = new GRU(28, 16, batchFirst: true);
        var e = Assert.Throws<ArgumentException>(() => gru.Forward(Tensor.Zeros(28, 28)));
        Assert.Contains("GRU expects input [B, T, 28] but got [28, 28]", e.Message);
    }

    [Fact]
    public void Wrong_initial_state_shapes_are_named()
    {
        var lstm = new LSTM(3, 4, numLayers: 2, bidirectional: true);
        var x = Tensor.Zeros(5, 2, 3);
        var e = Assert.Throws<ArgumentException>(() => lstm.Forward(x, Tensor.Zeros(2, 2, 4)));
        Assert.Contains("h0 [4, 2, 4] but got [2, 2, 4]", e.Message);
        e = Assert.Throws<ArgumentException>(() => lstm.Forward(x, null, Tensor.Zeros(4, 3, 4)));
        Assert.Contains("c0 [4, 2, 4] but got [4, 3, 4]", e.Message);
    }

    [Fact]
    public void A_length_past_the_input_steps_is_refused()
    {
        var rnn = new RNN(3, 4);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => rnn.Forward(Tensor.Zeros(5, 2, 3), null, [5, 6]));
        Assert.Contains("length 6 of sequence 1 is longer than the input's 5 steps", e.Message);
    }

    [Fact]
    public void A_negative_length_is_refused_where_the_lengths_are_made()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SequenceLengths([5, -1], SequenceSide.Pre));
        Assert.Contains("length -1 of sequence 1 is negative", e.Message);
    }

    [Fact]
    public void Lengths_count_must_match_the_batch()
    {
        var e = Assert.Throws<ArgumentException>(() => new RNN(3, 4).Forward(Tensor.Zeros(5, 2, 3), null, [5]));
        Assert.Contains("1 lengths for a batch of 2", e.Message);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1f)]
    public void Dropout_outside_zero_one_is_refused(float p)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GRU(3, 4, numLayers: 2, dropout: p));
        Assert.Contains("dropout must be in [0, 1)", e.Message);
    }

    [Fact]
    public void State_dict_from_another_architecture_names_the_key_and_shapes()
    {
        var gru = new GRU(3, 4).StateDict();
        var e = Assert.Throws<ArgumentException>(() => new LSTM(3, 4).LoadStateDict(gru));
        Assert.Contains("'weight_ih_l0' expects shape [16, 3] but the state has [12, 3]", e.Message);

        var twoLayers = new LSTM(3, 4, numLayers: 2).StateDict();
        e = Assert.Throws<ArgumentException>(() => new LSTM(3, 4).LoadStateDict(twoLayers));
        Assert.Contains("unexpected key(s) 'weight_ih_l1'", e.Message);
    }

    [Fact]
    public void Parameter_names_and_shapes_are_pytorchs()
    {
        var lstm = new LSTM(5, 10, numLayers: 2, bidirectional: true);
        var names = lstm.NamedParameters().Select(p => $"{p.Name}{Tensor.ShapeText(p.Parameter.Shape)}").ToArray();

        Assert.Equal(16, names.Length);
        Assert.Equal("weight_ih_l0[40, 5]", names[0]);
        Assert.Equal("bias_hh_l0_reverse[40]", names[7]);
        Assert.Equal("weight_ih_l1[40, 20]", names[8]);
        Assert.Equal("weight_hh_l1_reverse[40, 10]", names[13]);
    }

    [Fact]
    public void Second_backward_through_the_same_call_is_refused()
    {
        var rnn = new RNN(2, 3);
        var result = rnn.Forward(Tensor.Ones(2, 1, 2));
        var loss = result.Output.Sum() + result.HN.Sum();
        loss.Backward();
        var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("second time", e.Message);
    }
}
