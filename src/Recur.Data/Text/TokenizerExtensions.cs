namespace Recur.Data.Text;

/// <summary>Conveniences over any <see cref="ITokenizer"/>.</summary>
public static class TokenizerExtensions
{
    /// <summary>Tokenizes every text, in order.</summary>
    public static string[][] TokenizeAll(this ITokenizer tokenizer, IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Select(tokenizer.Tokenize).ToArray();
    }
}
