using Recur.Data.Prices;

namespace Recur.Cli;

/// <summary>
/// Phrases the libraries' errors in the command line's words: where a library names the setting that would help (a
/// <see cref="PriceFormatException"/>'s remedies), the user reads the flag that sets it.
/// </summary>
internal static class CommandLineWording
{
    /// <summary>The message of <paramref name="error"/> for the user of the command named <paramref name="command"/>.</summary>
    public static string Message(Exception error, string command) => error switch
    {
        // predict reads a file with the settings its model was trained with; of the reading flags only --order is its own.
        PriceFormatException e when command != "forecast" && e.Remedies.Any(r => r != PriceReadRemedy.StateDatelessOrder) =>
            e.Describe(Remedy) + " Those are flags of recur forecast: a model reads new files with the settings it was trained with.",
        PriceFormatException e => e.Describe(Remedy),
        _ => error.Message,
    };

    private static string Remedy(PriceReadRemedy remedy) => remedy switch
    {
        PriceReadRemedy.StateDatelessOrder => "pass --order newest-first or --order oldest-first",
        PriceReadRemedy.NameEncoding => "name the encoding with --encoding (utf-8, cp949, euc-kr…)",
        PriceReadRemedy.NameColumns => "name the columns with --columns (for example --columns Open,High,Low,Volume,Close)",
        PriceReadRemedy.ReadFewerColumns => "leave the column(s) with empty cells out of --features and --target",
        PriceReadRemedy.AcceptMissingValues => "pass --missing skip or --missing ffill to accept gaps",
        PriceReadRemedy.SkipRowsWithMissingValues => "pass --missing skip to leave such rows out",
        _ => remedy.ToString(),
    };
}
