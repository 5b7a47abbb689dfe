namespace Recur.Data.Text;

/// <summary>Collects a loader's rows and what it left out, then makes the <see cref="LabelledTexts"/>.</summary>
internal sealed class LabelledTextsBuilder(string path)
{
    private readonly List<string> _texts = [];
    private readonly List<int> _labels = [];
    private readonly List<int> _droppedEmptyLines = [];
    private readonly List<string> _notes = [];
    private int _blankLines;

    /// <summary>Adds a row; a text that is empty after trimming is left out and its line recorded.</summary>
    public void Add(string text, int label, int line)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            _droppedEmptyLines.Add(line);
            return;
        }
        _texts.Add(text);
        _labels.Add(label);
    }

    /// <summary>
    /// The rows of a one-row-per-line file: from <paramref name="firstLine"/> (0-based, after any header) on, blank
    /// lines are counted and every other line is given to <paramref name="addLine"/> with its 1-based line number.
    /// </summary>
    public static LabelledTexts FromLines(string path, string[] lines, int firstLine, IReadOnlyList<string> classNames,
        string expectedLayout, Action<LabelledTextsBuilder, string, int> addLine)
    {
        var builder = new LabelledTextsBuilder(path);
        for (int i = firstLine; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) builder.SkipBlank();
            else addLine(builder, lines[i], i + 1);
        }
        return builder.Build(classNames, expectedLayout);
    }

    /// <summary>Records something the user should be told about the file.</summary>
    public void Note(string note) => _notes.Add(note);

    /// <summary>Counts a blank line skipped.</summary>
    public void SkipBlank() => _blankLines++;

    /// <summary>The result; a file with no row at all is an error.</summary>
    public LabelledTexts Build(IReadOnlyList<string> classNames, string expectedLayout)
    {
        if (_texts.Count == 0 && _droppedEmptyLines.Count == 0)
            throw new DataFormatException(path, null, null, $"the file holds no rows; expected {expectedLayout}.");
        return new LabelledTexts(_texts, _labels, classNames, path, _droppedEmptyLines, _blankLines, _notes);
    }

    /// <summary>The class id of <paramref name="label"/> (trimmed, compared ignoring case), or an error naming the expected ones.</summary>
    public int ClassOf(string label, IReadOnlyList<string> classNames, int line, int column)
    {
        string trimmed = label.Trim();
        for (int i = 0; i < classNames.Count; i++)
            if (string.Equals(trimmed, classNames[i], StringComparison.OrdinalIgnoreCase))
                return i;
        throw new DataFormatException(path, line, column,
            $"label '{trimmed}' is not one of the expected labels: {string.Join(", ", classNames)}.");
    }
}
