using System.Text;

namespace Recur.Tests.TextClassification;

/// <summary>A tiny review corpus whose words give the label away, for the classify tests.</summary>
public static class ReviewCorpus
{
    /// <summary>Writes <paramref name="rows"/> reviews (columns <c>review</c>, <c>sentiment</c>: good / bad, alternating) to <paramref name="path"/>.</summary>
    public static string Write(string path, int rows)
    {
        string[] good = ["wonderful", "lovely", "great", "moving", "brilliant"], bad = ["awful", "boring", "dull", "mess", "terrible"];
        var text = new StringBuilder("review,sentiment\n");
        for (int i = 0; i < rows; i++)
        {
            var words = i % 2 == 0 ? good : bad;
            text.Append($"\"a {words[i % 5]} {words[(i / 2 + 1) % 5]} film\",{(i % 2 == 0 ? "good" : "bad")}\n");
        }
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
