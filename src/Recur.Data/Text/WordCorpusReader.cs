using System.Text;

namespace Recur.Data.Text;

/// <summary>
/// Reads a word-level language-model corpus in the Penn Treebank layout of Mikolov and Zaremba et al.
/// (<c>ptb.train.txt</c>, …): one sentence per line, tokens separated by spaces, already lower-cased with rare words
/// as <c>&lt;unk&gt;</c>. As Zaremba et al.'s reader does, an end-of-sentence token (<c>&lt;eos&gt;</c>) is appended at
/// each line end, so the PTB training file gives 887,521 words + 42,068 <c>&lt;eos&gt;</c> = 929,589 tokens.
/// </summary>
public static class WordCorpusReader
{
    /// <summary>The token appended at each line end by default.</summary>
    public const string EndOfSentenceToken = "<eos>";

    /// <summary>
    /// Reads the file (UTF-8 unless <paramref name="encoding"/> says otherwise). Tokens are split on any white space
    /// and are not changed otherwise. Every line, a blank one too, ends with <paramref name="endOfSentence"/>; pass
    /// null to add none. A final line break does not start another line.
    /// </summary>
    public static TokenStream Read(string path, Encoding? encoding = null, string? endOfSentence = EndOfSentenceToken)
    {
        var lines = TextFile.ReadLines(path, encoding ?? TextEncodings.Utf8);
        if (lines.Length == 0)
            throw new DataFormatException(path, null, null, "the file is empty; expected one sentence per line, tokens separated by spaces.");
        var tokens = new List<string>();
        foreach (string line in lines)
        {
            tokens.AddRange(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (endOfSentence is not null) tokens.Add(endOfSentence);
        }
        return new TokenStream(tokens, lines.Length, endOfSentence, path);
    }
}
