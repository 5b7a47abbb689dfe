using System.Text;
using System.Text.Json.Nodes;
using Recur.Data.Text;
using Recur.Tasks.TextClassification;

namespace Recur.Tasks.LanguageModels;

/// <summary>
/// How text becomes a language model's tokens and back: words split on white space with <c>&lt;eos&gt;</c> for each line
/// break (Penn Treebank's reading), or characters; the vocabulary built on the training text. Stored in the checkpoint,
/// so a sampler reads prompts and writes text as training did.
/// </summary>
public sealed class LanguageModelTokenization
{
    private readonly CharacterTokenizer _characters = new(CharacterUnit.TextElement);

    /// <summary>Creates the pipeline.</summary>
    public LanguageModelTokenization(TokenLevel level, Vocabulary vocabulary, string? endOfSentence)
    {
        Level = level;
        Vocabulary = vocabulary ?? throw new ArgumentNullException(nameof(vocabulary));
        EndOfSentence = level == TokenLevel.Word ? endOfSentence : null;
    }

    /// <summary>Words or characters.</summary>
    public TokenLevel Level { get; }

    /// <summary>The token ↔ id table of the training text.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>The token a line break becomes at word level (<c>&lt;eos&gt;</c>), or null.</summary>
    public string? EndOfSentence { get; }

    /// <summary>
    /// The tokens of <paramref name="text"/> as training read it: characters, or words with <see cref="EndOfSentence"/>
    /// for every line break (none after the last line unless the text ends with one).
    /// </summary>
    public string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Replace("\r\n", "\n");
        if (Level == TokenLevel.Char) return _characters.Tokenize(text);
        var tokens = new List<string>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            tokens.AddRange(lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (i < lines.Length - 1 && EndOfSentence is not null) tokens.Add(EndOfSentence);
        }
        return tokens.ToArray();
    }

    /// <summary>The text of <paramref name="tokens"/>: characters joined, or words joined by spaces with each end of sentence a line break.</summary>
    public string Detokenize(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (Level == TokenLevel.Char) return string.Concat(tokens);
        var text = new StringBuilder();
        foreach (string token in tokens)
        {
            if (token == EndOfSentence)
            {
                text.Append('\n');
                continue;
            }
            if (text.Length > 0 && text[^1] != '\n') text.Append(' ');
            text.Append(token);
        }
        return text.ToString();
    }

    /// <summary>The settings as checkpoint JSON, the vocabulary included.</summary>
    public JsonObject ToJson() => new()
    {
        ["tokens"] = Level == TokenLevel.Char ? "char" : "word",
        ["end_of_sentence"] = EndOfSentence,
        ["vocabulary"] = JsonNode.Parse(Vocabulary.ToJson()),
    };

    /// <summary>Reads <see cref="ToJson"/>'s output; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">A field is missing or malformed.</exception>
    public static LanguageModelTokenization FromJson(JsonObject json, string source)
    {
        try
        {
            var level = ConfigJson.Choice(json, "tokens", source, ("word", TokenLevel.Word), ("char", TokenLevel.Char));
            return new LanguageModelTokenization(level, Vocabulary.FromJson(ConfigJson.Required(json, "vocabulary", source).ToJsonString()),
                (string?)json["end_of_sentence"]);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or Data.DataFormatException)
        {
            throw new InvalidDataException($"{source}: the tokenization settings are incomplete or malformed ({e.Message}).", e);
        }
    }
}
