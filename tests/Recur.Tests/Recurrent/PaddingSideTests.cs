using Recur.Data.Text;
using Recur.Nn;

namespace Recur.Tests.Recurrent;

/// <summary>
/// A batch of the same sequences padded at the start (Keras' default) or at the end (PyTorch's packed sequences) gives the
/// same outputs at the real steps, zeros at the padding, the same final states and the same gradients of every input and
/// parameter, when the lengths say which side the padding is on.
/// </summary>
public class PaddingSideTests
{
    private const int T = 6, F = 3;

    public static TheoryData<string, int, int, bool, bool> Layers()
    {
        var data = new TheoryData<string, int, int, bool, bool>();
        foreach (var kind in RecurrentKinds.All)
        {
            data.Add(kind, 4, 1, false, false);    // H fits one vector (the small-hidden LSTM kernel)
            data.Add(kind, 20, 2, true, false);    // two layers, bidirectional, general kernels
            data.Add(kind, 5, 2, true, true);      // batch-first
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Pre_padded_batch_equals_the_same_sequences_post_padded(string kind, int hidden, int layers, bool bidirectional, bool batchFirst)
    {
        var g = new Generator(7);
        int[] lengths = [T, 2, 5, 1, 3, T, 4];
        int batch = lengths.Length, d = bidirectional ? 2 : 1;
        var sequences = lengths.Select(n => Tensor.Uniform(g, -1f, 1f, n, F).ToArray()).ToArray();
        var h0 = Tensor.Uniform(g, -0.5f, 0.5f, layers * d, batch, hidden);
        var c0 = Tensor.Uniform(g, -0.5f, 0.5f, layers * d, batch, hidden);
        var outWeights = Tensor.Uniform(g, -1f, 1f, T, batch, d * hidden).ToArray();   // per real step, post layout
        var stateWeights = Tensor.Uniform(g, -1f, 1f, layers * d, batch, hidden);

        var post = Run(SequenceSide.Post);
        var pre = Run(SequenceSide.Pre);

        Assert.Equal(post.HN, pre.HN);
        Assert.Equal(post.CN, pre.CN);
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < T; t++)
            {
                // Real step t of sequence b sits at t (post) or T − n + t (pre); padding steps are zero in both.
                int preStep = t < lengths[b] ? T - lengths[b] + t : t - lengths[b];
                Assert.Equal(post.Output(t, b), pre.Output(preStep, b));
                Assert.Equal(post.InputGrad(t, b), pre.InputGrad(preStep, b));
                if (t >= lengths[b]) Assert.All(pre.Output(t - lengths[b], b), v => Assert.Equal(0f, v));
            }
        Assert.Equal(post.H0Grad, pre.H0Grad);
        Assert.Equal(post.C0Grad, pre.C0Grad);
        Assert.Equal(post.ParameterGrads.Count, pre.ParameterGrads.Count);
        foreach (var (name, grad) in post.ParameterGrads) Assert.Equal(grad, pre.ParameterGrads[name]);

        Result Run(SequenceSide side)
        {
            var module = RecurrentKinds.Create(kind, F, hidden, layers, bidirectional, batchFirst, new Generator(11));
            var input = Tensor.Full(9f, batchFirst ? [batch, T, F] : [T, batch, F]);   // padding that must not be read
            var weights = Tensor.Zeros(batchFirst ? [batch, T, d * hidden] : [T, batch, d * hidden]);
            for (int b = 0; b < batch; b++)
            {
                int first = side == SequenceSide.Pre ? T - lengths[b] : 0;
                for (int t = 0; t < lengths[b]; t++)
                {
                    sequences[b].AsSpan(t * F, F).CopyTo(input.Span.Slice(Row(first + t, b) * F, F));
                    outWeights.AsSpan((t * batch + b) * d * hidden, d * hidden).CopyTo(weights.Span.Slice(Row(first + t, b) * d * hidden, d * hidden));
                }
            }
            input.RequiresGrad = true;
            var h = h0.Clone();
            var c = c0.Clone();
            h.RequiresGrad = true;
            c.RequiresGrad = true;
            var r = module.Forward(input, h, module.HasCellState ? c : null, new SequenceLengths(lengths, side));
            var loss = (r.Output * weights).Sum() + (r.HN * stateWeights).Sum();
            if (r.CN is not null) loss = loss + (r.CN * stateWeights).Sum();
            loss.Backward();
            return new Result(r.Output.ToArray(), r.HN.ToArray(), r.CN?.ToArray(), input.Grad!.ToArray(), h.Grad!.ToArray(),
                r.CN is null ? null : c.Grad!.ToArray(),
                module.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Grad!.ToArray()), d * hidden, Row);
        }

        int Row(int t, int b) => batchFirst ? b * T + t : t * batch + b;
    }

