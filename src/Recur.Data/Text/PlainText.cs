namespace Recur.Data.Text;

/// <summary>A text file read whole, for character-level models, with its counts.</summary>
public sealed class PlainText
{
    /// <summary>Creates the record.</summary>
    public PlainText(string text, int lineCount, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        LineCount = lineCount;
        Source = source;
    }

    /// <summary>The text, line breaks as "\n".</summary>
    public string Text { get; }

    /// <summary>Number of lines.</summary>
    public int LineCount { get; }

    /// <summary>Where the text came from, if known.</summary>
    public string? Source { get; }

    /// <summary>Length in UTF-16 code units.</summary>
    public int Length => Text.Length;
}
