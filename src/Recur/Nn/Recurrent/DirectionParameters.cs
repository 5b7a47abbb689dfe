namespace Recur.Nn.Recurrent;

/// <summary>The parameter tensors of one direction of one layer.</summary>
internal sealed record DirectionParameters(Tensor WeightIh, Tensor WeightHh, Tensor? BiasIh, Tensor? BiasHh)
{
    public DirectionWeights Weights => new(WeightIh.Data, WeightHh.Data, BiasIh?.Data, BiasHh?.Data);

    public DirectionGradients Gradients => new(
        WeightIh.RequiresGrad ? WeightIh.GradBuffer() : null,
        WeightHh.RequiresGrad ? WeightHh.GradBuffer() : null,
        BiasIh is { RequiresGrad: true } ? BiasIh.GradBuffer() : null,
        BiasHh is { RequiresGrad: true } ? BiasHh.GradBuffer() : null);

    /// <summary>How many tensors these are (the weights and whichever biases exist).</summary>
    public int Count => 2 + (BiasIh is null ? 0 : 1) + (BiasHh is null ? 0 : 1);
}
