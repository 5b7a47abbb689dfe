namespace Recur.Nn.Recurrent;

/// <summary>
/// The equations of one recurrent cell kind, one time step, forward and backward, on gate-major buffers:
/// every buffer is <c>[rows, B]</c> with the batch along the row, so each gate of the whole batch is one
/// contiguous span. Gate blocks follow PyTorch's order (LSTM i, f, g, o; GRU r, z, n).
/// </summary>
internal abstract class CellMath
{
    /// <summary>Gates per hidden unit G (RNN 1, GRU 3, LSTM 4): W_ih is <c>[G·H, F]</c>.</summary>
    public abstract int Gates { get; }

    /// <summary>True when the cell carries a cell state c next to h (LSTM).</summary>
    public virtual bool HasCellState => false;

    /// <summary>Rows of b_hh that can be added to the input projection once for all steps.</summary>
    public virtual int FoldedHiddenBiasRows(int hidden) => Gates * hidden;

    /// <summary>Rows of W_hh multiplied with h_{t−1} by the driver's per-step GEMM.</summary>
    public virtual int RecurrentRows(int hidden) => Gates * hidden;

    /// <summary>True when the gradient of the hidden-side pre-activations equals the input side's (RNN, LSTM).</summary>
    public virtual bool SharesGateGradients => true;

    /// <summary>Rows of <c>[·, B]</c> the cell keeps per step for its backward.</summary>
    public abstract int CacheRows(int hidden);

    /// <summary>One step forward: fills h (and c) and the cache.</summary>
    public abstract void Forward(ref ForwardStep step);

    /// <summary>
    /// One step backward: from dL/dh_t (and dL/dc_t) fills the gate gradients and the parts of dL/dh_{t−1}
    /// (and dL/dc_{t−1}) that do not pass through the driver's <c>W_hhᵀ · dGates</c> GEMM.
    /// </summary>
    public abstract void Backward(ref BackwardStep step);

    /// <summary>
    /// Adds weight gradients of W_hh rows beyond <see cref="RecurrentRows"/> (GRU reset-before's W_hn), for the step
    /// whose hidden-side gate gradients start at <paramref name="gateGradients"/> with row stride <paramref name="gateStride"/>.
    /// </summary>
    public virtual void AccumulateExtraRecurrentWeightGradient(int hidden, int batch, ReadOnlySpan<float> gateGradients, int gateStride,
        ReadOnlySpan<float> cache, Span<float> weightHhGradient)
    {
    }
}

/// <summary>The buffers of one forward step; all <c>[rows, B]</c>, gate-major.</summary>
internal ref struct ForwardStep
{
    /// <summary>Hidden size H.</summary>
    public int Hidden;
    /// <summary>Batch size B.</summary>
    public int Batch;
    /// <summary>W_ih x_t + b_ih (+ the folded rows of b_hh), <c>[G·H, B]</c>; the cell may overwrite it.</summary>
    public Span<float> InputProjection;
    /// <summary>W_hh[0:rows] · h_{t−1}, <c>[RecurrentRows, B]</c>, without bias.</summary>
    public Span<float> HiddenProjection;
    /// <summary>h_{t−1}, <c>[H, B]</c>.</summary>
    public ReadOnlySpan<float> HPrev;
    /// <summary>c_{t−1} (LSTM), <c>[H, B]</c>.</summary>
    public ReadOnlySpan<float> CPrev;
    /// <summary>h_t, written by the cell.</summary>
    public Span<float> H;
    /// <summary>c_t (LSTM), written by the cell.</summary>
    public Span<float> C;
    /// <summary>What backward needs, <c>[CacheRows, B]</c>.</summary>
    public Span<float> Cache;
    /// <summary>b_hh <c>[G·H]</c>, or empty without bias.</summary>
    public ReadOnlySpan<float> BiasHh;
    /// <summary>W_hh <c>[G·H, H]</c>.</summary>
    public ReadOnlySpan<float> WeightHh;
}

/// <summary>The buffers of one backward step; all <c>[rows, B]</c>, gate-major.</summary>
internal ref struct BackwardStep
{
    /// <summary>Hidden size H.</summary>
    public int Hidden;
    /// <summary>Batch size B.</summary>
    public int Batch;
    /// <summary>dL/dh_t, <c>[H, B]</c>.</summary>
    public ReadOnlySpan<float> DH;
    /// <summary>dL/dc_t from the later step (LSTM), <c>[H, B]</c>.</summary>
    public ReadOnlySpan<float> DC;
    /// <summary>The forward cache of this step.</summary>
    public ReadOnlySpan<float> Cache;
    /// <summary>h_{t−1}, <c>[H, B]</c>.</summary>
    public ReadOnlySpan<float> HPrev;
    /// <summary>c_{t−1} (LSTM), <c>[H, B]</c>.</summary>
    public ReadOnlySpan<float> CPrev;
    /// <summary>W_hh <c>[G·H, H]</c>.</summary>
    public ReadOnlySpan<float> WeightHh;
    /// <summary>dL/d(input-side pre-activations), <c>[G·H, B]</c>.</summary>
    public Span<float> DGatesInput;
    /// <summary>dL/d(hidden-side pre-activations), <c>[G·H, B]</c>; unused when the cell shares gate gradients.</summary>
    public Span<float> DGatesHidden;
    /// <summary>The direct part of dL/dh_{t−1}, <c>[H, B]</c> (the driver adds W_hhᵀ·dGates).</summary>
    public Span<float> DHPrev;
    /// <summary>dL/dc_{t−1} (LSTM), <c>[H, B]</c>.</summary>
    public Span<float> DCPrev;
    /// <summary>Scratch of <c>[H, B]</c>.</summary>
    public Span<float> Scratch;
}
