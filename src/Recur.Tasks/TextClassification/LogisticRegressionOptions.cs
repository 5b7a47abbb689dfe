namespace Recur.Tasks.TextClassification;

/// <summary>Settings of <see cref="LogisticRegression"/>; the defaults are scikit-learn's except for the iteration cap.</summary>
public sealed record LogisticRegressionOptions
{
    /// <summary>Inverse strength of the L2 penalty, scikit-learn's <c>C</c>: the objective is C·Σ log-loss + ½‖W‖².</summary>
    public double C { get; init; } = 1.0;

    /// <summary>
    /// Stop when no gradient component of Σ log-loss + ‖W‖² / (2C) exceeds this (scikit-learn's <c>tol</c>, which it
    /// passes to L-BFGS as <c>gtol</c>).
    /// </summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>
    /// The most L-BFGS iterations (scikit-learn's <c>max_iter</c> is 100, which text problems often hit before
    /// converging; here the cap is higher and <see cref="LogisticRegression.Converged"/> says whether it was reached).
    /// </summary>
    public int MaxIterations { get; init; } = 1000;

    internal void Validate()
    {
        if (!(C > 0 && double.IsFinite(C))) throw new ArgumentOutOfRangeException(nameof(C), C, "LogisticRegressionOptions: C must be positive and finite.");
        if (!(Tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "LogisticRegressionOptions: must be positive.");
        if (MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "LogisticRegressionOptions: must be at least 1.");
    }
}
