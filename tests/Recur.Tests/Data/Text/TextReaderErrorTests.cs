using System.Text;
using Recur.Data;
using Recur.Data.Text;
using Recur.Tests.Serialization;

namespace Recur.Tests.Data.Text;

/// <summary>Bad file content fails with a <see cref="DataFormatException"/> naming the file, line and problem.</summary>
public sealed class TextReaderErrorTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string content, Encoding? encoding = null)
    {
        string path = _dir.File(name);
        File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(false)).GetBytes(content));
        return path;
    }

    [Fact]
    public void Sms_label_outside_ham_spam_names_file_line_label_and_expected_ones()
    {
        string path = Write("sms.txt", "ham\tok\nspam\tWIN now\nmaybe\ttext\n");
        var e = Assert.Throws<DataFormatException>(() => SmsSpamReader.Read(path));
        Assert.Equal((3, 1), (e.Line, e.Column));
        Assert.Equal($"{path}:3, column 1: label 'maybe' is not one of the expected labels: ham, spam.", e.Message);
    }

    [Fact]
    public void Sms_line_without_tab_is_an_error()
    {
        string path = Write("sms.txt", "ham\tok\nham just text\n");
        var e = Assert.Throws<DataFormatException>(() => SmsSpamReader.Read(path));
        Assert.Equal(2, e.Line);
        Assert.Contains("no tab", e.Message);
        Assert.Contains("'ham just text'", e.Message);
    }

    [Fact]
    public void Empty_files_are_errors()
    {
        string empty = Write("empty.txt", "");
        Assert.Contains("holds no rows", Assert.Throws<DataFormatException>(() => SmsSpamReader.Read(empty)).Message);
        Assert.Throws<DataFormatException>(() => LabelledSentencesReader.Read(empty));
        Assert.Throws<DataFormatException>(() => NsmcReader.Read(empty));
        Assert.Throws<DataFormatException>(() => WordCorpusReader.Read(empty));
        Assert.Throws<DataFormatException>(() => PlainTextReader.Read(empty));
        Assert.Throws<DataFormatException>(() => RtPolarityReader.Read(empty, empty));
        Assert.Throws<DataFormatException>(() => DelimitedTextReader.Read(empty, new() { TextColumn = "text", LabelColumn = "label" }));
        string blank = Write("blank.txt", "\n  \n");
        Assert.Throws<DataFormatException>(() => SmsSpamReader.Read(blank));
    }

    [Fact]
    public void Blank_lines_and_empty_texts_are_reported_not_silently_dropped()
    {
        string path = Write("sms.txt", "ham\tok\r\n\r\nspam\t   \r\nham\tbye\r\n");
        var sms = SmsSpamReader.Read(path);
        Assert.Equal(["ok", "bye"], sms.Texts);
        Assert.Equal(1, sms.BlankLines);
        Assert.Equal([3], sms.DroppedEmptyLines);
    }

    [Fact]
    public void Labelled_sentence_with_score_2_names_column_2()
    {
        string path = Write("s.txt", "Great phone.\t1\nMeh.\t2\n");
        var e = Assert.Throws<DataFormatException>(() => LabelledSentencesReader.Read(path));
        Assert.Equal((2, 2), (e.Line, e.Column));
        Assert.Contains("label '2' is not one of the expected labels: 0, 1", e.Message);
    }

    [Fact]
    public void Nsmc_needs_its_header_and_three_fields()
    {
        string noHeader = Write("n1.txt", "1\t좋아요\t1\n");
        var e = Assert.Throws<DataFormatException>(() => NsmcReader.Read(noHeader));
        Assert.Equal(1, e.Line);
        Assert.Contains("expected the header", e.Message);

        string twoFields = Write("n2.txt", "id\tdocument\tlabel\n1\t좋아요\t1\n2\t별로\n");
        e = Assert.Throws<DataFormatException>(() => NsmcReader.Read(twoFields));
        Assert.Equal(3, e.Line);
        Assert.Contains("expected 3 tab-separated fields", e.Message);
    }

    [Fact]
    public void Cp949_file_read_as_utf8_names_the_first_bad_line()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        string path = Write("k.txt", "id\tdocument\tlabel\n1\tgood\t1\n2\t재밌어요\t1\n", Encoding.GetEncoding(949));
        var e = Assert.Throws<DataFormatException>(() => NsmcReader.Read(path));
        Assert.Equal(3, e.Line);
        Assert.Contains("name it explicitly", e.Message);
        Assert.Equal("재밌어요", NsmcReader.Read(path, TextEncodings.Get("cp949")).Texts[1]);
    }

    [Fact]
    public void Utf8_bom_is_skipped()
    {
        string path = Write("bom.txt", "\uFEFFham\thi\n");
        Assert.Equal("hi", SmsSpamReader.Read(path).Texts[0]);
        Assert.Equal(0, SmsSpamReader.Read(path).Labels[0]);
    }

    [Fact]
    public void Word_corpus_appends_eos_per_line_and_can_leave_it_out()
    {
        string path = Write("lm.txt", " a b\n\n c\n");
        Assert.Equal(["a", "b", "<eos>", "<eos>", "c", "<eos>"], WordCorpusReader.Read(path).Tokens);
        var bare = WordCorpusReader.Read(path, endOfSentence: null);
        Assert.Equal(["a", "b", "c"], bare.Tokens);
        Assert.Equal((3, 3), (bare.LineCount, bare.WordCount));
    }

    [Fact]
    public void Plain_text_normalises_crlf()
    {
        string path = Write("p.txt", "ab\r\ncd");
        var text = PlainTextReader.Read(path);
        Assert.Equal("ab\ncd", text.Text);
        Assert.Equal(2, text.LineCount);
    }
}
