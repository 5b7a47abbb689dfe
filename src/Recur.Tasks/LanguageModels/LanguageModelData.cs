using System.Globalization;
using Recur.Data;
using Recur.Data.Loading;
using Recur.Data.Text;
using Recur.Tasks.TextClassification;

namespace Recur.Tasks.LanguageModels;

/// <summary>
/// A language model's text as token ids: training, validation and (when there is one) test parts, with the tokenization
/// fixed on the training part, and the chunks truncated backpropagation reads them in. Penn Treebank comes in its three
/// files; a single text is cut in reading order (training first, then validation, then test), never shuffled, since a
/// language model's data is one long sequence.
/// </summary>
public sealed class LanguageModelData
{
    /// <summary>Penn Treebank's file names, as Mikolov distributes them.</summary>
    public static readonly (string Train, string Validation, string Test) PtbFiles = ("ptb.train.txt", "ptb.valid.txt", "ptb.test.txt");

    private LanguageModelData(LanguageModelTokenization tokenization, int[] train, int[] validation, int[] test, string source, IReadOnlyList<string> notes)
    {
        Tokenization = tokenization;
        Train = train;
        Validation = validation;
        Test = test;
        Source = source;
        Notes = notes;
    }

    /// <summary>How text becomes ids, fixed on the training part.</summary>
    public LanguageModelTokenization Tokenization { get; }

    /// <summary>The training text's ids.</summary>
    public int[] Train { get; }

    /// <summary>The validation text's ids.</summary>
    public int[] Validation { get; }

    /// <summary>The test text's ids (empty when there is no test part).</summary>
    public int[] Test { get; }

    /// <summary>Where the text came from, for reports.</summary>
    public string Source { get; }

    /// <summary>Things worth a user's attention (tokens outside the vocabulary).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Whether there is a test part.</summary>
    public bool HasTest => Test.Length > 0;

    /// <summary>The training chunks: <paramref name="options"/>' streams and window.</summary>
    public LanguageModelBatches TrainBatches(LanguageModelOptions options) => new(Train, options.BatchSize, options.Bptt);

    /// <summary>
    /// The validation chunks: as many streams as training has, or fewer when the part is too short to give each a window
    /// (a stream's state starts from zero, so fewer streams read more of the text with context).
    /// </summary>
    public LanguageModelBatches ValidationBatches(LanguageModelOptions options) =>
        new(Validation, EvaluationStreams(Validation.Length, options.BatchSize, options.Bptt), options.Bptt);

    /// <summary>The test chunks: one stream, the whole test text read with context from its first token (as Zaremba et al. score it).</summary>
    public LanguageModelBatches? TestBatches(LanguageModelOptions options) => HasTest ? new(Test, 1, options.Bptt) : null;

    /// <summary>Reads, tokenizes and encodes the text <paramref name="options"/> name, refusing one too short to train on.</summary>
    /// <exception cref="DataFormatException">A file is empty or holds no words.</exception>
    /// <exception cref="LanguageModelSettingException">The text is shorter than the settings need.</exception>
    public static LanguageModelData Load(LanguageModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (train, validation, test, source) = options.Corpus == LanguageModelCorpus.Ptb ? ReadPtb(options) : ReadSingle(options);

        var vocabulary = Vocabulary.Build(train, maxSize: options.VocabularySize);
        var tokenization = new LanguageModelTokenization(options.Level, vocabulary,
            options.Level == TokenLevel.Word ? WordCorpusReader.EndOfSentenceToken : null);
        int windowTokens = checked(options.BatchSize * (options.Bptt + 1));
        if (train.Count < windowTokens)
            throw new LanguageModelSettingException(LanguageModelSetting.Bptt,
                $"{options.Bptt} with {options.BatchSize} stream(s) needs at least {windowTokens:N0} training tokens (a window of {options.Bptt} steps and its next token in every stream), but the training part of {source} has {train.Count:N0}: use a longer text, or fewer streams or steps.");
        if (validation.Count < 2)
            throw new LanguageModelSettingException(LanguageModelSetting.ValidationFraction,
                $"leaves {validation.Count} validation token(s) of {source}; at least 2 are needed (an input and its target).");
        if (test is not null && test.Count < 2)
            throw new LanguageModelSettingException(LanguageModelSetting.TestFraction,
                $"leaves {test.Count} test token(s) of {source}; at least 2 are needed, or no test part (0).");

        var notes = new List<string>();
        int[] Encode(IReadOnlyList<string> tokens, string part)
        {
            var ids = vocabulary.Encode(tokens);
            int unknown = 0;
            for (int i = 0; i < ids.Length; i++)
                if (ids[i] == Vocabulary.UnknownId && tokens[i] != Vocabulary.UnknownToken) unknown++;
            if (unknown > 0 && ids.Length > 0)
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{unknown:N0} {part} token(s) ({100.0 * unknown / ids.Length:0.##} %) are not in the vocabulary and read as {Vocabulary.UnknownToken}."));
            return ids;
        }
        return new LanguageModelData(tokenization, Encode(train, "training"), Encode(validation, "validation"),
            test is null ? [] : Encode(test, "test"), source, notes);
    }

    /// <summary>Streams for evaluating <paramref name="tokens"/> tokens: at most <paramref name="batchSize"/>, each with a window of <paramref name="bptt"/> steps where the text allows.</summary>
    private static int EvaluationStreams(int tokens, int batchSize, int bptt) => Math.Clamp(tokens / (bptt + 1), 1, batchSize);

    private static (IReadOnlyList<string> Train, IReadOnlyList<string> Validation, IReadOnlyList<string>? Test, string Source) ReadPtb(LanguageModelOptions o)
    {
        string folder = o.DataPath;
        if (!Directory.Exists(folder))
            throw new LanguageModelSettingException(LanguageModelSetting.DataPath, $"'{folder}' is not a folder with {PtbFiles.Train}, {PtbFiles.Validation} and {PtbFiles.Test}.");
        IReadOnlyList<string> Read(string name) => ReadTokens(Path.Combine(folder, name), o.Level);
        return (Read(PtbFiles.Train), Read(PtbFiles.Validation), Read(PtbFiles.Test), Path.Combine(folder, "ptb.*.txt"));
    }

    private static (IReadOnlyList<string> Train, IReadOnlyList<string> Validation, IReadOnlyList<string>? Test, string Source) ReadSingle(LanguageModelOptions o)
    {
        var tokens = ReadTokens(o.DataPath, o.Level);
        int testCount = o.TestFraction > 0 ? (int)(tokens.Count * o.TestFraction) : 0;
        int validationCount = (int)(tokens.Count * o.ValidationFraction);
        int trainCount = tokens.Count - validationCount - testCount;
        var list = tokens as List<string> ?? [.. tokens];
        return (list.GetRange(0, trainCount), list.GetRange(trainCount, validationCount),
            o.TestFraction > 0 ? list.GetRange(trainCount + validationCount, testCount) : null, o.DataPath);
    }

    private static IReadOnlyList<string> ReadTokens(string path, TokenLevel level)
    {
        if (level == TokenLevel.Char)
            return new List<string>(new CharacterTokenizer(CharacterUnit.TextElement).Tokenize(PlainTextReader.Read(path).Text));
        var stream = WordCorpusReader.Read(path);
        if (stream.WordCount == 0)
            throw new DataFormatException(path, null, null, "holds no words, only empty lines; a word-level language model needs text to learn from.");
        return stream.Tokens as List<string> ?? [.. stream.Tokens];
    }
}
