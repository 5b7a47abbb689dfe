namespace Recur.Data.Windows;

/// <summary>Where a window's target sits relative to its input rows <c>i … i+T−1</c>.</summary>
public enum TargetAlignment
{
    /// <summary>
    /// The target is the row after the window (Keras, the course's GOOG forecast): targets are rows
    /// <c>i+T … i+T+h−1</c>. The model never sees the row it predicts.
    /// </summary>
    NextStep,

    /// <summary>
    /// The target is at the window's last row (the course's Samsung variant, where the target column already
    /// holds a future value such as tomorrow's close or label): targets are rows <c>i+T−1 … i+T+h−2</c>.
    /// </summary>
    LastStep,
}
