using Recur.Kernels;

namespace Recur.Nn.Recurrent;

/// <summary>
/// What one direction of one layer keeps between its forward and its backward, for a given (T, B). Every buffer is
/// batch-major and time-major (<c>[T·B, ·]</c>, step t in rows <c>[tB, tB + B)</c>) and lives on the pinned heap from a
/// cache-line boundary (<see cref="PinnedFloats"/>), so the kernels address it by pointer.
/// </summary>
internal sealed class DirectionBuffers
{
    public DirectionBuffers(TimeLoop loop, int steps, int batch, int hidden)
    {
        int gateWidth = loop.Gates * hidden, rows = steps * batch;
        Gates = new PinnedFloats(rows * gateWidth);
        HStates = new PinnedFloats((steps + 1) * batch * hidden);
        CStates = loop.HasCellState ? new PinnedFloats((steps + 1) * batch * hidden) : PinnedFloats.Empty;
        StepCache = loop.HasStepCache ? new PinnedFloats(rows * hidden) : PinnedFloats.Empty;
        DGatesHidden = loop.SeparateHiddenGradients ? new PinnedFloats(rows * gateWidth) : Gates;
        Bias = new PinnedFloats(gateWidth);
        BiasHn = new PinnedFloats(hidden);
        int recurrentRows = loop.RecurrentRows(hidden);
        WeightHhLaidOut = new PinnedFloats(Math.Max(recurrentRows * hidden, PackedLength(recurrentRows, hidden)));
    }

    /// <summary>
    /// <c>[T·B, G·H]</c>: the input projections <c>x_t · W_ihᵀ</c>, then (forward) the gate activations, then (backward)
    /// dL/d(input-side pre-activations).
    /// </summary>
    public PinnedFloats Gates { get; }

    /// <summary>
    /// <c>[(T+1)·B, H]</c>: every state in time order with the initial one at the end it starts from — forward: block 0 is
    /// h0 and block t+1 is h_t; reverse: block t is h_t and block T is h0 — so h_{t−1} of all steps is one contiguous
    /// <c>[T·B, H]</c> matrix and the outputs are another.
    /// </summary>
    public PinnedFloats HStates { get; }

    /// <summary>c, laid out as <see cref="HStates"/> (LSTM).</summary>
    public PinnedFloats CStates { get; }

    /// <summary>
    /// <c>[T·B, H]</c>: what the cell keeps per step besides its gates — LSTM tanh c_t, GRU reset-after W_hn h_{t−1} + b_hn,
    /// GRU reset-before r ⊙ h_{t−1} (<see cref="Kernels.StepRows.TanhC"/>, <see cref="Kernels.StepRows.HiddenN"/>,
    /// <see cref="Kernels.StepRows.ResetHidden"/>); empty for RNN.
    /// </summary>
    public PinnedFloats StepCache { get; }

    /// <summary>Hidden-side gate gradients <c>[T·B, G·H]</c> (the same array as <see cref="Gates"/> when they coincide).</summary>
    public PinnedFloats DGatesHidden { get; }

    /// <summary>b_ih + the folded rows of b_hh, <c>[G·H]</c>.</summary>
    public PinnedFloats Bias { get; }

    /// <summary>GRU's b_hn, <c>[H]</c>.</summary>
    public PinnedFloats BiasHn { get; }

    /// <summary>
    /// The recurrent rows of W_hh laid out once per call for the per-step products: in the forward packed for the GEMM
    /// (<see cref="Recur.Kernels.GemmPackedB"/>) or transposed, <c>[H, R]</c>, or for a batch of one in 16-row panels; in the
    /// backward packed for dG_h · W_hh. The forward's layout is not needed once the forward is done.
    /// </summary>
    public PinnedFloats WeightHhLaidOut { get; }

    // Floats W_hh's R recurrent rows take packed for either product (h·W_hhᵀ: n = R, k = H; dG_h·W_hh: n = H, k = R).
    private static int PackedLength(int recurrentRows, int hidden) =>
        Recur.Kernels.Gemm.BestPath == Recur.Kernels.GemmPath.Scalar || recurrentRows == 0 || hidden == 0 ? 0
            : checked((int)Math.Max(Recur.Kernels.GemmPackedB.Length(recurrentRows, hidden), Recur.Kernels.GemmPackedB.Length(hidden, recurrentRows)));
}
