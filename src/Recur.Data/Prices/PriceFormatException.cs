namespace Recur.Data.Prices;

/// <summary>
/// A price file <see cref="PriceSeriesReader"/> refused for a reason a setting can remedy: the message is the location,
/// the <see cref="Issue"/> and the <see cref="Remedies"/> phrased as <see cref="PriceSeriesOptions"/> names;
/// <see cref="Describe"/> phrases the remedies in a caller's own words.
/// </summary>
public sealed class PriceFormatException : DataFormatException
{
    /// <summary>Creates the exception; <paramref name="issue"/> says what is wrong, without the location or the remedy.</summary>
    public PriceFormatException(string file, int? line, int? column, string issue, IReadOnlyList<PriceReadRemedy> remedies, Exception? inner = null)
        : base(file, line, column, Advise(issue, remedies, OptionName), inner)
    {
        Issue = issue;
        Remedies = remedies;
    }

    /// <summary>What is wrong, without the location and the remedies.</summary>
    public string Issue { get; }

    /// <summary>The settings that would read the file, any one of them; at least one.</summary>
    public IReadOnlyList<PriceReadRemedy> Remedies { get; }

    /// <summary>
    /// The message with the remedies in the caller's words: "<see cref="DataFormatException.Location"/>: <see cref="Issue"/>;
    /// phrase 1 or phrase 2."
    /// </summary>
    public string Describe(Func<PriceReadRemedy, string> phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        return $"{Location}: {Advise(Issue, Remedies, phrase)}";
    }

    private static string Advise(string issue, IReadOnlyList<PriceReadRemedy> remedies, Func<PriceReadRemedy, string> phrase)
    {
        ArgumentNullException.ThrowIfNull(remedies);
        ArgumentOutOfRangeException.ThrowIfZero(remedies.Count);
        return $"{issue}; {string.Join(", or ", remedies.Select(phrase))}.";
    }

    private static string OptionName(PriceReadRemedy remedy) => remedy switch
    {
        PriceReadRemedy.NameEncoding => "name its encoding in PriceSeriesOptions.EncodingName",
        PriceReadRemedy.NameColumns => "give the column names in PriceSeriesOptions.ColumnNames",
        PriceReadRemedy.ReadFewerColumns => "leave the column(s) with empty cells out of PriceSeriesOptions.Columns",
        PriceReadRemedy.AcceptMissingValues => "set PriceSeriesOptions.MissingValues to SkipRow or ForwardFill to accept gaps",
        PriceReadRemedy.SkipRowsWithMissingValues => "set PriceSeriesOptions.MissingValues to SkipRow to leave such rows out",
        PriceReadRemedy.StateDatelessOrder => "set PriceSeriesOptions.DatelessOrder to NewestFirst or OldestFirst",
        PriceReadRemedy.NameDateFormat => "name the layout in PriceSeriesOptions.DateFormat",
        PriceReadRemedy.NameDecimalSeparator => "name the decimal separator in PriceSeriesOptions.DecimalSeparator",
        _ => throw new ArgumentOutOfRangeException(nameof(remedy), remedy, null),
    };
}
