namespace Recur;

/// <summary>
/// The arithmetic of a window sliding along one axis, shared by convolution and pooling: output t reads input
/// positions <c>t·stride + j·dilation − padStart</c> for <c>j</c> in <c>[0, kernelSize)</c>, and positions outside
/// <c>[0, length)</c> are padding.
/// </summary>
internal static class SlidingWindow
{
    /// <summary>
    /// PyTorch's output length <c>⌊(length + padStart + padEnd − dilation·(kernelSize − 1) − 1) / stride⌋ + 1</c>, or with
    /// <paramref name="ceilMode"/> the quotient rounded up, minus a last window that would start in the end padding (as
    /// PyTorch's pooling does). Zero or negative when the padded input is shorter than the kernel's span.
    /// </summary>
    public static int OutputLength(int length, int kernelSize, int stride, int padStart, int padEnd, int dilation, bool ceilMode = false)
    {
        long room = (long)length + padStart + padEnd - (long)dilation * (kernelSize - 1) - 1 + (ceilMode ? stride - 1 : 0);
        long outputs = (room >= 0 ? room / stride : -((-room + stride - 1) / stride)) + 1;   // ⌊room / stride⌋ + 1
        // In ceil mode the last window must start inside the input or the start padding.
        if (ceilMode && (outputs - 1) * stride >= (long)length + padStart) outputs--;
        return (int)Math.Clamp(outputs, int.MinValue, int.MaxValue);
    }

    /// <summary>
    /// The indices <c>i</c> in <c>[0, count)</c> for which <c>start + i·step</c> lies in <c>[0, length)</c>, as
    /// <c>[First, End)</c> (empty when <c>First ≥ End</c>). <paramref name="step"/> is positive.
    /// </summary>
    public static (int First, int End) Inside(int start, int step, int count, int length)
    {
        // start + i·step ≥ 0  ⇔  i ≥ ⌈−start / step⌉;   start + i·step ≤ length − 1  ⇔  i ≤ ⌊(length − 1 − start) / step⌋
        long first = start >= 0 ? 0 : (-(long)start + step - 1) / step;
        long lastRoom = (long)length - 1 - start;
        long end = lastRoom < 0 ? 0 : Math.Min(count, lastRoom / step + 1);
        return ((int)Math.Min(first, count), (int)end);
    }
}
