namespace Recur;

/// <summary>
/// A tensor pooled along its time axis, seen as <c>[Outer, Length, Inner]</c>: channels-first <c>[B, C, L]</c> or
/// <c>[C, L]</c> is <c>[B·C, L, 1]</c>; channels-last <c>[B, L, C]</c> or <c>[L, C]</c> is <c>[B, L, C]</c>.
/// </summary>
internal readonly record struct Pool1dLayout(int Outer, int Length, int Inner, int[] Shape, bool ChannelsLast)
{
    /// <summary>The layout of <paramref name="input"/>; <paramref name="name"/> (e.g. <c>MaxPool1d(kernel_size=3)</c>) heads the error.</summary>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D.</exception>
    public static Pool1dLayout Of(Tensor input, bool channelsLast, string name)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = input.ShapeRef;
        if (shape.Length is not (2 or 3))
            throw new ArgumentException(
                $"{name} expects input {(channelsLast ? "[B, L, C] or [L, C]" : "[B, C, L] or [C, L]")} but got {Tensor.ShapeText(shape)}.",
                nameof(input));
        return channelsLast
            ? new Pool1dLayout(shape.Length == 3 ? shape[0] : 1, shape[^2], shape[^1], shape, true)
            : new Pool1dLayout(shape.Length == 3 ? shape[0] * shape[1] : shape[0], shape[^1], 1, shape, false);
    }

    /// <summary>The shape with the time axis resized to <paramref name="outLength"/>.</summary>
    public int[] OutputShape(int outLength)
    {
        var shape = (int[])Shape.Clone();
        shape[ChannelsLast ? ^2 : ^1] = outLength;
        return shape;
    }
}
