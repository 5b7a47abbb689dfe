using System.Globalization;
using System.Text;

namespace Recur.Data.Text;

/// <summary>
/// Splits text into words, for any script (English, accented Latin, Hangul, …). The rule, applied per Unicode scalar:
/// <list type="bullet">
/// <item>A word is a maximal run of letters (L*), combining marks (M*) and numbers (N*), so "café", decomposed
/// "cafe\u0301", "3D" and "재밌어요" are single words. Korean is split into space-separated words (eojeol) only; particles
/// stay attached, as no morphological analysis is done.</item>
/// <item>An apostrophe (' or ’) with a word character on both sides stays inside the word ("don't", "l'homme",
/// "rock'n'roll"); ’ is written as ' there so both spellings give one token. Elsewhere an apostrophe is punctuation.
/// (Keras' <c>Tokenizer</c> keeps every apostrophe, so it yields tokens like "'hello'"; this rule does not.)</item>
/// <item>Every other punctuation mark or symbol (P*, S*, including "_" and emoji) ends the word and, when
/// <see cref="KeepPunctuation"/> is set, is a token of its own ("wow!!" → "wow", "!", "!"); otherwise it is dropped,
/// as Keras' default filters do. Hyphens and decimal points split too: "jean-claude" → "jean", "claude".</item>
/// <item>White space, control and format characters separate tokens and are never tokens.</item>
/// <item>With <see cref="Lowercase"/> (the default, as in Keras) each token is lower-cased with the invariant culture.
/// Text is not Unicode-normalised: precomposed and decomposed accents give different tokens.</item>
/// </list>
/// </summary>
public sealed class WordTokenizer : ITokenizer
{
    /// <summary>Creates a tokenizer; by default it lower-cases and drops punctuation (Keras' defaults).</summary>
    public WordTokenizer(bool lowercase = true, bool keepPunctuation = false)
    {
        Lowercase = lowercase;
        KeepPunctuation = keepPunctuation;
    }

    /// <summary>Whether tokens are lower-cased.</summary>
    public bool Lowercase { get; }

    /// <summary>Whether punctuation marks and symbols are kept as one-character tokens.</summary>
    public bool KeepPunctuation { get; }

    /// <inheritdoc />
    public string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var word = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            Rune rune = Rune.GetRuneAt(text, i);
            int width = rune.Utf16SequenceLength;
            switch (Classify(rune))
            {
                case Kind.Word:
                    word.Append(text, i, width);
                    break;
                case Kind.Apostrophe when word.Length > 0 && i + width < text.Length && IsWordAt(text, i + width):
                    word.Append('\'');
                    break;
                case Kind.Apostrophe:
                case Kind.Punctuation:
                    Flush(word, tokens);
                    if (KeepPunctuation) tokens.Add(text.Substring(i, width));
                    break;
                default:
                    Flush(word, tokens);
                    break;
            }
            i += width;
        }
        Flush(word, tokens);
        return tokens.ToArray();
    }

    private void Flush(StringBuilder word, List<string> tokens)
    {
        if (word.Length == 0) return;
        string token = word.ToString();
        tokens.Add(Lowercase ? token.ToLowerInvariant() : token);
        word.Clear();
    }

    private static bool IsWordAt(string text, int index) =>
        Rune.TryGetRuneAt(text, index, out Rune next) && Classify(next) == Kind.Word;

    private enum Kind { Word, Apostrophe, Punctuation, Separator }

    private static Kind Classify(Rune rune)
    {
        if (rune.Value is '\'' or '\u2019') return Kind.Apostrophe;
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.EnclosingMark:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.OtherNumber:
                return Kind.Word;
            case UnicodeCategory.ConnectorPunctuation:
            case UnicodeCategory.DashPunctuation:
            case UnicodeCategory.OpenPunctuation:
            case UnicodeCategory.ClosePunctuation:
            case UnicodeCategory.InitialQuotePunctuation:
            case UnicodeCategory.FinalQuotePunctuation:
            case UnicodeCategory.OtherPunctuation:
            case UnicodeCategory.MathSymbol:
            case UnicodeCategory.CurrencySymbol:
            case UnicodeCategory.ModifierSymbol:
            case UnicodeCategory.OtherSymbol:
                return Kind.Punctuation;
            default:
                return Kind.Separator; // spaces, separators, controls, format characters, unassigned, private use
        }
    }
}
