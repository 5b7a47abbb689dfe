using Recur.Data.Text;
using Recur.Losses;
using Recur.Nn;
using Recur.Optim;
using Recur.Training;

namespace Recur.Tests.Recurrent;

/// <summary>
/// A sequence of length 0 (a text that tokenised to nothing) is what Keras makes of an all-masked sequence: zero outputs,
/// its initial state as its final state, the final state's gradient passed straight to the initial state, and no effect on
/// the other sequences or on the weights.
/// </summary>
public class ZeroLengthTests
{
    private const int T = 4, F = 3, H = 5;

    public static TheoryData<string, bool, SequenceSide> Layers()
    {
        var data = new TheoryData<string, bool, SequenceSide>();
        foreach (var kind in RecurrentKinds.All)
        {
            data.Add(kind, false, SequenceSide.Post);
            data.Add(kind, true, SequenceSide.Pre);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Empty_sequence_keeps_its_initial_state_and_leaves_the_others_alone(string kind, bool bidirectional, SequenceSide side)
    {
        const int layers = 2;
        int d = bidirectional ? 2 : 1;
        var g = new Generator(5);
        var input = Tensor.Uniform(g, -1f, 1f, T, 3, F);
        var h0 = Tensor.Uniform(g, -0.5f, 0.5f, layers * d, 3, H);
        var c0 = Tensor.Uniform(g, -0.5f, 0.5f, layers * d, 3, H);
        var stateWeights = Tensor.Uniform(g, -1f, 1f, layers * d, 3, H);
        var outWeights = Tensor.Uniform(g, -1f, 1f, T, 3, d * H);

        // Rows 0 and 2 are real; row 1 is empty. The reference runs rows 0 and 2 alone.
        var with = Run([T, 0, 2], [0, 1, 2]);
        var without = Run([T, 2], [0, 2]);

        bool lstm = kind == "lstm";
        for (int l = 0; l < layers * d; l++)
        {
            Assert.Equal(Rows(h0.ToArray(), l, 3, H, [1]), Rows(with.HN, l, 3, H, [1]));
            Assert.Equal(Rows(stateWeights.ToArray(), l, 3, H, [1]), Rows(with.H0Grad, l, 3, H, [1]));
            Assert.Equal(Rows(without.HN, l, 2, H, [0, 1]), Rows(with.HN, l, 3, H, [0, 2]));
            Assert.Equal(Rows(without.H0Grad, l, 2, H, [0, 1]), Rows(with.H0Grad, l, 3, H, [0, 2]));
            if (lstm)
            {
                Assert.Equal(Rows(c0.ToArray(), l, 3, H, [1]), Rows(with.CN!, l, 3, H, [1]));
                Assert.Equal(Rows(stateWeights.ToArray(), l, 3, H, [1]), Rows(with.C0Grad!, l, 3, H, [1]));
            }
        }
        for (int t = 0; t < T; t++)
        {
            Assert.All(Rows(with.Output, t, 3, d * H, [1]), v => Assert.Equal(0f, v));
            Assert.All(Rows(with.InputGrad, t, 3, F, [1]), v => Assert.Equal(0f, v));
            Assert.Equal(Rows(without.Output, t, 2, d * H, [0, 1]), Rows(with.Output, t, 3, d * H, [0, 2]));
        }
        foreach (var (name, grad) in without.ParameterGrads) Assert.Equal(grad, with.ParameterGrads[name]);

        Result Run(int[] lengths, int[] rows)
        {
            var module = RecurrentKinds.Create(kind, F, H, layers, bidirectional, batchFirst: false, new Generator(9));
            var x = Pick(input, rows, 1);
            x.RequiresGrad = true;
            var h = Pick(h0, rows, 1);
            var c = Pick(c0, rows, 1);
            h.RequiresGrad = true;
            c.RequiresGrad = true;
            var r = module.Forward(x, h, module.HasCellState ? c : null, new SequenceLengths(lengths, side));
            var w = Pick(outWeights, rows, 1);
            var loss = (r.HN * Pick(stateWeights, rows, 1)).Sum() + (r.Output * w).Sum();
            if (r.CN is not null) loss = loss + (r.CN * Pick(stateWeights, rows, 1)).Sum();
            loss.Backward();
            return new Result(r.Output.ToArray(), r.HN.ToArray(), r.CN?.ToArray(), x.Grad!.ToArray(), h.Grad!.ToArray(),
                r.CN is null ? null : c.Grad!.ToArray(), module.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Grad!.ToArray()));
        }
    }

    [Fact]
    public void Fit_trains_a_text_classifier_on_a_batch_holding_an_empty_text()
    {
        // ":)" has no word: it pads to a row of padding with length 0.
        string[] texts = [":)", "win a free prize now", "see you at lunch", "free entry win cash", "ok :)", "call me later"];
        int[] labels = [0, 1, 0, 1, 0, 0];
        var tokens = new WordTokenizer().TokenizeAll(texts);
        Assert.Empty(tokens[0]);
        var vocabulary = Vocabulary.Build(tokens);
        var padded = SequencePadding.PadSequences(vocabulary.EncodeAll(tokens), maxLength: 5);
        Assert.Equal(0, padded.Lengths[0]);
        var data = new TensorDataset(padded.ToTensor(), Tensor.FromArray(labels.Select(l => (float)l).ToArray(), labels.Length, 1), padded.Lengths);

        var g = new Generator(1);
        var model = new Sequential(new Embedding(vocabulary.Count, 4, paddingIdx: Vocabulary.PaddingId, generator: g),
            new Nn.Keras.SimpleRNN(4, generator: g, inputSize: 4), new Linear(4, 1, generator: g));
        var trainer = new Trainer(model, new BCEWithLogitsLoss(), new Adam(model.Parameters(), lr: 0.05f),
            new TrainerOptions { Epochs = 20, BatchSize = 3, Seed = 2 });

        var history = trainer.Fit(data);

        Assert.All(history.Epochs, e => Assert.True(double.IsFinite(e.Loss)));
        Assert.True(history.Epochs[^1].Loss < history.Epochs[0].Loss);
        // The empty text's logit is the bias's reading of the initial state: the same whatever the batch around it.
        var logits = trainer.Predict(padded.ToTensor(), padded.Lengths);
        var alone = trainer.Predict(padded.ToTensor().Narrow(0, 0, 1), padded.Lengths.Slice(0, 1));
        Assert.Equal(alone[0, 0], logits[0, 0]);
    }

    /// <summary>Rows <paramref name="rows"/> of block <paramref name="block"/> of a <c>[·, B, W]</c> array.</summary>
    private static float[] Rows(float[] data, int block, int batch, int width, int[] rows) =>
        rows.SelectMany(b => data.AsSpan((block * batch + b) * width, width).ToArray()).ToArray();

    private static Tensor Pick(Tensor source, int[] rows, int axis) => Tensor.Concat(rows.Select(r => source.Narrow(axis, r, 1)).ToList(), axis);

    private sealed record Result(float[] Output, float[] HN, float[]? CN, float[] InputGrad, float[] H0Grad, float[]? C0Grad,
        Dictionary<string, float[]> ParameterGrads);
}
