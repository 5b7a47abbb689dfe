using Xunit;

namespace Recur.Tests.Tensors;

/// <summary>Creation, shapes, indexing and the forward values of shape operations.</summary>
public class TensorTests
{
    [Fact]
    public void FromArray_copies_the_array()
    {
        var data = new float[] { 1, 2, 3, 4, 5, 6 };
        var t = Tensor.FromArray(data, 2, 3);
        data[0] = 100;
        Assert.Equal(1f, t[0, 0]);
        t.Span[1] = -5;
        Assert.Equal(2f, data[1]);
    }

    [Fact]
    public void FromArray_with_the_wrong_element_count_names_the_shape_and_the_count()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromArray([1, 2, 3, 4, 5], 2, 3));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("6", e.Message);
        Assert.Contains("5", e.Message);
    }

    [Fact]
    public void Creation_with_a_negative_dimension_throws_naming_the_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, -1));
        Assert.Contains("[2, -1]", e.Message);
    }

    [Fact]
    public void Shape_rank_size_and_dim_describe_the_tensor()
    {
        var t = Tensor.Zeros(2, 3, 4);
        Assert.Equal([2, 3, 4], t.Shape);
        Assert.Equal(3, t.Rank);
        Assert.Equal(24, t.Size);
        Assert.Equal(4, t.Dim(-1));
        Assert.Equal(2, t.Dim(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Dim(3));
    }

    [Fact]
    public void Shape_is_a_copy_that_cannot_change_the_tensor()
    {
        var t = Tensor.Zeros(2, 3);
        t.Shape[0] = 7;
        Assert.Equal([2, 3], t.Shape);
    }

    [Fact]
    public void Scalar_has_an_empty_shape_and_one_element()
    {
        var s = Tensor.Scalar(2.5f);
        Assert.Empty(s.Shape);
        Assert.Equal(0, s.Rank);
        Assert.Equal(1, s.Size);
        Assert.Equal(2.5f, s.Item());
        Assert.Equal("[]", Tensor.ShapeText(s.Shape));
    }

    [Fact]
    public void Zeros_ones_full_and_zeros_like_fill_their_values()
    {
        Assert.All(Tensor.Zeros(2, 2).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(Tensor.Ones(3).ToArray(), v => Assert.Equal(1f, v));
        Assert.All(Tensor.Full(-1.5f, 2, 3).ToArray(), v => Assert.Equal(-1.5f, v));
        var like = Tensor.Full(4f, 3, 1).ZerosLike();
        Assert.Equal([3, 1], like.Shape);
        Assert.All(like.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Indexer_reads_and_writes_row_major()
    {
        var t = Tensor.FromArray([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 2, 3, 2);
        Assert.Equal(9f, t[1, 1, 1]);
        Assert.Equal(4f, t[0, 2, 0]);
        t[1, 0, 1] = -1;
        Assert.Equal(-1f, t.ToArray()[7]);
        Assert.Throws<IndexOutOfRangeException>(() => t[0, 3, 0]);
        Assert.Throws<ArgumentException>(() => t[0, 0]);
    }

    [Fact]
    public void Item_on_a_tensor_of_several_elements_throws_naming_the_shape()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(2, 3).Item());
        Assert.Contains("[2, 3]", e.Message);
        Assert.Equal(7f, Tensor.Full(7f, 1, 1).Item());
    }

    [Fact]
    public void ToString_shows_the_shape_and_the_first_values()
    {
        var text = Tensor.FromArray([1, 2.5f, 3], 3).ToString();
        Assert.Contains("[3]", text);
        Assert.Contains("2.5", text);
    }

    [Fact]
    public void Reshape_infers_the_dimension_given_as_minus_one()
    {
        var t = Tensor.FromArray(Enumerable.Range(0, 24).Select(i => (float)i).ToArray(), 2, 3, 4);
        Assert.Equal([6, 4], t.Reshape(-1, 4).Shape);
        Assert.Equal([2, 12], t.Reshape(2, -1).Shape);
        Assert.Equal([24], t.Reshape(-1).Shape);
        Assert.Equal(t.ToArray(), t.Reshape(4, -1, 2).ToArray());
    }

    [Fact]
    public void Reshape_shares_storage_like_a_view()
    {
        var t = Tensor.Zeros(2, 3);
        var r = t.Reshape(3, 2);
        r.Span[5] = 9;
        Assert.Equal(9f, t[1, 2]);
    }

    [Theory]
    [InlineData(new[] { 5, 5 })]
    [InlineData(new[] { -1, 5 })]
    [InlineData(new[] { 7 })]
    public void Reshape_to_an_incompatible_shape_names_both_shapes(int[] shape)
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3, 4).Reshape(shape));
        Assert.Contains(Tensor.ShapeText(shape), e.Message);
        Assert.Contains("[2, 3, 4]", e.Message);
    }

    [Fact]
    public void Reshape_with_two_inferred_dimensions_throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3, 4).Reshape(-1, -1));
        Assert.Contains("-1", e.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(4).Reshape(-2, -2));
    }

    [Fact]
    public void Transpose_swaps_rows_and_columns()
    {
        var t = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3).Transpose();
        Assert.Equal([3, 2], t.Shape);
        Assert.Equal([1, 4, 2, 5, 3, 6], t.ToArray());
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(2, 3, 4).Transpose());
        Assert.Contains("[2, 3, 4]", e.Message);
    }

    [Fact]
    public void Narrow_slice_and_select_pick_the_right_elements()
    {
        var t = Tensor.FromArray(Enumerable.Range(0, 24).Select(i => (float)i).ToArray(), 2, 3, 4);
        var n = t.Narrow(2, 1, 2);
        Assert.Equal([2, 3, 2], n.Shape);
        Assert.Equal([1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22], n.ToArray());
        Assert.Equal([4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23], t.Narrow(1, 1, 2).ToArray());
        var s = t.Slice(1, 1);
        Assert.Equal([1, 3, 4], s.Shape);
        Assert.Equal(12f, s.ToArray()[0]);
        var sel = t.Select(1, 2);
        Assert.Equal([2, 4], sel.Shape);
        Assert.Equal([8, 9, 10, 11, 20, 21, 22, 23], sel.ToArray());
        Assert.Equal([3, 7, 11, 15, 19, 23], t.Select(-1, -1).ToArray());
    }

    [Fact]
    public void Narrow_and_select_outside_the_axis_throw_naming_the_shape()
    {
        var t = Tensor.Zeros(2, 3);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => t.Narrow(1, 2, 2));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Select(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Narrow(2, 0, 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Concat_then_split_round_trips(int axis)
    {
        var g = new Generator(5);
        var t = Tensor.Randn(g, 4, 5, 6);
        int size = t.Dim(axis);
        int[] sizes = [1, size - 3, 2];
        var pieces = t.Split(sizes, axis);
        Assert.Equal(3, pieces.Length);
        for (int k = 0; k < 3; k++) Assert.Equal(sizes[k], pieces[k].Dim(axis));
        var joined = Tensor.Concat(pieces, axis);
        Assert.Equal(t.Shape, joined.Shape);
        Assert.Equal(t.ToArray(), joined.ToArray());
    }

    [Fact]
    public void Concat_places_parts_in_order()
    {
        var a = Tensor.FromArray([1, 2, 3, 4], 2, 2);
        var b = Tensor.FromArray([5, 6], 2, 1);
        Assert.Equal([1, 2, 5, 3, 4, 6], Tensor.Concat([a, b]).ToArray());
        var c = Tensor.FromArray([7, 8], 1, 2);
        Assert.Equal([1, 2, 3, 4, 7, 8], Tensor.Concat([a, c], 0).ToArray());
    }

    [Fact]
    public void Concat_of_mismatched_shapes_names_both()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Concat([Tensor.Zeros(2, 3), Tensor.Zeros(3, 3)], -1));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[3, 3]", e.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Concat(Array.Empty<Tensor>()));
    }

    [Fact]
    public void Split_with_sizes_that_do_not_add_up_throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 5).Split([2, 2]));
        Assert.Contains("[2, 5]", e.Message);
    }

    [Fact]
    public void ArgMax_returns_the_first_index_on_ties()
    {
        var t = Tensor.FromArray([1, 3, 3, 0, 5, 5, 5, 5, -1, -1, -2, -1], 3, 4);
        Assert.Equal([1, 0, 0], t.ArgMax());
        var columns = Tensor.FromArray([1, 2, 3, 2, 3, 0], 3, 2);
        Assert.Equal([1, 0], columns.ArgMax(0));
        Assert.Equal([1, 0, 0], columns.ArgMax(1));
    }

    [Fact]
    public void IndexSelect_gathers_rows_and_rejects_ids_out_of_range()
    {
        var table = Tensor.FromArray([0, 1, 10, 11, 20, 21], 3, 2);
        Assert.Equal([20, 21, 0, 1, 20, 21], table.IndexSelect([2, 0, 2]).ToArray());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => table.IndexSelect([1, 3]));
        Assert.Contains("3", e.Message);
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(3).IndexSelect([0]));
    }

    [Fact]
    public void Clone_is_deep_and_detach_shares_storage_off_the_tape()
    {
        var x = Tensor.FromArray([1, 2], 2);
        x.RequiresGrad = true;
        var y = x * 2f;
        var c = y.Clone();
        var d = y.Detach();
        Assert.False(c.RequiresGrad);
        Assert.False(d.RequiresGrad);
        Assert.True(d.IsLeaf);
        y.Span[0] = 100;
        Assert.Equal(100f, d[0]);
        Assert.Equal(2f, c[0]);
    }

    [Fact]
    public void Broadcasting_follows_pytorch_shapes()
    {
        var a = Tensor.FromArray([1, 2], 2, 1, 1);
        var b = Tensor.FromArray([10, 20, 30], 3, 1);
        var c = a + b;
        Assert.Equal([2, 3, 1], c.Shape);
        Assert.Equal([11, 21, 31, 12, 22, 32], c.ToArray());
        Assert.Equal([3, 4], (Tensor.Zeros(3, 4) * Tensor.Scalar(2f)).Shape);
    }

    [Fact]
    public void MatMul_and_Linear_compute_known_products()
    {
        var a = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        var b = Tensor.FromArray([1, 0, 0, 1, 1, 1], 3, 2);
        Assert.Equal([4, 5, 10, 11], a.MatMul(b).ToArray());
        Assert.Equal([4, 5, 10, 11], Tensor.MatMul(a.Transpose(), b.Transpose(), transposeA: true, transposeB: true).ToArray());
        var y = Tensor.Linear(a, b.Transpose(), Tensor.FromArray([0.5f, -1], 2));
        Assert.Equal([4.5f, 4, 10.5f, 10], y.ToArray());
    }

    [Fact]
    public void Softmax_and_log_softmax_of_huge_logits_stay_finite()
    {
        var x = Tensor.FromArray([1000, 1001, 1002, -1000, 0, 1000], 2, 3);
        var s = x.Softmax();
        Assert.All(s.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1.0, s.ToArray().Take(3).Sum(), 5);
        Assert.Equal(1.0, s.ToArray().Skip(3).Sum(), 5);
        var l = x.LogSoftmax();
        Assert.All(l.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.Equal(-2000f, l[1, 0], 2f);
    }

    [Fact]
    public void Reductions_and_mean_compute_known_values()
    {
        var t = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal(21f, t.Sum().Item());
        Assert.Equal(3.5f, t.Mean().Item());
        Assert.Equal([5, 7, 9], t.Sum(0).ToArray());
        Assert.Equal([2, 1], t.Mean(1, keepDim: true).Shape);
        Assert.Equal([2, 5], t.Mean(1, keepDim: true).ToArray());
    }

    [Fact]
    public void Uniform_and_normal_tensors_have_the_requested_range_and_moments()
    {
        var g = new Generator(9);
        var u = Tensor.Uniform(g, -2, 3, 100, 100).ToArray();
        Assert.All(u, v => Assert.InRange(v, -2f, 3f - 1e-6f));
        Assert.Equal(0.5, u.Average(), 1);
        var n = Tensor.Normal(g, 2, 3, 100, 100).ToArray();
        double mean = n.Average();
        double std = Math.Sqrt(n.Sum(v => (v - mean) * (v - mean)) / n.Length);
        Assert.InRange(mean, 2 - 0.1, 2 + 0.1);
        Assert.InRange(std, 3 * 0.97, 3 * 1.03);
        Assert.Throws<ArgumentException>(() => Tensor.Uniform(g, 1, 0, 2));
        Assert.Throws<ArgumentException>(() => Tensor.Normal(g, 0, -1, 2));
    }

    [Fact]
    public void Random_tensors_from_equal_seeds_are_equal()
    {
        Assert.Equal(Tensor.Randn(new Generator(4), 3, 3).ToArray(), Tensor.Randn(new Generator(4), 3, 3).ToArray());
        Assert.Equal(Tensor.Rand(new Generator(4), 10).ToArray(), Tensor.Rand(new Generator(4), 10).ToArray());
        Assert.NotEqual(Tensor.Rand(new Generator(4), 10).ToArray(), Tensor.Rand(new Generator(5), 10).ToArray());
    }
}
