namespace Recur.Tasks.ImageRows;

/// <summary>One class of a prediction: its label, its name and the probability the network gives it.</summary>
/// <param name="Class">The label.</param>
/// <param name="Name">The class name.</param>
/// <param name="Probability">Softmax probability.</param>
public readonly record struct ClassProbability(int Class, string Name, float Probability);
