using Xunit;

namespace Recur.Tests.Autograd;

/// <summary>Behaviour of the define-by-run tape: accumulation, scopes, errors, graph cutting and depth.</summary>
public class TapeTests
{
    private static Tensor Leaf(params float[] values)
    {
        var t = Tensor.FromArray(values, values.Length);
        t.RequiresGrad = true;
        return t;
    }

    [Fact]
    public void Gradient_accumulates_when_a_tensor_is_used_twice()
    {
        // y = x·x + x ⇒ dy/dx = 2x + 1
        var x = Leaf(-1.5f, 0f, 2f, 3.25f);
        var y = x * x + x;
        y.Sum().Backward();
        Assert.Equal([-2f, 1f, 5f, 7.5f], x.Grad!.ToArray());
    }

    [Fact]
    public void Gradient_accumulates_through_a_diamond_graph()
    {
        // a = 2x; out = tanh(a) + e^a ⇒ d out/dx = 2(1 − tanh²(2x)) + 2e^(2x)
        var x = Leaf(0.3f, -0.7f);
        var a = x * 2f;
        (a.Tanh() + a.Exp()).Sum().Backward();
        var g = x.Grad!.ToArray();
        for (int i = 0; i < 2; i++)
        {
            double v = 2 * x[i];
            double expected = 2 * (1 - Math.Tanh(v) * Math.Tanh(v)) + 2 * Math.Exp(v);
            Assert.Equal(expected, g[i], 1e-5);
        }
    }

    [Fact]
    public void Gradients_accumulate_across_backward_calls_until_ZeroGrad()
    {
        var x = Leaf(1f, 2f);
        var w = Leaf(3f, -1f);
        (x * w).Sum().Backward();
        (x * w).Sum().Backward();
        Assert.Equal([6f, -2f], x.Grad!.ToArray());
        Assert.Equal([2f, 4f], w.Grad!.ToArray());
        // ZeroGrad zeroes in place and keeps the buffer (PyTorch 1.x zero_grad()).
        var buffer = x.Grad;
        x.ZeroGrad();
        Assert.Same(buffer, x.Grad);
        Assert.Equal([0f, 0f], x.Grad!.ToArray());
        (x * w).Sum().Backward();
        Assert.Equal([3f, -1f], x.Grad!.ToArray());
        Assert.Equal([3f, 6f], w.Grad!.ToArray());
    }

    [Fact]
    public void ZeroGrad_before_any_backward_leaves_the_gradient_null()
    {
        var x = Leaf(1f);
        x.ZeroGrad();
        Assert.Null(x.Grad);
    }

