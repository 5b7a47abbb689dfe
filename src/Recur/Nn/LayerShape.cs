using System.Globalization;

namespace Recur.Nn;

/// <summary>
/// Shapes as Keras writes them: batch first, with null for a dimension that is not known until data arrives (Keras'
/// <c>None</c>), as <c>int?[]</c>: <c>[null, 60, 32]</c> is <c>(None, 60, 32)</c>.
/// </summary>
public static class LayerShape
{
    /// <summary>The shape of <paramref name="tensor"/> with its first (batch) dimension unknown.</summary>
    public static int?[] Of(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var shape = new int?[tensor.Rank];
        for (int d = 1; d < shape.Length; d++) shape[d] = tensor.Dim(d);
        return shape;
    }

    /// <summary>The shape as Python prints Keras' tuples: <c>(None, 60, 32)</c>, <c>(None,)</c> for rank 1.</summary>
    public static string Format(IReadOnlyList<int?> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dims = shape.Select(d => d is int n ? n.ToString(CultureInfo.InvariantCulture) : "None").ToList();
        return dims.Count == 1 ? $"({dims[0]},)" : $"({string.Join(", ", dims)})";
    }
}
