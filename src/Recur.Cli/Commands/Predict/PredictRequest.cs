using Recur.Data.Prices;

namespace Recur.Cli.Commands.Predict;

/// <summary>What <c>recur predict</c> was asked: the model's directory, the file, its row order when stated, and the output form.</summary>
/// <param name="ModelDirectory">The output directory (or checkpoint folder) of the model.</param>
/// <param name="CsvPath">The file to predict from.</param>
/// <param name="DatelessOrder">The row order of a file without dates, when <c>--order</c> or <c>row-order.json</c> states it.</param>
/// <param name="Json">Print JSON instead of text.</param>
internal sealed record PredictRequest(string ModelDirectory, string CsvPath, DatelessRowOrder? DatelessOrder, bool Json);
