using Recur.Training;

namespace Recur.Tests.Training;

/// <summary>
/// <see cref="DataLoader"/> on a dataset whose sample i has inputs <c>[i, 100 + i]</c>, target <c>1000 + i</c> and
/// length <c>i mod 5</c>, so every row of a batch tells which sample it came from.
/// </summary>
public sealed class DataLoaderTests
{
    private static TensorDataset Samples(int n, bool lengths = true)
    {
        var inputs = new float[n * 2];
        var targets = new float[n];
        for (int i = 0; i < n; i++)
        {
            inputs[2 * i] = i;
            inputs[2 * i + 1] = 100 + i;
            targets[i] = 1000 + i;
        }
        int[]? lens = lengths ? Enumerable.Range(0, n).Select(i => i % 5).ToArray() : null;
        return new TensorDataset(Tensor.FromArray(inputs, n, 2), Tensor.FromArray(targets, n), lens);
    }

    private static int[] SampleOrder(DataLoader loader) =>
        loader.SelectMany(b => Enumerable.Range(0, b.Size).Select(r => (int)b.Inputs[r, 0])).ToArray();

    [Fact]
    public void Without_shuffle_batches_follow_dataset_order_and_the_last_one_is_partial()
    {
        var loader = new DataLoader(Samples(10), batchSize: 4);
        var batches = loader.ToList();

        Assert.Equal(3, loader.Count);
        Assert.Equal(3, batches.Count);
        Assert.Equal([4, 2], batches[0].Inputs.Shape);
        Assert.Equal([4], batches[0].Targets.Shape);
        Assert.Equal([2, 2], batches[2].Inputs.Shape);
        Assert.Equal(new[] { 8f, 108f, 9f, 109f }, batches[2].Inputs.ToArray());
        Assert.Equal(new[] { 1008f, 1009f }, batches[2].Targets.ToArray());
        Assert.Equal(Enumerable.Range(0, 10), SampleOrder(loader));
    }

    [Fact]
    public void Drop_last_leaves_out_the_partial_batch()
    {
        var loader = new DataLoader(Samples(10), batchSize: 4, dropLast: true);

        Assert.Equal(2, loader.Count);
        Assert.All(loader, b => Assert.Equal(4, b.Size));
        Assert.Equal(Enumerable.Range(0, 8), SampleOrder(loader));
        Assert.Equal(2, new DataLoader(Samples(8), 4, dropLast: true).Count);
        Assert.Equal(0, new DataLoader(Samples(3), 4, dropLast: true).Count);
        Assert.Equal(1, new DataLoader(Samples(3), 4).Count);
    }

    [Fact]
    public void Shuffled_epoch_visits_every_sample_exactly_once()
    {
        var loader = new DataLoader(Samples(23), batchSize: 5, shuffle: true, generator: new Generator(7));

        for (int epoch = 0; epoch < 3; epoch++)
        {
            var order = SampleOrder(loader);
            Assert.Equal(Enumerable.Range(0, 23), order.Order());
            Assert.NotEqual(Enumerable.Range(0, 23), order);
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_epochs_and_each_epoch_a_new_order()
    {
        var a = new DataLoader(Samples(50), 8, shuffle: true, generator: new Generator(42));
        var b = new DataLoader(Samples(50), 8, shuffle: true, generator: new Generator(42));
        var c = new DataLoader(Samples(50), 8, shuffle: true, generator: new Generator(43));

        var a1 = SampleOrder(a);
        var a2 = SampleOrder(a);
        Assert.Equal(a1, SampleOrder(b));
        Assert.Equal(a2, SampleOrder(b));
        Assert.NotEqual(a1, a2);
        Assert.NotEqual(a1, SampleOrder(c));
    }

    [Fact]
    public void Shuffle_draws_from_the_generator_stream()
    {
        var generator = new Generator(5);
        var expected = Enumerable.Range(0, 12).ToArray();
        generator.Shuffle(expected.AsSpan());

        var loader = new DataLoader(Samples(12), 5, shuffle: true, generator: new Generator(5));

        Assert.Equal(expected, SampleOrder(loader));
    }

    [Fact]
    public void Rows_targets_lengths_and_indices_stay_together()
    {
        var loader = new DataLoader(Samples(17), 6, shuffle: true, generator: new Generator(1));

        foreach (var batch in loader)
        {
            Assert.NotNull(batch.Lengths);
            Assert.Equal(batch.Size, batch.Lengths!.Count);
            for (int r = 0; r < batch.Size; r++)
            {
                int sample = (int)batch.Inputs[r, 0];
                Assert.Equal(sample, batch.Indices.Span[r]);
                Assert.Equal(100f + sample, batch.Inputs[r, 1]);
                Assert.Equal(1000f + sample, batch.Targets[r]);
                Assert.Equal(sample % 5, batch.Lengths[r]);
            }
        }
    }

    [Fact]
    public void Batches_are_copies_of_the_rows()
    {
        var dataset = Samples(4, lengths: false);
        var batch = new DataLoader(dataset, 2).First();

        batch.Inputs.Span[0] = -1f;

        Assert.Equal(0f, dataset.Inputs[0, 0]);
        Assert.Null(batch.Lengths);
    }

    [Fact]
    public void Higher_rank_samples_keep_their_trailing_shape()
    {
        var inputs = Tensor.FromArray(Enumerable.Range(0, 5 * 3 * 2).Select(v => (float)v).ToArray(), 5, 3, 2);
        var dataset = new TensorDataset(inputs, [4, 3, 2, 1, 0]);
        var batches = new DataLoader(dataset, 2).ToList();

        Assert.Equal([2, 3, 2], batches[0].Inputs.Shape);
        Assert.Equal([1, 3, 2], batches[2].Inputs.Shape);
        Assert.Equal(Enumerable.Range(24, 6).Select(v => (float)v), batches[2].Inputs.ToArray());
        Assert.Equal(new[] { 0f }, batches[2].Targets.ToArray());
    }

    [Fact]
    public void A_batch_allocates_little_beyond_its_tensors()
    {
        const int n = 1000, batchSize = 100, rowFloats = 28 * 28;
        var dataset = new TensorDataset(Tensor.Zeros(n, 28, 28), Tensor.Zeros(n));
        var loader = new DataLoader(dataset, batchSize, shuffle: true, generator: new Generator(3));
        foreach (var _ in loader) { } // warm up

        // The least of a few epochs: what the loader allocates per batch shows in every epoch, while an occasional
        // allocation on this thread that is not the loader's (once 800 B in an epoch, in a full parallel test run) does not.
        long perBatch = long.MaxValue;
        for (int epoch = 0; epoch < 3; epoch++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            int batches = 0;
            foreach (var _ in loader) batches++;
            perBatch = Math.Min(perBatch, (GC.GetAllocatedBytesForCurrentThread() - before) / batches);
        }

        long tensorBytes = batchSize * (rowFloats + 1) * sizeof(float);
        Assert.InRange(perBatch, tensorBytes, tensorBytes + 1024); // the epoch's order (4 KB over 10 batches) and object headers
    }

    [Fact]
    public void Misaligned_dataset_is_rejected_with_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => new TensorDataset(Tensor.Zeros(4, 2), Tensor.Zeros(3)));
        Assert.Contains("[4, 2]", error.Message);
        Assert.Contains("[3]", error.Message);
        Assert.Throws<ArgumentException>(() => new TensorDataset(Tensor.Zeros(4, 2), Tensor.Zeros(4), [1, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(Samples(4), 0));
    }
}
