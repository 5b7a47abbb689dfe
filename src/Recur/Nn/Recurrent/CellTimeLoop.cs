using Recur.Kernels;
using Recur.Nn.Recurrent.Kernels;

namespace Recur.Nn.Recurrent;

/// <summary>
/// The time loop of one cell variant <typeparamref name="TCell"/> on float vectors <typeparamref name="TV"/>: both are
/// structs, so every instantiation is compiled for its own cell and vector width, the cell's facts are constants there and
/// its kernels are called directly, once per step and part. Forward is in <c>CellTimeLoop.Forward.cs</c>, backward in
/// <c>CellTimeLoop.Backward.cs</c>. Buffers are batch-major (<c>[B, ·]</c> per step), so the loop can be split by batch
/// rows over threads (<see cref="TimeLoopParts"/>).
/// </summary>
internal sealed unsafe partial class CellTimeLoop<TCell, TV> : TimeLoop
    where TCell : struct, ICellKernel
    where TV : struct, IFloatVector<TV>
{
    public override int Gates => TCell.Gates;

    public override bool HasCellState => TCell.HasCellState;

    public override bool AddsRecurrentIntoGates => TCell.AddsRecurrentIntoGates;

    public override bool SeparateHiddenGradients => TCell.SeparateHiddenGradients;

    public override bool HasStepCache => TCell.HasStepCache;

    public override int ForgetGateBlock => TCell.ForgetGateBlock;

    public override bool Fits(int hidden) => TCell.Fits(hidden);

    public override int RecurrentRows(int hidden) => TCell.RecurrentProductGates * hidden;
}
