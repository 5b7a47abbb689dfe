using Recur.Kernels;
using Xunit;

namespace Recur.Tests.Kernels;

/// <summary>
/// Products run side by side (<see cref="Gemm.MultiplySideBySide"/>) against the same products run one at a time: the same
/// bits on one thread and on two, whether the products are large enough to share out or not, with absent and empty ones.
/// </summary>
[Collection(nameof(KernelThreadsCollection))]
public class GemmSideBySideTests
{
    // (transposeA, transposeB, m, n, k, accumulate) of three products: a recurrent layer's dW_ih, dW_hh and dX at a small
    // IMDB-like shape (each above the parallel threshold), and a set too small to share out.
    public static TheoryData<int> Sets => new() { 0, 1 };

    private static (bool TransposeA, bool TransposeB, int M, int N, int K, bool Accumulate)[] Shapes(int set) => set == 0
        ? [(true, false, 256, 96, 640, true), (true, false, 256, 64, 640, true), (false, false, 640, 96, 256, false)]
        : [(true, false, 24, 8, 30, true), (false, true, 7, 9, 5, false), (false, false, 30, 8, 24, true)];

    [Theory]
    [MemberData(nameof(Sets))]
    public void Side_by_side_products_give_the_bits_of_each_product_alone(int set)
    {
        var shapes = Shapes(set);
        var (one, two) = OneAndTwoThreads.Run(() => SideBySide(shapes));
        var alone = Alone(shapes);
        for (int i = 0; i < shapes.Length; i++)
        {
            Assert.Equal(alone[i], one[i]);
            Assert.Equal(alone[i], two[i]);
        }
    }

    [Fact]
    public void Absent_and_empty_products_are_skipped_or_cleared()
    {
        var shapes = Shapes(0);
        float[] a = GemmTests.Random(shapes[2].M * shapes[2].K, 1), b = GemmTests.Random(shapes[2].K * shapes[2].N, 2);
        float[] c = GemmTests.Random(shapes[2].M * shapes[2].N, 3), expected = (float[])c.Clone();
        Gemm.Multiply(false, false, shapes[2].M, shapes[2].N, shapes[2].K, a, shapes[2].K, b, shapes[2].N, expected, shapes[2].N, accumulate: false);
        float[] emptySum = GemmTests.Random(12, 4);
        Gemm.MultiplySideBySide(
            default,
            new GemmCall(false, false, 3, 4, 0, [], 0, [], 4, emptySum, 4, accumulate: false),   // k = 0 without accumulating: C = 0
            new GemmCall(false, false, shapes[2].M, shapes[2].N, shapes[2].K, a, shapes[2].K, b, shapes[2].N, c, shapes[2].N, accumulate: false));
        Assert.Equal(expected, c);
        Assert.All(emptySum, x => Assert.Equal(0f, x));
    }

    [Fact]
    public void A_call_too_short_for_its_shape_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Gemm.MultiplySideBySide(
            new GemmCall(false, false, 4, 4, 4, new float[15], 4, new float[16], 4, new float[16], 4, accumulate: false), default, default));
        Assert.Contains("GEMM A is too short", error.Message);
    }

    private static float[][] SideBySide((bool TransposeA, bool TransposeB, int M, int N, int K, bool Accumulate)[] shapes)
    {
        var (a, b, c) = Operands(shapes);
        Gemm.MultiplySideBySide(Call(shapes[0], a[0], b[0], c[0]), Call(shapes[1], a[1], b[1], c[1]), Call(shapes[2], a[2], b[2], c[2]));
        return c;
    }

    private static float[][] Alone((bool TransposeA, bool TransposeB, int M, int N, int K, bool Accumulate)[] shapes)
    {
        var (a, b, c) = Operands(shapes);
        for (int i = 0; i < shapes.Length; i++)
        {
            var s = shapes[i];
            Gemm.Multiply(s.TransposeA, s.TransposeB, s.M, s.N, s.K, a[i], s.TransposeA ? s.M : s.K, b[i], s.TransposeB ? s.K : s.N, c[i], s.N, s.Accumulate);
        }
        return c;
    }

    private static GemmCall Call((bool TransposeA, bool TransposeB, int M, int N, int K, bool Accumulate) s, float[] a, float[] b, float[] c) =>
        new(s.TransposeA, s.TransposeB, s.M, s.N, s.K, a, s.TransposeA ? s.M : s.K, b, s.TransposeB ? s.K : s.N, c, s.N, s.Accumulate);

    private static (float[][] A, float[][] B, float[][] C) Operands((bool TransposeA, bool TransposeB, int M, int N, int K, bool Accumulate)[] shapes)
    {
        var a = shapes.Select((s, i) => GemmTests.Random(s.M * s.K, 10 + i)).ToArray();
        var b = shapes.Select((s, i) => GemmTests.Random(s.K * s.N, 20 + i)).ToArray();
        var c = shapes.Select((s, i) => GemmTests.Random(s.M * s.N, 30 + i)).ToArray();
        return (a, b, c);
    }
}
