using Recur.Data.Text;
using Recur.Nn;

namespace Recur.Tests.Recurrent;

/// <summary>
/// The stack runs no step past a batch's longest sequence, and reuses one workspace for every call of its size or smaller:
/// neither may change a single bit of any output, state or gradient.
/// </summary>
public class StepWindowTests
{
    private const int F = 3;

    public static TheoryData<string, int, int, bool, bool, SequenceSide> Layers()
    {
        var data = new TheoryData<string, int, int, bool, bool, SequenceSide>();
        foreach (var kind in RecurrentKinds.All)
        {
            data.Add(kind, 4, 1, false, true, SequenceSide.Pre);     // the small-hidden LSTM kernel, Keras' padding
            data.Add(kind, 20, 2, true, false, SequenceSide.Post);   // two layers, bidirectional, time-major
            data.Add(kind, 5, 2, true, true, SequenceSide.Pre);      // batch-first, rotated rows
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Padding_past_the_longest_sequence_changes_nothing(string kind, int hidden, int layers, bool bidirectional, bool batchFirst, SequenceSide side)
    {
        // The longest sequence has 4 steps: padded to 7 steps or to 4, the real steps' results are the same bits.
        int[] lengths = [2, 4, 1, 3, 4];
        var g = new Generator(5);
        var sequences = lengths.Select(n => Tensor.Uniform(g, -1f, 1f, n, F).ToArray()).ToArray();
        var weights = Tensor.Uniform(g, -1f, 1f, 4, lengths.Length, (bidirectional ? 2 : 1) * hidden).ToArray();
        var module = RecurrentKinds.Create(kind, F, hidden, layers, bidirectional, batchFirst, new Generator(11));

        var longer = Run(module, 7, sequences, weights, side, batchFirst);
        var exact = Run(module, 4, sequences, weights, side, batchFirst);

        Assert.Equal(exact.States, longer.States);
        Assert.Equal(exact.Outputs, longer.Outputs);
        Assert.Equal(exact.InputGradients, longer.InputGradients);
        Assert.Equal(exact.ParameterGradients, longer.ParameterGradients);
        Assert.All(longer.PaddingOutputs, v => Assert.Equal(0f, v));
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_smaller_batch_after_a_larger_one_gets_the_results_of_a_fresh_layer(string kind, int hidden, int layers, bool bidirectional,
        bool batchFirst, SequenceSide side)
    {
        var g = new Generator(9);
        var large = new[] { 6, 2, 5, 6, 1, 3, 4 }.Select(n => Tensor.Uniform(g, -1f, 1f, n, F).ToArray()).ToArray();
        var small = new[] { 3, 1, 2 }.Select(n => Tensor.Uniform(g, -1f, 1f, n, F).ToArray()).ToArray();
        int width = (bidirectional ? 2 : 1) * hidden;
        var largeWeights = Tensor.Uniform(g, -1f, 1f, 6, large.Length, width).ToArray();
        var smallWeights = Tensor.Uniform(g, -1f, 1f, 3, small.Length, width).ToArray();

        var used = RecurrentKinds.Create(kind, F, hidden, layers, bidirectional, batchFirst, new Generator(11));
        Run(used, 6, large, largeWeights, side, batchFirst);
        var afterLarge = Run(used, 4, small, smallWeights, side, batchFirst);
        var fresh = Run(RecurrentKinds.Create(kind, F, hidden, layers, bidirectional, batchFirst, new Generator(11)), 4, small, smallWeights, side, batchFirst);

        Assert.Equal(fresh.States, afterLarge.States);
        Assert.Equal(fresh.Outputs, afterLarge.Outputs);
        Assert.Equal(fresh.InputGradients, afterLarge.InputGradients);
        Assert.Equal(fresh.ParameterGradients, afterLarge.ParameterGradients);
    }

    /// <summary>
    /// Runs the sequences padded to <paramref name="steps"/> on <paramref name="side"/>, with the loss Σ output · weights
    /// over the real steps (weights per real step, time-major) + Σ h_n (+ Σ c_n).
    /// </summary>
    private static Result Run(RecurrentBase module, int steps, float[][] sequences, float[] weights, SequenceSide side, bool batchFirst)
    {
        int batch = sequences.Length, width = weights.Length / (batch * sequences.Max(s => s.Length / F));
        int[] lengths = sequences.Select(s => s.Length / F).ToArray();
        var input = Tensor.Full(9f, batchFirst ? [batch, steps, F] : [steps, batch, F]);   // padding that must not be read
        var lossWeights = Tensor.Zeros(batchFirst ? [batch, steps, width] : [steps, batch, width]);
        for (int b = 0; b < batch; b++)
        {
            int first = side == SequenceSide.Pre ? steps - lengths[b] : 0;
            for (int t = 0; t < lengths[b]; t++)
            {
                sequences[b].AsSpan(t * F, F).CopyTo(input.Span.Slice(Row(first + t, b) * F, F));
                weights.AsSpan((t * batch + b) * width, width).CopyTo(lossWeights.Span.Slice(Row(first + t, b) * width, width));
            }
        }
        input.RequiresGrad = true;
        foreach (var p in module.Parameters()) p.ZeroGrad();
        var r = module.Forward(input, null, null, new SequenceLengths(lengths, side));
        var loss = (r.Output * lossWeights).Sum() + r.HN.Sum();
        if (r.CN is not null) loss = loss + r.CN.Sum();
        loss.Backward();

        var outputs = new List<float>();
        var inputGradients = new List<float>();
        var paddingOutputs = new List<float>();
        for (int b = 0; b < batch; b++)
        {
            int first = side == SequenceSide.Pre ? steps - lengths[b] : 0;
            for (int t = 0; t < steps; t++)
            {
                bool real = t >= first && t < first + lengths[b];
                var row = r.Output.Span.Slice(Row(t, b) * width, width).ToArray();
                if (real)
                {
                    outputs.AddRange(row);
                    inputGradients.AddRange(input.Grad!.Span.Slice(Row(t, b) * F, F).ToArray());
                }
                else paddingOutputs.AddRange(row);
            }
        }
        var states = r.HN.ToArray().Concat(r.CN?.ToArray() ?? []).ToArray();
        var parameterGradients = module.Parameters().SelectMany(p => p.Grad!.ToArray()).ToArray();
        return new Result(states, outputs.ToArray(), inputGradients.ToArray(), parameterGradients, paddingOutputs.ToArray());

        int Row(int t, int b) => batchFirst ? b * steps + t : t * batch + b;
    }

    private sealed record Result(float[] States, float[] Outputs, float[] InputGradients, float[] ParameterGradients, float[] PaddingOutputs);
}
