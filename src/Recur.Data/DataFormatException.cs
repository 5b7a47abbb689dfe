namespace Recur.Data;

/// <summary>
/// Input data that cannot be read as asked: the message names the file, the line and column (1-based) where known,
/// and what was expected, so the user can find and fix the cell. A price file refused for a reason a setting can
/// remedy is the subclass <see cref="Prices.PriceFormatException"/>.
/// </summary>
public class DataFormatException : Exception
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

    /// <summary>Where, as the message starts: "prices.csv:12, column 3", "prices.csv" without a line, "&lt;data&gt;" without a file.</summary>
    public string Location => Where(File, Line, Column);

    private static string Compose(string? file, int? line, int? column, string problem) => $"{Where(file, line, column)}: {problem}";

    private static string Where(string? file, int? line, int? column)
    {
        var where = file ?? "<data>";
        if (line is int l) where += $":{l}";
        if (column is int c) where += $", column {c}";
        return where;
    }
}
