using System.Text.Json.Nodes;
using Recur.Nn;
using Recur.Tasks;
using Recur.Tasks.LanguageModels;

namespace Recur.Tests.LanguageModels;

/// <summary>
/// How a language model's weights start: the recipes' choices (Zaremba's uniform ±0.1 / ±0.05; PyTorch's defaults for
/// char-small, with which it reaches the validation loss docs/language-models.md records), what each choice draws, and
/// that a checkpoint keeps it.
/// </summary>
public sealed class LanguageModelInitTests
{
    private static readonly LanguageModelArchitecture Char = new(RecurrentKind.Lstm, VocabularySize: 67, EmbeddingSize: 32, Hidden: 32, Layers: 2,
        Dropout: 0f, TieWeights: false);

    [Fact]
    public void Char_small_starts_from_pytorch_s_defaults_and_the_zaremba_recipes_from_uniform_weights()
    {
        Assert.Null(LanguageModelOptions.For(LanguageModelRecipe.CharSmall, LanguageModelCorpus.Shakespeare, "input.txt").InitScale);
        Assert.Equal(0.1f, LanguageModelOptions.For(LanguageModelRecipe.ZarembaSmall, LanguageModelCorpus.Ptb, "ptb").InitScale);
        Assert.Equal(0.05f, LanguageModelOptions.For(LanguageModelRecipe.ZarembaMedium, LanguageModelCorpus.Ptb, "ptb").InitScale);
    }

    [Fact]
    public void Without_a_scale_the_network_is_pytorch_s_embedding_lstm_and_linear_drawn_in_that_order()
    {
        var network = new LanguageModelNetwork(Char, initScale: null, new Generator(5));

        var generator = new Generator(5);
        var expected = new Dictionary<string, Tensor>();
        foreach (var (prefix, module) in new (string, Module)[]
        {
            ("encoder.", new Embedding(67, 32, generator: generator)),
            ("rnn.", new LSTM(32, 32, 2, generator: generator)),
            ("decoder.", new Linear(32, 67, generator: generator)),
        })
            foreach (var (name, tensor) in module.StateDict())
                expected[prefix + name] = tensor;
        var actual = network.StateDict();
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, tensor) in expected)
            Assert.True(tensor.Span.SequenceEqual(actual[name].Span), name);
        // N(0, 1) reaches far past any uniform scale a recipe uses; the LSTM's and output layer's weights stay within 1/√H.
        Assert.Contains(actual["encoder.weight"].ToArray(), w => MathF.Abs(w) > 1f);
        float bound = 1f / MathF.Sqrt(32);
        Assert.All(actual.Where(p => p.Key != "encoder.weight").SelectMany(p => p.Value.ToArray()), w => Assert.InRange(MathF.Abs(w), 0f, bound));
    }

    [Fact]
    public void With_a_scale_every_weight_and_bias_is_uniform_in_it()
    {
        var network = new LanguageModelNetwork(Char, initScale: 0.05f, new Generator(5));

        var weights = network.Parameters().SelectMany(p => p.ToArray()).ToArray();
        Assert.All(weights, w => Assert.InRange(w, -0.05f, 0.05f));
        Assert.Contains(weights, w => MathF.Abs(w) > 0.045f);
    }

    [Fact]
    public void A_tied_decoder_without_a_scale_starts_its_bias_as_pytorch_s_linear_does()
    {
        var network = new LanguageModelNetwork(Char with { TieWeights = true }, initScale: null, new Generator(5));

        float bound = 1f / MathF.Sqrt(32);
        var bias = network.DecoderBias.ToArray();
        Assert.All(bias, b => Assert.InRange(b, -bound, bound));
        Assert.Contains(bias, b => MathF.Abs(b) > 0.1f);
        Assert.Same(network.Encoder.Weight, network.DecoderWeight);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.1f)]
    public void The_checkpoint_configuration_keeps_the_initialisation(float? initScale)
    {
        var tokenization = new LanguageModelTokenization(Recur.Tasks.TextClassification.TokenLevel.Char,
            Recur.Data.Text.Vocabulary.Build(["a", "b", "c"]), endOfSentence: null);
        var config = new LanguageModelConfig(tokenization, Char with { VocabularySize = tokenization.Vocabulary.Count }, initScale, []);

        var read = LanguageModelConfig.FromJson(JsonNode.Parse(config.ToJson().ToJsonString())!.AsObject(), "checkpoint.json");

        Assert.Equal(initScale, read.InitScale);
    }

    [Fact]
    public void A_checkpoint_configuration_without_init_scale_is_refused_by_name()
    {
        var tokenization = new LanguageModelTokenization(Recur.Tasks.TextClassification.TokenLevel.Char,
            Recur.Data.Text.Vocabulary.Build(["a", "b", "c"]), endOfSentence: null);
        var json = new LanguageModelConfig(tokenization, Char with { VocabularySize = tokenization.Vocabulary.Count }, null, []).ToJson();
        json.Remove("init_scale");

        var error = Assert.Throws<InvalidDataException>(() => LanguageModelConfig.FromJson(json, "checkpoint.json"));

        Assert.Contains("init_scale is missing", error.Message);
    }
}
