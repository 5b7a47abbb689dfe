using System.Numerics.Tensors;
using Recur.Kernels;

namespace Recur.Nn.Recurrent;

/// <summary>
/// GRU, gate order r, z, n. Reset-after (PyTorch, Keras' default):
/// <c>r = σ(W_ir x + b_ir + W_hr h + b_hr)</c>, <c>z = σ(W_iz x + b_iz + W_hz h + b_hz)</c>,
/// <c>n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))</c>, <c>h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}</c>.
/// Reset-before (Cho et al. 2014, the course slides' <c>h~ = tanh(W (r ⊙ h) + U x)</c>):
/// <c>n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)</c>, the rest alike.
/// </summary>
internal sealed class GruCellMath(bool resetAfter) : CellMath
{
    public override int Gates => 3;

    // Only r and z may take b_hh early: b_hn sits inside r ⊙ (…) (reset-after) or after W_hn (reset-before).
    public override int FoldedHiddenBiasRows(int hidden) => 2 * hidden;

    // Reset-before multiplies W_hn by r ⊙ h, known only after r: the driver's GEMM covers r and z.
    public override int RecurrentRows(int hidden) => resetAfter ? 3 * hidden : 2 * hidden;

    public override bool SharesGateGradients => false;

    // Cache: r, z, n, then W_hn h + b_hn (reset-after) or r ⊙ h (reset-before).
    public override int CacheRows(int hidden) => 4 * hidden;

    public override void Forward(ref ForwardStep s)
    {
        int hidden = s.Hidden, batch = s.Batch, n = hidden * batch;
        var x = s.InputProjection;
        var cache = s.Cache;
        var r = cache[..n];
        var z = cache.Slice(n, n);
        var candidate = cache.Slice(2 * n, n);
        var fourth = cache.Slice(3 * n, n);

        // r, z = σ(x-part + h-part)
        TensorPrimitives.Add(x[..(2 * n)], s.HiddenProjection[..(2 * n)], x[..(2 * n)]);
        TensorPrimitives.Sigmoid(x[..(2 * n)], cache[..(2 * n)]);

        if (resetAfter)
        {
            // fourth = W_hn h + b_hn;  n = tanh(x_n + r ⊙ fourth)
            s.HiddenProjection.Slice(2 * n, n).CopyTo(fourth);
            AddRowBias(fourth, s.BiasHh, 2 * hidden, hidden, batch);
            TensorPrimitives.Multiply(r, fourth, candidate);
        }
        else
        {
            // fourth = r ⊙ h;  n = tanh(x_n + W_hn fourth + b_hn)
            TensorPrimitives.Multiply(r, s.HPrev, fourth);
            Gemm.Multiply(false, false, hidden, batch, hidden, s.WeightHh[(2 * hidden * hidden)..], hidden, fourth, batch, candidate, batch, accumulate: false);
            AddRowBias(candidate, s.BiasHh, 2 * hidden, hidden, batch);
        }
        TensorPrimitives.Add(candidate, x.Slice(2 * n, n), candidate);
        TensorPrimitives.Tanh(candidate, candidate);

        // h_t = n + z ⊙ (h_{t−1} − n)
        TensorPrimitives.Subtract(s.HPrev, candidate, s.H);
        TensorPrimitives.MultiplyAdd(z, s.H, candidate, s.H);
    }

    public override void Backward(ref BackwardStep s)
    {
        int hidden = s.Hidden, batch = s.Batch, n = hidden * batch;
        var cache = s.Cache;
        var r = cache[..n];
        var z = cache.Slice(n, n);
        var candidate = cache.Slice(2 * n, n);
        var fourth = cache.Slice(3 * n, n);
        var dh = s.DH;
        var hPrev = s.HPrev;
        var dx = s.DGatesInput;
        var dhid = s.DGatesHidden;
        var dhPrev = s.DHPrev;

        for (int k = 0; k < n; k++)
        {
            float zk = z[k], nk = candidate[k], dhk = dh[k];
            float dPreN = dhk * (1f - zk) * (1f - nk * nk);      // dn ⊙ tanh'
            dx[n + k] = dhid[n + k] = dhk * (hPrev[k] - nk) * zk * (1f - zk);   // dz ⊙ σ'
            dx[2 * n + k] = dPreN;
            dhPrev[k] = dhk * zk;                                  // h_{t−1} enters h_t directly with weight z
        }

        if (resetAfter)
        {
            for (int k = 0; k < n; k++)
            {
                float rk = r[k], dPreN = dx[2 * n + k];
                dx[k] = dhid[k] = dPreN * fourth[k] * rk * (1f - rk);   // dr = dPreN ⊙ (W_hn h + b_hn)
                dhid[2 * n + k] = dPreN * rk;                            // d(W_hn h + b_hn) = dPreN ⊙ r
            }
        }
        else
        {
            // d(r ⊙ h) = W_hnᵀ · dPreN
            var dRh = s.Scratch;
            Gemm.Multiply(true, false, hidden, batch, hidden, s.WeightHh[(2 * hidden * hidden)..], hidden, dx.Slice(2 * n, n), batch, dRh, batch, accumulate: false);
            for (int k = 0; k < n; k++)
            {
                float rk = r[k];
                dx[k] = dhid[k] = dRh[k] * hPrev[k] * rk * (1f - rk);
                dhPrev[k] += dRh[k] * rk;
                dhid[2 * n + k] = dx[2 * n + k];
            }
        }
    }

    public override void AccumulateExtraRecurrentWeightGradient(int hidden, int batch, ReadOnlySpan<float> gateGradients, int gateStride,
        ReadOnlySpan<float> cache, Span<float> weightHhGradient)
    {
        if (resetAfter) return;
        // dW_hn += dPreN · (r ⊙ h)ᵀ
        int n = hidden * batch;
        Gemm.Multiply(false, true, hidden, hidden, batch, gateGradients[(2 * hidden * gateStride)..], gateStride,
            cache.Slice(3 * n, n), batch, weightHhGradient[(2 * hidden * hidden)..], hidden, accumulate: true);
    }

    /// <summary>Adds bias[offset + j] to row j of a <c>[rows, batch]</c> block.</summary>
    private static void AddRowBias(Span<float> block, ReadOnlySpan<float> bias, int offset, int rows, int batch)
    {
        if (bias.IsEmpty) return;
        for (int j = 0; j < rows; j++)
        {
            var row = block.Slice(j * batch, batch);
            TensorPrimitives.Add(row, bias[offset + j], row);
        }
    }
}
