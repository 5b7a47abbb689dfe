using Recur.Nn;
using Recur.Nn.Keras;
using Recur.Tests.GradientChecks;
using static Recur.Tests.Parity.ParityAssert;

namespace Recur.Tests.Keras;

/// <summary>
/// The <c>dropout</c> argument of the Keras-style recurrent layers: Keras drops the input of the layer's cell with one
/// mask per sequence and feature, drawn once per call and used at every step (<c>DropoutRNNCell</c> caches it), scaled
/// by 1/(1 − rate); evaluation and rate 0 leave the input alone; the backward goes through the mask. The layers share
/// this code (<see cref="KerasRecurrentLayer"/>), tested here through <see cref="SimpleRNN"/> and its
/// <see cref="Bidirectional"/> wrapper.
/// </summary>
public sealed class RecurrentInputDropoutTests
{
    private const int B = 64, T = 5, F = 16;
    private const float Rate = 0.3f;

    /// <summary>
    /// A SimpleRNN that shows the input its cell receives: ReLU, identity kernel, no recurrent kernel, no bias, so its
    /// output at step t is relu(dropped x_t) = dropped x_t for a positive input.
    /// </summary>
    private static SimpleRNN Transparent(float rate, Generator g)
    {
        var layer = new SimpleRNN(F, returnSequences: true, activation: Nonlinearity.Relu, dropout: rate, generator: g, inputSize: F);
        foreach (var (name, parameter) in layer.NamedParameters())
        {
            var data = parameter.Span;
            data.Clear();
            if (name == "weight_ih_l0")
                for (int j = 0; j < F; j++) data[j * F + j] = 1f;
        }
        return layer;
    }

    private static Tensor PositiveInput() => Tensor.Uniform(new Generator(3), 0.5f, 1.5f, B, T, F);

    [Fact]
    public void In_training_one_mask_per_sequence_and_feature_zeroes_or_scales_the_input_at_every_step()
    {
        var x = PositiveInput();
        var output = Transparent(Rate, new Generator(7)).Forward(x).ToArray();
        var input = x.ToArray();
        float scale = 1f / (1f - Rate);

        int dropped = 0;
        for (int b = 0; b < B; b++)
            for (int f = 0; f < F; f++)
            {
                bool droppedAtFirstStep = output[(b * T) * F + f] == 0f;
                if (droppedAtFirstStep) dropped++;
                for (int t = 0; t < T; t++)
                {
                    int i = (b * T + t) * F + f;
                    float expected = droppedAtFirstStep ? 0f : input[i] * scale;
                    if (MathF.Abs(output[i] - expected) > 1e-6f * MathF.Abs(expected))
                        Assert.Fail($"sequence {b}, feature {f}, step {t}: {output[i]}, but step 0 was {(droppedAtFirstStep ? "dropped" : "kept")}, " +
                            $"so {expected} (Keras uses one mask at every step).");
                }
            }
        // B·F masks, each dropping with probability rate: binomial, 5 standard deviations either side.
        double mean = Rate * B * F, spread = 5 * Math.Sqrt(B * F * Rate * (1 - Rate));
        Assert.InRange(dropped, mean - spread, mean + spread);
    }

    [Fact]
    public void A_bidirectional_layer_draws_a_mask_for_each_direction_the_forward_one_first()
    {
        // Both directions transparent (identity input kernels, everything else zero): each half of the output is its
        // direction's dropped input. Keras' two copies of the layer drop their inputs independently.
        var g = new Generator(7);
        var layer = new Bidirectional(new SimpleRNN(F, returnSequences: true, activation: Nonlinearity.Relu, dropout: Rate, generator: g,
            inputSize: F), MergeMode.Concat);
        var x = PositiveInput();
        layer.Eval();
        layer.Forward(x);   // built, no mask drawn
        layer.Train();
        foreach (var (name, parameter) in layer.NamedParameters())
        {
            var data = parameter.Span;
            data.Clear();
            if (name.StartsWith("weight_ih_l0", StringComparison.Ordinal))
                for (int j = 0; j < F; j++) data[j * F + j] = 1f;
        }
        var state = g.GetState();
        var output = layer.Forward(x).ToArray();
        // A one-direction layer drawing from the same generator state gets the forward direction's mask.
        var other = new Generator(1);
        var alone = Transparent(Rate, other);
        other.SetState(state);
        var forwardAlone = alone.Forward(x).ToArray();

        int differing = 0;
        for (int b = 0; b < B; b++)
            for (int f = 0; f < F; f++)
            {
                for (int t = 0; t < T; t++)
                {
                    Assert.Equal(forwardAlone[(b * T + t) * F + f], output[(b * T + t) * 2 * F + f]);
                    Assert.Equal(output[(b * T) * 2 * F + F + f] == 0f, output[(b * T + t) * 2 * F + F + f] == 0f);
                }
                if ((output[(b * T) * 2 * F + f] == 0f) != (output[(b * T) * 2 * F + F + f] == 0f))
                    differing++;
            }
        // Independent masks differ at a sequence and feature with probability 2·rate·(1 − rate); one shared mask never.
        double p = 2 * Rate * (1 - Rate), mean = p * B * F, spread = 5 * Math.Sqrt(B * F * p * (1 - p));
        Assert.InRange(differing, mean - spread, mean + spread);
    }

    [Fact]
    public void Each_call_draws_a_new_mask()
    {
        var layer = Transparent(Rate, new Generator(7));
        var x = PositiveInput();
        Assert.NotEqual(layer.Forward(x).ToArray(), layer.Forward(x).ToArray());
    }

    [Fact]
    public void In_evaluation_and_with_rate_zero_the_input_passes_unchanged()
    {
        var x = PositiveInput();
        var evaluated = Transparent(Rate, new Generator(7));
        evaluated.Eval();
        AssertClose(x, evaluated.Forward(x), "SimpleRNN(dropout: 0.3) in evaluation", rtol: 0, atol: 0);
        AssertClose(x, Transparent(0f, new Generator(7)).Forward(x), "SimpleRNN(dropout: 0) in training", rtol: 0, atol: 0);
    }

    public static TheoryData<bool> Wrapped() => [false, true];

    [Theory]
    [MemberData(nameof(Wrapped))]
    public void Gradients_through_the_mask_match_finite_differences_at_a_fixed_seed(bool bidirectional)
    {
        var g = new Generator(11);
        var simple = new SimpleRNN(4, returnSequences: true, dropout: 0.4f, generator: g, inputSize: 3);
        KerasRecurrentLayer layer = bidirectional ? new Bidirectional(simple) : simple;
        var input = Tensor.Uniform(g, -1f, 1f, 3, 4, 3);
        input.RequiresGrad = true;
        var lengths = new SequenceLengths([4, 1, 3], SequenceSide.Pre);
        // The layer draws its mask from g: each run starts g from the same state, so every run has the same mask.
        var state = g.GetState();
        Tensor Run()
        {
            g.SetState(state);
            return layer.Forward(input, lengths);
        }

        float[] training = Run().ToArray();
        layer.Eval();
        Assert.NotEqual(Run().ToArray(), training);
        layer.Train();

        var leaves = layer.NamedParameters().Select(p => new CheckLeaf(p.Name, p.Parameter)).Prepend(new CheckLeaf("input", input)).ToArray();
        GradientCheck.AgainstOwnForward($"{layer}, dropout 0.4", Run, GradientCheckOptions.Float32, leaves);
    }
}
