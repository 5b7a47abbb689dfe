using Recur.Data.Text;

namespace Recur.Tests.Data.Text;

public sealed class TextEncodingsTests
{
    [Theory]
    [InlineData("utf-8", 65001)]
    [InlineData("UTF8", 65001)]
    [InlineData("cp1252", 1252)]
    [InlineData("windows-1252", 1252)]
    [InlineData("latin-1", 28591)]
    [InlineData("cp949", 949)]
    [InlineData("949", 949)]
    public void Names_users_write_resolve(string name, int codePage)
    {
        Assert.Equal(codePage, TextEncodings.Get(name).CodePage);
    }

    [Fact]
    public void Unknown_name_says_what_to_try()
    {
        var e = Assert.Throws<ArgumentException>(() => TextEncodings.Get("klingon"));
        Assert.Contains("try utf-8, cp1252", e.Message);
    }
}
