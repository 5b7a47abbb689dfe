using Recur.Losses;
using Recur.Nn;
using Recur.Optim;
using Recur.Tests.GradientChecks;
using Recur.Training;
using K = Recur.Nn.Keras;

namespace Recur.Tests.Recurrent;

/// <summary>
/// <see cref="RecurrentLayer"/>: the PyTorch-style modules stacked in a Sequential with the readout a user would write by
/// hand, and the course's MNIST model in both styles from stock parts. (Values against PyTorch: RecurrentLayerParityTests.)
/// </summary>
public class RecurrentLayerTests
{
    private static Sequential SlidesModel(Generator g) =>
        new(new RecurrentLayer(new GRU(28, 128, numLayers: 2, batchFirst: true, generator: g)), new Linear(128, 10, generator: g));

    private static Sequential KerasModel(Generator g) =>
        new(new K.KerasGRU(128, returnSequences: true, generator: g), new K.KerasGRU(128, generator: g), new K.Dense(10, generator: g));

    [Theory]
    [InlineData(RecurrentReadout.LastStep)]
    [InlineData(RecurrentReadout.FinalState)]
    [InlineData(RecurrentReadout.Sequence)]
    public void Backward_of_every_readout_matches_finite_differences_on_ragged_bidirectional_sequences(RecurrentReadout readout)
    {
        var g = new Generator(7);
        var layer = new RecurrentLayer(new GRU(3, 4, numLayers: 2, batchFirst: true, bidirectional: true, generator: g), readout);
        var x = Tensor.Uniform(g, -1f, 1f, 3, 5, 3);
        x.RequiresGrad = true;
        int[] lengths = [5, 2, 4];
        var leaves = new List<CheckLeaf> { new("input", x) };
        leaves.AddRange(layer.NamedParameters().Select(p => new CheckLeaf(p.Name, p.Parameter)));

        GradientCheck.AgainstOwnForward($"RecurrentLayer {readout}", () => layer.Forward(x, lengths), GradientCheckOptions.Float32, [.. leaves]);
    }

    [Theory]
    [InlineData(RecurrentReadout.LastStep)]
    [InlineData(RecurrentReadout.FinalState)]
    public void Pre_padded_sequences_read_the_same_last_step_as_post_padded_ones(RecurrentReadout readout)
    {
        var g = new Generator(8);
        var layer = new RecurrentLayer(new LSTM(2, 3, batchFirst: true, bidirectional: true, generator: g), readout);
        int[] lengths = [4, 1, 3];
        var post = Tensor.Zeros(3, 4, 2);
        var pre = Tensor.Zeros(3, 4, 2);
        for (int b = 0; b < 3; b++)
            for (int t = 0; t < lengths[b]; t++)
                for (int f = 0; f < 2; f++)
                {
                    float v = g.NextFloat() - 0.5f;
                    post.Span[(b * 4 + t) * 2 + f] = v;
                    pre.Span[(b * 4 + 4 - lengths[b] + t) * 2 + f] = v;
                }

        var fromPost = layer.Forward(post, new SequenceLengths(lengths, SequenceSide.Post)).ToArray();
        var fromPre = layer.Forward(pre, new SequenceLengths(lengths, SequenceSide.Pre)).ToArray();

        Assert.Equal(fromPost.Length, fromPre.Length);
        for (int i = 0; i < fromPost.Length; i++) Assert.Equal(fromPost[i], fromPre[i], 6);
    }

