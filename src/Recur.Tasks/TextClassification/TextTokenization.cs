using System.Text.Json.Nodes;
using Recur.Data.Text;
using Recur.Nn;

namespace Recur.Tasks.TextClassification;

/// <summary>
/// How a text becomes a padded row of ids — the tokenizer, the vocabulary, the length and the padding and truncating
/// sides — fixed from the training texts and stored in the checkpoint, so a model's predictions read new texts exactly as
/// training did.
/// </summary>
public sealed class TextTokenization
{
    private readonly ITokenizer _tokenizer;

    /// <summary>Creates the pipeline.</summary>
    public TextTokenization(TokenLevel level, bool lowercase, Vocabulary vocabulary, int maxLength, SequenceSide padding, SequenceSide truncating)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (maxLength < 1) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "TextTokenization: maxLength must be at least 1.");
        Level = level;
        Lowercase = lowercase;
        Vocabulary = vocabulary;
        MaxLength = maxLength;
        Padding = padding;
        Truncating = truncating;
        _tokenizer = CreateTokenizer(level, lowercase);
    }

    /// <summary>Words or characters.</summary>
    public TokenLevel Level { get; }

    /// <summary>Whether texts are lower-cased first.</summary>
    public bool Lowercase { get; }

    /// <summary>The token ↔ id table built on the training texts.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>The steps of every row.</summary>
    public int MaxLength { get; }

    /// <summary>Where padding goes.</summary>
    public SequenceSide Padding { get; }

    /// <summary>Which end of a long text is cut.</summary>
    public SequenceSide Truncating { get; }

    /// <summary>The tokenizer of <paramref name="level"/>.</summary>
    public static ITokenizer CreateTokenizer(TokenLevel level, bool lowercase) => level == TokenLevel.Char
        ? new CharacterTokenizer(CharacterUnit.TextElement, lowercase)
        : new WordTokenizer(lowercase);

    /// <summary>The tokens of each text.</summary>
    public string[][] Tokenize(IReadOnlyList<string> texts) => _tokenizer.TokenizeAll(texts);

    /// <summary>The texts as padded id rows with their lengths (which carry the padding side).</summary>
    public PaddedSequences Encode(IReadOnlyList<string> texts) =>
        SequencePadding.PadSequences(Vocabulary.EncodeAll(Tokenize(texts)), MaxLength, Padding, Truncating, Vocabulary.PaddingId);

    /// <summary>The settings as checkpoint JSON, the vocabulary included.</summary>
    public JsonObject ToJson() => new()
    {
        ["tokens"] = Level == TokenLevel.Char ? "char" : "word",
        ["lowercase"] = Lowercase,
        ["max_length"] = MaxLength,
        ["padding"] = Side(Padding),
        ["truncating"] = Side(Truncating),
        ["vocabulary"] = JsonNode.Parse(Vocabulary.ToJson()),
    };

    /// <summary>Reads <see cref="ToJson"/>'s output; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">A field is missing or malformed.</exception>
    public static TextTokenization FromJson(JsonObject json, string source)
    {
        try
        {
            return new TextTokenization(
                json["tokens"]!.GetValue<string>() switch { "char" => TokenLevel.Char, "word" => TokenLevel.Word, var s => throw new FormatException($"tokens '{s}'") },
                json["lowercase"]!.GetValue<bool>(), Vocabulary.FromJson(json["vocabulary"]!.ToJsonString()), json["max_length"]!.GetValue<int>(),
                ParseSide(json["padding"]!.GetValue<string>()), ParseSide(json["truncating"]!.GetValue<string>()));
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException or ArgumentException or Data.DataFormatException)
        {
            throw new InvalidDataException($"{source}: the tokenization settings are incomplete or malformed ({e.Message}).", e);
        }
    }

    private static string Side(SequenceSide side) => side == SequenceSide.Pre ? "pre" : "post";

    private static SequenceSide ParseSide(string text) => text switch
    {
        "pre" => SequenceSide.Pre,
        "post" => SequenceSide.Post,
        _ => throw new FormatException($"side '{text}'"),
    };
}
