using Recur.Kernels;
using Xunit;

namespace Recur.Tests.Kernels;

/// <summary>Column sums (the recurrent layers' bias gradients): the documented order of additions, bit for bit.</summary>
public class ColumnSumsTests
{
    [Theory]
    [InlineData(2560, 512)]   // IMDB LSTM(128): T·B rows of 4·H gates
    [InlineData(2800, 384)]   // MNIST GRU(128)
    [InlineData(130, 70)]     // a partial block of rows, four whole vectors of columns and a partial one
    [InlineData(64, 16)]
    [InlineData(5, 3)]
    [InlineData(1, 200)]
    public void Each_column_sums_its_rows_in_blocks_of_64_in_order(int rows, int cols)
    {
        // Magnitudes from 1e-6 to 1e6, so that another order of additions would round differently.
        var random = new Random(rows + cols);
        float Draw() => (float)((random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-6, 7)));
        var m = Enumerable.Range(0, rows * cols).Select(_ => Draw()).ToArray();
        var start = Enumerable.Range(0, cols).Select(_ => Draw()).ToArray();

        var expected = (float[])start.Clone();
        for (int j = 0; j < cols; j++)
        {
            float total = 0f;
            for (int r0 = 0; r0 < rows; r0 += 64)
            {
                float block = 0f;
                for (int r = r0; r < Math.Min(rows, r0 + 64); r++) block += m[r * cols + j];
                total += block;
            }
            expected[j] += total;
        }

        var actual = (float[])start.Clone();
        ColumnSums.Add(m, rows, cols, actual);

        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
    }
}
