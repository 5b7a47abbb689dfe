using Recur.Data.Text;
using Recur.Generation;
using Recur.Nn;
using Recur.Tasks.Recipes;
using Recur.Tasks.TextClassification;

namespace Recur.Tasks.LanguageModels;

/// <summary>
/// Writes text with a trained language model: reads a prompt through the network, then picks one token at a time
/// (<see cref="TokenSampler"/>: greedy, temperature, top-k, top-p) and feeds it back, the state carried throughout.
/// Loaded from a checkpoint alone, or made around a network in training.
/// </summary>
public sealed class LanguageModelSampler
{
    private readonly LanguageModelNetwork _network;

    /// <summary>Samples from <paramref name="network"/>, reading and writing text with <paramref name="tokenization"/>.</summary>
    public LanguageModelSampler(LanguageModelNetwork network, LanguageModelTokenization tokenization, int epoch = 0)
    {
        _network = network ?? throw new ArgumentNullException(nameof(network));
        Tokenization = tokenization ?? throw new ArgumentNullException(nameof(tokenization));
        if (tokenization.Vocabulary.Count != network.Architecture.VocabularySize)
            throw new ArgumentException($"LanguageModelSampler: the vocabulary has {tokenization.Vocabulary.Count} ids but the network {network.Architecture.VocabularySize}.");
        Epoch = epoch;
    }

    /// <summary>How prompts are read and tokens written.</summary>
    public LanguageModelTokenization Tokenization { get; }

    /// <summary>The network's architecture.</summary>
    public LanguageModelArchitecture Architecture => _network.Architecture;

    /// <summary>Epochs the model was trained for (0 when not loaded from a checkpoint).</summary>
    public int Epoch { get; }

    /// <summary>Loads a model from a <c>recur lm</c> output directory or its checkpoint folder.</summary>
    /// <exception cref="InvalidDataException">The directory holds no language model, or a corrupt or incompatible one.</exception>
    public static LanguageModelSampler Load(string directory)
    {
        var (config, network, epoch) = RecipeCheckpoint.LoadModel(directory, LanguageModelConfig.RecipeName, "a language model",
            LanguageModelConfig.FromJson, c => c.CreateNetwork(new Generator(0)), c => c.Architecture.ParameterCount());
        return new LanguageModelSampler(network, config.Tokenization, epoch);
    }

    /// <summary>
    /// <paramref name="count"/> tokens after <paramref name="prompt"/> (an empty prompt starts a sentence: after an
    /// end-of-sentence for words, a line break for characters), drawn with <paramref name="sampling"/> from a generator
    /// seeded by <paramref name="seed"/>. <c>&lt;pad&gt;</c> is never written.
    /// </summary>
    /// <exception cref="ArgumentException">No token of a non-empty prompt is in the vocabulary.</exception>
    public SampledText Sample(string prompt, int count, SamplingOptions sampling, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "LanguageModelSampler: the number of tokens must not be negative.");
        var picker = new TokenSampler(sampling, new Generator(seed));
        var vocabulary = Tokenization.Vocabulary;
        var written = new List<string>(count);
        var (promptTokens, unknown) = WithPrompt(prompt, (logits, state) =>
        {
            var last = new float[vocabulary.Count];
            for (int k = 0; k < count; k++)
            {
                logits.Span.Slice(logits.Size - last.Length, last.Length).CopyTo(last);
                last[Vocabulary.PaddingId] = float.NegativeInfinity;
                int next = picker.Next(last);
                written.Add(vocabulary.TokenOf(next));
                if (k + 1 < count) (logits, state) = _network.Logits(Ids([next]), state);
            }
        });
        return new SampledText(prompt, Continuation(promptTokens, written), written, unknown);
    }

    /// <summary>The <paramref name="count"/> most likely next tokens after <paramref name="prompt"/>, with their probabilities, most likely first.</summary>
    /// <exception cref="ArgumentException">No token of a non-empty prompt is in the vocabulary.</exception>
    public IReadOnlyList<(string Token, float Probability)> NextTokens(string prompt, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "LanguageModelSampler: ask for at least one token.");
        var vocabulary = Tokenization.Vocabulary;
        float[] probabilities = [];
        WithPrompt(prompt, (logits, _) =>
        {
            var last = logits.Slice(logits.Dim(0) - 1, 1).Softmax(-1);
            probabilities = last.ToArray();
        });
        probabilities[Vocabulary.PaddingId] = 0f;
        return Enumerable.Range(0, probabilities.Length).OrderByDescending(i => probabilities[i]).ThenBy(i => i).Take(count)
            .Select(i => (vocabulary.TokenOf(i), probabilities[i])).ToList();
    }

    /// <summary>
    /// Reads <paramref name="prompt"/> through the network in evaluation mode, without gradients, and hands
    /// <paramref name="then"/> the logits of every prompt position and the state after the last.
    /// </summary>
    private (string[] PromptTokens, string[] Unknown) WithPrompt(string prompt, Action<Tensor, RecurrentState> then)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var vocabulary = Tokenization.Vocabulary;
        string[] promptTokens = Tokenization.Tokenize(prompt);
        var unknown = promptTokens.Where(t => !vocabulary.Contains(t)).Distinct().ToArray();
        if (promptTokens.Length > 0 && unknown.Length == promptTokens.Distinct().Count())
            throw new ArgumentException(
                $"the prompt has no {(Tokenization.Level == TokenLevel.Char ? "character" : "word")} the model knows ({string.Join(", ", unknown.Take(5).Select(t => $"'{Printable(t)}'"))}); " +
                $"its vocabulary of {vocabulary.Count:N0} tokens has {string.Join(", ", vocabulary.Tokens.Skip(2).Take(8).Select(t => $"'{Printable(t)}'"))}, ….");
        int[] ids = promptTokens.Length > 0 ? vocabulary.Encode(promptTokens) : [StartId()];
        bool wasTraining = _network.Training;
        _network.Eval();
        try
        {
            using var _ = new NoGradScope();
            var (logits, state) = _network.Logits(Ids(ids), null);
            then(logits, state);
        }
        finally
        {
            _network.Train(wasTraining);
        }
        return (promptTokens, unknown);
    }

    // A sentence starts after <eos>, a line of characters after "\n"; without either, after the most frequent token.
    private int StartId()
    {
        var vocabulary = Tokenization.Vocabulary;
        string start = Tokenization.EndOfSentence ?? "\n";
        return vocabulary.Contains(start) ? vocabulary.IdOf(start) : Math.Min(2, vocabulary.Count - 1);
    }

    // Words after a prompt need the space between them; characters are written as they come.
    private string Continuation(string[] promptTokens, List<string> written)
    {
        string text = Tokenization.Detokenize(written);
        bool space = Tokenization.Level == TokenLevel.Word && promptTokens.Length > 0 && promptTokens[^1] != Tokenization.EndOfSentence
            && text.Length > 0 && text[0] != '\n';
        return space ? " " + text : text;
    }

    private static Tensor Ids(int[] ids)
    {
        var tensor = Tensor.Zeros(ids.Length, 1);
        for (int i = 0; i < ids.Length; i++) tensor.Span[i] = ids[i];
        return tensor;
    }

    private static string Printable(string token) => token.Replace("\n", "\\n").Replace("\t", "\\t");
}
