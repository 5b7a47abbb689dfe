using System.Numerics.Tensors;
using Recur.Autograd;

namespace Recur;

public sealed partial class Tensor
{
    /// <summary>
    /// Max pooling along time (PyTorch's <c>F.max_pool1d</c>): output t is the largest of
    /// <c>x[…, t·stride + j·dilation − padding]</c> over j in <c>[0, kernelSize)</c>, padding counting as −∞.
    /// <paramref name="input"/> is <c>[B, C, L]</c> or <c>[C, L]</c> (with <paramref name="channelsLast"/>, <c>[B, L, C]</c>
    /// or <c>[L, C]</c>); <paramref name="stride"/> defaults to <paramref name="kernelSize"/>; the output length is
    /// <c>⌊(L + 2·padding − dilation·(kernelSize − 1) − 1) / stride⌋ + 1</c>, rounded up with <paramref name="ceilMode"/>.
    /// The gradient goes to the element each output took, as in PyTorch: the first maximum of the window, or its last NaN
    /// (a NaN wins, so the output is NaN).
    /// </summary>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D, or is shorter than the window's span.</exception>
    /// <exception cref="ArgumentOutOfRangeException">kernelSize, stride or dilation below 1; padding negative or more than half the kernel.</exception>
    public static Tensor MaxPool1d(Tensor input, int kernelSize, int? stride = null, int padding = 0, int dilation = 1,
        bool ceilMode = false, bool channelsLast = false)
    {
        string name = MaxPool1dName(kernelSize, stride, padding, dilation, ceilMode, channelsLast);
        int step = CheckMaxPool1dArguments(name, kernelSize, stride, padding, dilation);
        var layout = Pool1dLayout.Of(input, channelsLast, name);
        int outLength = SlidingWindow.OutputLength(layout.Length, kernelSize, step, padding, padding, dilation, ceilMode);
        if (outLength < 1)
            throw new ArgumentException(
                $"{name}: input length {layout.Length} is too short: the window spans {(long)dilation * (kernelSize - 1) + 1} steps " +
                $"but the padded input has {(long)layout.Length + 2L * padding} (input {ShapeText(input._shape)}).", nameof(input));
        return MaxOverWindows(input, layout, Pool1dWindows.Sliding(layout.Length, outLength, kernelSize, step, padding, dilation), "max_pool1d");
    }

    /// <summary>
    /// Adaptive max pooling along time (PyTorch's <c>F.adaptive_max_pool1d</c>): <paramref name="outputSize"/> outputs,
    /// output i the largest of input positions <c>[⌊i·L/n⌋, ⌈(i+1)·L/n⌉)</c>. <c>outputSize = 1</c> is global max pooling
    /// over time (<c>[B, C, L]</c> → <c>[B, C, 1]</c>; channels-last <c>[B, L, C]</c> → <c>[B, 1, C]</c>). Ties and NaN
    /// as <see cref="MaxPool1d"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D, or its time axis is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outputSize"/> below 1.</exception>
    public static Tensor AdaptiveMaxPool1d(Tensor input, int outputSize, bool channelsLast = false)
    {
        var layout = AdaptivePool1dLayout(input, outputSize, channelsLast, "AdaptiveMaxPool1d");
        return MaxOverWindows(input, layout, Pool1dWindows.Adaptive(layout.Length, outputSize), "adaptive_max_pool1d");
    }

