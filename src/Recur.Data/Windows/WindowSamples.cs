using Recur.Training;

namespace Recur.Data.Windows;

/// <summary>
/// The input windows of a series made when a batch asks for them: window <c>i</c> is rows <c>i … i + T − 1</c> of the
/// series <c>[rows, F]</c>, which is held once (as float32, row-major) instead of T times as a tensor <c>[N, T, F]</c>.
/// A window's floats are the ones <see cref="SlidingWindows.Create(double[,], ReadOnlySpan{double})"/> cuts, in the same
/// layout, so training on either gives the same numbers. Made by <see cref="SlidingWindows.Samples"/>.
/// </summary>
public sealed class WindowSamples : ISampleSource
{
    private readonly float[] _series;
    private readonly int _columns;
    private readonly int _length;
    private readonly int _first;

    internal WindowSamples(float[] series, int columns, int sequenceLength, int first, int count)
    {
        _series = series;
        _columns = columns;
        _length = sequenceLength;
        _first = first;
        Count = count;
    }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public IReadOnlyList<int> SampleShape => [_length, _columns];

    /// <inheritdoc />
    public void CopySamples(ReadOnlySpan<int> indices, Span<float> destination)
    {
        int size = _length * _columns;
        if (destination.Length != (long)indices.Length * size)
            throw new ArgumentException(
                $"WindowSamples.CopySamples: {indices.Length} windows of [{_length}, {_columns}] need {(long)indices.Length * size} floats but the destination holds {destination.Length}.",
                nameof(destination));
        for (int i = 0; i < indices.Length; i++)
        {
            int w = indices[i];
            if ((uint)w >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), w, $"WindowSamples.CopySamples: window {w} is outside the {Count} windows.");
            // A window's rows are consecutive, so it is one contiguous run of the row-major series.
            _series.AsSpan((_first + w) * _columns, size).CopyTo(destination.Slice(i * size, size));
        }
    }

    /// <inheritdoc />
    public ISampleSource Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start > Count - count)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"WindowSamples.Slice: windows {start} … {start + count - 1} are outside the {Count} windows.");
        return new WindowSamples(_series, _columns, _length, _first + start, count);
    }
}
