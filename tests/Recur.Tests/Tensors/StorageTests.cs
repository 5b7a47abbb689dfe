using Xunit;

namespace Recur.Tests.Tensors;

/// <summary>
/// Where tensor storage lives: the runtime setting Recur's apps are built with reaches the process, activations below it
/// are young-generation arrays, and larger ones go to the pinned heap rather than the large object heap.
/// </summary>
public class StorageTests
{
    [Fact]
    public void The_test_host_runs_with_the_large_object_threshold_from_Recur_props()
    {
        // Directory.Build.props imports src/Recur/buildTransitive/Recur.props, as a package reference would.
        Assert.Equal(4_000_000L, GC.GetConfigurationVariables()["LOHThreshold"]);
        Assert.Equal(4_000_000L, Storage.LargeObjectBytes);
    }

    [Fact]
    public void A_step_sized_activation_is_a_young_array()
    {
        // The spam model's embedding output, [64, 60, 32] floats: 480 KB.
        var activation = Storage.Uninitialized(64 * 60 * 32);
        Assert.True(GC.GetGeneration(activation) < 2, $"a 480 KB array is in generation {GC.GetGeneration(activation)}");
    }

    [Fact]
    public void Arrays_past_the_threshold_are_pinned_heap_arrays()
    {
        int length = (int)(Storage.LargeObjectBytes / 4) + 1;
        // The pinned and large object heaps both report generation 2; either way the array is not moved or copied.
        Assert.Equal(2, GC.GetGeneration(Storage.Uninitialized(length)));
        var zeroed = Storage.Zeroed(length);
        Assert.Equal(2, GC.GetGeneration(zeroed));
        Assert.All(zeroed, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Zeroed_arrays_are_zero_on_both_sides_of_the_threshold()
    {
        foreach (int length in new[] { 1, 1000, 64 * 60 * 32 })
            Assert.All(Storage.Zeroed(length), v => Assert.Equal(0f, v));
    }
}
