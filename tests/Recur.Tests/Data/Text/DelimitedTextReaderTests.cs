using Recur.Data;
using Recur.Data.Text;
using Recur.Tests.Serialization;

namespace Recur.Tests.Data.Text;

/// <summary>
/// Labelled CSV/TSV files, including a hand-made file in Kaggle's <c>spam.csv</c> layout: header <c>v1,v2,,,</c>,
/// Windows-1252 (£, é, €), CRLF, a quoted line break and a row whose text spills into the filler columns.
/// </summary>
public sealed class DelimitedTextReaderTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string KaggleSample = RepositoryFiles.TestFile("kaggle-spam-sample.csv");

    private static DelimitedTextOptions Kaggle(bool join = false) => new()
    {
        TextColumn = "v2",
        LabelColumn = "v1",
        Encoding = TextEncodings.Windows1252,
        JoinCellsAfterText = join,
    };

    [Fact]
    public void Kaggle_spam_layout_reads_by_column_name_in_cp1252()
    {
        var spam = DelimitedTextReader.Read(KaggleSample, Kaggle());
        Assert.Equal(6, spam.Count);
        Assert.Equal(["ham", "spam"], spam.ClassNames);
        Assert.Equal([0, 1, 1, 0, 0, 1], spam.Labels);
        Assert.Equal("Ok, see you at 5...", spam.Texts[0]);
        Assert.Equal("Win a £100 voucher now! Txt WIN to 80086", spam.Texts[1]);
        Assert.Equal("Free ringtone: text \\TONE\\\" to 85069. Get it now", spam.Texts[2]);
        Assert.Equal("#blessed café tonight?", spam.Texts[3]);
        Assert.Equal("Multi-line\r\nmessage", spam.Texts[4]);
        Assert.Equal("Call 09061701461 to claim your €50 prize", spam.Texts[5]);
        Assert.Equal("1 rows (the first at line 4) have non-empty cells after the text column that were not read; " +
                     "set JoinCellsAfterText to append them to the text.", Assert.Single(spam.Notes));
    }

    [Fact]
    public void Overflow_cells_are_joined_back_when_asked()
    {
        var spam = DelimitedTextReader.Read(KaggleSample, Kaggle(join: true));
        Assert.Equal("Free ringtone: text \\TONE\\\" to 85069. Get it now, PO Box 1234, AB12 3CD. 150p\"", spam.Texts[2]);
        Assert.Empty(spam.Notes);
    }

    [Fact]
    public void Columns_by_index_give_the_same_rows()
    {
        var byIndex = DelimitedTextReader.Read(KaggleSample, Kaggle());
        var options = new DelimitedTextOptions { TextColumn = 1, LabelColumn = 0, Encoding = TextEncodings.Get("cp1252") };
        Assert.Equal(byIndex.Texts, DelimitedTextReader.Read(KaggleSample, options).Texts);
    }

    [Fact]
    public void A_bad_label_after_a_quoted_line_break_names_the_physical_line()
    {
        string path = _dir.File("bad.csv");
        File.WriteAllText(path, "label,text\nham,\"two\nlines\"\nmaybe,hello\n");
        var e = Assert.Throws<DataFormatException>(() =>
            DelimitedTextReader.Read(path, new() { TextColumn = "text", LabelColumn = "label", ClassNames = ["ham", "spam"] }));
        Assert.Equal((4, 1), (e.Line, e.Column));
        Assert.Contains("label 'maybe' is not one of the expected labels: ham, spam", e.Message);
    }

    [Fact]
    public void Unknown_column_name_lists_the_header()
    {
        string path = _dir.File("h.csv");
        File.WriteAllText(path, "label,text\nham,hi\n");
        var e = Assert.Throws<DataFormatException>(() =>
            DelimitedTextReader.Read(path, new() { TextColumn = "message", LabelColumn = "label" }));
        Assert.Equal(1, e.Line);
        Assert.Contains("no column 'message' in the header; it has: 'label', 'text'", e.Message);
    }

    [Fact]
    public void Missing_cell_and_empty_label_are_errors()
    {
        string path = _dir.File("m.csv");
        File.WriteAllText(path, "label,text\nham,hi\nspam\n");
        var e = Assert.Throws<DataFormatException>(() => DelimitedTextReader.Read(path, new() { TextColumn = "text", LabelColumn = "label" }));
        Assert.Equal(3, e.Line);
        Assert.Contains("the row has 1 field(s) but column 'text' is field 2", e.Message);

        File.WriteAllText(path, "label,text\n,hi\n");
        e = Assert.Throws<DataFormatException>(() => DelimitedTextReader.Read(path, new() { TextColumn = "text", LabelColumn = "label" }));
        Assert.Equal((2, 1), (e.Line, e.Column));
    }

    [Fact]
    public void Malformed_quotes_name_the_line()
    {
        string path = _dir.File("q.csv");
        File.WriteAllText(path, "label,text\nham,ok\nham,\"bad\"x\n");
        var e = Assert.Throws<DataFormatException>(() => DelimitedTextReader.Read(path, new() { TextColumn = 1, LabelColumn = 0 }));
        Assert.Equal(3, e.Line);
        Assert.Contains("malformed CSV quoting", e.Message);
    }

    [Fact]
    public void Tsv_without_header_and_numeric_labels_sorted_numerically()
    {
        string path = _dir.File("r.tsv");
        File.WriteAllText(path, "10\tgreat\n2\tbad\n10\tfine\n");
        var set = DelimitedTextReader.Read(path, new() { TextColumn = 1, LabelColumn = 0, HasHeader = false });
        Assert.Equal(["2", "10"], set.ClassNames);
        Assert.Equal([1, 0, 1], set.Labels);
    }

    [Fact]
    public void A_line_of_a_million_cells_is_refused_by_its_line_before_parsing()
    {
        // Sylvan's parser takes minutes over a line of 1 M cells (its time grows with the square of the cells).
        string path = _dir.File("wide.csv");
        File.WriteAllText(path, "label,text\nham,ok\n" + new string(',', 1_000_000) + "\n");
        var e = Assert.Throws<DataFormatException>(() => DelimitedTextReader.Read(path, new() { TextColumn = 1, LabelColumn = 0 }));
        Assert.Equal(3, e.Line);
        Assert.Contains("more than 10,000 cells", e.Message);
    }

    [Fact]
    public void Delimiters_inside_a_quoted_text_are_not_cells()
    {
        string commas = string.Join(",", Enumerable.Repeat("a", 20_000));
        string path = _dir.File("commas.csv");
        File.WriteAllText(path, $"label,text\nham,\"{commas}\nsecond line\"\nspam,win\n");
        var set = DelimitedTextReader.Read(path, new() { TextColumn = 1, LabelColumn = 0 });
        Assert.Equal(commas + "\nsecond line", set.Texts[0]);
        Assert.Equal("win", set.Texts[1]);
    }
}
