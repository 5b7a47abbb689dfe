namespace Recur;

/// <summary>
/// Where tensor storage comes from. Arrays past the large-object threshold go to the pinned object heap instead of the
/// large object heap: both are collected with generation 2 and never moved, but measured on .NET 10 the GC hands freed
/// LOH memory back to the OS and commits it again, so a training step whose outputs are a few hundred kilobytes
/// page-faulted every one of them in afresh (a quarter of a small step's time), while the pinned heap reuses its memory.
/// </summary>
internal static class Storage
{
    /// <summary>Bytes from which the runtime puts an array on the large object heap (its default threshold).</summary>
    private const int LargeObjectBytes = 85_000;

    /// <summary>A zero-filled array of <paramref name="length"/> floats.</summary>
    public static float[] Zeroed(int length) =>
        length * 4L >= LargeObjectBytes ? GC.AllocateArray<float>(length, pinned: true) : new float[length];

    /// <summary>An array of <paramref name="length"/> floats whose contents are unspecified: the caller writes every element.</summary>
    public static float[] Uninitialized(int length) => GC.AllocateUninitializedArray<float>(length, pinned: length * 4L >= LargeObjectBytes);
}
