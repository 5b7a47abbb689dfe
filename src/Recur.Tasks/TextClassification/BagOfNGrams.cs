using System.Runtime.InteropServices;
using Recur.Data.Text;

namespace Recur.Tasks.TextClassification;

/// <summary>
/// Bag-of-n-grams features fitted on training texts (scikit-learn's <c>CountVectorizer</c> / <c>TfidfVectorizer</c>
/// with a fixed tokenizer): each text becomes a sparse row with one column per n-gram kept from the training texts.
/// N-grams are runs of adjacent tokens of the <see cref="BagOfNGramsOptions.Tokenizer"/>, named by their tokens joined
/// with a space; columns are in the ordinal order of those names. An n-gram never seen in training, or left out by the
/// options, is ignored when transforming later texts.
/// </summary>
/// <remarks>
/// Tokens get ids from a <see cref="Vocabulary"/> built on the training texts, and n-grams are keyed by their ids, so
/// counting needs no string per n-gram. A token the tokenizer writes as the literal <c>&lt;pad&gt;</c> or
/// <c>&lt;unk&gt;</c> (the vocabulary's reserved ids) is treated as unseen.
/// </remarks>
public sealed class BagOfNGrams
{
    private readonly Dictionary<long, int> _columns; // n-gram key → column
    private readonly string[] _featureNames;
    private readonly int[] _documentFrequencies;
    private readonly double[]? _inverseDocumentFrequencies;

    private BagOfNGrams(BagOfNGramsOptions options, Vocabulary vocabulary, Dictionary<long, int> columns, string[] featureNames,
        int[] documentFrequencies, double[]? inverseDocumentFrequencies, int trainingTexts)
    {
        Options = options;
        Vocabulary = vocabulary;
        _columns = columns;
        _featureNames = featureNames;
        _documentFrequencies = documentFrequencies;
        _inverseDocumentFrequencies = inverseDocumentFrequencies;
        TrainingTexts = trainingTexts;
    }

    /// <summary>The options the features were fitted with.</summary>
    public BagOfNGramsOptions Options { get; }

    /// <summary>The token table of the training texts (every token, before n-grams are pruned).</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>Number of features (columns).</summary>
    public int FeatureCount => _featureNames.Length;

    /// <summary>Each column's n-gram, tokens joined by a space ("free", "call now").</summary>
    public IReadOnlyList<string> FeatureNames => _featureNames;

    /// <summary>In how many training texts each column's n-gram occurs.</summary>
    public IReadOnlyList<int> DocumentFrequencies => _documentFrequencies;

    /// <summary>Each column's inverse document frequency when <see cref="BagOfNGramsOptions.TfIdf"/> is set; otherwise null.</summary>
    public IReadOnlyList<double>? InverseDocumentFrequencies => _inverseDocumentFrequencies;

    /// <summary>Number of texts the features were fitted on.</summary>
    public int TrainingTexts { get; }

    /// <summary>Fits the feature table on <paramref name="texts"/> (training texts only).</summary>
    /// <exception cref="ArgumentException">No text, or no n-gram survives the options.</exception>
    public static BagOfNGrams Fit(IReadOnlyList<string> texts, BagOfNGramsOptions? options = null) => FitTransform(texts, options).Features;

    /// <summary>Fits on <paramref name="texts"/> and returns their feature rows too (tokenizing them once).</summary>
    internal static (BagOfNGrams Features, SparseMatrix Rows) FitTransform(IReadOnlyList<string> texts, BagOfNGramsOptions? options)
    {
        ArgumentNullException.ThrowIfNull(texts);
        options ??= new BagOfNGramsOptions();
        options.Validate();
        if (texts.Count == 0) throw new ArgumentException("BagOfNGrams: no training texts.", nameof(texts));

        string[][] tokens = options.Tokenizer.TokenizeAll(texts);
        var vocabulary = Vocabulary.Build(tokens);
        int[][] ids = vocabulary.EncodeAll(tokens);

        // Document and total frequency of every n-gram; each text counts once towards an n-gram's document frequency.
        var counts = new Dictionary<long, (int Documents, long Occurrences)>(KeyComparer.Instance);
        var keys = new List<long>();
        foreach (int[] text in ids)
        {
            keys.Clear();
            AddKeys(text, options, keys);
            keys.Sort();
            for (int i = 0; i < keys.Count; i++)
            {
                ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, keys[i], out _);
                entry.Occurrences++;
                if (i == 0 || keys[i] != keys[i - 1]) entry.Documents++;
            }
        }

