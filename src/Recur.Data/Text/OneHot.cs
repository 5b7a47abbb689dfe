namespace Recur.Data.Text;

/// <summary>One-hot encoding of class ids or token ids (Keras' <c>to_categorical</c>, PyTorch's <c>F.one_hot</c> as floats).</summary>
public static class OneHot
{
    /// <summary>A float tensor <c>[ids.Count, classCount]</c> with a 1 at each id's column.</summary>
    public static Tensor Encode(IReadOnlyList<int> ids, int classCount)
    {
        ArgumentNullException.ThrowIfNull(ids);
        CheckClassCount(classCount);
        var data = new float[checked(ids.Count * classCount)];
        for (int i = 0; i < ids.Count; i++)
            data[i * classCount + Checked(ids[i], classCount, $"id at position {i}")] = 1f;
        return Tensor.FromArray(data, ids.Count, classCount);
    }

    /// <summary>
    /// A float tensor <c>[Count, Length, classCount]</c> of padded sequences (inputs of a character model). With
    /// <paramref name="padsAsZeros"/> (the default) padding positions are all-zero vectors, so they carry no
    /// signal; otherwise they are one-hot at the padding value like any id.
    /// </summary>
    public static Tensor Encode(PaddedSequences sequences, int classCount, bool padsAsZeros = true)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        CheckClassCount(classCount);
        int n = sequences.Count, t = sequences.Length;
        var data = new float[checked(n * t * classCount)];
        for (int row = 0; row < n; row++)
            for (int step = 0; step < t; step++)
            {
                if (padsAsZeros && !sequences.IsReal(row, step)) continue;
                int id = Checked(sequences[row, step], classCount, $"id at row {row}, step {step}");
                data[(row * t + step) * classCount + id] = 1f;
            }
        return Tensor.FromArray(data, n, t, classCount);
    }

    private static void CheckClassCount(int classCount)
    {
        if (classCount < 1)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "OneHot: classCount must be at least 1.");
    }

    private static int Checked(int id, int classCount, string where)
    {
        if ((uint)id >= (uint)classCount)
            throw new ArgumentOutOfRangeException(nameof(id), id, $"OneHot: {where} is {id}, outside [0, {classCount}).");
        return id;
    }
}
