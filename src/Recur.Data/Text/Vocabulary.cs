using Recur.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recur.Data.Text;

/// <summary>
/// A token ↔ id table. Id 0 is <c>&lt;pad&gt;</c> (what <see cref="SequencePadding"/> fills with) and id 1 is
/// <c>&lt;unk&gt;</c> (what every token outside the table maps to); the other tokens follow by training frequency,
/// most frequent first, ties broken by first occurrence in the training texts (the order Keras' <c>Tokenizer</c>
/// gives). Build it from the training texts only, so validation and test words the model never saw become
/// <c>&lt;unk&gt;</c>. It saves to JSON so it travels with a model's checkpoint.
/// </summary>
/// <remarks>
/// A training text may already contain the literal tokens <c>&lt;pad&gt;</c> or <c>&lt;unk&gt;</c> (Penn Treebank
/// writes rare words as <c>&lt;unk&gt;</c>); they map to ids 0 and 1 and take no other slot. So Mikolov's PTB train
/// file, whose 10,000 types include <c>&lt;unk&gt;</c> and the added <c>&lt;eos&gt;</c>, gives <see cref="Count"/> =
/// 10,001: the 10,000 plus <c>&lt;pad&gt;</c>, which a language model never sees as a target.
/// </remarks>
public sealed class Vocabulary
{
    /// <summary>The id of the padding token.</summary>
    public const int PaddingId = 0;

    /// <summary>The id every unknown token maps to.</summary>
    public const int UnknownId = 1;

    /// <summary>The padding token's text.</summary>
    public const string PaddingToken = "<pad>";

    /// <summary>The unknown token's text.</summary>
    public const string UnknownToken = "<unk>";

    private const string FormatName = "recur.vocabulary";
    private const int FormatVersion = 1;

    private readonly string[] _tokens;
    private readonly long[] _frequencies;
    private readonly Dictionary<string, int> _ids;

    private Vocabulary(string[] tokens, long[] frequencies)
    {
        _tokens = tokens;
        _frequencies = frequencies;
        _ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (int i = 0; i < tokens.Length; i++)
            if (!_ids.TryAdd(tokens[i], i))
                throw new ArgumentException($"Vocabulary: token '{tokens[i]}' appears twice (ids {_ids[tokens[i]]} and {i}).");
    }

