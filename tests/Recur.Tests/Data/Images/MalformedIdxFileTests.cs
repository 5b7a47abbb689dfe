using Recur.Data;
using Recur.Data.Images;
using Recur.Tests.Serialization;

namespace Recur.Tests.Data.Images;

/// <summary>Hand-made IDX files, good and broken, raw and gzip, in a scratch directory.</summary>
public sealed class MalformedIdxFileTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Raw_and_gzip_files_read_the_same(bool gzip)
    {
        string path = IdxFileWriter.Write(_scratch.File("images"), IdxFileWriter.Images(3, 2, 4), gzip);

        var images = IdxReader.ReadImages(path);

        Assert.Equal((3, 2, 4), (images.Count, images.Rows, images.Columns));
        Assert.Equal(Enumerable.Range(0, 24).Select(k => (byte)k), images.Pixels);
    }

    [Fact]
    public void Gzip_is_recognised_by_its_magic_not_by_the_file_name()
    {
        string zipped = IdxFileWriter.Write(_scratch.File("labels-without-extension"), IdxFileWriter.Labels(3, 1, 4), gzip: true);
        string plain = IdxFileWriter.Write(_scratch.File("labels.gz"), IdxFileWriter.Labels(3, 1, 4));

        Assert.Equal(new byte[] { 3, 1, 4 }, IdxReader.ReadLabels(zipped));
        Assert.Equal(new byte[] { 3, 1, 4 }, IdxReader.ReadLabels(plain));
    }

    [Fact]
    public void Labels_file_passed_as_images_names_the_magic_numbers()
    {
        string path = IdxFileWriter.Write(_scratch.File("swapped"), IdxFileWriter.Labels(1, 2));

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal(path, error.File);
        Assert.Null(error.Line);
        Assert.Contains("0x00000801", error.Message);
        Assert.Contains("0x00000803", error.Message);
        Assert.Contains("byte offset 0", error.Message);
        Assert.Contains("labels file", error.Message);
    }

    [Theory]
    [InlineData(0x50_4B_03_04u, "not an IDX file")] // a zip archive
    [InlineData(0x0000_0D03u, "element type 0x0D")] // IDX floats
    [InlineData(0x0000_0804u, "4 dimensions")]
    public void Bad_magic_number_is_reported(uint magic, string hint)
    {
        string path = IdxFileWriter.Write(_scratch.File("bad-magic"), IdxFileWriter.Bytes(magic, [1, 1, 1], [0]));

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains($"0x{magic:X8}", error.Message);
        Assert.Contains(hint, error.Message);
    }

    [Theory]
    [InlineData(false, "")]
    [InlineData(true, " (unpacked)")]
    public void Truncated_file_names_expected_and_actual_bytes(bool gzip, string unpacked)
    {
        var bytes = IdxFileWriter.Images(2, 3, 3); // 16 + 18 bytes
        string path = IdxFileWriter.Write(_scratch.File("truncated"), bytes[..30], gzip);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal(path, error.File);
        Assert.Equal($"{path}: the file is truncated: the header promises 2 images of 3×3, 34 bytes in all{unpacked}, but it ends after 30 bytes{unpacked}.",
            error.Message);
    }

    [Fact]
    public void File_cut_inside_the_header_is_truncated()
    {
        string path = IdxFileWriter.Write(_scratch.File("short"), IdxFileWriter.Labels(1, 2, 3)[..6]);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("header of 8 bytes", error.Message);
        Assert.Contains("ends after 6 bytes", error.Message);
    }

    [Fact]
    public void Cut_gzip_stream_is_an_error_not_a_short_read()
    {
        var zippedPath = IdxFileWriter.Write(_scratch.File("whole.gz"), IdxFileWriter.Images(50, 28, 28), gzip: true);
        var zipped = File.ReadAllBytes(zippedPath);
        string path = IdxFileWriter.Write(_scratch.File("cut.gz"), zipped[..(zipped.Length / 2)]);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal(path, error.File);
        Assert.Contains("39,216 bytes in all (unpacked)", error.Message); // 16 + 50 · 784
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Damaged_gzip_checksum_is_reported_as_corrupt()
    {
        var zipped = File.ReadAllBytes(IdxFileWriter.Write(_scratch.File("whole.gz"), IdxFileWriter.Labels(1, 2, 3), gzip: true));
        zipped[^8] ^= 0xFF; // first byte of the CRC-32 in the gzip trailer
        string path = IdxFileWriter.Write(_scratch.File("damaged.gz"), zipped);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));

        Assert.Equal(path, error.File);
        Assert.Contains("gzip data is corrupt", error.Message);
        Assert.IsType<InvalidDataException>(error.InnerException);
    }

    [Fact]
    public void Bytes_beyond_the_header_size_are_reported()
    {
        var bytes = IdxFileWriter.Labels(1, 2, 3).Concat(new byte[] { 4, 5 }).ToArray();
        string path = IdxFileWriter.Write(_scratch.File("long"), bytes);

        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("11 bytes in all", error.Message);
        Assert.Contains("holds 13", error.Message);
    }

    [Fact]
    public void Limit_reads_only_the_first_items()
    {
        string path = IdxFileWriter.Write(_scratch.File("images"), IdxFileWriter.Images(5, 2, 2), gzip: true);

        var images = IdxReader.ReadImages(path, limit: 2);

        Assert.Equal(2, images.Count);
        Assert.Equal(Enumerable.Range(0, 8).Select(k => (byte)k), images.Pixels);
        Assert.Equal(5, IdxReader.ReadImages(path, limit: 99).Count);
    }

    [Fact]
    public void Image_and_label_counts_must_match()
    {
        string images = IdxFileWriter.Write(_scratch.File("images"), IdxFileWriter.Images(3, 2, 2));
        string labels = IdxFileWriter.Write(_scratch.File("labels"), IdxFileWriter.Labels(0, 1));

        var error = Assert.Throws<DataFormatException>(() => LabelledImages.Load(images, labels));

        Assert.Equal(labels, error.File);
        Assert.Contains("2 labels", error.Message);
        Assert.Contains("3 images", error.Message);
    }

    [Fact]
    public void Count_mismatch_is_caught_even_when_taking_fewer()
    {
        string images = IdxFileWriter.Write(_scratch.File("images"), IdxFileWriter.Images(3, 2, 2));
        string labels = IdxFileWriter.Write(_scratch.File("labels"), IdxFileWriter.Labels(0, 1));

        Assert.Throws<DataFormatException>(() => LabelledImages.Load(images, labels, take: 1));
    }

    [Fact]
    public void Label_outside_the_classes_names_its_index_and_offset()
    {
        string images = IdxFileWriter.Write(_scratch.File("images"), IdxFileWriter.Images(3, 2, 2));
        string labels = IdxFileWriter.Write(_scratch.File("labels"), IdxFileWriter.Labels(0, 10, 1));

        var error = Assert.Throws<DataFormatException>(() => LabelledImages.Load(images, labels));

        Assert.Equal($"{labels}: label 1 (byte offset 9) is 10, outside the 10 classes [0, 10).", error.Message);
        Assert.Equal(3, LabelledImages.Load(images, labels, classCount: 11).Count);
    }

    [Fact]
    public void Split_folder_accepts_raw_and_dotted_names()
    {
        IdxFileWriter.Write(_scratch.File("train-images.idx3-ubyte"), IdxFileWriter.Images(2, 1, 3));
        IdxFileWriter.Write(_scratch.File("train-labels-idx1-ubyte"), IdxFileWriter.Labels(4, 2));

        var train = LabelledImages.LoadSplit(_scratch.Path, "train");

        Assert.Equal(new[] { 4, 2 }, train.Labels.ToArray());
        var missing = Assert.Throws<FileNotFoundException>(() => LabelledImages.LoadSplit(_scratch.Path, "t10k"));
        Assert.Contains("t10k-images-idx3-ubyte.gz", missing.Message);
    }
}
