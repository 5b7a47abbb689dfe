using Recur.Data.Prices;

namespace Recur.Cli.Commands.Predict;

/// <summary>
/// What <c>recur predict</c> was asked: the model's directory, its input — a price file (with its row order when stated) or
/// texts — and the output form.
/// </summary>
/// <param name="ModelDirectory">The output directory (or checkpoint folder) of the model.</param>
/// <param name="CsvPath">The price file to predict from (<c>--csv</c>), or null.</param>
/// <param name="DatelessOrder">The row order of a file without dates, when <c>--order</c> or <c>row-order.json</c> states it.</param>
/// <param name="Texts">The texts to classify (<c>--text</c>, <c>--file</c>), or empty.</param>
/// <param name="Json">Print JSON instead of text.</param>
internal sealed record PredictRequest(string ModelDirectory, string? CsvPath, DatelessRowOrder? DatelessOrder, IReadOnlyList<string> Texts, bool Json)
{
    /// <summary>The price file, which forecast and updown models need.</summary>
    /// <exception cref="ArgumentException">No <c>--csv</c> was given.</exception>
    public string RequireCsv(string kind) =>
        CsvPath ?? throw new ArgumentException($"{kind} model needs --csv FILE, the prices whose latest window it predicts from.");
}
