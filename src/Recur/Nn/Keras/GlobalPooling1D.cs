namespace Recur.Nn.Keras;

/// <summary>The shape rule both global poolings over time share: <c>(batch, steps, channels) → (batch, channels)</c>.</summary>
internal static class GlobalPooling1D
{
    public static int?[] OutputShape(int?[] inputShape, KerasLayer layer)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length != 3 || inputShape[1] is 0)
            throw new ArgumentException($"{layer} expects input (batch, steps, channels) with at least one step but got {LayerShape.Format(inputShape)}.", nameof(inputShape));
        return [inputShape[0], inputShape[2]];
    }

    public static Tensor Check(Tensor input, KerasLayer layer)
    {
        if (input.Rank != 3 || input.Dim(1) == 0)
            throw new ArgumentException($"{layer} expects input [B, L, C] with L ≥ 1 but got {Tensor.ShapeText(input.Shape)}.", nameof(input));
        return input;
    }
}
