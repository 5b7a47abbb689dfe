namespace Recur.Data;

/// <summary>
/// Input data that cannot be read as asked: the message names the file, the line and column (1-based) where known,
/// and what was expected, so the user can find and fix the cell.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception; the message is composed from the location and <paramref name="problem"/>.</summary>
    public DataFormatException(string? file, int? line, int? column, string problem, Exception? inner = null)
        : base(Compose(file, line, column, problem), inner)
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file's path, or null for data that did not come from a file.</summary>
    public string? File { get; }

    /// <summary>1-based line number in the file, when known.</summary>
    public int? Line { get; }

    /// <summary>1-based column (field) number, when known.</summary>
    public int? Column { get; }

    /// <summary>What is wrong and what was expected, without the location.</summary>
    public string Problem { get; }

    private static string Compose(string? file, int? line, int? column, string problem)
    {
        var where = file ?? "<data>";
        if (line is int l) where += $":{l}";
        if (column is int c) where += $", column {c}";
        return $"{where}: {problem}";
    }
}
