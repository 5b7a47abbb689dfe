using Recur.Kernels;
using Xunit;

namespace Recur.Tests.Kernels;

/// <summary>
/// The recurrent layers' and the GEMM's buffers: on a cache-line boundary whatever the array's own placement, zero-filled
/// when asked, and every view (pointer, span, <c>fixed</c>, the array and its offset) naming the same floats.
/// </summary>
public class PinnedFloatsTests
{
    [Fact]
    public unsafe void Every_buffer_starts_on_a_cache_line_and_its_views_agree()
    {
        // Many lengths, so that the arrays land at many offsets within a line (a float[]'s elements start 16 bytes after an
        // 8-byte-aligned object).
        var misaligned = 0;
        for (int length = 1; length <= 200; length++)
        {
            var buffer = new PinnedFloats(length);
            Assert.Equal(0, (nint)buffer.Pointer % 64);
            Assert.Equal(length, buffer.Length);
            Assert.Equal(length, buffer.Span.Length);
            Assert.All(buffer.Span.ToArray(), v => Assert.Equal(0f, v));
            fixed (float* first = buffer)
                Assert.True(first == buffer.Pointer);
            fixed (float* arrayStart = buffer.Array)
            {
                Assert.True(arrayStart + buffer.Offset == buffer.Pointer);
                Assert.Equal((buffer.Array, buffer.Offset), buffer.Location);
                if (arrayStart != buffer.Pointer) misaligned++;
            }
            buffer.Span[length - 1] = length;
            Assert.Equal(length, buffer.Array[buffer.Offset + length - 1]);
            Assert.Equal(length, buffer.AsSpan(length - 1, 1)[0]);
            Assert.Equal(length, ((ReadOnlySpan<float>)buffer)[length - 1]);
        }
        // The test means something only if the arrays themselves were not all aligned already.
        Assert.True(misaligned > 0);
    }

    [Fact]
    public unsafe void An_empty_buffer_has_no_floats_and_a_null_pointer()
    {
        Assert.Equal(0, PinnedFloats.Empty.Length);
        Assert.True(PinnedFloats.Empty.Pointer == null);
        Assert.True(PinnedFloats.Empty.Span.IsEmpty);
        fixed (float* first = PinnedFloats.Empty)
            Assert.True(first == null);
    }

    [Fact]
    public void A_negative_length_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PinnedFloats(-1));
    }
}
