namespace Recur.Training;

/// <summary>
/// A dataset's inputs made when a batch asks for them instead of held as one tensor: for example the windows of a
/// series, each a run of its rows, which as a tensor <c>[N, T, F]</c> would hold every row T times.
/// <see cref="TensorDataset"/> takes one in place of an input tensor; <see cref="DataLoader"/> fills each batch from it.
/// </summary>
public interface ISampleSource
{
    /// <summary>Number of samples, N.</summary>
    int Count { get; }

    /// <summary>The shape of one sample (a window: <c>[T, F]</c>).</summary>
    IReadOnlyList<int> SampleShape { get; }

    /// <summary>
    /// Writes samples <paramref name="indices"/>[0], [1], … one after another into <paramref name="destination"/>,
    /// whose length is the indices' count times a sample's size.
    /// </summary>
    void CopySamples(ReadOnlySpan<int> indices, Span<float> destination);

    /// <summary>Samples <c>[start, start + count)</c> as a source over the same data (nothing is copied).</summary>
    ISampleSource Slice(int start, int count);
}
