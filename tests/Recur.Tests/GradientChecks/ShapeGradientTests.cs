using Xunit;

namespace Recur.Tests.GradientChecks;

/// <summary>Reshape, transpose, narrowing, selection, concatenation, splitting and row lookup against index-loop references.</summary>
public class ShapeGradientTests
{
    [Fact]
    public void Reshape_gradient_matches_finite_differences() =>
        // Followed by tanh so a gradient that lands on the wrong element changes the result.
        GradientCheck.AgainstReference("reshape", t => t[0].Reshape(4, -1).Tanh(), t => t[0].Reshape(4, 6).Map(Math.Tanh),
            CheckInput.Uniform("x", 51, -2, 2, 2, 3, 4));

    [Fact]
    public void Reshape_to_and_from_scalar_shape_gradient_matches_finite_differences() =>
        GradientCheck.AgainstReference("reshape [1,1] -> []", t => t[0].Reshape().Mul(3f), t => t[0].Reshape().Map(v => 3 * v),
            CheckInput.Uniform("x", 52, -2, 2, 1, 1));

    [Fact]
    public void Transpose_gradient_matches_finite_differences() =>
        GradientCheck.AgainstReference("transpose", t => t[0].Transpose(), t => t[0].Transpose2D(),
            CheckInput.Uniform("x", 53, -2, 2, 3, 5));

    [Theory]
    [InlineData(0, 1, 2)]
    [InlineData(1, 1, 3)]
    [InlineData(2, 0, 2)]
    [InlineData(-1, 2, 1)]
    [InlineData(1, 0, 5)]
    public void Narrow_gradient_matches_finite_differences(int axis, int start, int length) =>
        GradientCheck.AgainstReference($"narrow axis {axis} [{start}, +{length})", t => t[0].Narrow(axis, start, length),
            t => t[0].Narrow(axis, start, length), CheckInput.Uniform("x", 54, -2, 2, 3, 5, 3));

    [Fact]
    public void Slice_gradient_matches_finite_differences() =>
        GradientCheck.AgainstReference("slice", t => t[0].Slice(1, 2), t => t[0].Narrow(0, 1, 2),
            CheckInput.Uniform("x", 55, -2, 2, 4, 3));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 0)]
    [InlineData(1, -1)]
    [InlineData(-1, 3)]
    public void Select_gradient_matches_finite_differences(int dim, int index)
    {
        int[] shape = [2, 3, 4];
        int ax = dim < 0 ? dim + 3 : dim;
        int idx = index < 0 ? index + shape[ax] : index;
        var resultShape = shape.Where((_, i) => i != ax).ToArray();
        GradientCheck.AgainstReference($"select dim {dim} index {index}", t => t[0].Select(dim, index),
            t => t[0].Narrow(ax, idx, 1).Reshape(resultShape), CheckInput.Uniform("x", 56, -2, 2, shape));
    }

    [Fact]
    public void Concat_along_last_axis_gradient_matches_finite_differences() =>
        GradientCheck.AgainstReference("concat axis -1", t => Tensor.Concat(t, -1), t => DoubleTensor.Concat(t, -1),
            CheckInput.Uniform("a", 57, -2, 2, 2, 3, 1), CheckInput.Uniform("b", 58, -2, 2, 2, 3, 4),
            CheckInput.Uniform("c", 59, -2, 2, 2, 3, 2));

    [Fact]
    public void Concat_along_axis_0_gradient_matches_finite_differences() =>
        GradientCheck.AgainstReference("concat axis 0", t => Tensor.Concat(t, 0), t => DoubleTensor.Concat(t, 0),
            CheckInput.Uniform("a", 60, -2, 2, 2, 3), CheckInput.Uniform("b", 61, -2, 2, 1, 3),
            CheckInput.Uniform("c", 62, -2, 2, 3, 3));

    [Fact]
    public void Concat_along_middle_axis_with_a_constant_part_gradient_matches_finite_differences() =>
        GradientCheck.AgainstReference("concat axis 1", t => Tensor.Concat(t, 1), t => DoubleTensor.Concat(t, 1),
            CheckInput.Uniform("a", 63, -2, 2, 2, 2, 3), CheckInput.Uniform("b", 64, -2, 2, 2, 1, 3).Constant(),
            CheckInput.Uniform("c", 65, -2, 2, 2, 3, 3));

    [Fact]
    public void Concat_of_the_same_tensor_twice_accumulates_both_gradients() =>
        GradientCheck.AgainstReference("concat [x, x]", t => Tensor.Concat([t[0], t[0]], -1), t => DoubleTensor.Concat([t[0], t[0]], -1),
            CheckInput.Uniform("x", 66, -2, 2, 3, 2));

    /// <summary>Pieces flattened and joined, then an elementwise map that differs per piece, so every element's gradient is distinct.</summary>
    private static Tensor JoinPieces(Tensor[] pieces) =>
        Tensor.Concat(pieces.Select((p, i) => p.Reshape(-1).Mul(i + 1f)).ToArray(), 0);

    private static DoubleTensor JoinPieces(DoubleTensor[] pieces) =>
        DoubleTensor.Concat(pieces.Select((p, i) => p.Reshape(p.Size).Map(v => v * (i + 1))).ToArray(), 0);

    private static DoubleTensor[] SplitReference(DoubleTensor x, int[] sizes, int axis)
    {
        var pieces = new DoubleTensor[sizes.Length];
        int start = 0;
        for (int k = 0; k < sizes.Length; k++) { pieces[k] = x.Narrow(axis, start, sizes[k]); start += sizes[k]; }
        return pieces;
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(2)]
    public void Split_gradient_matches_finite_differences(int axis)
    {
        int[] sizes = axis == 0 ? [1, 3, 2] : [2, 1, 2];
        int[] shape = axis == 0 ? [6, 2, 5] : [3, 2, 5];
        GradientCheck.AgainstReference($"split axis {axis}", t => JoinPieces(t[0].Split(sizes, axis)),
            t => JoinPieces(SplitReference(t[0], sizes, axis)), CheckInput.Uniform("x", 67, -2, 2, shape));
    }

    [Fact]
    public void Split_with_an_unused_piece_gives_zero_gradient_there() =>
        GradientCheck.AgainstReference("split, middle piece only", t => t[0].Split([1, 2, 1], -1)[1].Exp(),
            t => t[0].Narrow(-1, 1, 2).Map(Math.Exp), CheckInput.Uniform("x", 68, -1, 1, 3, 4));

    [Fact]
    public void IndexSelect_gradient_accumulates_into_repeated_rows()
    {
        int[] ids = [2, 0, 2, 4, 2];
        GradientCheck.AgainstReference("index_select", t => t[0].IndexSelect(ids), t =>
        {
            var y = DoubleTensor.Zeros(ids.Length, 3);
            for (int i = 0; i < ids.Length; i++)
                for (int j = 0; j < 3; j++)
                    y[i, j] = t[0][ids[i], j];
            return y;
        }, CheckInput.Uniform("table", 69, -1, 1, 5, 3));
    }

    [Fact]
    public void IndexSelect_gradient_of_a_repeated_row_is_the_sum_of_its_uses()
    {
        var table = Tensor.FromArray([1, 2, 3, 4, 5, 6], 3, 2);
        table.RequiresGrad = true;
        var rows = table.IndexSelect([1, 1, 0]);
        rows.Backward(Tensor.FromArray([1, 10, 100, 1000, 0.5f, 0.25f], 3, 2));
        Assert.Equal([0.5f, 0.25f, 101, 1010, 0, 0], table.Grad!.ToArray());
    }
}
