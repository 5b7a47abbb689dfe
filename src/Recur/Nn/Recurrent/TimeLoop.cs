using Recur.Kernels;
using Recur.Nn.Recurrent.Kernels;

namespace Recur.Nn.Recurrent;

/// <summary>
/// One direction of one layer run over the whole sequence, for one cell variant (its <see cref="ICellKernel"/>), chosen
/// once when the layer is built: the input projections of all steps in one GEMM, then per step the recurrent GEMM and the
/// cell kernel; backward is BPTT in reverse with the weight gradients of all steps gathered into one GEMM each. The work
/// is <see cref="CellTimeLoop{TCell, TV}"/>; this is what the layer sees of it: the cell's facts and two calls per direction.
/// </summary>
internal abstract class TimeLoop
{
    /// <summary>Gates per hidden unit G: W_ih is <c>[G·H, F]</c>.</summary>
    public abstract int Gates { get; }

    /// <summary>True when the cell carries a cell state c next to h (LSTM).</summary>
    public abstract bool HasCellState { get; }

    /// <summary>True when the per-step recurrent product goes straight into the gates (RNN, LSTM), false when kept apart (GRU).</summary>
    public abstract bool AddsRecurrentIntoGates { get; }

    /// <summary>True when the hidden-side gate gradients need a buffer of their own (GRU reset-after).</summary>
    public abstract bool SeparateHiddenGradients { get; }

    /// <summary>True when the cell keeps a <c>[B, H]</c> block per step besides its gates.</summary>
    public abstract bool HasStepCache { get; }

    /// <summary>The forget gate's block in the gate order (LSTM 1), or −1.</summary>
    public abstract int ForgetGateBlock { get; }

    /// <summary>True when the loop's kernel can run a cell of <paramref name="hidden"/> units.</summary>
    public abstract bool Fits(int hidden);

    /// <summary>Columns of the per-step <c>h_{t−1} · W_hhᵀ</c> product the loop computes.</summary>
    public abstract int RecurrentRows(int hidden);

    /// <summary>
    /// Forward over all steps. <paramref name="x"/> is time-major <c>[T·B, F]</c> from <paramref name="xOffset"/>;
    /// <paramref name="h0"/>/<paramref name="c0"/> are <c>[B, H]</c> (empty for zeros). The states land in the buffers'
    /// HStates (and CStates). <paramref name="layOutWeightHhOnce"/> lets the per-step product read W_hh laid out once per
    /// call (packed for the GEMM, or transposed) where that sums in the same order (tests turn it off to compare).
    /// </summary>
    public abstract void Forward(TimeLoopShape shape, DirectionBuffers buffers, StepScratch scratch, DirectionWeights w, float[] x, int xOffset,
        ReadOnlySpan<float> h0, ReadOnlySpan<float> c0, int[]? lengths, int parts, bool layOutWeightHhOnce);

    /// <summary>
    /// BPTT over all steps, after <see cref="Forward"/> on the same buffers. Reads dL/d(output) from <paramref name="dOutput"/>
    /// and dL/d(final state) from <paramref name="dhN"/>/<paramref name="dcN"/> <c>[B, H]</c> (empty for none); writes (or with
    /// <paramref name="accumulateDx"/> adds) dL/dx into <paramref name="dx"/> <c>[T·B, F]</c> (if not empty), writes dL/dh0 and
    /// dL/dc0 <c>[B, H]</c> (if not empty), and adds the weight gradients. <paramref name="layOutWeightHhOnce"/> as in
    /// <see cref="Forward"/>, for the per-step dG_h · W_hh.
    /// </summary>
    public abstract void Backward(TimeLoopShape shape, DirectionBuffers buffers, StepScratch scratch, DirectionWeights w, DirectionGradients grads,
        float[] x, int xOffset, int[]? lengths, OutputGradient dOutput, ReadOnlySpan<float> dhN, ReadOnlySpan<float> dcN, Span<float> dx,
        bool accumulateDx, Span<float> dh0, Span<float> dc0, int parts, bool layOutWeightHhOnce);

    /// <summary>An Elman RNN's loop.</summary>
    public static TimeLoop Rnn(Nonlinearity nonlinearity) =>
        nonlinearity == Nonlinearity.Tanh ? For<RnnKernel<TanhActivation>>() : For<RnnKernel<ReluActivation>>();

    /// <summary>An LSTM's loop: <see cref="LstmOneVectorKernel"/> when H fits one vector, else the reference <see cref="LstmKernel"/>.</summary>
    public static TimeLoop Lstm(int hidden) => LstmOneVectorKernel.Fits(hidden) ? For<LstmOneVectorKernel>() : For<LstmKernel>();

    /// <summary>A GRU's loop, reset-after (PyTorch's) or reset-before (Cho et al.'s).</summary>
    public static TimeLoop Gru(bool resetAfter) => resetAfter ? For<GruKernel>() : For<GruResetBeforeKernel>();

    /// <summary>The loop of <typeparamref name="TCell"/> on this machine's widest float vector.</summary>
    public static TimeLoop For<TCell>() where TCell : struct, ICellKernel => FloatVector.BestPath switch
    {
        FloatVectorPath.Lanes16 => new CellTimeLoop<TCell, Float16Lanes>(),
        FloatVectorPath.Lanes8 => new CellTimeLoop<TCell, Float8Lanes>(),
        _ => new CellTimeLoop<TCell, Float1Lane>(),
    };
}
