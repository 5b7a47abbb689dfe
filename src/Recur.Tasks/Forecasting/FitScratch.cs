using System.Runtime.InteropServices;

namespace Recur.Tasks.Forecasting;

/// <summary>
/// One buffer that the baseline fits of a long series take their large arrays from in turn (the AR design, then each
/// ARIMA candidate's Hannan–Rissanen arrays and design): every fit reuses the same memory instead of leaving arrays of
/// the series' length behind. It is native memory, given back to the system when the scratch is disposed: a freed
/// managed array of that size would stay resident until the garbage collector decommits it, after the windows that the
/// forecaster makes next have been allocated beside it.
/// </summary>
internal sealed unsafe class FitScratch : IDisposable
{
    private readonly List<nint> _outgrown = [];
    private double* _buffer;
    private int _capacity, _used;

    /// <summary>A scratch of <paramref name="capacity"/> values (it grows when a fit needs more).</summary>
    public FitScratch(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
        _buffer = (double*)NativeMemory.Alloc((nuint)Math.Max(capacity, 1), sizeof(double));
    }

    /// <summary>Starts a fit: what earlier fits took is free again (the spans they were given must no longer be used).</summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        _used = 0;
        FreeOutgrown();
    }

    /// <summary><paramref name="length"/> zeros, valid until the next <see cref="Reset"/> or <see cref="Dispose"/>.</summary>
    public Span<double> Take(int length)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if ((long)_used + length > _capacity)
        {
            // Spans taken before stay on the old buffer, which is freed at the next Reset.
            _outgrown.Add((nint)_buffer);
            _capacity = (int)Math.Min(int.MaxValue, Math.Max((long)length, 2L * _capacity));
            _buffer = (double*)NativeMemory.Alloc((nuint)_capacity, sizeof(double));
            _used = 0;
        }
        var taken = new Span<double>(_buffer + _used, length);
        _used += length;
        taken.Clear();
        return taken;
    }

    /// <summary>Gives the memory back; no span taken from the scratch may be used after.</summary>
    public void Dispose()
    {
        if (_buffer is null) return;
        FreeOutgrown();
        NativeMemory.Free(_buffer);
        _buffer = null;
    }

    private void FreeOutgrown()
    {
        foreach (nint block in _outgrown) NativeMemory.Free((void*)block);
        _outgrown.Clear();
    }
}
