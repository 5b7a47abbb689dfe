using Recur.Data.Loading;

namespace Recur.Tests.Data.Loading;

/// <summary>
/// <see cref="LanguageModelBatches"/> against PyTorch's word_language_model <c>batchify</c> / <c>get_batch</c>,
/// worked by hand on ids 0…25.
/// </summary>
public sealed class LanguageModelBatchesTests
{
    private static int[] Ids(int n) => Enumerable.Range(0, n).ToArray();

    private static float[] Floats(params int[] values) => values.Select(v => (float)v).ToArray();

    [Fact]
    public void Worked_example_two_streams_of_13_unrolled_three_steps()
    {
        var batches = new LanguageModelBatches(Ids(26), batchSize: 2, bptt: 3);

        Assert.Equal(13, batches.StreamLength);
        Assert.Equal(4, batches.Count); // chunks start at steps 0, 3, 6, 9 of 12 input steps
        var first = batches[0];
        Assert.Equal([3, 2], first.Inputs.Shape);
        Assert.Equal(Floats(0, 13, 1, 14, 2, 15), first.Inputs.ToArray());
        Assert.Equal([6], first.Targets.Shape);
        Assert.Equal(Floats(1, 14, 2, 15, 3, 16), first.Targets.ToArray());
        Assert.Equal((0, 3), (first.Start, first.Steps));

        var last = batches[3];
        Assert.Equal(Floats(9, 22, 10, 23, 11, 24), last.Inputs.ToArray());
        Assert.Equal(Floats(10, 23, 11, 24, 12, 25), last.Targets.ToArray());
    }

    [Fact]
    public void Remainder_tokens_are_dropped_and_the_last_chunk_is_shorter()
    {
        // 29 ids, B = 2: streams 0…13 and 14…27, id 28 dropped; 13 input steps = 3 + 3 + 3 + 3 + 1.
        var batches = new LanguageModelBatches(Ids(29), batchSize: 2, bptt: 3);
        var chunks = batches.ToList();

        Assert.Equal(14, batches.StreamLength);
        Assert.Equal(5, chunks.Count);
        Assert.Equal(26, batches.TargetCount);
        var last = chunks[^1];
        Assert.Equal((12, 1), (last.Start, last.Steps));
        Assert.Equal([1, 2], last.Inputs.Shape);
        Assert.Equal(Floats(12, 26), last.Inputs.ToArray());
        Assert.Equal(Floats(13, 27), last.Targets.ToArray());
        Assert.Equal(26, chunks.Sum(c => c.Targets.Size));
    }

    [Fact]
    public void Chunks_continue_each_stream_where_the_previous_stopped()
    {
        var batches = new LanguageModelBatches(Ids(100), batchSize: 4, bptt: 7);

        for (int b = 0; b < 4; b++)
        {
            var stream = batches.SelectMany(c => Enumerable.Range(0, c.Steps).Select(t => (int)c.Inputs[t, b])).ToArray();
            Assert.Equal(Enumerable.Range(b * 25, 24), stream);
        }
    }

    [Fact]
    public void Batch_first_transposes_inputs_and_orders_targets_stream_by_stream()
    {
        var batches = new LanguageModelBatches(Ids(26), batchSize: 2, bptt: 3, batchFirst: true);
        var first = batches[0];

        Assert.Equal([2, 3], first.Inputs.Shape);
        Assert.Equal(Floats(0, 1, 2, 13, 14, 15), first.Inputs.ToArray());
        Assert.Equal(Floats(1, 2, 3, 14, 15, 16), first.Targets.ToArray());
    }

    [Fact]
    public void Too_short_corpus_or_bad_sizes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new LanguageModelBatches(Ids(3), batchSize: 2, bptt: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LanguageModelBatches(Ids(10), batchSize: 0, bptt: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LanguageModelBatches(Ids(10), batchSize: 2, bptt: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LanguageModelBatches([1, -1, 2, 3], batchSize: 1, bptt: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LanguageModelBatches(Ids(26), 2, 3)[4]);
    }
}
