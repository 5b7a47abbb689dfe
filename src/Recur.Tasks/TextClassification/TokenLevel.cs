namespace Recur.Tasks.TextClassification;

/// <summary>What a token is.</summary>
public enum TokenLevel
{
    /// <summary>Words split at white space and punctuation (Korean: space-separated eojeol).</summary>
    Word,
    /// <summary>Characters (Korean: syllable blocks).</summary>
    Char,
}
