namespace Recur.Data.Text;

/// <summary>
/// A language-model corpus as one stream of tokens (words of Penn Treebank with an end-of-sentence token after each
/// line), with its counts.
/// </summary>
public sealed class TokenStream
{
    /// <summary>Creates the stream.</summary>
    public TokenStream(IReadOnlyList<string> tokens, int lineCount, string? endOfSentence, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        Tokens = tokens;
        LineCount = lineCount;
        EndOfSentence = endOfSentence;
        Source = source;
    }

    /// <summary>All tokens, in order.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Number of lines (sentences) read.</summary>
    public int LineCount { get; }

    /// <summary>The token appended at each line end, or null if none was.</summary>
    public string? EndOfSentence { get; }

    /// <summary>Where the tokens came from, if known.</summary>
    public string? Source { get; }

    /// <summary>Number of tokens, end-of-sentence tokens included (the count perplexity is averaged over).</summary>
    public int Count => Tokens.Count;

    /// <summary>Number of tokens without the end-of-sentence tokens.</summary>
    public int WordCount => EndOfSentence is null ? Count : Count - LineCount;

    /// <summary>Number of distinct tokens.</summary>
    public int DistinctCount() => Tokens.Distinct(StringComparer.Ordinal).Count();
}
