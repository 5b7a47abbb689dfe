using Recur.Nn;
using Recur.Training;
using K = Recur.Nn.Keras;

namespace Recur.Tests.Training;

public class ModelSummaryTests
{
    /// <summary>Keras' table for the course's spam model (65 columns, trailing spaces trimmed).</summary>
    private static string SpamTable(string embeddingShape) => string.Join('\n',
        "Model: \"sequential\"",
        "_________________________________________________________________",
        "Layer (type)                 Output Shape              Param #",
        "=================================================================",
        $"embedding (Embedding)        {embeddingShape,-26}128416",
        "_________________________________________________________________",
        "simple_rnn (SimpleRNN)       (None, 32)                2080",
        "_________________________________________________________________",
        "dense (Dense)                (None, 1)                 33",
        "=================================================================",
        "Total params: 130,529",
        "Trainable params: 130,529",
        "Non-trainable params: 0",
        "_________________________________________________________________");

    [Fact]
    public void Spam_model_summary_is_keras_table_without_a_sample_input()
    {
        var model = new Sequential(new Embedding(4013, 32), new K.SimpleRNN(32), new K.Dense(1, activation: "sigmoid"));

        var summary = model.Summary();

        Assert.Equal(SpamTable("(None, None, 32)"), summary.ToString());
        Assert.Equal([128_416L, 2_080L, 33L], summary.Rows.Select(r => r.Parameters));
        Assert.Equal(130_529, summary.TotalParameters);
        Assert.All(model.Layers.OfType<K.KerasLayer>(), l => Assert.True(l.Built));
    }

    [Fact]
    public void Spam_model_summary_shows_the_input_length_declared_built_or_seen_in_the_data()
    {
        var declared = new Sequential(new Embedding(4013, 32, inputLength: 60), new K.SimpleRNN(32), new K.Dense(1, activation: "sigmoid"));
        var built = new Sequential(new Embedding(4013, 32), new K.SimpleRNN(32), new K.Dense(1, activation: "sigmoid"));
        built.Build(null, 60);
        var run = new Sequential(new Embedding(4013, 32), new K.SimpleRNN(32), new K.Dense(1, activation: "sigmoid"));
        run.Forward(Tensor.Zeros(2, 60));

        foreach (var model in new[] { declared, built, run })
            Assert.Equal(SpamTable("(None, 60, 32)"), model.Summary().ToString());
    }

    [Fact]
    public void Sample_input_summary_gives_the_same_rows()
    {
        var model = new Sequential(new Embedding(4013, 32), new K.SimpleRNN(32), new K.Dense(1, activation: "sigmoid"));
        var summary = ModelSummary.Of(model, 1, 60);

        Assert.Equal(SpamTable("(None, 60, 32)"), summary.ToString());
        Assert.Equal("(None, 60, 32)", ModelSummary.FormatShape([1, 60, 32]));
    }

    [Fact]
    public void Repeated_layers_get_keras_suffixes_and_dropout_counts_nothing()
    {
        var model = new Sequential(new Embedding(100, 8, inputLength: 20), new K.Bidirectional(new K.KerasLSTM(16, returnSequences: true)),
            new Dropout(0.5f), new K.KerasLSTM(8), new K.Dense(8, activation: "relu"), new Dropout(0.2f), new K.Dense(3, activation: "softmax"));

        var summary = model.Summary();

        Assert.Equal(["embedding", "bidirectional", "dropout", "lstm", "dense", "dropout_1", "dense_1"], summary.Rows.Select(r => r.Name));
        Assert.Equal(["(None, 20, 8)", "(None, 20, 32)", "(None, 20, 32)", "(None, 8)", "(None, 8)", "(None, 8)", "(None, 3)"],
            summary.Rows.Select(r => LayerShape.Format(r.OutputShape!)));
        // Keras: 100·8; 2·4·((8 + 16)·16 + 16); 0; 4·((32 + 8)·8 + 8); 8·8 + 8; 0; 8·3 + 3.
        Assert.Equal([800L, 3_200L, 0L, 1_312L, 72L, 0L, 27L], summary.Rows.Select(r => r.Parameters));
        // "bidirectional (Bidirectional)" is 29 characters: its column widens instead of cutting it as Keras does.
        var lines = summary.ToString().Split('\n');
        Assert.Equal("bidirectional (Bidirectional) (None, 20, 32)            3200", lines[6]);
        Assert.Equal(new string('_', 66), lines[1]);
    }

    [Fact]
    public void Frozen_parameters_count_as_non_trainable()
    {
        var embedding = new Embedding(10, 4);
        embedding.Weight.RequiresGrad = false;
        var summary = new Sequential(embedding, new K.KerasGRU(2), new K.Dense(1)).Summary();

        Assert.Equal(40 + 3 * (4 * 2 + 2 * 2 + 2 * 2) + 3, summary.TotalParameters);
        Assert.Equal(40, summary.NonTrainableParameters);
        Assert.EndsWith("Trainable params: 51\nNon-trainable params: 40\n" + new string('_', 65), summary.ToString());
    }

    [Fact]
    public void Summary_without_a_known_input_shape_says_how_to_give_one()
    {
        var model = new Sequential(new K.KerasLSTM(10), new K.Dense(1));

        var error = Assert.Throws<InvalidOperationException>(() => model.Summary());

        Assert.Contains("input shape is unknown", error.Message);
        Assert.Contains("Sequential.Build", error.Message);
        model.Build(null, 7, 5);
        Assert.Equal(["(None, 10)", "(None, 1)"], model.Summary().Rows.Select(r => LayerShape.Format(r.OutputShape!)));
    }

    [Fact]
    public void Pytorch_style_layers_infer_their_shapes_too()
    {
        var summary = new Sequential(new Linear(2, 3), new Sigmoid(), new Linear(3, 1), new Sigmoid()).Summary();

        Assert.Equal(["linear", "sigmoid", "linear_1", "sigmoid_1"], summary.Rows.Select(r => r.Name));
        Assert.Equal(["(None, 3)", "(None, 3)", "(None, 1)", "(None, 1)"], summary.Rows.Select(r => LayerShape.Format(r.OutputShape!)));
        Assert.Equal(13, summary.TotalParameters);
    }

    [Fact]
    public void Pytorch_style_module_summary_has_pytorch_counts()
    {
        // nn.LSTM(5, 10): 4·10·(5 + 10) + 2·4·10 = 680
        var summary = ModelSummary.Of(new LSTM(5, 10));
        Assert.Equal(680, summary.TotalParameters);
        Assert.Equal("lstm", summary.ModelName);
    }

    [Theory]
    [InlineData("SimpleRNN", "simple_rnn")]
    [InlineData("LSTM", "lstm")]
    [InlineData("GlobalMaxPooling1D", "global_max_pooling1d")]
    [InlineData("Conv1D", "conv1d")]
    [InlineData("Bidirectional", "bidirectional")]
    [InlineData("ForecastNetwork", "forecast_network")]
    public void Layer_names_follow_keras_snake_case(string type, string name) => Assert.Equal(name, ModelSummary.SnakeCase(type));
}
