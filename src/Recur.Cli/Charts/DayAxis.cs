using ScottPlot;

namespace Recur.Cli.Charts;

/// <summary>The horizontal axis of a price chart: dates when every row has one, otherwise the file's row numbers.</summary>
internal static class DayAxis
{
    /// <summary>The x value of each row (OLE dates or 1-based rows), and whether they are dates.</summary>
    public static (double[] X, bool Dated) Of(IReadOnlyList<int> rows, IReadOnlyList<DateOnly>? dates)
    {
        bool dated = dates is not null;
        var x = rows.Select(r => dated ? dates![r].ToDateTime(TimeOnly.MinValue).ToOADate() : r + 1.0).ToArray();
        return (x, dated);
    }

    /// <summary>Labels the bottom axis with ISO dates, or names it by rows.</summary>
    public static void Label(Plot plot, bool dated)
    {
        if (dated && plot.Axes.DateTimeTicksBottom().TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic dates)
            dates.LabelFormatter = date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        plot.XLabel(dated ? "date" : "row of the file (oldest first)");
    }

    /// <summary>Chart text must be ASCII (no CJK font can be assumed): a non-ASCII name becomes <paramref name="fallback"/>.</summary>
    public static string Ascii(string text, string fallback = "target") => text.All(c => c < 128) ? text : fallback;
}
