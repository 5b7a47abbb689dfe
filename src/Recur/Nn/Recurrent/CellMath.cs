using Recur.Kernels;

namespace Recur.Nn.Recurrent;

/// <summary>Which fused kernels a cell runs (the time loop dispatches on it, so its parts need no managed references).</summary>
internal enum CellKind
{
    RnnTanh,
    RnnRelu,
    Lstm,
    GruResetAfter,
    GruResetBefore,
}

/// <summary>
/// The equations of one recurrent cell kind: its shape facts here, its fused forward and backward kernels (one time step,
/// a range of batch rows) as static methods of the subclass. Every buffer is batch-major: a step's gates are
/// <c>[B, G·H]</c> with the gate blocks of a row side by side in PyTorch's order (LSTM i, f, g, o; GRU r, z, n), and
/// states are <c>[B, H]</c> — the layout of the layer's output, so h_t is written where the output wants it.
/// </summary>
internal abstract class CellMath
{
    /// <summary>Gates per hidden unit G (RNN 1, GRU 3, LSTM 4): W_ih is <c>[G·H, F]</c>.</summary>
    public abstract int Gates { get; }

    /// <summary>True when the cell carries a cell state c next to h (LSTM).</summary>
    public virtual bool HasCellState => false;

    /// <summary>The kernels to run.</summary>
    internal abstract CellKind Kind { get; }

    /// <summary>Rows of b_hh that are added together with b_ih once per step (the rest stay inside the cell: GRU's b_hn).</summary>
    public virtual int FoldedHiddenBiasRows(int hidden) => Gates * hidden;

    /// <summary>Columns of the per-step <c>h_{t−1} · W_hhᵀ</c> product the driver computes (GRU reset-before: r and z only).</summary>
    public virtual int RecurrentRows(int hidden) => Gates * hidden;

    /// <summary>
    /// True when the per-step <c>h_{t−1} · W_hhᵀ</c> is added straight into the step's input projection (RNN, LSTM);
    /// false when the cell needs it apart (GRU, whose n gate scales it by r).
    /// </summary>
    public virtual bool AddsRecurrentIntoGates => true;

    /// <summary>True when the gradient of the hidden-side pre-activations differs from the input side's (GRU reset-after).</summary>
    public virtual bool SeparateHiddenGradients => false;

    /// <summary>True when the cell keeps one more <c>[B, H]</c> block per step (LSTM tanh c_t; GRU W_hn h + b_hn or r ⊙ h).</summary>
    public virtual bool HasAux => false;
}

/// <summary>
/// One time step's buffers for the kernels, as pointers at row 0 (the driver pins or owns them). Gate rows are
/// <see cref="GateStride"/> = G·H apart, state rows H apart, output-gradient rows <see cref="DOutRowStride"/> apart.
/// </summary>
internal unsafe struct StepRows
{
    /// <summary>B, all the rows of the step (a part of the time loop runs some of them).</summary>
    public int Batch;
    /// <summary>H.</summary>
    public int Hidden;
    /// <summary>G·H.</summary>
    public int GateStride;
    /// <summary>
    /// Forward: the pre-activations from the input side (plus W_hh h_{t−1} when the cell adds it there); the kernel overwrites
    /// them with the gate activations, which backward reads and overwrites with dL/d(input-side pre-activations).
    /// </summary>
    public float* Gates;
    /// <summary><c>h_{t−1} · W_hhᵀ</c> when kept apart (GRU), <c>[B, G·H]</c>.</summary>
    public float* HiddenProjection;
    /// <summary>b_ih + the folded rows of b_hh, <c>[G·H]</c>, or null.</summary>
    public float* Bias;
    /// <summary>GRU's b_hn <c>[H]</c>, or null.</summary>
    public float* BiasHn;
    /// <summary>GRU reset-before: W_hn, rows 2H..3H of W_hh, <c>[H, H]</c>.</summary>
    public float* WeightHn;
    public float* HPrev;
    /// <summary>h_t: written by forward, read by backward.</summary>
    public float* H;
    public float* CPrev;
    public float* C;
    /// <summary>The cell's extra <c>[B, H]</c> cache (<see cref="CellMath.HasAux"/>).</summary>
    public float* Aux;

