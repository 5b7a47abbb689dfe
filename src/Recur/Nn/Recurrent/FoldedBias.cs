namespace Recur.Nn.Recurrent;

/// <summary>The biases a cell kernel adds once per step: b_ih and the rows of b_hh that meet the same pre-activations, summed.</summary>
internal static class FoldedBias
{
    /// <summary>
    /// Fills <see cref="DirectionBuffers.Bias"/> with b_ih + the first <paramref name="foldedRows"/> rows of b_hh, and
    /// <see cref="DirectionBuffers.BiasHn"/> with the rest of b_hh (GRU's b_hn). False when there is no bias at all.
    /// </summary>
    public static bool Fill(int foldedRows, int hidden, DirectionWeights w, DirectionBuffers buffers)
    {
        if (w.BiasIh is null && w.BiasHh is null) return false;
        var bias = buffers.Bias.Span;
        if (w.BiasIh is not null) w.BiasIh.CopyTo(bias); else bias.Clear();
        if (w.BiasHh is not null)
        {
            for (int j = 0; j < foldedRows; j++) bias[j] += w.BiasHh[j];
            if (foldedRows < w.BiasHh.Length) w.BiasHh.AsSpan(foldedRows, hidden).CopyTo(buffers.BiasHn.Span);
        }
        return true;
    }
}
