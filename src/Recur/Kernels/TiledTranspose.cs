namespace Recur.Kernels;

/// <summary>A matrix transposed into another array, in tiles.</summary>
internal static class TiledTranspose
{
    /// <summary><paramref name="target"/> <c>[cols, rows]</c> = the first <paramref name="rows"/> rows of <paramref name="source"/> <c>[·, cols]</c>, transposed.</summary>
    public static void Run(float[] source, int rows, int cols, float[] target)
    {
        // In 16 × 16 tiles, so that neither side is walked a whole row apart per element.
        const int Tile = 16;
        for (int r0 = 0; r0 < rows; r0 += Tile)
            for (int c0 = 0; c0 < cols; c0 += Tile)
            {
                int r1 = Math.Min(rows, r0 + Tile), c1 = Math.Min(cols, c0 + Tile);
                for (int r = r0; r < r1; r++)
                    for (int c = c0; c < c1; c++)
                        target[c * rows + r] = source[r * cols + c];
            }
    }
}
