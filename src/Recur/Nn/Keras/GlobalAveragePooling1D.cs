namespace Recur.Nn.Keras;

/// <summary>Keras' <c>GlobalAveragePooling1D</c>: the mean of each channel over time, <c>[B, L, C] → [B, C]</c>. No parameters.</summary>
public sealed class GlobalAveragePooling1D : KerasLayer
{
    /// <summary>Creates the layer; having no parameters, it is built for any input at once.</summary>
    public GlobalAveragePooling1D() => Build(null, null, null);

    /// <inheritdoc/>
    public override int?[] ComputeOutputShape(int?[] inputShape) => GlobalPooling1D.OutputShape(inputShape, this);

    /// <inheritdoc/>
    protected override void BuildLayer(int?[] inputShape)
    {
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor input) =>
        Tensor.AdaptiveAvgPool1d(GlobalPooling1D.Check(input, this), 1, channelsLast: true).Reshape(input.Dim(0), input.Dim(2));

    /// <inheritdoc/>
    public override string ToString() => "GlobalAveragePooling1D()";
}
