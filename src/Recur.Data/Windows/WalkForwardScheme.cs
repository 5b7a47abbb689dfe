namespace Recur.Data.Windows;

/// <summary>How a walk-forward fold's training part moves forward (see <see cref="WalkForward"/>).</summary>
public enum WalkForwardScheme
{
    /// <summary>Every fold trains on all windows before its test block, so the training part grows (scikit-learn's <c>TimeSeriesSplit</c>).</summary>
    Expanding,
    /// <summary>Every fold trains on the same number of windows, the latest before its test block (a rolling origin).</summary>
    Sliding,
}