    [Fact]
    public void Keras_pipeline_with_default_pre_padding_gives_each_sequence_its_unpadded_result()
    {
        // tokenise → PadSequences (Keras' default: pre) → Embedding → LSTM with the padded batch's own lengths.
        int[][] texts = [[3, 4, 5, 6], [7, 2], [5], [2, 3, 4, 5, 6, 7]];
        var padded = SequencePadding.PadSequences(texts);
        Assert.Equal(SequenceSide.Pre, padded.Lengths.Padding);
        var embedding = new Embedding(8, 5, paddingIdx: 0, generator: new Generator(3));
        var lstm = new Nn.Keras.KerasLSTM(6, generator: new Generator(4), inputSize: 5);

        var batched = lstm.Forward(embedding.Forward(padded.ToTensor()), padded.Lengths);

        for (int i = 0; i < texts.Length; i++)
        {
            var alone = lstm.Forward(embedding.Forward(Tensor.FromArray(texts[i].Select(id => (float)id).ToArray(), 1, texts[i].Length)));
            Assert.Equal(alone.ToArray(), batched.Narrow(0, i, 1).ToArray());
        }
    }

    [Fact]
    public void Lengths_read_off_the_ids_carry_their_side()
    {
        var pre = SequenceLengths.FromIds(Tensor.FromArray([0, 0, 4, 5, 0, 3, 2, 1, 0, 0, 0, 0], 3, 4));
        Assert.Equal(SequenceSide.Pre, pre.Padding);
        Assert.Equal([2, 3, 0], pre);
        var post = SequenceLengths.FromIds(Tensor.FromArray([4, 5, 0, 0, 3, 2, 1, 1], 2, 4));
        Assert.Equal(SequenceSide.Post, post.Padding);
        Assert.Equal([2, 4], post);
    }

    [Theory]
    [InlineData(new float[] { 4, 0, 5, 6, 1, 2, 3, 4 }, "row 0 has the padding id 0 at step 1, between real ids at steps 0 and 3")]
    [InlineData(new float[] { 0, 0, 5, 6, 1, 2, 0, 0 }, "row 0 is padded at the start but row 1 at the end")]
    [InlineData(new float[] { 1, 2, 3, 4, 0, 2, 3, 0 }, "row 1 is padded at both its start and its end")]
    public void Ids_whose_padding_is_not_one_side_are_refused(float[] ids, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => SequenceLengths.FromIds(Tensor.FromArray(ids, 2, 4)));
        Assert.Contains(message, e.Message);
    }

    private sealed record Result(float[] OutputData, float[] HN, float[]? CN, float[] InputGradData, float[] H0Grad, float[]? C0Grad,
        Dictionary<string, float[]> ParameterGrads, int Width, Func<int, int, int> Row)
    {
        public float[] Output(int t, int b) => OutputData.AsSpan(Row(t, b) * Width, Width).ToArray();

        public float[] InputGrad(int t, int b) => InputGradData.AsSpan(Row(t, b) * F, F).ToArray();
    }
}
