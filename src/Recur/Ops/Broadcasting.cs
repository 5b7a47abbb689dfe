namespace Recur;

/// <summary>PyTorch's broadcasting rules: shapes align on the right; each pair of sizes is equal or one of them is 1.</summary>
internal static class Broadcasting
{
    public static int[] ResultShape(int[] a, int[] b, string op)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException(
                    $"{op}: shapes {Tensor.ShapeText(a)} and {Tensor.ShapeText(b)} cannot be broadcast together (dimension {i}: {da} vs {db}).");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>For each element of <paramref name="outShape"/>, the offset of the element of <paramref name="inShape"/> it reads.</summary>
    private static int[] SourceOffsets(int[] outShape, int[] inShape)
    {
        int rank = outShape.Length;
        var inStrides = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--)
        {
            int inDim = i - (rank - inShape.Length);
            if (inDim >= 0)
            {
                inStrides[i] = inShape[inDim] == 1 ? 0 : stride;
                stride *= inShape[inDim];
            }
        }
        var offsets = new int[Tensor.SizeOf(outShape)];
        var counter = new int[rank];
        int offset = 0;
        for (int flat = 0; flat < offsets.Length; flat++)
        {
            offsets[flat] = offset;
            // Odometer increment over the output index, moving the input offset along.
            for (int d = rank - 1; d >= 0; d--)
            {
                offset += inStrides[d];
                if (++counter[d] < outShape[d]) break;
                offset -= inStrides[d] * outShape[d];
                counter[d] = 0;
            }
        }
        return offsets;
    }

    /// <summary>The values of <paramref name="source"/> broadcast to <paramref name="outShape"/> (the same array when no broadcast is needed).</summary>
    public static float[] Expand(float[] source, int[] inShape, int[] outShape)
    {
        if (inShape.AsSpan().SequenceEqual(outShape)) return source;
        var offsets = SourceOffsets(outShape, inShape);
        var result = new float[offsets.Length];
        for (int i = 0; i < result.Length; i++) result[i] = source[offsets[i]];
        return result;
    }

    /// <summary>Adds <paramref name="gradient"/> (of <paramref name="outShape"/>) into <paramref name="target"/> (of <paramref name="inShape"/>), summing over broadcast dimensions.</summary>
    public static void AccumulateReduced(ReadOnlySpan<float> gradient, int[] outShape, Span<float> target, int[] inShape)
    {
        if (inShape.AsSpan().SequenceEqual(outShape))
        {
            System.Numerics.Tensors.TensorPrimitives.Add(target, gradient, target);
            return;
        }
        var offsets = SourceOffsets(outShape, inShape);
        for (int i = 0; i < offsets.Length; i++) target[offsets[i]] += gradient[i];
    }
}
