using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Recur.Kernels;

/// <summary>
/// Per-thread packing buffers, grown on demand and then reused by every later GEMM on that thread,
/// so steady-state calls allocate nothing. The arrays live on the pinned object heap (their address
/// never moves, no <c>fixed</c> needed) and are freed with the thread.
/// </summary>
internal sealed unsafe class GemmWorkspace
{
    // Panels start on a cache-line boundary so the microkernel's vector loads never straddle lines.
    private const int AlignFloats = 16;

    [ThreadStatic]
    private static GemmWorkspace? t_current;

    private float[]? _a, _b;
    private float* _aStart, _bStart;

    public static GemmWorkspace Current => t_current ??= new GemmWorkspace();

    /// <summary>A buffer of at least <paramref name="floats"/> floats for packed A panels.</summary>
    public float* PackedA(int floats) => Ensure(ref _a, ref _aStart, floats);

    /// <summary>A buffer of at least <paramref name="floats"/> floats for packed B panels.</summary>
    public float* PackedB(int floats) => Ensure(ref _b, ref _bStart, floats);

    private static float* Ensure(ref float[]? array, ref float* start, int floats)
    {
        if (array is null || array.Length - AlignFloats < floats)
        {
            // Grow geometrically so a sequence of slightly larger shapes does not reallocate each time.
            int size = Math.Max(floats, array is null ? 0 : (int)Math.Min(int.MaxValue - AlignFloats, array.Length * 2L));
            array = GC.AllocateUninitializedArray<float>(size + AlignFloats, pinned: true);
            nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
            start = (float*)((address + 63) & ~(nint)63);
        }
        return start;
    }
}
