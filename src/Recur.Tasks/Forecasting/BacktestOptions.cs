using Recur.Data.Windows;

namespace Recur.Tasks.Forecasting;

/// <summary>
/// A walk-forward backtest of the forecaster (<see cref="Backtester"/>): the test span of the single split is cut into
/// <see cref="Folds"/> consecutive blocks, and before each block the scalers, the network and the baselines are fitted
/// afresh on the windows before it.
/// </summary>
public sealed record BacktestOptions
{
    /// <summary>Origins (folds), K ≥ 2.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Whether the training part grows with each fold (expanding) or keeps the first fold's length (sliding).</summary>
    public WalkForwardScheme Scheme { get; init; } = WalkForwardScheme.Expanding;
}