    /// <summary>
    /// Builds the table from tokenized training texts. Tokens seen fewer than <paramref name="minFrequency"/> times are
    /// left out; if <paramref name="maxSize"/> is given, only the most frequent tokens are kept so that
    /// <see cref="Count"/> (which includes <c>&lt;pad&gt;</c> and <c>&lt;unk&gt;</c>) is at most <paramref name="maxSize"/>
    /// (Keras' <c>num_words</c> counts index 0 the same way).
    /// </summary>
    public static Vocabulary Build(IEnumerable<IEnumerable<string>> tokenizedTexts, int minFrequency = 1, int? maxSize = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizedTexts);
        return Build(tokenizedTexts.SelectMany(text => text ?? throw new ArgumentException("Vocabulary.Build: a text is null.")),
            minFrequency, maxSize);
    }

    /// <summary>Builds the table from one token stream (a language-model corpus); see the other overload for the rules.</summary>
    public static Vocabulary Build(IEnumerable<string> tokens, int minFrequency = 1, int? maxSize = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (minFrequency < 1)
            throw new ArgumentOutOfRangeException(nameof(minFrequency), minFrequency, "must be at least 1");
        if (maxSize is int max && max < 2)
            throw new ArgumentOutOfRangeException(nameof(maxSize), max, "must be at least 2 (<pad> and <unk>)");

        var counts = new Dictionary<string, (long Count, int FirstSeen)>(StringComparer.Ordinal);
        long unknown = 0;
        foreach (string token in tokens)
        {
            ArgumentNullException.ThrowIfNull(token, nameof(tokens));
            if (token == PaddingToken) continue;
            if (token == UnknownToken) { unknown++; continue; }
            counts[token] = counts.TryGetValue(token, out var seen) ? (seen.Count + 1, seen.FirstSeen) : (1, counts.Count);
        }

        var ranked = counts
            .Where(entry => entry.Value.Count >= minFrequency)
            .OrderByDescending(entry => entry.Value.Count)
            .ThenBy(entry => entry.Value.FirstSeen)
            .ToList();
        int keep = maxSize is int limit ? Math.Min(ranked.Count, limit - 2) : ranked.Count;

        var kept = new string[keep + 2];
        var frequencies = new long[keep + 2];
        kept[PaddingId] = PaddingToken;
        kept[UnknownId] = UnknownToken;
        for (int i = 0; i < keep; i++)
        {
            kept[i + 2] = ranked[i].Key;
            frequencies[i + 2] = ranked[i].Value.Count;
        }
        long total = counts.Values.Sum(v => v.Count);
        frequencies[UnknownId] = unknown + total - frequencies.Sum();
        return new Vocabulary(kept, frequencies);
    }

    /// <summary>Number of ids, <c>&lt;pad&gt;</c> and <c>&lt;unk&gt;</c> included: the size an embedding or output layer needs.</summary>
    public int Count => _tokens.Length;

    /// <summary>All tokens; index = id.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>The id of <paramref name="token"/>, or <see cref="UnknownId"/> if it is not in the table.</summary>
    public int this[string token] => IdOf(token);

    /// <summary>The id of <paramref name="token"/>, or <see cref="UnknownId"/> if it is not in the table.</summary>
    public int IdOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _ids.TryGetValue(token, out int id) ? id : UnknownId;
    }

    /// <summary>Whether <paramref name="token"/> has an id of its own.</summary>
    public bool Contains(string token) => token is not null && _ids.ContainsKey(token);

    /// <summary>The token with id <paramref name="id"/>.</summary>
    public string TokenOf(int id)
    {
        if ((uint)id >= (uint)_tokens.Length)
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Vocabulary: id {id} is outside [0, {Count}).");
        return _tokens[id];
    }

    /// <summary>
    /// How often the token with id <paramref name="id"/> occurred in the training texts; for <c>&lt;unk&gt;</c>, the
    /// occurrences of every token left out plus the literal <c>&lt;unk&gt;</c>; 0 for <c>&lt;pad&gt;</c>.
    /// </summary>
    public long Frequency(int id)
    {
        _ = TokenOf(id);
        return _frequencies[id];
    }

    /// <summary>The ids of <paramref name="tokens"/>; unknown tokens become <see cref="UnknownId"/>.</summary>
    public int[] Encode(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return tokens.Select(IdOf).ToArray();
    }

    /// <summary>The ids of every tokenized text.</summary>
    public int[][] EncodeAll(IEnumerable<IEnumerable<string>> tokenizedTexts)
    {
        ArgumentNullException.ThrowIfNull(tokenizedTexts);
        return tokenizedTexts.Select(Encode).ToArray();
    }

    /// <summary>The tokens of <paramref name="ids"/>; with <paramref name="skipPadding"/>, ids 0 are left out.</summary>
    public string[] Decode(IEnumerable<int> ids, bool skipPadding = false)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Where(id => !(skipPadding && id == PaddingId)).Select(TokenOf).ToArray();
    }

    /// <summary>The table as JSON: <c>{"format":"recur.vocabulary","version":1,"tokens":[…],"frequencies":[…]}</c>.</summary>
    public string ToJson() =>
        JsonSerializer.Serialize(new VocabularyDocument(FormatName, FormatVersion, _tokens, _frequencies), JsonOptions);

    /// <summary>Reads a table written by <see cref="ToJson"/>.</summary>
    /// <exception cref="DataFormatException">The JSON is not a Recur vocabulary (wrong format, version or special tokens).</exception>
    public static Vocabulary FromJson(string json) => FromJson(json, file: null);

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/> (UTF-8), via a temporary file renamed into place.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>Reads a table saved by <see cref="Save"/>.</summary>
    public static Vocabulary Load(string path) => FromJson(TextFile.ReadAllText(path, TextEncodings.Utf8), path);

    private static Vocabulary FromJson(string json, string? file)
    {
        ArgumentNullException.ThrowIfNull(json);
        VocabularyDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<VocabularyDocument>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(file, e.LineNumber is long l ? (int)l + 1 : null, null, $"not valid vocabulary JSON: {e.Message}", e);
        }
        if (document is null || document.Format != FormatName)
            throw new DataFormatException(file, null, null, $"not a Recur vocabulary: expected \"format\": \"{FormatName}\".");
        if (document.Version != FormatVersion)
            throw new DataFormatException(file, null, null, $"vocabulary version {document.Version} is not supported (expected {FormatVersion}).");
        var tokens = document.Tokens;
        if (tokens is null || tokens.Length < 2 || tokens[PaddingId] != PaddingToken || tokens[UnknownId] != UnknownToken)
            throw new DataFormatException(file, null, null,
                $"a vocabulary's \"tokens\" must start with \"{PaddingToken}\" (id 0) and \"{UnknownToken}\" (id 1).");
        var frequencies = document.Frequencies ?? new long[tokens.Length];
        if (frequencies.Length != tokens.Length)
            throw new DataFormatException(file, null, null,
                $"the vocabulary has {tokens.Length} tokens but {frequencies.Length} frequencies.");
        try
        {
            return new Vocabulary(tokens, frequencies);
        }
        catch (ArgumentException e)
        {
            throw new DataFormatException(file, null, null, e.Message, e);
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed record VocabularyDocument(
        [property: JsonPropertyName("format")] string? Format,
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("tokens")] string[]? Tokens,
        [property: JsonPropertyName("frequencies")] long[]? Frequencies);
}
