namespace Recur.Kernels;

/// <summary>
/// Per-thread packing buffers, grown on demand and then reused by every later GEMM on that thread,
/// so steady-state calls allocate nothing. The arrays live on the pinned object heap (their address
/// never moves, no <c>fixed</c> needed) and are freed with the thread.
/// </summary>
internal sealed unsafe class GemmWorkspace
{
    [ThreadStatic]
    private static GemmWorkspace? t_current;

    // Panels start on a cache-line boundary (PinnedFloats) so the microkernel's vector loads never straddle lines.
    private PinnedFloats? _a, _b;

    public static GemmWorkspace Current => t_current ??= new GemmWorkspace();

    /// <summary>A buffer of at least <paramref name="floats"/> floats for packed A panels.</summary>
    public float* PackedA(int floats) => Ensure(ref _a, floats);

    /// <summary>A buffer of at least <paramref name="floats"/> floats for packed B panels.</summary>
    public float* PackedB(int floats) => Ensure(ref _b, floats);

    private static float* Ensure(ref PinnedFloats? buffer, int floats)
    {
        if (buffer is null || buffer.Length < floats)
        {
            // Grow geometrically so a sequence of slightly larger shapes does not reallocate each time.
            int size = Math.Max(floats, buffer is null ? 0 : (int)Math.Min(int.MaxValue - 64, buffer.Length * 2L));
            buffer = new PinnedFloats(size, uninitialized: true);
        }
        return buffer.Pointer;
    }
}
