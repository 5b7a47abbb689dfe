using Recur.Data.Loading;
using Recur.Nn;
using Recur.Optim;
using Recur.Tasks;
using Recur.Tasks.LanguageModels;
using Recur.Training;
using static Recur.Tests.Parity.ParityAssert;

namespace Recur.Tests.LanguageModels;

/// <summary>
/// What <see cref="TruncatedBpttTrainer{TModel}.Evaluate"/> measures: the perplexity of a tiny corpus under a model whose
/// probabilities are known exactly, and the state carried from chunk to chunk against the whole stream read in one call.
/// </summary>
public sealed class TruncatedBpttEvaluationTests
{
    // Two streams, [2 0 0 1 2] and [1 0 1 0 2]: the targets (every token after a stream's first) are 0 four times and 1
    // and 2 twice each, so a model predicting p = (1/2, 1/4, 1/4) whatever it reads scores −(4 ln ½ + 4 ln ¼) / 8 = 1.5 ln 2
    // nats per token: perplexity 2^1.5 = 2√2.
    private static readonly int[] TinyCorpus = [2, 0, 0, 1, 2, 1, 0, 1, 0, 2];

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_model_of_known_probabilities_scores_the_tiny_corpus_exactly(int bptt)
    {
        var network = Network(RecurrentKind.Lstm, vocabulary: 3, layers: 1, seed: 1);
        // Every weight zero: the decoder's logits are its bias alone, whatever the input and state.
        var state = network.NamedParameters().ToDictionary(p => p.Name, p => Tensor.Zeros(p.Parameter.Shape));
        state["decoder.bias"] = Tensor.FromArray([MathF.Log(0.5f), MathF.Log(0.25f), MathF.Log(0.25f)], 3);
        network.LoadStateDict(state);

        double loss = TruncatedBpttTrainer<LanguageModelNetwork>.EvaluateModel(network, new LanguageModelBatches(TinyCorpus, batchSize: 2, bptt: bptt));

        Assert.Equal(1.5 * Math.Log(2), loss, 1e-6);
        Assert.Equal(2 * Math.Sqrt(2), Math.Exp(loss), 1e-5);
    }

    [Fact]
    public void A_model_that_knows_nothing_has_the_vocabulary_size_as_perplexity()
    {
        var network = Network(RecurrentKind.Gru, vocabulary: 7, layers: 2, seed: 2);
        network.LoadStateDict(network.NamedParameters().ToDictionary(p => p.Name, p => Tensor.Zeros(p.Parameter.Shape)));
        int[] corpus = [.. Enumerable.Range(0, 30).Select(i => i * 5 % 7)];

        double loss = TruncatedBpttTrainer<LanguageModelNetwork>.EvaluateModel(network, new LanguageModelBatches(corpus, batchSize: 3, bptt: 4));

        Assert.Equal(7.0, Math.Exp(loss), 1e-5);
    }

    [Theory]
    [InlineData(RecurrentKind.Lstm)]
    [InlineData(RecurrentKind.Gru)]
    [InlineData(RecurrentKind.Rnn)]
    public void Carrying_the_state_through_chunks_equals_reading_the_whole_stream_in_one_call(RecurrentKind kind)
    {
        var network = Network(kind, vocabulary: 9, layers: 2, seed: 3);
        int[] corpus = [.. Enumerable.Range(0, 43).Select(i => (i * i + 3 * i) % 9)];
        // Two streams of 21 tokens: 20 steps each, read as chunks of 3 (the last of 2) or as one chunk of 20.
        var chunked = new LanguageModelBatches(corpus, batchSize: 2, bptt: 3);
        var whole = new LanguageModelBatches(corpus, batchSize: 2, bptt: 20);
        Assert.Equal(7, chunked.Count);
        Assert.Equal(1, whole.Count);

        double carried = TruncatedBpttTrainer<LanguageModelNetwork>.EvaluateModel(network, chunked);
        double oneCall = TruncatedBpttTrainer<LanguageModelNetwork>.EvaluateModel(network, whole);

        Assert.Equal(oneCall, carried, 1e-6);
        // The state the chunks end with is the one the single call ends with.
        var carriedState = FinalState(network, chunked);
        var oneCallState = FinalState(network, whole);
        AssertClose(oneCallState.H, carriedState.H, "h after the chunks", rtol: 0, atol: 1e-6);
        if (kind == RecurrentKind.Lstm) AssertClose(oneCallState.C!, carriedState.C, "c after the chunks", rtol: 0, atol: 1e-6);
        // Without the carry every chunk starts from zeros, and the score is a different one: the comparison above can fail.
        double reset = ResetEveryChunk(network, chunked);
        Assert.True(Math.Abs(reset - oneCall) > 1e-4, $"resetting the state scored {reset}, the same as the carry ({oneCall})");
    }

    [Fact]
    public void Evaluation_restores_training_mode_and_records_no_gradient()
    {
        var network = Network(RecurrentKind.Lstm, vocabulary: 5, layers: 1, seed: 4);
        network.Train();
        var trainer = new TruncatedBpttTrainer<LanguageModelNetwork>(network, new SGD(network.Parameters(), lr: 1f));

        trainer.Evaluate(new LanguageModelBatches([.. Enumerable.Range(0, 20).Select(i => i % 5)], batchSize: 2, bptt: 3));

        Assert.True(network.Training);
        Assert.All(network.Parameters(), p => Assert.Null(p.Grad));
    }

    private static LanguageModelNetwork Network(RecurrentKind kind, int vocabulary, int layers, ulong seed) =>
        new(new LanguageModelArchitecture(kind, vocabulary, EmbeddingSize: 4, Hidden: 5, Layers: layers, Dropout: 0f, TieWeights: false), 0.5f, new Generator(seed));

    private static RecurrentState FinalState(LanguageModelNetwork network, LanguageModelBatches batches)
    {
        using var _ = new NoGradScope();
        RecurrentState? state = null;
        foreach (var chunk in batches)
            state = network.Loss(chunk.Inputs, chunk.Targets, state).State;
        return state!;
    }

    private static double ResetEveryChunk(LanguageModelNetwork network, LanguageModelBatches batches)
    {
        using var _ = new NoGradScope();
        double sum = 0;
        foreach (var chunk in batches)
            sum += network.Loss(chunk.Inputs, chunk.Targets, null).Loss.Item() * chunk.Targets.Size;
        return sum / batches.TargetCount;
    }
}
