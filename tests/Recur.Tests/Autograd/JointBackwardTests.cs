using Recur.Autograd;
using Xunit;

namespace Recur.Tests.Autograd;

/// <summary>
/// An operation with several outputs on the tape (<see cref="Tape.Record(Tensor[], string, Tensor[], Action{Tensor?[]})"/>):
/// its one backward runs once per pass, after every output the pass reaches has its gradient, whichever outputs the loss
/// used and however often.
/// </summary>
public class JointBackwardTests
{
    /// <summary>y1 = 2x, y2 = 3x as one operation; <paramref name="seen"/> records what each backward call received.</summary>
    private static (Tensor X, Tensor Y1, Tensor Y2) TwoOutputs(List<bool[]> seen)
    {
        var x = Tensor.FromArray([1f, -2f, 0.5f], 3);
        x.RequiresGrad = true;
        var y1 = Tensor.FromArray([2f, -4f, 1f], 3);
        var y2 = Tensor.FromArray([3f, -6f, 1.5f], 3);
        Tape.Record([y1, y2], "twice_and_thrice", [x], gradients =>
        {
            seen.Add([gradients[0] is not null, gradients[1] is not null]);
            var dx = new float[3];
            for (int i = 0; i < 3; i++)
                dx[i] = 2f * (gradients[0]?.Data[i] ?? 0f) + 3f * (gradients[1]?.Data[i] ?? 0f);
            x.AccumulateGrad(dx);
        });
        return (x, y1, y2);
    }

    [Fact]
    public void Gradient_through_the_first_output_only_reaches_the_input_once()
    {
        var seen = new List<bool[]>();
        var (x, y1, _) = TwoOutputs(seen);
        y1.Sum().Backward();
        Assert.Equal([2f, 2f, 2f], x.Grad!.ToArray());
        Assert.Equal([[true, false]], seen);
    }

    [Fact]
    public void Gradient_through_the_second_output_only_reaches_the_input_once()
    {
        var seen = new List<bool[]>();
        var (x, _, y2) = TwoOutputs(seen);
        y2.Sum().Backward();
        Assert.Equal([3f, 3f, 3f], x.Grad!.ToArray());
        Assert.Equal([[false, true]], seen);
    }

    [Fact]
    public void Gradients_through_both_outputs_arrive_together()
    {
        var seen = new List<bool[]>();
        var (x, y1, y2) = TwoOutputs(seen);
        (y1 + y2 * 2f).Sum().Backward();
        Assert.Equal([8f, 8f, 8f], x.Grad!.ToArray());
        Assert.Equal([[true, true]], seen);
    }

    [Fact]
    public void An_output_used_twice_sums_its_gradients_before_the_backward_runs()
    {
        var seen = new List<bool[]>();
        var (x, y1, y2) = TwoOutputs(seen);
        // y1 twice (once through a longer path), y2 once: d/dx = 2·(1 + 3) + 3 = 11
        (y1.Sum() + (y1 * 3f).Sum() + y2.Sum()).Backward();
        Assert.Equal([11f, 11f, 11f], x.Grad!.ToArray());
        Assert.Single(seen);
    }

    [Fact]
    public void Outputs_combined_downstream_before_the_loss_still_run_the_backward_once()
    {
        var seen = new List<bool[]>();
        var (x, y1, y2) = TwoOutputs(seen);
        (y1 * y2).Sum().Backward();   // d/dx Σ 6x² = 12x
        Assert.Equal([12f, -24f, 6f], x.Grad!.ToArray());
        Assert.Equal([[true, true]], seen);
    }

    [Fact]
    public void A_second_pass_through_a_released_output_is_refused()
    {
        var (_, y1, y2) = TwoOutputs([]);
        y1.Sum().Backward();
        Assert.Throws<InvalidOperationException>(() => y1.Sum().Backward());
        y2.Sum().Backward();   // y2's node was not in the first pass
    }
}
