using Recur.Tasks.Recipes;

namespace Recur.Tasks.Forecasting;

/// <summary>The forecast for the window at the end of a file: the values of the next target row(s) in price units.</summary>
/// <param name="Target">The forecast column.</param>
/// <param name="LastDate">The date of the file's last row, when it has dates.</param>
/// <param name="LastValue">The target's last known value (the naive forecast).</param>
/// <param name="Values">The network's forecast, one per horizon step.</param>
/// <param name="AtLastRow">True when the first value is for the file's last row itself (target at the window's last step).</param>
public sealed record NextForecast(string Target, DateOnly? LastDate, double LastValue, double[] Values, bool AtLastRow)
{
    /// <summary>The default forecaster's forecast (<see cref="Choice"/>), one per horizon step.</summary>
    public double[] Default { get; init; } = Values;

    /// <summary>The default forecaster the model was saved with (the network for a checkpoint older than the choice).</summary>
    public ForecastChoice Choice { get; init; } = new(ForecasterKind.Network, 1, "");

    /// <summary>Input columns whose values in the window read lie far outside the training range (see <see cref="TrainingRange"/>).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