    [Fact]
    public void Backward_twice_through_a_retained_graph_doubles_the_leaf_gradient()
    {
        var x = Leaf(1f, -2f);
        var loss = (x * x).Sum();
        loss.Backward(retainGraph: true);
        loss.Backward();
        Assert.Equal([4f, -8f], x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_twice_through_the_same_graph_is_refused_as_pytorch_refuses_it()
    {
        // Failed before issue 16: the second pass silently doubled the gradient.
        var x = Leaf(1f, -2f);
        var y = x * x;
        var loss = y.Sum();
        loss.Backward();
        var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("backward through the graph a second time", e.Message);
        Assert.Contains("retainGraph", e.Message);
        // A graph sharing the released part is refused too; the gradient stays that of the one pass.
        Assert.Throws<InvalidOperationException>(() => (y * 2f).Sum().Backward());
        Assert.Equal([2f, -4f], x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_twice_through_a_retained_intermediate_doubles_the_leaf_gradient()
    {
        // PyTorch: y = 3x, loss = Σ y²; two backward passes give x.grad = 2 · 18x and y.grad = 2 · 6x.
        // The retained gradient of y must not be propagated again on the second pass.
        var x = Leaf(2f);
        var y = x * 3f;
        y.RetainGrad = true;
        var loss = (y * y).Sum();
        loss.Backward(retainGraph: true);
        Assert.Equal([36f], x.Grad!.ToArray());
        Assert.Equal([12f], y.Grad!.ToArray());
        loss.Backward();
        Assert.Equal([24f], y.Grad!.ToArray());
        Assert.Equal([72f], x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_from_a_retained_root_twice_doubles_the_leaf_gradient()
    {
        var x = Leaf(1f, 2f);
        var loss = (x * 5f).Sum();
        loss.RetainGrad = true;
        loss.Backward(retainGraph: true);
        loss.Backward();
        Assert.Equal([10f, 10f], x.Grad!.ToArray());
        Assert.Equal(2f, loss.Grad!.Item());
    }

    [Fact]
    public void Results_in_a_NoGradScope_do_not_require_grad_and_backward_on_them_says_so()
    {
        var x = Leaf(1f, 2f);
        Tensor y;
        using (new NoGradScope())
        {
            Assert.False(NoGradScope.GradEnabled);
            y = (x * x).Sum();
        }
        Assert.True(NoGradScope.GradEnabled);
        Assert.False(y.RequiresGrad);
        Assert.True(y.IsLeaf);
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("does not require grad", e.Message);
        Assert.Null(x.Grad);
    }

    [Fact]
    public void NoGradScopes_nest_and_recording_resumes_after_the_outer_one()
    {
        var x = Leaf(1f);
        using (new NoGradScope())
        {
            using (new NoGradScope()) Assert.False((x * 2f).RequiresGrad);
            Assert.False(NoGradScope.GradEnabled);
            Assert.False((x * 2f).RequiresGrad);
        }
        Assert.True((x * 2f).RequiresGrad);
    }

    [Fact]
    public void Disposing_a_NoGradScope_twice_does_not_re_enable_an_outer_scope_early()
    {
        using var outer = new NoGradScope();
        var inner = new NoGradScope();
        inner.Dispose();
        inner.Dispose();
        Assert.False(NoGradScope.GradEnabled);
    }

    [Fact]
    public void NoGradScope_does_not_reach_work_running_outside_its_flow()
    {
        // A thread started before the scope runs in its own flow: the scope (an AsyncLocal) does not reach it, while work
        // started inside the scope inherits it (NoGradScopeFlowTests).
        using var inScope = new ManualResetEventSlim();
        bool otherThread = false;
        var thread = new Thread(() =>
        {
            inScope.Wait();
            otherThread = NoGradScope.GradEnabled;
        });
        thread.Start();
        using (new NoGradScope())
        {
            inScope.Set();
            thread.Join();
            Assert.True(otherThread);
            Assert.False(NoGradScope.GradEnabled);
        }
    }

    [Fact]
    public void Operations_on_tensors_that_do_not_require_grad_record_nothing()
    {
        var a = Tensor.FromArray([1f, 2f], 2);
        var y = (a * a).Sum();
        Assert.False(y.RequiresGrad);
        Assert.Throws<InvalidOperationException>(() => y.Backward());
    }

    [Fact]
    public void Backward_without_gradient_on_a_non_scalar_names_the_shape()
    {
        var x = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        x.RequiresGrad = true;
        var y = x * 2f;
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("[2, 3]", e.Message);
    }

    [Fact]
    public void Backward_with_a_wrong_shaped_gradient_names_both_shapes()
    {
        var x = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        x.RequiresGrad = true;
        var y = x * 2f;
        var e = Assert.Throws<ArgumentException>(() => y.Backward(Tensor.Ones(3, 2)));
        Assert.Contains("[3, 2]", e.Message);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Null(x.Grad);
    }

    [Fact]
    public void Backward_with_an_explicit_gradient_scales_the_leaf_gradient()
    {
        var x = Leaf(1f, 2f, 3f);
        (x * 2f).Backward(Tensor.FromArray([1f, 10f, 100f], 3));
        Assert.Equal([2f, 20f, 200f], x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_on_a_one_element_tensor_of_rank_one_needs_no_gradient()
    {
        var x = Leaf(4f);
        (x * 3f).Backward();
        Assert.Equal([3f], x.Grad!.ToArray());
    }

    [Fact]
    public void Intermediate_gradients_are_released_unless_retained()
    {
        var x = Leaf(1f, 2f);
        var a = x * 3f;
        var b = a.Tanh();
        b.RetainGrad = true;
        var loss = b.Sum();
        loss.Backward();
        Assert.Null(a.Grad);
        Assert.Null(loss.Grad);
        Assert.NotNull(b.Grad);
        Assert.Equal([1f, 1f], b.Grad!.ToArray());
        Assert.NotNull(x.Grad);
    }

    [Fact]
    public void Detach_cuts_the_graph()
    {
        // y = x · detach(x)²: only the first factor carries gradient, so dy/dx = x², not 3x².
        var x = Leaf(2f, -3f);
        var d = x.Detach();
        Assert.False(d.RequiresGrad);
        Assert.True(d.IsLeaf);
        var y = x * (d * d);
        y.Sum().Backward();
        Assert.Equal([4f, 9f], x.Grad!.ToArray());
        Assert.Null(d.Grad);
    }

    [Fact]
    public void Detached_result_of_an_op_does_not_propagate_to_its_inputs()
    {
        var x = Leaf(1f, 2f);
        var h = (x * 2f).Detach();
        h.RequiresGrad = true;
        (h * h).Sum().Backward();
        Assert.Null(x.Grad);
        Assert.Equal([4f, 8f], h.Grad!.ToArray());
    }

    [Fact]
    public void RequiresGrad_cannot_be_turned_off_on_an_op_result()
    {
        var y = Leaf(1f) * 2f;
        var e = Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false);
        Assert.Contains("Detach", e.Message);
    }

    [Fact]
    public void Leaf_that_does_not_require_grad_gets_no_gradient()
    {
        var x = Leaf(1f, 2f);
        var c = Tensor.FromArray([5f, 7f], 2);
        (x * c + c).Sum().Backward();
        Assert.Null(c.Grad);
        Assert.Equal([5f, 7f], x.Grad!.ToArray());
    }

    [Fact]
    public void Deep_chain_of_ten_thousand_ops_backpropagates_without_stack_overflow()
    {
        var x = Leaf(1.5f);
        var y = x;
        const int depth = 10_000;
        for (int i = 0; i < depth; i++) y = i % 2 == 0 ? y * 0.9999f : y + 0.001f;
        y.Sum().Backward();
        // d y/dx = 0.9999^5000
        Assert.Equal(Math.Pow(0.9999, depth / 2), x.Grad!.Item(), 1e-3);
    }

    [Fact]
    public void Deep_chain_of_binary_ops_backpropagates_without_stack_overflow()
    {
        // h_{t+1} = h_t · a + b: like an unrolled recurrence, 20,000 nodes on the tape.
        var a = Leaf(0.5f);
        var b = Leaf(1f);
        var h = Tensor.FromArray([0f], 1);
        for (int t = 0; t < 10_000; t++) h = h * a + b;
        h.Backward();
        // Fixed point h = b/(1−a) = 2; dh/db = Σ aᵏ = 2; dh/da = Σ k·a^(k−1)·b·... converges to b/(1−a)² = 4.
        Assert.Equal(2.0, h.Item(), 1e-4);
        Assert.Equal(2.0, b.Grad!.Item(), 1e-4);
        Assert.Equal(4.0, a.Grad!.Item(), 1e-3);
    }

    [Fact]
    public void MatMul_shape_mismatch_names_the_op_and_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).MatMul(Tensor.Zeros(4, 5)));
        Assert.Contains("matmul", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[4, 5]", e.Message);
        var e3 = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3, 4).MatMul(Tensor.Zeros(4, 5)));
        Assert.Contains("[2, 3, 4]", e3.Message);
    }

    [Theory]
    [InlineData("add")]
    [InlineData("sub")]
    [InlineData("mul")]
    [InlineData("div")]
    public void Broadcast_mismatch_names_the_op_and_both_shapes(string op)
    {
        var a = Tensor.Zeros(3, 4);
        var b = Tensor.Ones(5);
        Func<Tensor> run = op switch
        {
            "add" => () => a + b,
            "sub" => () => a - b,
            "mul" => () => a * b,
            _ => () => a / b,
        };
        var e = Assert.Throws<ArgumentException>(() => run());
        Assert.Contains(op, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("[3, 4]", e.Message);
        Assert.Contains("[5]", e.Message);
    }

    [Fact]
    public void Linear_shape_mismatch_names_the_expected_and_actual_input()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Linear(Tensor.Zeros(7, 32, 4), Tensor.Zeros(10, 5), null));
        Assert.Contains("Linear", e.Message);
        Assert.Contains("5", e.Message);
        Assert.Contains("[7, 32, 4]", e.Message);
        var eb = Assert.Throws<ArgumentException>(() => Tensor.Linear(Tensor.Zeros(2, 5), Tensor.Zeros(10, 5), Tensor.Zeros(3)));
        Assert.Contains("[3]", eb.Message);
    }

    [Fact]
    public void Axis_out_of_range_names_the_op_and_the_shape()
    {
        var t = Tensor.Zeros(2, 3);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => t.Softmax(2));
        Assert.Contains("Softmax", e.Message);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Sum(-3));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Mean(5, keepDim: true));
    }
}
