using Recur.Data.Images;
using Recur.Data.Prices;

namespace Recur.Cli.Commands.Predict;

/// <summary>
/// What <c>recur predict</c> was asked: the model's directory, its input — a price file (with its row order when stated),
/// texts, or an image — and the output form. Each route reads the inputs of its kind of model.
/// </summary>
/// <param name="ModelDirectory">The output directory (or checkpoint folder) of the model.</param>
/// <param name="Json">Print JSON instead of text.</param>
internal sealed record PredictRequest(string ModelDirectory, bool Json)
{
    /// <summary>The price file to predict from (<c>--csv</c>), or null.</summary>
    public string? CsvPath { get; init; }

    /// <summary>The row order of a file without dates, when <c>--order</c> or <c>row-order.json</c> states it.</summary>
    public DatelessRowOrder? DatelessOrder { get; init; }

    /// <summary>The texts to classify (<c>--text</c>, <c>--file</c>), or empty.</summary>
    public IReadOnlyList<string> Texts { get; init; } = [];

    /// <summary>A picture to classify (<c>--png</c>), or null.</summary>
    public string? Picture { get; init; }

    /// <summary>An IDX images file to take an image from (<c>--idx</c>), or null.</summary>
    public string? IdxFile { get; init; }

    /// <summary>The 0-based image of <see cref="IdxFile"/> (<c>--index</c>), or null.</summary>
    public int? IdxIndex { get; init; }

    /// <summary>Scale a picture of another size to the model's (<c>--resize</c>).</summary>
    public bool Resize { get; init; }

    /// <summary>Whether to invert a picture to bright ink on dark (<c>--invert</c>).</summary>
    public InkInversion Inversion { get; init; } = InkInversion.Auto;

    /// <summary>The price file, which forecast and updown models need.</summary>
    /// <exception cref="ArgumentException">No <c>--csv</c> was given.</exception>
    public string RequireCsv(string kind) =>
        CsvPath ?? throw new ArgumentException($"{kind} model needs --csv FILE, the prices whose latest window it predicts from.");
}
