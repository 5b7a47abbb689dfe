namespace Recur.Tasks.Foundations;

/// <summary>What training the XOR network produced.</summary>
/// <param name="Predictions">σ output for each of the four inputs, in <see cref="LogicGates.Inputs"/> order.</param>
/// <param name="LossCurve">Binary cross-entropy after each step (before the update).</param>
/// <param name="Steps">Steps taken.</param>
/// <param name="Separated">True when every prediction lies on the correct side of 0.5.</param>
public sealed record XorResult(float[] Predictions, float[] LossCurve, int Steps, bool Separated);