    /// <summary>dL/dh_t carried from step t+1.</summary>
    public float* DH;
    /// <summary>dL/d(output at step t), row b at <c>DOut + b·DOutRowStride</c>; null for none.</summary>
    public float* DOut;
    public int DOutRowStride;
    /// <summary>dL/dc_t carried from step t+1.</summary>
    public float* DC;
    /// <summary>Written: the part of dL/dh_{t−1} that does not go through the driver's <c>dGates_h · W_hh</c>.</summary>
    public float* DHPrev;
    /// <summary>Written: dL/dc_{t−1}.</summary>
    public float* DCPrev;
    /// <summary>Written: dL/d(hidden-side pre-activations) when <see cref="CellMath.SeparateHiddenGradients"/>.</summary>
    public float* DGatesHidden;
    /// <summary><c>[B, H]</c> scratch.</summary>
    public float* Scratch;

    /// <summary>Real lengths of the sequences, or null when all are full.</summary>
    public int* Lengths;
    /// <summary>The time index of this step.</summary>
    public int Time;

    /// <summary>False where sequence b has ended: the step passes its state through and gets no gradient.</summary>
    public readonly bool IsActive(int b) => Lengths == null || Time < Lengths[b];
}

/// <summary>Row helpers the kernels share.</summary>
internal static unsafe class CellRows
{
    /// <summary>Copies <paramref name="count"/> floats.</summary>
    public static void Copy(float* source, float* target, int count) =>
        new ReadOnlySpan<float>(source, count).CopyTo(new Span<float>(target, count));

    /// <summary>Zeroes <paramref name="count"/> floats.</summary>
    public static void Clear(float* target, int count) => new Span<float>(target, count).Clear();

    /// <summary>dL/dh_t at row b, chunk k: the carry plus the output's gradient.</summary>
    public static TV LoadDh<TV>(in StepRows s, int b, int k, int n) where TV : struct, IFloatVector<TV>
    {
        var dh = TV.Load(s.DH + b * s.Hidden + k, n);
        return s.DOut == null ? dh : dh + TV.Load(s.DOut + (long)b * s.DOutRowStride + k, n);
    }

    /// <summary>
    /// Rows [<paramref name="b0"/>, <paramref name="b1"/>) of <c>C[B×n] (+)= A[B×k] · op(B)</c> on raw row-major storage with
    /// leading dimensions, <paramref name="a"/> and <paramref name="c"/> at row 0 of the whole batch. The GEMM is chosen for
    /// all <paramref name="batch"/> rows, whichever rows this part of the time loop computes, so a row's sum does not depend
    /// on how the batch is split between threads (see <see cref="Kernels.Gemm.MultiplyRows"/>).
    /// </summary>
    public static void Gemm(int b0, int b1, int batch, bool transposeB, int n, int k, float* a, int lda, float* b, int ldb,
        float* c, int ldc, bool accumulate)
    {
        if (b0 == b1 || n == 0) return;
        int bRows = transposeB ? n : k, bCols = transposeB ? k : n;
        Kernels.Gemm.MultiplyRows(b0, b1, false, transposeB, batch, n, k,
            new ReadOnlySpan<float>(a, Extent(batch, k, lda)), lda,
            new ReadOnlySpan<float>(b, Extent(bRows, bCols, ldb)), ldb,
            new Span<float>(c, Extent(batch, n, ldc)), ldc, accumulate);
    }

    private static int Extent(int rows, int cols, int ld) => rows == 0 || cols == 0 ? 0 : (rows - 1) * ld + cols;
}
