using Recur.Autograd;

namespace Recur;

public sealed partial class Tensor
{
    /// <summary>
    /// Rotates each sequence of a batch along time by its own number of steps towards the start: for a
    /// <c>[T, B, F]</c> tensor (or <c>[B, T, F]</c> with <paramref name="batchFirst"/>),
    /// <c>y[t, b] = x[(t + shifts[b]) mod T, b]</c>. A permutation, so its backward is the opposite rotation. The
    /// recurrent layers use it to move the real steps of pre-padded sequences to the front and their outputs back.
    /// </summary>
    internal Tensor RollSteps(ReadOnlySpan<int> shifts, bool batchFirst)
    {
        if (_shape.Length != 3)
            throw new InvalidOperationException($"RollSteps needs a 3-D tensor but got shape {ShapeText(_shape)}.");
        int steps = batchFirst ? _shape[1] : _shape[0], batch = batchFirst ? _shape[0] : _shape[1], width = _shape[2];
        if (shifts.Length != batch)
            throw new ArgumentException($"RollSteps: {shifts.Length} shifts for a batch of {batch} sequences.", nameof(shifts));
        var from = new int[batch];
        for (int b = 0; b < batch; b++) from[b] = ((shifts[b] % steps) + steps) % steps;

        // Row (t, b) of the result is row ((t + from[b]) mod T, b) of this tensor; every row is written.
        var y = new Tensor(Storage.Uninitialized(_data.Length), Shape);
        for (int t = 0; t < steps; t++)
            for (int b = 0; b < batch; b++)
                Array.Copy(_data, Row((t + from[b]) % steps, b) * width, y._data, Row(t, b) * width, width);
        return Tape.Record(y, "roll_steps", [this], g =>
        {
            var dx = GradBuffer();
            for (int t = 0; t < steps; t++)
                for (int b = 0; b < batch; b++)
                {
                    var target = dx.AsSpan(Row((t + from[b]) % steps, b) * width, width);
                    System.Numerics.Tensors.TensorPrimitives.Add(target, g._data.AsSpan(Row(t, b) * width, width), target);
                }
        });

        int Row(int t, int b) => batchFirst ? b * steps + t : t * batch + b;
    }
}
