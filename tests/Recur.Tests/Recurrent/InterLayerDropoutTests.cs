using Recur.Nn;
using Recur.Tests.GradientChecks;
using static Recur.Tests.Parity.ParityAssert;

namespace Recur.Tests.Recurrent;

/// <summary>
/// The dropout between stacked layers (PyTorch's <c>dropout</c> argument of <c>nn.RNN</c> / <c>nn.LSTM</c> / <c>nn.GRU</c>),
/// tested as PyTorch's <c>test_RNN_dropout</c> does: weights chosen so that the upper layer shows each value it
/// received — which must be 0 or the lower layer's output scaled by 1/(1 − p) — evaluation is the identity, p = 0 is no
/// dropout, and the backward through the mask matches finite differences at a fixed seed.
/// </summary>
public sealed class InterLayerDropoutTests
{
    private const int F = 3, H = 64, B = 16;
    private const float P = 0.3f;

    public static TheoryData<string> Kinds()
    {
        var data = new TheoryData<string>();
        foreach (var kind in RecurrentKinds.All) data.Add(kind);
        return data;
    }

    /// <summary>
    /// Two layers, one step, no initial state. Layer 0 has every weight 1 and no bias, so for an input of ones each of
    /// its B·H outputs is the same value v. Layer 1 reads unit j of its input with its unit j alone (each gate's block
    /// of <c>weight_ih_l1</c> is the identity; no recurrent weights, no bias), so its output at j is φ(x_j) with
    /// φ(0) = 0 for every kind: a dropped input shows as 0, a kept one as φ(v / (1 − p)).
    /// </summary>
    private static RecurrentBase OnesThenIdentity(string kind, float p, Generator g)
    {
        var module = RecurrentKinds.Create(kind, F, H, layers: 2, bidirectional: false, batchFirst: false, g, dropout: p);
        foreach (var (name, parameter) in module.NamedParameters())
        {
            var data = parameter.Span;
            data.Clear();
            if (name is "weight_ih_l0" or "weight_hh_l0") data.Fill(1f);
            else if (name == "weight_ih_l1") SetIdentityBlocks(parameter);
        }
        return module;
    }

    /// <summary>Every H×H block of a [G·H, H] weight set to the identity.</summary>
    private static void SetIdentityBlocks(Tensor weight)
    {
        var data = weight.Span;
        for (int row = 0; row < weight.Dim(0); row++) data[row * H + row % H] = 1f;
    }

    /// <summary>Layer 1 of <see cref="OnesThenIdentity"/> alone: φ of each element of <paramref name="input"/> [1, B, H].</summary>
    private static float[] UpperLayer(string kind, Tensor input)
    {
        var module = RecurrentKinds.Create(kind, H, H, layers: 1, bidirectional: false, batchFirst: false, new Generator(1));
        foreach (var (name, parameter) in module.NamedParameters())
        {
            parameter.Span.Clear();
            if (name == "weight_ih_l0") SetIdentityBlocks(parameter);
        }
        return module.Forward(input, null, null, null).Output.ToArray();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void In_training_each_value_passed_up_is_zero_or_the_lower_output_scaled_by_one_over_one_minus_p(string kind)
    {
        var module = OnesThenIdentity(kind, P, new Generator(7));
        var r = module.Forward(Tensor.Ones(1, B, F));

        // Layer 0's own final state is not dropped (PyTorch: hy[0] is unchanged).
        var lower = r.HN.Select(0, 0).Reshape(1, B, H);
        float v = lower.ToArray()[0];
        Assert.All(lower.ToArray(), e => Assert.Equal(v, e));
        float kept = UpperLayer(kind, lower * (1f / (1f - P)))[0];
        Assert.True(MathF.Abs(kept) > 1e-2f, $"{kind}: φ(v / (1 − p)) = {kept} is too close to φ(0) = 0 to tell them apart.");

        var output = r.Output.ToArray();
        int dropped = 0;
        foreach (float e in output)
        {
            // φ(0) is 0 up to the rounding of the kernels' fast tanh.
            if (MathF.Abs(e) <= 1e-6f) dropped++;
            else if (MathF.Abs(e - kept) > 1e-6f * MathF.Abs(kept))
                Assert.Fail($"{kind}: an output is {e}, neither 0 (dropped) nor φ(v / (1 − p)) = {kept} (kept).");
        }
        // Each of the B·H values is dropped with probability p: the count is binomial, 5 standard deviations either side.
        double mean = P * output.Length, spread = 5 * Math.Sqrt(output.Length * P * (1 - P));
        Assert.InRange(dropped, mean - spread, mean + spread);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void In_evaluation_and_with_p_zero_the_dropout_is_the_identity(string kind)
    {
        var input = Tensor.Ones(1, B, F);
        var withDropout = OnesThenIdentity(kind, P, new Generator(7));
        withDropout.Eval();
        var evaluated = withDropout.Forward(input, null, null, null);
        var noDropout = OnesThenIdentity(kind, 0f, new Generator(7));
        var trainedWithoutDropout = noDropout.Forward(input, null, null, null);

        var unscaled = Tensor.FromArray(UpperLayer(kind, evaluated.HN.Select(0, 0).Reshape(1, B, H)), 1, B, H);
        AssertClose(unscaled, evaluated.Output, $"{kind}: output in evaluation");
        AssertClose(unscaled, trainedWithoutDropout.Output, $"{kind}: output in training with p = 0");
        AssertClose(evaluated.HN, trainedWithoutDropout.HN, $"{kind}: final states, evaluation against p = 0");
        // Evaluation draws no mask: a second call gives the same values.
        AssertClose(unscaled, withDropout.Forward(input, null, null, null).Output, $"{kind}: a second call in evaluation");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Gradients_through_the_masks_of_three_bidirectional_layers_match_finite_differences_at_a_fixed_seed(string kind)
    {
        var g = new Generator(11);
        var module = RecurrentKinds.Create(kind, 3, 4, layers: 3, bidirectional: true, batchFirst: false, g, dropout: 0.4f);
        var input = Tensor.Uniform(g, -1f, 1f, 4, 3, 3);
        input.RequiresGrad = true;
        int[] lengths = [4, 1, 3];
        // The layer draws its masks from g: each run starts g from the same state, so every run has the same masks.
        var state = g.GetState();
        Tensor Run()
        {
            g.SetState(state);
            var r = module.Forward(input, null, null, lengths);
            return Tensor.Concat([r.Output.Reshape(r.Output.Size), r.HN.Reshape(r.HN.Size)], 0);
        }

        float[] training = Run().ToArray();
        module.Eval();
        Assert.NotEqual(Run().ToArray(), training);
        module.Train();

        var leaves = module.NamedParameters().Select(p => new CheckLeaf(p.Name, p.Parameter)).Prepend(new CheckLeaf("input", input)).ToArray();
        // relu's kinks: a smaller step keeps the differences on one side of them for these weights.
        var options = kind == "rnn_relu" ? GradientCheckOptions.Float32 with { Step = 1e-3 } : GradientCheckOptions.Float32;
        GradientCheck.AgainstOwnForward($"{kind}, 3 bidirectional layers, dropout 0.4", Run, options, leaves);
    }
}