    [Fact]
    public void Last_step_of_a_bidirectional_module_differs_from_its_final_state_only_in_the_reverse_half()
    {
        var gru = new GRU(3, 4, batchFirst: true, bidirectional: true, generator: new Generator(9));
        var x = Tensor.Uniform(new Generator(10), -1f, 1f, 2, 6, 3);

        var last = new RecurrentLayer(gru, RecurrentReadout.LastStep).Forward(x).ToArray();
        var final = new RecurrentLayer(gru, RecurrentReadout.FinalState).Forward(x).ToArray();
        var output = gru.Forward(x).Output;

        Assert.Equal(output.Select(1, 5).ToArray(), last);
        for (int b = 0; b < 2; b++)
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(last[b * 8 + j], final[b * 8 + j]);            // forward half: the same state
                Assert.NotEqual(last[b * 8 + 4 + j], final[b * 8 + 4 + j]); // reverse half: one step against all six
            }
    }

    [Fact]
    public void A_sequential_names_the_module_parameters_as_its_own_layer_and_counts_them_as_keras_does()
    {
        var model = SlidesModel(new Generator(1));

        Assert.Equal(
            ["0.weight_ih_l0", "0.weight_hh_l0", "0.bias_ih_l0", "0.bias_hh_l0", "0.weight_ih_l1", "0.weight_hh_l1", "0.bias_ih_l1", "0.bias_hh_l1",
             "1.weight", "1.bias"],
            model.NamedParameters().Select(p => p.Name));
        var summary = model.Summary();
        Assert.Equal(161_034, summary.TotalParameters);
        Assert.Equal("gru", summary.Rows[0].Name);
        Assert.Equal("GRU", summary.Rows[0].Type);
        Assert.Equal([null, 128], summary.Rows[0].OutputShape);
        Assert.Equal([null, 10], summary.Rows[1].OutputShape);
        Assert.Contains("gru (GRU)", summary.ToString());
    }

    [Fact]
    public void The_keras_style_model_has_the_same_shapes_and_parameter_count_as_the_pytorch_style_one()
    {
        var keras = KerasModel(new Generator(2));
        keras.Build(null, 28, 28);
        var summary = keras.Summary();

        Assert.Equal(161_034, summary.TotalParameters);
        Assert.Equal([[null, 28, 128], [null, 128], [null, 10]], summary.Rows.Select(r => r.OutputShape));
        var x = Tensor.Uniform(new Generator(3), 0f, 1f, 4, 28, 28);
        Assert.Equal([4, 10], keras.Forward(x).Shape);
        Assert.Equal([4, 10], SlidesModel(new Generator(2)).Forward(x).Shape);
    }

    [Fact]
    public void Both_styles_learn_to_tell_two_row_patterns_apart()
    {
        // Class 0 lights the top rows, class 1 the bottom ones: separable only by reading the rows in order.
        var g = new Generator(4);
        const int n = 64;
        var x = Tensor.Zeros(n, 8, 6);
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % 2;
            for (int t = 0; t < 8; t++)
                for (int f = 0; f < 6; f++)
                    x.Span[(i * 8 + t) * 6 + f] = 0.3f * g.NextFloat() + ((t < 4) == (y[i] == 0) ? 0.7f : 0f);
        }
        var data = new TensorDataset(x, y);
        Sequential[] models =
        [
            new(new RecurrentLayer(new GRU(6, 8, numLayers: 2, batchFirst: true, generator: g)), new Linear(8, 2, generator: g)),
            new(new K.KerasGRU(8, returnSequences: true, generator: g), new K.KerasGRU(8, generator: g), new K.Dense(2, generator: g)),
        ];
        foreach (var model in models)
        {
            model.Build(null, 8, 6);
            var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), 0.02f),
                new TrainerOptions { Epochs = 30, BatchSize = 16, Seed = 5 }, [new Accuracy()]);
            trainer.Fit(data);

            Assert.Equal(1.0, trainer.EvaluateWithMetrics(data).Metrics["accuracy"]);
        }
    }

    [Fact]
    public void Evaluation_mode_reaches_the_module_so_its_dropout_stops()
    {
        var layer = new RecurrentLayer(new GRU(3, 4, numLayers: 2, dropout: 0.5f, batchFirst: true, generator: new Generator(11)));
        var model = new Sequential(layer);
        var x = Tensor.Uniform(new Generator(12), -1f, 1f, 2, 5, 3);

        model.Eval();
        var first = model.Forward(x).ToArray();

        Assert.False(layer.Recurrent.Training);
        Assert.Equal(first, model.Forward(x).ToArray());
        model.Train();
        model.Forward(x);
        Assert.True(layer.Recurrent.Training);
    }

    [Fact]
    public void Shapes_are_inferred_for_both_layouts_and_a_wrong_width_is_refused()
    {
        var batchFirst = new RecurrentLayer(new LSTM(5, 3, bidirectional: true, batchFirst: true), RecurrentReadout.FinalState);
        var timeMajor = new RecurrentLayer(new RNN(5, 3), RecurrentReadout.Sequence);

        Assert.Equal([null, null, 5], batchFirst.DeclaredInputShape);
        Assert.Equal([null, 6], batchFirst.ComputeOutputShape([null, 9, 5]));
        Assert.Equal([9, null, 3], timeMajor.ComputeOutputShape([9, null, 5]));
        Assert.Equal([2, 6], new RecurrentLayer(new LSTM(5, 3, bidirectional: true), RecurrentReadout.LastStep).ComputeOutputShape([9, 2, 5]));
        var error = Assert.Throws<ArgumentException>(() => batchFirst.ComputeOutputShape([null, 9, 4]));
        Assert.Contains("(batch, steps, 5)", error.Message);
        Assert.Contains("(None, 9, 4)", error.Message);
        Assert.Equal("RecurrentLayer(LSTM(5, 3, batchFirst: true, bidirectional: true), FinalState)", batchFirst.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecurrentLayer(new RNN(5, 3), (RecurrentReadout)7));
    }
}
