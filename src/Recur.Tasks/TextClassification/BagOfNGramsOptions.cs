using Recur.Data.Text;

namespace Recur.Tasks.TextClassification;

/// <summary>
/// How <see cref="BagOfNGrams"/> turns texts into features. The defaults give scikit-learn's
/// <c>CountVectorizer(ngram_range=(1, 2))</c> on the tokens of a <see cref="WordTokenizer"/>.
/// </summary>
public sealed record BagOfNGramsOptions
{
    /// <summary>Splits each text into tokens (words by default; a <see cref="CharacterTokenizer"/> gives character n-grams).</summary>
    public ITokenizer Tokenizer { get; init; } = new WordTokenizer();

    /// <summary>The shortest n-gram counted: 1 (single tokens) or 2.</summary>
    public int MinN { get; init; } = 1;

    /// <summary>The longest n-gram counted: 1 or 2 (unigrams and bigrams by default).</summary>
    public int MaxN { get; init; } = 2;

    /// <summary>N-grams found in fewer training texts than this are left out (scikit-learn's integer <c>min_df</c>).</summary>
    public int MinDocumentFrequency { get; init; } = 1;

    /// <summary>
    /// If set, only the n-grams most frequent in the training texts (total occurrences, after
    /// <see cref="MinDocumentFrequency"/>) are kept (scikit-learn's <c>max_features</c>); ties at the cut are broken by
    /// the n-gram's text, ordinal (scikit-learn's order among ties is its sort's, unspecified).
    /// </summary>
    public int? MaxFeatures { get; init; }

    /// <summary>Whether a feature is 1 when the n-gram occurs (presence) rather than its count.</summary>
    public bool Binary { get; init; }

    /// <summary>
    /// Whether counts (or presences) are weighted by inverse document frequency and each document's vector is scaled to
    /// unit Euclidean length: scikit-learn's <c>TfidfVectorizer</c> defaults, idf = ln((1 + n) / (1 + df)) + 1 over the
    /// n training texts.
    /// </summary>
    public bool TfIdf { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Tokenizer, nameof(Tokenizer));
        if (MinN < 1 || MaxN > 2 || MinN > MaxN)
            throw new ArgumentOutOfRangeException(nameof(MinN),
                $"BagOfNGramsOptions: n-gram range ({MinN}, {MaxN}) is not supported; use (1, 1), (1, 2) or (2, 2).");
        if (MinDocumentFrequency < 1)
            throw new ArgumentOutOfRangeException(nameof(MinDocumentFrequency), MinDocumentFrequency, "BagOfNGramsOptions: must be at least 1.");
        if (MaxFeatures is < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxFeatures), MaxFeatures, "BagOfNGramsOptions: must be at least 1 when set.");
    }
}
