namespace Recur.Nn.Recurrent;

/// <summary>The weights of one direction of one layer (storage of the parameter tensors).</summary>
internal readonly record struct DirectionWeights(float[] WeightIh, float[] WeightHh, float[]? BiasIh, float[]? BiasHh);
