using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Recur.Kernels;

/// <summary>
/// A float buffer on the pinned object heap whose first element sits on a 64-byte cache-line boundary, so the kernels
/// address it by pointer and their 16-float vectors never straddle two lines.
/// </summary>
/// <remarks>
/// The runtime places an array's elements 16 bytes after the object's 8-byte-aligned start, so a plain
/// <c>float[]</c> starts anywhere in a line, and then every 64-byte load and store of a row whose width is a multiple of
/// 16 floats touches two lines. The IMDB LSTM's state and gate buffers started 72, 96, 120 and 144 bytes past a page
/// boundary; aligned, the forward time loop took 1.40–1.42 ms instead of 1.59–1.67 and the backward 1.20–1.24 instead of
/// 1.30–1.36 (two threads, medians of 2,000 steps, the slower part). The array is allocated 16 floats longer and
/// <see cref="Offset"/> says where the aligned elements start.
/// </remarks>
internal sealed unsafe class PinnedFloats
{
    private const int AlignFloats = 16;

    /// <summary>A buffer of <paramref name="length"/> floats, zero-filled unless <paramref name="uninitialized"/>.</summary>
    public PinnedFloats(int length, bool uninitialized = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        if (length == 0)
        {
            Array = [];
            return;
        }
        Array = uninitialized
            ? GC.AllocateUninitializedArray<float>(length + AlignFloats, pinned: true)
            : GC.AllocateArray<float>(length + AlignFloats, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Array));
        Pointer = (float*)((address + 63) & ~(nint)63);
        Offset = (int)(Pointer - (float*)address);
    }

    /// <summary>An empty buffer (a cell without that state).</summary>
    public static PinnedFloats Empty { get; } = new(0);

    /// <summary>The floats, at least 64-byte aligned; null when empty.</summary>
    public float* Pointer { get; }

    /// <summary>How many floats the buffer holds.</summary>
    public int Length { get; }

    /// <summary>The pinned array the buffer lives in; its elements start at <see cref="Offset"/>.</summary>
    public float[] Array { get; }

    /// <summary>Index in <see cref="Array"/> of the buffer's first float.</summary>
    public int Offset { get; }

    /// <summary>The array and index where the buffer's floats start, for code that takes caller-owned arrays that way.</summary>
    public (float[] Array, int Offset) Location => (Array, Offset);

    /// <summary>Every float of the buffer.</summary>
    public Span<float> Span => Array.AsSpan(Offset, Length);

    /// <summary>Floats [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of the buffer.</summary>
    public Span<float> AsSpan(int start, int length) => Span.Slice(start, length);

    /// <summary>Floats from <paramref name="start"/> to the end of the buffer.</summary>
    public Span<float> AsSpan(int start) => Span[start..];

    /// <summary>The first float, for <c>fixed</c> (the buffer is pinned already; an empty one gives a null pointer).</summary>
    public ref float GetPinnableReference() => ref Length == 0 ? ref Unsafe.NullRef<float>() : ref Array[Offset];

    /// <summary>The buffer's floats as a span.</summary>
    public static implicit operator Span<float>(PinnedFloats buffer) => buffer.Span;

    /// <summary>The buffer's floats as a read-only span.</summary>
    public static implicit operator ReadOnlySpan<float>(PinnedFloats buffer) => buffer.Span;
}
