namespace Recur.Tasks.RiseClassification;

/// <summary>An up/down model's call for the last day of a file.</summary>
/// <param name="Price">The price column.</param>
/// <param name="LastDate">The last day's date, when the file has dates.</param>
/// <param name="LastClose">The last day's price.</param>
/// <param name="Probability">The network's P(the price rises by <paramref name="RisePercent"/> % within <paramref name="Within"/> days).</param>
/// <param name="Threshold">The decision threshold chosen on validation.</param>
/// <param name="RisePercent">The rise the model was trained to call.</param>
/// <param name="Within">Days ahead.</param>
public sealed record NextRise(string Price, DateOnly? LastDate, double LastClose, double Probability, double Threshold, double RisePercent, int Within)
{
    /// <summary>True when the probability reaches the threshold: the model calls a rise.</summary>
    public bool Rise => Probability >= Threshold;

    /// <summary>Features whose values in the window read lie far outside the training range.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
