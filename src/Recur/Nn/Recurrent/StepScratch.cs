using Recur.Kernels;

namespace Recur.Nn.Recurrent;

/// <summary>Per-step scratch rows <c>[B, ·]</c> shared by the layers and directions of one stack (they run one after another).</summary>
internal sealed class StepScratch
{
    public StepScratch(TimeLoop loop, int batch, int hidden)
    {
        int state = batch * hidden;
        HiddenProjection = loop.AddsRecurrentIntoGates ? PinnedFloats.Empty : new PinnedFloats(batch * loop.Gates * hidden);
        DhCarry = new PinnedFloats(state);
        DhNext = new PinnedFloats(state);
        DcCarry = loop.HasCellState ? new PinnedFloats(state) : PinnedFloats.Empty;
        DcNext = loop.HasCellState ? new PinnedFloats(state) : PinnedFloats.Empty;
        DResetHidden = new PinnedFloats(state);
        BiasSums = new float[loop.Gates * hidden];
    }

    /// <summary><c>h_{t−1} · W_hhᵀ</c> for cells that keep it apart, <c>[B, G·H]</c>.</summary>
    public PinnedFloats HiddenProjection { get; }
    /// <summary>dL/dh_t carried into a backward step, <c>[B, H]</c>; ping-pong with <see cref="DhNext"/>.</summary>
    public PinnedFloats DhCarry { get; }
    /// <summary>dL/dh_{t−1} a backward step writes: the carry of the next step backward.</summary>
    public PinnedFloats DhNext { get; }
    /// <summary>dL/dc_t carried into a backward step (LSTM; empty for cells without c); ping-pong with <see cref="DcNext"/>.</summary>
    public PinnedFloats DcCarry { get; }
    /// <summary>dL/dc_{t−1} a backward step writes.</summary>
    public PinnedFloats DcNext { get; }
    /// <summary>dL/d(r ⊙ h_{t−1}) of one step (GRU reset-before), <c>[B, H]</c>.</summary>
    public PinnedFloats DResetHidden { get; }
    /// <summary>Column sums of the gate gradients <c>[G·H]</c>, shared by the two bias gradients when they are the same.</summary>
    public float[] BiasSums { get; }
}
