using Recur.Losses;

namespace Recur.Tests.Losses;

/// <summary>What the losses' options do at their edges, and the errors they give for bad arguments.</summary>
public class LossOptionTests
{
    private static Tensor Logits(params int[] shape)
    {
        var x = Tensor.Uniform(new Generator(5), -2f, 2f, shape);
        x.RequiresGrad = true;
        return x;
    }

    [Fact]
    public void Cross_entropy_with_every_target_ignored_is_nan_with_a_zero_gradient_as_pytorch()
    {
        // PyTorch 1.13: F.cross_entropy(x, [-100, -100]) is nan (0 / 0) and x.grad is all zeros; with reduction sum, 0.
        var x = Logits(2, 3);
        var loss = new CrossEntropyLoss().Forward(x, [-100, -100]);
        Assert.True(float.IsNaN(loss.Item()));
        loss.Backward();
        Assert.All(x.Grad!.ToArray(), g => Assert.Equal(0f, g));
        Assert.Equal(0f, new CrossEntropyLoss(Reduction.Sum).Forward(Logits(2, 3), [-100, -100]).Item());
    }

    [Fact]
    public void Cross_entropy_without_reduction_is_shaped_like_the_targets_and_zero_where_ignored()
    {
        var loss = new CrossEntropyLoss(Reduction.None).Forward(Logits(2, 4, 3), [1, 2, -100, 0, -100, 3]);
        Assert.Equal([2, 3], loss.Shape);
        var values = loss.ToArray();
        Assert.Equal(0f, values[2]);
        Assert.Equal(0f, values[4]);
        Assert.All(new[] { 0, 1, 3, 5 }, i => Assert.True(values[i] > 0));
    }

    [Fact]
    public void Sequence_logits_give_the_loss_of_the_same_positions_laid_out_as_rows()
    {
        // [N, C, T] → [N·T, C] by moving the class axis last: the same positions, the same mean and gradients.
        var seq = Logits(2, 3, 4);
        int[] targets = [0, 2, 1, -100, 2, 2, 0, 1];
        var rows = Tensor.Zeros(8, 3);
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 3; c++)
                for (int t = 0; t < 4; t++) rows[n * 4 + t, c] = seq[n, c, t];
        rows.RequiresGrad = true;
        var a = new CrossEntropyLoss(labelSmoothing: 0.1f).Forward(seq, targets);
        var b = new CrossEntropyLoss(labelSmoothing: 0.1f).Forward(rows, targets);
        Assert.Equal(b.Item(), a.Item(), 6);
        a.Backward();
        b.Backward();
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 3; c++)
                for (int t = 0; t < 4; t++) Assert.Equal(rows.Grad![n * 4 + t, c], seq.Grad![n, c, t], 6);
    }

    [Fact]
    public void Cross_entropy_names_targets_of_the_wrong_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(Logits(2, 5, 3), Tensor.Zeros(2, 5)));
        Assert.Contains("logits [2, 5, 3] need targets [2, 3]", e.Message);
        var f = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(Logits(2, 5, 3), [0, 1]));
        Assert.Contains("need 6 targets", f.Message);
        Assert.Contains("expects logits [N, C]", Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(Logits(5), [0])).Message);
    }

    [Fact]
    public void Cross_entropy_refuses_a_class_outside_the_logits_unless_it_is_the_ignore_index()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss().Forward(Logits(3, 4), [0, 4, 1]));
        Assert.Contains("target 1 is 4, outside the 4 classes [0, 4) and not the ignore index -100", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss(ignoreIndex: 4).Forward(Logits(3, 4), [0, -100, 1]));
        Assert.True(float.IsFinite(new CrossEntropyLoss(ignoreIndex: 4).Forward(Logits(3, 4), [0, 4, 1]).Item()));
    }

    [Fact]
    public void Cross_entropy_weight_and_smoothing_are_checked()
    {
        var e = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss(weight: Tensor.Ones(3)).Forward(Logits(2, 4), [0, 1]));
        Assert.Contains("weight has 3 values but the logits have 4 classes", e.Message);
        Assert.Throws<ArgumentException>(() => new CrossEntropyLoss(weight: Tensor.Ones(2, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss(labelSmoothing: 1.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss(labelSmoothing: float.NaN));
    }

    [Fact]
    public void Bce_weights_must_broadcast_to_the_input_shape()
    {
        var x = Tensor.Full(0.5f, 3, 4);
        var e = Assert.Throws<ArgumentException>(() => new BCELoss(weight: Tensor.Ones(3)).Forward(x, x));
        Assert.Contains("cannot be broadcast", e.Message);
        var f = Assert.Throws<ArgumentException>(() => new BCEWithLogitsLoss(posWeight: Tensor.Ones(2, 3, 4)).Forward(x, x));
        Assert.Contains("posWeight [2, 3, 4] broadcasts the input [3, 4] to [2, 3, 4]", f.Message);
    }

    [Fact]
    public void A_pos_weight_of_one_changes_nothing()
    {
        var x = Logits(3, 4);
        var y = Tensor.FromArray([1f, 0f, 1f, 1f, 0f, 0f, 1f, 0f, 0.3f, 1f, 0f, 1f], 3, 4);
        var plain = new BCEWithLogitsLoss().Forward(x, y).Item();
        var weighted = new BCEWithLogitsLoss(posWeight: Tensor.Scalar(1f)).Forward(x, y).Item();
        Assert.Equal(plain, weighted);
    }

    [Fact]
    public void An_unknown_reduction_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MSELoss((Reduction)7));
    }
}
