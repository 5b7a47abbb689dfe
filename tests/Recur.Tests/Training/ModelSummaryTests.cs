using Recur.Nn;
using Recur.Training;
using K = Recur.Nn.Keras;

namespace Recur.Tests.Training;

public class ModelSummaryTests
{
    [Fact]
    public void Spam_model_summary_has_keras_counts_and_shapes()
    {
        var model = new Sequential(new Embedding(4013, 32), new K.SimpleRNN(32, 32), new Linear(32, 1), new Sigmoid());
        var summary = ModelSummary.Of(model, 1, 60);

        Assert.Equal([128_416L, 2_080L, 33L, 0L], summary.Rows.Select(r => r.Parameters));
        Assert.Equal("(None, 60, 32)", ModelSummary.FormatShape(summary.Rows[0].OutputShape!));
        Assert.Equal("(None, 32)", ModelSummary.FormatShape(summary.Rows[1].OutputShape!));
        Assert.Equal(130_529, summary.TotalParameters);
        Assert.Contains("Total params: 130,529", summary.ToString());
    }

    [Fact]
    public void Pytorch_style_module_summary_has_pytorch_counts()
    {
        // nn.LSTM(5, 10): 4·10·(5 + 10) + 2·4·10 = 680
        var summary = ModelSummary.Of(new LSTM(5, 10));
        Assert.Equal(680, summary.TotalParameters);
    }
}
