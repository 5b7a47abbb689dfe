namespace Recur.Autograd;

/// <summary>
/// Recycles the gradient buffers of non-leaf tensors between backward passes. A training step's intermediate results
/// have the same sizes every step, so their pass gradients (often past the large-object threshold: a recurrent layer's
/// whole output) would otherwise be fresh zeroed arrays every step, paid for in page faults and GC. Buffers are keyed by
/// exact length (a tensor's size is its storage's length), handed out zero-filled, and taken back only once a backward
/// pass has finished, since a backward function may hold its output gradient until a later node runs.
/// </summary>
internal static class GradientPool
{
    /// <summary>Buffers kept per length: enough for the same-sized intermediates of one graph.</summary>
    private const int PerLength = 16;

    /// <summary>Bytes kept in all; returns beyond it are left to the GC.</summary>
    private const long MaxBytes = 64L << 20;

    private static readonly Dictionary<int, Stack<float[]>> s_free = [];
    private static readonly Lock s_lock = new();
    private static long s_bytes;

    /// <summary>A zero-filled buffer of <paramref name="length"/> floats.</summary>
    public static float[] Rent(int length) => Rent(length, zeroed: true);

    /// <summary>A buffer of <paramref name="length"/> floats, zero-filled only if <paramref name="zeroed"/> (else the caller writes all of it).</summary>
    public static float[] Rent(int length, bool zeroed)
    {
        float[]? buffer = null;
        lock (s_lock)
        {
            if (s_free.TryGetValue(length, out var stack) && stack.Count > 0)
            {
                buffer = stack.Pop();
                s_bytes -= 4L * length;
            }
        }
        if (buffer is null) return zeroed ? Storage.Zeroed(length) : Storage.Uninitialized(length);
        if (zeroed) Kernels.ParallelClear.Clear(buffer);
        return buffer;
    }

    /// <summary>Takes back buffers no tensor refers to any more.</summary>
    public static void Return(List<float[]> buffers)
    {
        lock (s_lock)
        {
            foreach (var buffer in buffers)
            {
                long bytes = 4L * buffer.Length;
                if (buffer.Length == 0 || s_bytes + bytes > MaxBytes) continue;
                if (!s_free.TryGetValue(buffer.Length, out var stack)) s_free[buffer.Length] = stack = new Stack<float[]>();
                if (stack.Count >= PerLength) continue;
                stack.Push(buffer);
                s_bytes += bytes;
            }
        }
    }
}
