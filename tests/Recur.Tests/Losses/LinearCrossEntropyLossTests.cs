using Recur.Losses;
using Recur.Tests.GradientChecks;
using Recur.Tests.Kernels;
using Xunit;

namespace Recur.Tests.Losses;

/// <summary>
/// The fused output layer and loss against the two it fuses: <c>CrossEntropyLoss(Tensor.Linear(x, W, b))</c>, bit for bit
/// in the loss and every gradient; finite differences; the reused buffer and the refused second backward.
/// </summary>
[Collection(nameof(KernelThreadsCollection))]
public class LinearCrossEntropyLossTests
{
    public static TheoryData<Reduction, bool, int> Cases => new()
    {
        { Reduction.Mean, true, -100 }, { Reduction.Sum, true, -100 }, { Reduction.Mean, false, -100 }, { Reduction.Mean, true, 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Equals_cross_entropy_of_linear_bit_for_bit(Reduction reduction, bool bias, int ignoreIndex)
    {
        var (x, w, b, targets) = Operands(rows: 37, inputs: 9, classes: 53, seed: 1, bias);
        targets[5] = targets[11] = 3;
        var fused = new LinearCrossEntropyLoss(reduction, ignoreIndex);
        var plain = new CrossEntropyLoss(reduction, ignoreIndex: ignoreIndex);

        var (fusedLoss, fusedGrads) = Run(() => fused.Forward(x, w, b, targets), x, w, b);
        var (plainLoss, plainGrads) = Run(() => plain.Forward(Tensor.Linear(x, w, b), targets), x, w, b);
        Assert.Equal(plainLoss, fusedLoss);
        for (int i = 0; i < plainGrads.Length; i++) Assert.Equal(plainGrads[i], fusedGrads[i]);
    }

    [Fact]
    public void Large_rows_give_the_same_bits_on_one_and_two_threads_as_the_plain_loss()
    {
        // 400 rows over 1,001 classes: past the size at which rows are split between threads.
        var (x, w, b, targets) = Operands(rows: 400, inputs: 16, classes: 1001, seed: 2, bias: true);
        var fused = new LinearCrossEntropyLoss();
        var (one, two) = OneAndTwoThreads.Run(() => Run(() => fused.Forward(x, w, b, targets), x, w, b));
        Assert.Equal(one.Loss, two.Loss);
        for (int i = 0; i < one.Grads.Length; i++) Assert.Equal(one.Grads[i], two.Grads[i]);
        var plain = Run(() => new CrossEntropyLoss().Forward(Tensor.Linear(x, w, b), targets), x, w, b);
        Assert.Equal(plain.Loss, one.Loss);
        for (int i = 0; i < one.Grads.Length; i++) Assert.Equal(plain.Grads[i], one.Grads[i]);
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        int[] targets = [2, 0, 4, 4, 1, 3];
        GradientCheck.AgainstReference("linear_cross_entropy", t => new LinearCrossEntropyLoss().Forward(t[0], t[1], t[2], targets),
            t =>
            {
                var (x, w, b) = (t[0], t[1], t[2]);
                double total = 0;
                for (int r = 0; r < 6; r++)
                {
                    var logits = Enumerable.Range(0, 5).Select(c => b.Data[c] + Enumerable.Range(0, 3).Sum(k => x[r, k] * w[c, k])).ToArray();
                    total += Math.Log(logits.Sum(Math.Exp)) - logits[targets[r]];
                }
                return DoubleTensor.Scalar(total / 6);
            },
            CheckInput.Uniform("x", 11, -1, 1, 6, 3), CheckInput.Uniform("weight", 12, -1, 1, 5, 3), CheckInput.Uniform("bias", 13, -1, 1, 5));
    }

    [Fact]
    public void A_second_backward_through_one_call_is_refused_and_the_next_call_reuses_the_buffer()
    {
        var (x, w, b, targets) = Operands(rows: 8, inputs: 4, classes: 11, seed: 3, bias: true);
        var fused = new LinearCrossEntropyLoss();
        var loss = fused.Forward(x, w, b, targets);
        loss.Backward();
        var error = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("a second time", error.Message);

        // Evaluation records nothing and hands the buffer straight back; a recorded call afterwards is still exact.
        float evaluated;
        using (new NoGradScope()) evaluated = fused.Forward(x, w, b, targets).Item();
        Assert.Equal(new CrossEntropyLoss().Forward(Tensor.Linear(x, w, b), targets).Item(), evaluated);
        var again = Run(() => fused.Forward(x, w, b, targets), x, w, b);
        var plain = Run(() => new CrossEntropyLoss().Forward(Tensor.Linear(x, w, b), targets), x, w, b);
        Assert.Equal(plain.Grads[1], again.Grads[1]);
    }

    [Fact]
    public void Bad_operands_are_refused_with_their_shapes()
    {
        var (x, w, b, targets) = Operands(rows: 4, inputs: 3, classes: 5, seed: 4, bias: true);
        var loss = new LinearCrossEntropyLoss();
        Assert.Contains("expects input [..., 3]", Assert.Throws<ArgumentException>(() => loss.Forward(Tensor.Zeros(4, 2), w, b, targets)).Message);
        Assert.Contains("4 rows but 3 targets", Assert.Throws<ArgumentException>(() => loss.Forward(x, w, b, targets[..3])).Message);
        Assert.Contains("target 1 is 5", Assert.Throws<ArgumentOutOfRangeException>(() => loss.Forward(x, w, b, [0, 5, 1, 1])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearCrossEntropyLoss(Reduction.None));
    }

    private static (float Loss, float[][] Grads) Run(Func<Tensor> loss, Tensor x, Tensor w, Tensor? b)
    {
        Tensor[] leaves = b is null ? [x, w] : [x, w, b];
        foreach (var leaf in leaves) leaf.Grad = null;
        var value = loss();
        value.Backward();
        return (value.Item(), leaves.Select(l => l.Grad!.ToArray()).ToArray());
    }

    private static (Tensor X, Tensor W, Tensor? B, int[] Targets) Operands(int rows, int inputs, int classes, int seed, bool bias)
    {
        var generator = new Generator((ulong)seed);
        var x = Tensor.Randn(generator, rows, inputs);
        var w = Tensor.Randn(generator, classes, inputs);
        var b = bias ? Tensor.Randn(generator, classes) : null;
        x.RequiresGrad = w.RequiresGrad = true;
        if (b is not null) b.RequiresGrad = true;
        var targets = Enumerable.Range(0, rows).Select(_ => generator.NextInt(classes)).ToArray();
        return (x, w, b, targets);
    }
}
