using System.Text;

namespace Recur.Data.Text;

/// <summary>How <see cref="DelimitedTextReader"/> reads a labelled CSV or TSV file.</summary>
public sealed class DelimitedTextOptions
{
    /// <summary>The column holding the text (by name or 0-based index).</summary>
    public required ColumnReference TextColumn { get; init; }

    /// <summary>The column holding the label (by name or 0-based index).</summary>
    public required ColumnReference LabelColumn { get; init; }

    /// <summary>The field separator; null picks tab for <c>.tsv</c>/<c>.tab</c>/<c>.txt</c> files and comma otherwise.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Whether the first line is a header (default true). Without one, columns can only be chosen by index.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The file's encoding; null means UTF-8. Kaggle's <c>spam.csv</c> needs <see cref="TextEncodings.Windows1252"/>.</summary>
    public Encoding? Encoding { get; init; }

    /// <summary>
    /// The labels, in class-id order (matched ignoring case); a label outside them is an error. Null discovers them
    /// from the file: sorted numerically if all are integers, otherwise ordinally (so ham/spam → 0/1).
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>
    /// Appends the non-empty cells after the text column (except the label column) to the text, joined with the
    /// delimiter. This recovers messages split by unquoted delimiters, as in 50 rows of Kaggle's <c>spam.csv</c>
    /// (header <c>v1,v2,,,</c>), which pandas' <c>usecols</c> would cut. Off by default; when off, such rows are
    /// counted in <see cref="LabelledTexts.Notes"/>.
    /// </summary>
    public bool JoinCellsAfterText { get; init; }
}
