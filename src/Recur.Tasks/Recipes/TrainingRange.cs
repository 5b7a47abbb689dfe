using System.Globalization;

namespace Recur.Tasks.Recipes;

/// <summary>
/// The range of each input column a model's scalers were fitted on, and the check a predictor runs on new data against
/// it: a network fed values far outside what it saw extrapolates, and says nothing about it unless asked.
/// </summary>
/// <param name="Columns">The columns' names.</param>
/// <param name="Min">Each column's smallest training value.</param>
/// <param name="Max">Each column's largest training value.</param>
public sealed record TrainingRange(IReadOnlyList<string> Columns, IReadOnlyList<double> Min, IReadOnlyList<double> Max)
{
    /// <summary>How far outside the training range (in widths of that range) a value may lie before it is "far".</summary>
    public const double Tolerance = 0.5;

    /// <summary>
    /// One warning per column whose values in <paramref name="values"/> (rows × columns, the rows a prediction reads)
    /// lie more than <see cref="Tolerance"/> × the training range's width beyond it; empty when none do.
    /// </summary>
    public IReadOnlyList<string> Check(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.GetLength(1) != Columns.Count)
            throw new ArgumentException($"TrainingRange: {values.GetLength(1)} columns of values for {Columns.Count} column ranges.", nameof(values));
        var warnings = new List<string>();
        for (int c = 0; c < Columns.Count; c++)
        {
            double low = double.PositiveInfinity, high = double.NegativeInfinity;
            for (int r = 0; r < values.GetLength(0); r++)
            {
                low = Math.Min(low, values[r, c]);
                high = Math.Max(high, values[r, c]);
            }
            double width = Max[c] - Min[c];
            double margin = Tolerance * (width > 0 ? width : Math.Max(Math.Abs(Max[c]), 1e-12));
            bool below = low < Min[c] - margin, above = high > Max[c] + margin;
            if (!below && !above) continue;
            string where = below && above ? "far outside" : below ? "far below" : "far above";
            warnings.Add($"{Columns[c]} runs {N(low)}–{N(high)} in the rows read, {where} the {N(Min[c])}–{N(Max[c])} the model was trained on; " +
                "its scalers map such values outside what the network saw, so the output is an extrapolation.");
        }
        return warnings;
    }

    private static string N(double value) => value.ToString(Math.Abs(value) >= 1000 ? "#,0" : "0.###", CultureInfo.InvariantCulture);
}
