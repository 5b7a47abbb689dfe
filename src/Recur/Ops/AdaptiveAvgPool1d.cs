using Recur.Autograd;

namespace Recur;

public sealed partial class Tensor
{
    /// <summary>
    /// Adaptive average pooling along time (PyTorch's <c>F.adaptive_avg_pool1d</c>): <paramref name="outputSize"/> outputs,
    /// output i the mean of input positions <c>[⌊i·L/n⌋, ⌈(i+1)·L/n⌉)</c>. <c>outputSize = 1</c> is global average
    /// pooling over time (<c>[B, C, L]</c> → <c>[B, C, 1]</c>; channels-last <c>[B, L, C]</c> → <c>[B, 1, C]</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D, or its time axis is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outputSize"/> below 1.</exception>
    public static Tensor AdaptiveAvgPool1d(Tensor input, int outputSize, bool channelsLast = false)
    {
        var layout = AdaptivePool1dLayout(input, outputSize, channelsLast, "AdaptiveAvgPool1d");
        var windows = Pool1dWindows.Adaptive(layout.Length, outputSize);
        int length = layout.Length, inner = layout.Inner;
        var y = new Tensor(Storage.Zeroed(layout.Outer * outputSize * inner), layout.OutputShape(outputSize));
        var x = input._data;
        // y[o, i, c] = (1 / count_i) Σ_j x[o, first_i + j, c]
        for (int o = 0; o < layout.Outer; o++)
            for (int i = 0; i < outputSize; i++)
            {
                var mean = y._data.AsSpan((o * outputSize + i) * inner, inner);
                int first = windows.First[i], count = windows.Count[i];
                for (int j = 0; j < count; j++)
                    System.Numerics.Tensors.TensorPrimitives.Add(mean, x.AsSpan((o * length + first + j) * inner, inner), mean);
                System.Numerics.Tensors.TensorPrimitives.Divide(mean, count, mean);
            }

        // dx[o, first_i + j, c] += dy[o, i, c] / count_i
        return Tape.Record(y, "adaptive_avg_pool1d", [input], g =>
        {
            var dx = input.GradBuffer();
            for (int o = 0; o < layout.Outer; o++)
                for (int i = 0; i < outputSize; i++)
                {
                    var share = g._data.AsSpan((o * outputSize + i) * inner, inner);
                    int first = windows.First[i], count = windows.Count[i];
                    for (int j = 0; j < count; j++)
                    {
                        var target = dx.AsSpan((o * length + first + j) * inner, inner);
                        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(share, 1f / count, target, target);
                    }
                }
        });
    }
}
