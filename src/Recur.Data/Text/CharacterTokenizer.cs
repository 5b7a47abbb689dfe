using System.Globalization;

namespace Recur.Data.Text;

/// <summary>
/// Splits text into characters for character-level models (tiny-shakespeare's char-RNN): every character is a token,
/// including spaces and line breaks. The unit is a text element (grapheme cluster, the default) or a UTF-16
/// <see cref="char"/>; see <see cref="CharacterUnit"/>. For plain ASCII, such as tiny-shakespeare, the two agree.
/// </summary>
public sealed class CharacterTokenizer : ITokenizer
{
    /// <summary>Creates a tokenizer; by default it keeps case and splits into text elements.</summary>
    public CharacterTokenizer(CharacterUnit unit = CharacterUnit.TextElement, bool lowercase = false)
    {
        Unit = unit;
        Lowercase = lowercase;
    }

    /// <summary>What one token is.</summary>
    public CharacterUnit Unit { get; }

    /// <summary>Whether the text is lower-cased (invariant culture) before splitting.</summary>
    public bool Lowercase { get; }

    /// <inheritdoc />
    public string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Lowercase) text = text.ToLowerInvariant();
        if (Unit == CharacterUnit.Char)
        {
            var chars = new string[text.Length];
            for (int i = 0; i < text.Length; i++) chars[i] = text[i].ToString();
            return chars;
        }
        var tokens = new List<string>(text.Length);
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext()) tokens.Add(elements.GetTextElement());
        return tokens.ToArray();
    }
}
