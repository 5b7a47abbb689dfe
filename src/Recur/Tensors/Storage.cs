namespace Recur;

/// <summary>
/// Where tensor storage comes from. Arrays the runtime would put on the large object heap go to the pinned object heap
/// instead: both are collected with generation 2 and never moved, but measured on .NET 10 the GC hands freed LOH memory
/// back to the OS and commits it again, so a training step whose outputs are a few hundred kilobytes page-faulted every
/// one of them in afresh, while the pinned heap reuses more of its memory. Arrays below the runtime's threshold are
/// ordinary generation-0 arrays, which cost the least of all: Recur's apps raise the threshold
/// (<c>System.GC.LOHThreshold</c>, see <c>buildTransitive/Recur.props</c>) so that a step's activations stay there.
/// </summary>
internal static class Storage
{
    /// <summary>
    /// Bytes from which the runtime puts an array on the large object heap: its <c>LOHThreshold</c> setting as the GC
    /// applied it (85,000 unless configured; the GC caps it below its region size).
    /// </summary>
    internal static readonly long LargeObjectBytes = RuntimeLargeObjectBytes();

    /// <summary>A zero-filled array of <paramref name="length"/> floats.</summary>
    public static float[] Zeroed(int length) => GC.AllocateArray<float>(length, pinned: IsLarge(length));

    /// <summary>An array of <paramref name="length"/> floats whose contents are unspecified: the caller writes every element.</summary>
    public static float[] Uninitialized(int length) => GC.AllocateUninitializedArray<float>(length, pinned: IsLarge(length));

    /// <summary>Whether an array of <paramref name="length"/> floats would be a large object (and so goes to the pinned heap).</summary>
    private static bool IsLarge(int length) => length * 4L >= LargeObjectBytes;

    private static long RuntimeLargeObjectBytes() =>
        GC.GetConfigurationVariables().TryGetValue("LOHThreshold", out var value) && value is long bytes && bytes > 0 ? bytes : 85_000;
}
