using System.Runtime.CompilerServices;
using Recur.Kernels;

namespace Recur.Nn.Recurrent;

/// <summary>
/// How a time loop is split by batch rows over threads. Every row's recurrence is independent of the others', each part
/// computes its rows of the whole batch's per-step products (the GEMM is chosen for B rows, not for the part's, which could
/// sum in another order), and the weight gradients are summed afterwards by GEMMs of all rows, so results are the same
/// bits for any split, hence any thread count.
/// </summary>
internal static unsafe class TimeLoopParts
{
    /// <summary>
    /// Below this many multiply-adds per time step (B·G·H·(H + 16), the recurrent product plus the cell's work), the time
    /// loop stays on one thread; above it, the batch rows are split over <see cref="KernelThreads.Max"/> threads. Each
    /// part runs the whole loop for its rows (the threads meet once per call, see <see cref="Run"/>); measured on 2 cores,
    /// spam RNN (B=64, H=32: ~2^17 a step) and stock LSTM (B=507, H=10: ~2^19) ran slower split than on one
    /// thread, IMDB LSTM (B=32, H=128: ~2^21) and MNIST GRU (B=100, H=128: ~2^22) faster.
    /// </summary>
    internal const long ParallelStepWork = 1L << 20;

    /// <summary>How many parts a time loop of <paramref name="batch"/> rows is split into on <paramref name="threads"/> threads.</summary>
    public static int Count(int gates, int hidden, int batch, int threads)
    {
        if (threads < 2 || batch < 16) return 1;
        long stepWork = (long)batch * gates * hidden * (hidden + 16);
        return stepWork >= ParallelStepWork ? Math.Min(threads, batch / 8) : 1;
    }

    /// <summary>
    /// First batch row of part p: an even share, rounded to the fewest rows whose H floats make whole cache lines
    /// (16 / gcd(H, 16): one row for H = 128, two for H = 200, eight for H = 10), so parts do not share cache lines. Each
    /// part runs the whole recurrence of its rows, so the larger part is the loop's time: the MNIST GRU's B = 100 splits
    /// 50/50 (it split 48/52 when every part was rounded to 16 rows) and PTB's B = 20 with H = 200 10/10 (was 16/4).
    /// </summary>
    public static int Start(int part, int parts, int batch, int hidden)
    {
        if (part <= 0) return 0;
        if (part >= parts) return batch;
        int unit = 16 / Math.Min(16, hidden & -hidden);   // gcd(H, 16): H's lowest set bit, at most 16
        int start = (int)(((long)batch * part / parts + unit / 2) / unit * unit);
        return Math.Clamp(start, 0, batch);
    }

    /// <summary>
    /// Runs <paramref name="body"/>(part, <paramref name="state"/>) for every part: each part is one thread's whole loop over
    /// the steps for its rows, so the threads meet once per call, not per step. On the calling thread when there is one part.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]   // no frame of its own between the time loop and its parts
    public static void Run(int parts, delegate*<int, void*, void> body, void* state)
    {
        if (parts <= 1) body(0, state);
        else KernelWorkers.Run(parts, Math.Min(parts, KernelThreads.Usable), large: true, body, state);
    }
}
