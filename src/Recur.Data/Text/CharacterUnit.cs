namespace Recur.Data.Text;

/// <summary>What a <see cref="CharacterTokenizer"/> counts as one character.</summary>
public enum CharacterUnit
{
    /// <summary>
    /// A user-perceived character (a Unicode extended grapheme cluster, .NET's text element): "é" written as e + accent,
    /// a Hangul syllable, an emoji with its skin-tone modifier, and "\r\n" are one token each.
    /// </summary>
    TextElement,

    /// <summary>
    /// One UTF-16 code unit (<see cref="char"/>), as Python's <c>list(text)</c> does for text inside the Basic
    /// Multilingual Plane; characters outside it (most emoji) become two surrogate tokens.
    /// </summary>
    Char,
}
