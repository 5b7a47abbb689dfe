namespace Recur.Nn.Recurrent;

/// <summary>Where one direction's weight gradients go (null when the parameter needs none).</summary>
internal readonly record struct DirectionGradients(float[]? WeightIh, float[]? WeightHh, float[]? BiasIh, float[]? BiasHh);