        var kept = new List<(long Key, string Name, int Documents, long Occurrences)>();
        foreach (var (key, (documents, occurrences)) in counts)
            if (documents >= options.MinDocumentFrequency)
                kept.Add((key, NameOf(key, vocabulary), documents, occurrences));
        if (options.MaxFeatures is int limit && kept.Count > limit)
        {
            kept.Sort((a, b) => a.Occurrences != b.Occurrences ? b.Occurrences.CompareTo(a.Occurrences) : string.CompareOrdinal(a.Name, b.Name));
            kept.RemoveRange(limit, kept.Count - limit);
        }
        if (kept.Count == 0)
            throw new ArgumentException(
                $"BagOfNGrams: no n-gram of the {texts.Count} training texts is left (minimum document frequency {options.MinDocumentFrequency}).", nameof(texts));
        kept.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));

        var columns = new Dictionary<long, int>(kept.Count, KeyComparer.Instance);
        var names = new string[kept.Count];
        var documentFrequencies = new int[kept.Count];
        for (int j = 0; j < kept.Count; j++)
        {
            columns[kept[j].Key] = j;
            names[j] = kept[j].Name;
            documentFrequencies[j] = kept[j].Documents;
        }
        double[]? idf = null;
        if (options.TfIdf)
        {
            idf = new double[kept.Count];
            for (int j = 0; j < idf.Length; j++)
                idf[j] = Math.Log((1.0 + texts.Count) / (1.0 + documentFrequencies[j])) + 1;
        }
        var features = new BagOfNGrams(options, vocabulary, columns, names, documentFrequencies, idf, texts.Count);
        return (features, features.Rows(ids));
    }

    /// <summary>The feature rows of <paramref name="texts"/>, one row per text, in order.</summary>
    public SparseMatrix Transform(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var tokens = Options.Tokenizer.TokenizeAll(texts);
        return Rows(Vocabulary.EncodeAll(tokens));
    }

    private SparseMatrix Rows(int[][] ids)
    {
        var rowStarts = new int[ids.Length + 1];
        var columnIndices = new List<int>();
        var values = new List<double>();
        var keys = new List<long>();
        var rowColumns = new List<int>();
        for (int r = 0; r < ids.Length; r++)
        {
            keys.Clear();
            rowColumns.Clear();
            AddKeys(ids[r], Options, keys);
            foreach (long key in keys)
                if (_columns.TryGetValue(key, out int column)) rowColumns.Add(column);
            rowColumns.Sort();

            int rowStart = values.Count;
            for (int i = 0; i < rowColumns.Count; i++)
            {
                if (i > 0 && rowColumns[i] == rowColumns[i - 1]) { values[^1]++; continue; }
                columnIndices.Add(rowColumns[i]);
                values.Add(1);
            }
            Weight(rowStart, columnIndices, values);
            rowStarts[r + 1] = values.Count;
        }
        return new SparseMatrix(ids.Length, FeatureCount, rowStarts, columnIndices.ToArray(), values.ToArray());
    }

    /// <summary>Turns the counts of one row (from <paramref name="rowStart"/>) into presences and/or tf-idf as the options say.</summary>
    private void Weight(int rowStart, List<int> columnIndices, List<double> values)
    {
        var row = CollectionsMarshal.AsSpan(values)[rowStart..];
        if (Options.Binary) row.Fill(1);
        if (_inverseDocumentFrequencies is null) return;
        var columns = CollectionsMarshal.AsSpan(columnIndices)[rowStart..];
        double squares = 0;
        for (int i = 0; i < row.Length; i++)
        {
            row[i] *= _inverseDocumentFrequencies[columns[i]];
            squares += row[i] * row[i];
        }
        if (squares == 0) return; // an empty row stays empty, as in scikit-learn's normalize
        double norm = Math.Sqrt(squares);
        for (int i = 0; i < row.Length; i++) row[i] /= norm;
    }

    // An n-gram's key packs its token ids: a unigram is its id (high half 0), a bigram (first << 32) | second. Real
    // tokens have ids ≥ 2, so the two kinds never collide; n-grams with <pad> (0) or <unk> (1) get no key.
    private static void AddKeys(int[] ids, BagOfNGramsOptions options, List<long> keys)
    {
        if (options.MinN <= 1)
            foreach (int id in ids)
                if (id > Vocabulary.UnknownId) keys.Add(id);
        if (options.MaxN >= 2)
            for (int i = 0; i + 1 < ids.Length; i++)
                if (ids[i] > Vocabulary.UnknownId && ids[i + 1] > Vocabulary.UnknownId)
                    keys.Add(((long)ids[i] << 32) | (uint)ids[i + 1]);
    }

    /// <summary>
    /// Hashes n-gram keys. long's own hash, high half XOR low half, sends a bigram (a, b) and its reverse (b, a) to
    /// the same value and piles bigrams of small ids into few buckets (NSMC's 350,000 n-grams ran 20 times slower);
    /// Fibonacci hashing spreads them.
    /// </summary>
    private sealed class KeyComparer : IEqualityComparer<long>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(long x, long y) => x == y;

        public int GetHashCode(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> 32);
    }

    private static string NameOf(long key, Vocabulary vocabulary)
    {
        int first = (int)(key >> 32), second = (int)(key & 0xFFFFFFFFL);
        return first == 0 ? vocabulary.TokenOf(second) : vocabulary.TokenOf(first) + " " + vocabulary.TokenOf(second);
    }
}
