using System.CommandLine;
using Recur.Data.Prices;

namespace Recur.Cli;

/// <summary>
/// <c>--order newest-first|oldest-first</c>, of the commands that read a price file: the row order of a file without
/// dates, which nothing in the file reveals. Unset, the <see cref="RowOrderManifest"/> beside the file supplies the order
/// of a file it vouches for (the bundled GOOG files), so naming a bundled file with <c>--csv</c> reads it as the default does.
/// </summary>
internal static class OrderOption
{
    /// <summary>The flag, accepting the two orders only.</summary>
    public static Option<string?> Create(string description)
    {
        var option = new Option<string?>("--order") { Description = description, HelpName = "newest-first|oldest-first" };
        option.AcceptOnlyFromAmong(DatelessRowOrderNames.NewestFirst, DatelessRowOrderNames.OldestFirst);
        return option;
    }

    /// <summary>
    /// The order <paramref name="stated"/> names, else the one the manifest beside <paramref name="csvPath"/> records for
    /// that file's exact bytes; null when neither says.
    /// </summary>
    public static DatelessRowOrder? Resolve(string? stated, string csvPath)
    {
        if (DatelessRowOrderNames.TryParse(stated, out var order)) return order;
        var recorded = RowOrderManifest.Lookup(csvPath);
        return recorded == DatelessRowOrder.Unspecified ? null : recorded;
    }
}
