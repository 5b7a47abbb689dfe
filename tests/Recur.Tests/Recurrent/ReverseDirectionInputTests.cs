using Recur.Nn;
using Recur.Nn.Recurrent;
using Recur.Tests.GradientChecks;

namespace Recur.Tests.Recurrent;

/// <summary>
/// A bidirectional stack whose first layer's backward direction reads an input of its own (what Keras' <c>Bidirectional</c>
/// needs when its two copies drop their inputs by different masks): each direction's half of the output is what the stack
/// gives when both read that direction's input, and the backward is the derivative of the forward for both inputs, in
/// every layout the stack reads (time-major in place, batch-first gathered, pre-padded rotated).
/// </summary>
public sealed class ReverseDirectionInputTests
{
    private const int T = 5, B = 3, F = 4, H = 3;

    private static (RecurrentStack Stack, DirectionParameters[] Parameters) Stack(bool batchFirst, int layers, Generator g)
    {
        var loop = new LSTM(F, H, generator: g).TimeLoop;
        var parameters = RecurrentParameters.Create((_, t) => { t.RequiresGrad = true; return t; }, loop, F, H, layers, 2,
            RecurrentBias.InputAndHidden, RecurrentInit.PyTorch, g, layerSuffixes: true);
        return (new RecurrentStack("LSTM", loop, F, H, layers, 2, 0f, batchFirst), parameters);
    }

    /// <summary>A stack and two different inputs for it, x for the forward direction and y for the backward one.</summary>
    private static (RecurrentStack Stack, DirectionParameters[] Parameters, Tensor X, Tensor Y) Setup(bool batchFirst, int layers, Generator g)
    {
        var (stack, parameters) = Stack(batchFirst, layers, g);
        int[] shape = batchFirst ? [B, T, F] : [T, B, F];
        return (stack, parameters, Tensor.Uniform(g, -1f, 1f, shape), Tensor.Uniform(g, -1f, 1f, shape));
    }

    public static TheoryData<bool, SequenceSide?, int> Layouts() => new()
    {
        { false, null, 1 },                 // time-major, read in place
        { false, SequenceSide.Post, 2 },    // in place, with lengths, a second layer on both directions
        { true, null, 1 },                  // batch-first: gathered to time-major
        { true, SequenceSide.Pre, 2 },      // pre-padded: rotated
    };

    private static SequenceLengths? Lengths(SequenceSide? side) => side is { } s ? new SequenceLengths([5, 2, 4], s) : null;

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Each_direction_reads_its_own_input(bool batchFirst, SequenceSide? side, int layers)
    {
        var g = new Generator(5);
        var (stack, parameters, x, y) = Setup(batchFirst, layers, g);

        var both = stack.Forward(x, null, null, Lengths(side), parameters, training: false, g, reverseInput: y);
        var onX = stack.Forward(x, null, null, Lengths(side), parameters, training: false, g);
        var onY = stack.Forward(y, null, null, Lengths(side), parameters, training: false, g);

        if (layers == 1)
        {
            // One layer: the forward half is the stack's on x, the backward half the stack's on y, to the bit.
            Assert.Equal(onX.Output.Narrow(-1, 0, H).ToArray(), both.Output.Narrow(-1, 0, H).ToArray());
            Assert.Equal(onY.Output.Narrow(-1, H, H).ToArray(), both.Output.Narrow(-1, H, H).ToArray());
            Assert.Equal(onX.HN.Select(0, 0).ToArray(), both.HN.Select(0, 0).ToArray());
            Assert.Equal(onY.HN.Select(0, 1).ToArray(), both.HN.Select(0, 1).ToArray());
        }
        else
        {
            // The first layer's states as above; the second reads both halves, so it differs from either plain run.
            Assert.Equal(onX.HN.Select(0, 0).ToArray(), both.HN.Select(0, 0).ToArray());
            Assert.Equal(onY.HN.Select(0, 1).ToArray(), both.HN.Select(0, 1).ToArray());
            Assert.NotEqual(onX.Output.ToArray(), both.Output.ToArray());
            Assert.NotEqual(onY.Output.ToArray(), both.Output.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Backward_matches_finite_differences_for_both_inputs(bool batchFirst, SequenceSide? side, int layers)
    {
        var g = new Generator(9);
        var (stack, parameters, x, y) = Setup(batchFirst, layers, g);
        x.RequiresGrad = true;
        y.RequiresGrad = true;

        var leaves = new List<CheckLeaf> { new("x", x), new("reverse input", y) };
        for (int i = 0; i < parameters.Length; i++)
        {
            leaves.Add(new CheckLeaf($"weight_ih[{i}]", parameters[i].WeightIh));
            leaves.Add(new CheckLeaf($"weight_hh[{i}]", parameters[i].WeightHh));
        }
        GradientCheck.AgainstOwnForward($"bidirectional LSTM stack, own reverse input ({(batchFirst ? "batch-first" : "time-major")}, {side?.ToString() ?? "no lengths"}, {layers} layer(s))",
            () => stack.Forward(x, null, null, Lengths(side), parameters, training: true, g, reverseInput: y).Output,
            GradientCheckOptions.Float32, [.. leaves]);
    }

    [Fact]
    public void A_one_direction_stack_or_another_shape_is_refused()
    {
        var g = new Generator(1);
        var (stack, parameters) = Stack(batchFirst: true, layers: 1, g);
        var x = Tensor.Zeros(B, T, F);
        var error = Assert.Throws<ArgumentException>(() => stack.Forward(x, null, null, null, parameters, false, g, reverseInput: Tensor.Zeros(B, T - 1, F)));
        Assert.Contains("[3, 4, 4]", error.Message);

        var loop = new LSTM(F, H, generator: g).TimeLoop;
        var single = new RecurrentStack("LSTM", loop, F, H, 1, 1, 0f, batchFirst: true);
        var singleParameters = RecurrentParameters.Create((_, t) => t, loop, F, H, 1, 1, RecurrentBias.InputAndHidden, RecurrentInit.PyTorch, g, layerSuffixes: true);
        Assert.Throws<ArgumentException>(() => single.Forward(x, null, null, null, singleParameters, false, g, reverseInput: x));
    }
}
