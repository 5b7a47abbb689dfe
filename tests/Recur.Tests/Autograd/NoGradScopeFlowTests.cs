namespace Recur.Tests.Autograd;

/// <summary><see cref="NoGradScope"/> follows the async flow, not the thread.</summary>
public class NoGradScopeFlowTests
{
    private static bool Records()
    {
        var w = Tensor.Ones(2);
        w.RequiresGrad = true;
        return !(w * 2f).IsLeaf;
    }

    [Fact]
    public async Task A_scope_still_disables_gradients_after_an_await_inside_it_and_not_after_it_ends()
    {
        Assert.True(Records());
        using (new NoGradScope())
        {
            await Task.Yield();
            Assert.False(NoGradScope.GradEnabled);
            Assert.False(Records());
            await Task.Delay(1);
            Assert.False(Records());
        }
        Assert.True(NoGradScope.GradEnabled);
        Assert.True(Records());
    }

    [Fact]
    public async Task A_scope_left_open_on_pool_threads_does_not_disable_gradients_for_other_work()
    {
        // Each leaked scope lives only in its own task's flow; with a thread-static depth they would disable the tape for
        // whatever the same pool threads run next.
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => GC.KeepAlive(new NoGradScope()))));
        var seen = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            await Task.Yield();
            return NoGradScope.GradEnabled && Records();
        })));
        Assert.All(seen, Assert.True);
    }

    [Fact]
    public async Task Work_started_inside_a_scope_inherits_it_and_nested_scopes_restore_their_outer_state()
    {
        using (new NoGradScope())
        {
            Assert.False(await Task.Run(() => NoGradScope.GradEnabled));
            using (new NoGradScope()) Assert.False(NoGradScope.GradEnabled);
            Assert.False(NoGradScope.GradEnabled);
        }
        Assert.True(await Task.Run(() => NoGradScope.GradEnabled));
    }
}
