using System.Numerics.Tensors;

namespace Recur.Nn.Recurrent;

/// <summary>
/// LSTM: <c>i, f, g, o = σ, σ, tanh, σ(W_ih x + b_ih + W_hh h + b_hh)</c>; <c>c_t = f ⊙ c_{t−1} + i ⊙ g</c>;
/// <c>h_t = o ⊙ tanh(c_t)</c>.
/// </summary>
internal sealed class LstmCellMath : CellMath
{
    public override int Gates => 4;

    public override bool HasCellState => true;

    // Cache: i, f, g, o after their activations, then tanh(c_t).
    public override int CacheRows(int hidden) => 5 * hidden;

    public override void Forward(ref ForwardStep s)
    {
        int n = s.Hidden * s.Batch;
        var pre = s.InputProjection;
        TensorPrimitives.Add(pre, s.HiddenProjection, pre);
        var cache = s.Cache;
        var i = cache[..n];
        var f = cache.Slice(n, n);
        var g = cache.Slice(2 * n, n);
        var o = cache.Slice(3 * n, n);
        var tanhC = cache.Slice(4 * n, n);
        TensorPrimitives.Sigmoid(pre[..(2 * n)], cache[..(2 * n)]);   // i, f
        TensorPrimitives.Tanh(pre.Slice(2 * n, n), g);
        TensorPrimitives.Sigmoid(pre.Slice(3 * n, n), o);
        // c_t = f ⊙ c_{t−1} + i ⊙ g
        TensorPrimitives.Multiply(f, s.CPrev, s.C);
        TensorPrimitives.MultiplyAdd(i, g, s.C, s.C);
        // h_t = o ⊙ tanh(c_t)
        TensorPrimitives.Tanh(s.C, tanhC);
        TensorPrimitives.Multiply(o, tanhC, s.H);
    }

    public override void Backward(ref BackwardStep s)
    {
        int n = s.Hidden * s.Batch;
        var cache = s.Cache;
        var i = cache[..n];
        var f = cache.Slice(n, n);
        var g = cache.Slice(2 * n, n);
        var o = cache.Slice(3 * n, n);
        var tanhC = cache.Slice(4 * n, n);
        var dh = s.DH;
        var dcNext = s.DC;
        var cPrev = s.CPrev;
        var dGates = s.DGatesInput;
        var dCPrev = s.DCPrev;
        for (int k = 0; k < n; k++)
        {
            float ik = i[k], fk = f[k], gk = g[k], ok = o[k], tc = tanhC[k], dhk = dh[k];
            // dc_t = dc from step t+1 + dh_t ⊙ o ⊙ (1 − tanh² c_t)
            float dc = dcNext[k] + dhk * ok * (1f - tc * tc);
            dGates[k] = dc * gk * ik * (1f - ik);               // di ⊙ σ'
            dGates[n + k] = dc * cPrev[k] * fk * (1f - fk);      // df ⊙ σ'
            dGates[2 * n + k] = dc * ik * (1f - gk * gk);        // dg ⊙ tanh'
            dGates[3 * n + k] = dhk * tc * ok * (1f - ok);       // do ⊙ σ'
            dCPrev[k] = dc * fk;                                 // dc_{t−1} = dc_t ⊙ f
        }
        s.DHPrev.Clear();
    }
}
