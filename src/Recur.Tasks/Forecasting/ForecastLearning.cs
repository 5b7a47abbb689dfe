namespace Recur.Tasks.Forecasting;

/// <summary>What the network is trained to output.</summary>
public enum ForecastLearning
{
    /// <summary>
    /// The change of the scaled target since the last known value: the prediction is persistence plus a learned
    /// correction, so an untrained network starts out as the naive forecast instead of far below it.
    /// </summary>
    Change,
    /// <summary>The scaled target itself, as the course's slides do.</summary>
    Level,
}
