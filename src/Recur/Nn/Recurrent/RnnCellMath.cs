using System.Numerics.Tensors;

namespace Recur.Nn.Recurrent;

/// <summary>Vanilla RNN: <c>h_t = act(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)</c>, act = tanh or relu.</summary>
internal sealed class RnnCellMath(Nonlinearity nonlinearity) : CellMath
{
    public override int Gates => 1;

    // Cache: h_t itself, from which the activation's derivative follows.
    public override int CacheRows(int hidden) => hidden;

    public override void Forward(ref ForwardStep s)
    {
        var pre = s.InputProjection;
        TensorPrimitives.Add(pre, s.HiddenProjection, pre);
        if (nonlinearity == Nonlinearity.Tanh) TensorPrimitives.Tanh(pre, s.H);
        else TensorPrimitives.Max(pre, 0f, s.H);
        s.H.CopyTo(s.Cache);
    }

    public override void Backward(ref BackwardStep s)
    {
        var h = s.Cache;
        var dh = s.DH;
        var dPre = s.DGatesInput;
        if (nonlinearity == Nonlinearity.Tanh)
        {
            // d tanh = 1 − h²
            for (int i = 0; i < dPre.Length; i++) dPre[i] = dh[i] * (1f - h[i] * h[i]);
        }
        else
        {
            // d relu = [h > 0]
            for (int i = 0; i < dPre.Length; i++) dPre[i] = h[i] > 0f ? dh[i] : 0f;
        }
        // h_{t−1} reaches h_t only through W_hh.
        s.DHPrev.Clear();
    }
}
