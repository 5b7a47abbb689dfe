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
        long work = Work(job);
        int threads = KernelThreads.Usable;
        job.Parts = 1;
        if (threads > 1 && work >= ParallelThreshold)
            Plan(ref job, threads, threads * PartsPerThread);

        fixed (GemmJob* state = &job)
        {
            if (job.Parts == 1)
                RunPart(0, state);
            else
                KernelWorkers.Run(job.Parts, threads, large: work >= WakeThreshold, &RunPart, state);
        }
    }

    /// <summary>The last product of <see cref="RunSideBySide"/> is cut into this many strips per thread.</summary>
    internal const int LastStripsPerThread = 2;

    /// <summary>
    /// Runs independent products side by side over the kernel threads: every product but the last is one part, computed
    /// whole by whichever thread claims it, and the last is cut into <see cref="LastStripsPerThread"/> strips per thread
    /// that the threads share as they come free. Each product gets the same bits as from <see cref="Run"/>: only which
    /// thread computes which elements changes.
    /// </summary>
    /// <remarks>
    /// A product split in two makes both threads pack the whole of its op(B) (or read the whole of its A), so whole products
    /// side by side do less work. The recurrent layers' dW_ih, dW_hh and dX (IMDB LSTM: three products of 512·128·2560
    /// multiply-adds), best of 100 calls on 2 cores: 2.50–2.55 ms this way against 2.56–2.64 ms one after the other, each
    /// split in two, with the operands in cache, and 2.65–2.73 against 2.82–2.97 ms with them in memory. Training steps in
    /// alternated blocks, 2 threads: IMDB LSTM 1.4–2.6 % faster, MNIST GRU 1.3 %, char LM 0.8 %, PTB small
    /// 0.6 %. It needs more products than threads: run side by side with two products on two threads too (the first whole,
    /// the second in strips that each pack all of its op(B)), the MNIST GRU step, whose first layer has two, was 0.6 % slower.
    /// So one thread, no more products than threads, or a product below <see cref="ParallelThreshold"/> run one after the
    /// other through <see cref="Run"/>.
    /// </remarks>
    public static void RunSideBySide(Span<GemmJob> jobs)
    {
        int threads = KernelThreads.Usable;
        bool sideBySide = threads > 1 && jobs.Length > threads;
        foreach (ref readonly var job in jobs)
            sideBySide &= Work(job) >= ParallelThreshold;
        if (!sideBySide)
        {
            foreach (ref var job in jobs)
                Run(ref job);
            return;
        }

        foreach (ref var job in jobs[..^1])
            job.Parts = 1;
        Plan(ref jobs[^1], threads, threads * LastStripsPerThread);
        int parts = jobs.Length - 1 + jobs[^1].Parts;

        fixed (GemmJob* all = jobs)
        {
            var state = new SideBySide { Jobs = all, Count = jobs.Length };
            KernelWorkers.Run(parts, threads, large: true, &RunSideBySidePart, &state);
        }
    }

    private struct SideBySide
    {
        public GemmJob* Jobs;
        public int Count;
    }

    // Part p of the side-by-side run: the products' parts in order.
    private static void RunSideBySidePart(int part, void* state)
    {
        ref SideBySide s = ref *(SideBySide*)state;
        for (int j = 0; j < s.Count; j++)
        {
            if (part < s.Jobs[j].Parts)
            {
                RunPart(part, s.Jobs + j);
                return;
            }
            part -= s.Jobs[j].Parts;
        }
    }

    // Multiply-adds of the job's rows of C.
    private static long Work(in GemmJob job) => (long)(job.RowEnd - job.RowStart) * job.Operands.N * job.Operands.K;

    // Cuts the job's rows of C, or its columns, into at most maxParts strips of whole MR rows or NR columns.
    private static void Plan(ref GemmJob job, int threads, int maxParts)
    {
        ref readonly GemmOperands g = ref job.Operands;
        (int mr, int nr) = job.Path switch
        {
            GemmPath.Avx512 => (GemmMicrokernel512.MR, GemmMicrokernel512.NR),
            GemmPath.Avx2 => (GemmMicrokernel256.MR, GemmMicrokernel256.NR),
            _ => (1, 16),
        };
        int rows = job.RowEnd - job.RowStart;
        // Split the dimension that divides more evenly. When both divide about evenly, split the one whose operand is
        // larger: a part reads only its own share of that operand, while every part reads (or packs) the whole of the
        // other — columns: A is read in place by all; rows: every part packs op(B). The recurrent weight gradients
        // dGᵀ·X (512 × 128 over T·B) read A, dG, across 2 KB rows: split by columns each part read all of it for half
        // the columns (measured on 2 cores, paired blocks: IMDB step 1–5 % faster, char LM 3 %, MNIST GRU 2 %, PTB level).
        double columnImbalance = Imbalance(g.N, nr, threads), rowImbalance = Imbalance(rows, mr, threads);
        job.SplitColumns = Math.Max(columnImbalance, rowImbalance) <= NearEven ? rows <= g.N : columnImbalance <= rowImbalance;
        job.Unit = job.SplitColumns ? nr : mr;
        int strips = ((job.SplitColumns ? g.N : rows) + job.Unit - 1) / job.Unit;
        job.Parts = Math.Min(maxParts, strips);
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
