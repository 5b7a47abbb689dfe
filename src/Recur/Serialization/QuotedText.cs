namespace Recur.Serialization;

/// <summary>
/// Bounds the text an error message quotes from a file or an argument, so that a huge field, key or line never turns
/// into a huge message (an error line must stay one readable line, whatever the input).
/// </summary>
public static class QuotedText
{
    /// <summary>The default number of characters a message quotes.</summary>
    public const int DefaultLimit = 120;

    /// <summary>
    /// <paramref name="text"/> when it has at most <paramref name="limit"/> characters, else its first
    /// <paramref name="limit"/> characters followed by "… (N characters in all)"; control characters are shown as
    /// <c>\uXXXX</c> so that a quote never breaks the line or the terminal.
    /// </summary>
    public static string Cap(string? text, int limit = DefaultLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (text is null) return "";
        var head = text.Length <= limit ? text : text[..limit];
        if (head.Length < text.Length && char.IsHighSurrogate(head[^1])) head = head[..^1];
        var shown = new System.Text.StringBuilder(head.Length + 32);
        foreach (char c in head)
        {
            if (char.IsControl(c)) shown.Append($"\\u{(int)c:X4}");
            else shown.Append(c);
        }
        if (head.Length < text.Length) shown.Append($"… ({text.Length:N0} characters in all)");
        return shown.ToString();
    }
}
