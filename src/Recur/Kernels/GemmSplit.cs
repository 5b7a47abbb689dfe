namespace Recur.Kernels;

/// <summary>One GEMM call with its chosen code path, the rows of C it computes, and its split into parts (one per thread).</summary>
internal struct GemmJob
{
    public readonly GemmOperands Operands;
    public readonly GemmPath Path;
    public readonly int RowStart, RowEnd;   // the rows of C to compute, of the Operands.M rows of the whole product
    public int Parts;
    public bool SplitColumns;
    public int Unit;   // parts are whole multiples of this many rows (MR) or columns (NR)

    public GemmJob(GemmOperands operands, GemmPath path, int rowStart, int rowEnd)
    {
        Operands = operands;
        Path = path;
        RowStart = rowStart;
        RowEnd = rowEnd;
        Parts = 1;
    }
}

/// <summary>
/// Decides whether a GEMM is worth spreading over threads, cuts its rows of C into parts (whole MR-row or NR-column
/// strips) and runs each part with the code path's kernel on its own rectangle of C. Splitting the output
/// (never k), with the kernel chosen for the whole product (<see cref="GemmOperands"/>, not the part), keeps every
/// element's summation order fixed, hence results independent of the thread count.
/// </summary>
internal static unsafe class GemmSplit
{
    /// <summary>
    /// Below this many multiply-adds (m·n·k) a call stays on the caller's thread. In isolation, with a worker
    /// already awake, (64×128)·(128×128) = 2^20 ran 10 → 6 µs on two threads, while (64×64)·(64×64) and
    /// (507×10)·(10×40) (~2^18) got slower. Inside a training step the worker is often not awake and the caller
    /// does most of such a product alone: with the threshold at 2^20 the small steps (spam RNN's 3840×32×32
    /// products, stock LSTM's 40×10×3549 weight gradient) ran slower on two threads than on one; at 2^22 they
    /// are level, and the large products of MNIST GRU and IMDB LSTM still split.
    /// </summary>
    internal const long ParallelThreshold = 1L << 22;

    /// <summary>
    /// Parts per thread. More parts would let an early finisher take over more of a late one's work,
    /// but measured, one part per thread was as fast or faster on every shape (fewer, larger tiles).
    /// </summary>
    internal const int PartsPerThread = 1;

    /// <summary>
    /// Splits whose largest part is at most this much above an even share count as even (a 6-row unit leaves a few rows
    /// over in most row counts), and then the operand sizes decide.
    /// </summary>
    internal const double NearEven = 1.05;

    /// <summary>
    /// From this many multiply-adds (about 150 µs on one core) a call always wakes workers that have gone
    /// to sleep; smaller calls mostly use workers still spinning from a recent call (see KernelWorkers).
    /// </summary>
    internal const long WakeThreshold = 16L << 20;

    public static void Run(ref GemmJob job)
    {
        ref readonly GemmOperands g = ref job.Operands;
        (int mr, int nr) = job.Path switch
        {
            GemmPath.Avx512 => (GemmMicrokernel512.MR, GemmMicrokernel512.NR),
            GemmPath.Avx2 => (GemmMicrokernel256.MR, GemmMicrokernel256.NR),
            _ => (1, 16),
        };

        int rows = job.RowEnd - job.RowStart;
        long work = (long)rows * g.N * g.K;
        int threads = KernelThreads.Usable;
        int parts = 1;
        if (threads > 1 && work >= ParallelThreshold)
        {
            // Split the dimension that divides more evenly. When both divide about evenly, split the one whose operand is
            // larger: a part reads only its own share of that operand, while every part reads (or packs) the whole of the
            // other — columns: A is read in place by all; rows: every part packs op(B). The recurrent weight gradients
            // dGᵀ·X (512 × 128 over T·B) read A, dG, across 2 KB rows: split by columns each part read all of it for half
            // the columns (measured on 2 cores, paired blocks: IMDB step 1–5 % faster, char LM 3 %, MNIST GRU 2 %, PTB level).
            double columnImbalance = Imbalance(g.N, nr, threads), rowImbalance = Imbalance(rows, mr, threads);
            job.SplitColumns = Math.Max(columnImbalance, rowImbalance) <= NearEven ? rows <= g.N : columnImbalance <= rowImbalance;
            job.Unit = job.SplitColumns ? nr : mr;
            int strips = ((job.SplitColumns ? g.N : rows) + job.Unit - 1) / job.Unit;
            parts = Math.Min(threads * PartsPerThread, strips);
        }
        job.Parts = parts;

        fixed (GemmJob* state = &job)
        {
            if (parts == 1)
                RunPart(0, state);
            else
                KernelWorkers.Run(parts, threads, large: work >= WakeThreshold, &RunPart, state);
        }
    }

    // How much longer the biggest part is than a perfect split's, as a ratio ≥ 1.
    private static double Imbalance(int total, int unit, int parts)
    {
        int largest = 0;
        for (int part = 0; part < parts; part++)
        {
            (int start, int end) = KernelWorkers.PartRange(total, unit, part, parts);
            largest = Math.Max(largest, end - start);
        }
        return largest * (double)parts / total;
    }

    private static void RunPart(int part, void* state)
    {
        ref readonly GemmJob job = ref *(GemmJob*)state;
        ref readonly GemmOperands g = ref job.Operands;
        int rowStart = job.RowStart, rowEnd = job.RowEnd, colStart = 0, colEnd = g.N;
        if (job.Parts > 1)
        {
            (int start, int end) = KernelWorkers.PartRange(job.SplitColumns ? g.N : rowEnd - rowStart, job.Unit, part, job.Parts);
            if (job.SplitColumns)
                (colStart, colEnd) = (start, end);
            else
                (rowStart, rowEnd) = (rowStart + start, rowStart + end);
        }
        if (rowStart >= rowEnd || colStart >= colEnd)
            return;

        switch (job.Path)
        {
            case GemmPath.Avx512 when g.PackedB == null && GemmOuter512.Suits(g):
                GemmOuter512.Run(g, rowStart, rowEnd, colStart, colEnd);
                break;
            case GemmPath.Avx512 when g.PackedB == null && GemmDot512.Suits(g):
                GemmDot512.Run(g, rowStart, rowEnd, colStart, colEnd);
                break;
            case GemmPath.Avx512:
                GemmBlocked<GemmMicrokernel512>.Run(g, rowStart, rowEnd, colStart, colEnd);
                break;
            case GemmPath.Avx2:
                GemmBlocked<GemmMicrokernel256>.Run(g, rowStart, rowEnd, colStart, colEnd);
                break;
            default:
                GemmScalar.Run(g, rowStart, rowEnd, colStart, colEnd);
                break;
        }
    }
}
