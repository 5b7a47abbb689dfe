using System.Runtime.CompilerServices;
using Recur.Kernels;

namespace Recur.Nn.Recurrent;

/// <summary>Vanilla RNN: <c>h_t = act(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)</c>, act = tanh or relu.</summary>
internal sealed class RnnCellMath(Nonlinearity nonlinearity) : CellMath
{
    public override int Gates => 1;

    internal override CellKind Kind => nonlinearity == Nonlinearity.Tanh ? CellKind.RnnTanh : CellKind.RnnRelu;

    /// <summary>
    /// Rows [b0, b1) of one step. Gates hold <c>W_ih x_t + W_hh h_{t−1}</c>; h_t itself is the cache backward needs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Forward<TV>(in StepRows s, int b0, int b1, bool relu) where TV : struct, IFloatVector<TV>
    {
        int hidden = s.Hidden, lanes = TV.Count;
        for (int b = b0; b < b1; b++)
        {
            float* h = s.H + b * hidden;
            if (!s.IsActive(b))
            {
                CellRows.Copy(s.HPrev + b * hidden, h, hidden);
                continue;
            }
            float* pre = s.Gates + b * s.GateStride;
            for (int k = 0; k < hidden; k += lanes)
            {
                int n = hidden - k;
                // a = W_ih x + W_hh h + b_ih + b_hh;  h_t = act(a)
                var a = TV.Load(pre + k, n);
                if (s.Bias != null) a += TV.Load(s.Bias + k, n);
                TV.Store(h + k, relu ? TV.Max(a, TV.Splat(0f)) : FloatVector.Tanh(a), n);
            }
        }
    }

    /// <summary>Rows [b0, b1) of one step backward: dL/da into Gates; h_{t−1} reaches h_t only through W_hh.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Backward<TV>(in StepRows s, int b0, int b1, bool relu) where TV : struct, IFloatVector<TV>
    {
        int hidden = s.Hidden, lanes = TV.Count;
        for (int b = b0; b < b1; b++)
        {
            float* da = s.Gates + b * s.GateStride;
            float* dhPrev = s.DHPrev + b * hidden;
            if (!s.IsActive(b))
            {
                CellRows.Clear(da, hidden);
                CellRows.Copy(s.DH + b * hidden, dhPrev, hidden);
                continue;
            }
            float* h = s.H + b * hidden;
            for (int k = 0; k < hidden; k += lanes)
            {
                int n = hidden - k;
                var dh = CellRows.LoadDh<TV>(s, b, k, n);
                var hk = TV.Load(h + k, n);
                // d tanh = 1 − h²;  d relu = [h > 0]
                TV.Store(da + k, relu ? TV.WherePositive(hk, dh) : dh * (TV.Splat(1f) - hk * hk), n);
                TV.Store(dhPrev + k, TV.Splat(0f), n);
            }
        }
    }
}
