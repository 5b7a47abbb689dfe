namespace Recur.Tasks.Foundations;

/// <summary>What training the XOR network produced.</summary>
/// <param name="Predictions">σ output for each of the four inputs, in <see cref="LogicGates.Inputs"/> order.</param>
/// <param name="LossCurve">
/// Binary cross-entropy at the steps in <paramref name="CurveSteps"/> (before the update): every step of a short run, a
/// bounded sample of a long one (<see cref="BoundedLossCurve"/>), always with the first and the last step.
/// </param>
/// <param name="CurveSteps">The 0-based step of each <paramref name="LossCurve"/> entry.</param>
/// <param name="Steps">Steps taken.</param>
/// <param name="Separated">True when every prediction lies on the correct side of 0.5.</param>
public sealed record XorResult(float[] Predictions, float[] LossCurve, int[] CurveSteps, int Steps, bool Separated);