    /// <summary>The layout of an adaptive pooling's input, checked: an output size of at least 1, a non-empty time axis.</summary>
    private static Pool1dLayout AdaptivePool1dLayout(Tensor input, int outputSize, bool channelsLast, string op)
    {
        string name = $"{op}({outputSize}{(channelsLast ? ", channels last" : "")})";
        if (outputSize < 1)
            throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, $"{name}: the output size must be at least 1.");
        var layout = Pool1dLayout.Of(input, channelsLast, name);
        if (layout.Length == 0)
            throw new ArgumentException($"{name} needs a non-empty time axis but got input {ShapeText(input._shape)}.", nameof(input));
        return layout;
    }

    /// <summary>The pooling as PyTorch prints it, non-default arguments only, e.g. <c>MaxPool1d(kernel_size=3, stride=2)</c>.</summary>
    internal static string MaxPool1dName(int kernelSize, int? stride, int padding, int dilation, bool ceilMode, bool channelsLast)
    {
        var text = new System.Text.StringBuilder($"MaxPool1d(kernel_size={kernelSize}");
        if (stride is int s && s != kernelSize) text.Append($", stride={s}");
        if (padding != 0) text.Append($", padding={padding}");
        if (dilation != 1) text.Append($", dilation={dilation}");
        if (ceilMode) text.Append(", ceil_mode=True");
        if (channelsLast) text.Append(", channels last");
        return text.Append(')').ToString();
    }

    /// <summary>Checks max pooling's arguments as PyTorch does; returns the stride in effect.</summary>
    internal static int CheckMaxPool1dArguments(string name, int kernelSize, int? stride, int padding, int dilation)
    {
        if (kernelSize < 1)
            throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize, $"{name}: kernel_size must be at least 1.");
        if (stride is < 1)
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"{name}: stride must be at least 1.");
        if (dilation < 1)
            throw new ArgumentOutOfRangeException(nameof(dilation), dilation, $"{name}: dilation must be at least 1.");
        // PyTorch's rule; it keeps the padding from making a window of −∞ alone.
        if (padding < 0 || padding > kernelSize / 2)
            throw new ArgumentOutOfRangeException(nameof(padding), padding,
                $"{name}: padding must be between 0 and half the kernel size ({kernelSize / 2}).");
        return stride ?? kernelSize;
    }

    /// <summary>
    /// y = the maximum of each window; the position it came from is kept for the backward pass, which adds each output's
    /// gradient to that input element. A window with no input element (only padding) gives −∞ and passes no gradient.
    /// </summary>
    private static Tensor MaxOverWindows(Tensor input, Pool1dLayout layout, Pool1dWindows windows, string op)
    {
        int outLength = windows.Length, length = layout.Length, inner = layout.Inner, step = windows.Step;
        var y = new Tensor(Storage.Uninitialized(layout.Outer * outLength * inner), layout.OutputShape(outLength));
        // argmax[(o·outLength + i)·inner + c] = the input position along time of output (o, i, c), or −1
        var argmax = new int[y._data.Length];
        var x = input._data;
        for (int o = 0; o < layout.Outer; o++)
            for (int i = 0; i < outLength; i++)
            {
                int first = windows.First[i], count = windows.Count[i], at = (o * outLength + i) * inner;
                if (inner == 1)
                    (y._data[at], argmax[at]) = WindowMax(x.AsSpan(o * length, length), first, count, step);
                else
                    WindowMax(x.AsSpan(o * length * inner, length * inner), inner, first, count, step,
                        y._data.AsSpan(at, inner), argmax.AsSpan(at, inner));
            }

        return Tape.Record(y, op, [input], g =>
        {
            var dx = input.GradBuffer();
            var dy = g._data;
            for (int o = 0; o < layout.Outer; o++)
                for (int i = 0; i < outLength; i++)
                    for (int c = 0, at = (o * outLength + i) * inner; c < inner; c++, at++)
                        if (argmax[at] >= 0) dx[(o * length + argmax[at]) * inner + c] += dy[at];
        });
    }

    // PyTorch's test: a strictly larger value or any NaN takes over, so ties keep the first maximum and the last NaN of
    // the window wins. The position starts at the window's first element (where an all −∞ window points).

    /// <summary>The maximum of <c>row[first + j·step]</c>, j in <c>[0, count)</c>, and its position (−1 for an empty window).</summary>
    private static (float Max, int Position) WindowMax(ReadOnlySpan<float> row, int first, int count, int step)
    {
        if (step == 1 && count >= ContiguousWindow)
        {
            // A long run (global pooling): the largest value in vectors, then the first place it occurs; a NaN anywhere
            // makes the largest NaN, and the last NaN is the one taken.
            var window = row.Slice(first, count);
            float max = TensorPrimitives.Max(window);
            int at = float.IsNaN(max) ? LastNaN(window) : window.IndexOf(max);
            return (window[at], first + at);
        }
        float best = float.NegativeInfinity;
        int position = count > 0 ? first : -1;
        for (int j = 0, p = first; j < count; j++, p += step)
        {
            float v = row[p];
            if (v > best || float.IsNaN(v))
            {
                best = v;
                position = p;
            }
        }
        return (best, position);
    }

    /// <summary>From this many contiguous steps a window's maximum is found in vectors.</summary>
    private const int ContiguousWindow = 16;

    private static int LastNaN(ReadOnlySpan<float> values)
    {
        int i = values.Length - 1;
        while (!float.IsNaN(values[i])) i--;
        return i;
    }

    /// <summary>As above for each of <paramref name="inner"/> interleaved lanes (channels-last rows of width inner).</summary>
    private static void WindowMax(ReadOnlySpan<float> rows, int inner, int first, int count, int step, Span<float> best, Span<int> position)
    {
        best.Fill(float.NegativeInfinity);
        position.Fill(count > 0 ? first : -1);
        for (int j = 0, p = first; j < count; j++, p += step)
        {
            var values = rows.Slice(p * inner, inner);
            for (int c = 0; c < inner; c++)
            {
                float v = values[c];
                if (v > best[c] || float.IsNaN(v))
                {
                    best[c] = v;
                    position[c] = p;
                }
            }
        }
    }
}
