namespace Recur.Nn.Keras;

/// <summary>
/// Keras' <c>GlobalMaxPooling1D</c>: the largest value of each channel over time, <c>[B, L, C] → [B, C]</c> (the gradient
/// goes to the first step holding it, as PyTorch's max pooling sends it). No parameters.
/// </summary>
public sealed class GlobalMaxPooling1D : KerasLayer
{
    /// <summary>Creates the layer; having no parameters, it is built for any input at once.</summary>
    public GlobalMaxPooling1D() => Build(null, null, null);

    /// <inheritdoc/>
    public override int?[] ComputeOutputShape(int?[] inputShape) => GlobalPooling1D.OutputShape(inputShape, this);

    /// <inheritdoc/>
    protected override void BuildLayer(int?[] inputShape)
    {
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor input) =>
        Tensor.AdaptiveMaxPool1d(GlobalPooling1D.Check(input, this), 1, channelsLast: true).Reshape(input.Dim(0), input.Dim(2));

    /// <inheritdoc/>
    public override string ToString() => "GlobalMaxPooling1D()";
}
