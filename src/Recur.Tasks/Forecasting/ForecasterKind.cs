namespace Recur.Tasks.Forecasting;

/// <summary>What the default forecaster of a forecast run is (see <see cref="ForecastChoice"/>).</summary>
public enum ForecasterKind
{
    /// <summary>Naive persistence: the next value is the last known one.</summary>
    Persistence,
    /// <summary>The trained network as it is.</summary>
    Network,
    /// <summary>Persistence plus the network's correction shrunk by a weight in (0, 1).</summary>
    Combination,
}
