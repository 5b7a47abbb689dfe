using Recur.Data.Prices;
using Recur.Nn.Recurrent;
using Recur.Tasks.Forecasting;
using Recur.Tests.Data.Text;
using Recur.Tests.Kernels;

namespace Recur.Tests.Forecasting;

/// <summary>A whole training run of the forecast recipe gives the same bits on one and two threads.</summary>
[Collection(nameof(KernelThreadsCollection))]
public class ForecastThreadCountTests
{
    [Fact]
    public void Forecast_training_gives_the_same_losses_and_forecasts_on_one_and_two_threads()
    {
        // The course's Google file with a wider LSTM and mini-batches of 40, so the time loop of each full batch is split
        // over two threads (parts of 16 and 24 rows).
        var options = new ForecastOptions
        {
            CsvPath = RepositoryFiles.Data("stock/data-02-stock_daily.csv"),
            DatelessOrder = DatelessRowOrder.NewestFirst,
            Hidden = 80,
            BatchSize = 40,
            Epochs = 3,
            Seed = 3,
        };
        Assert.True(TimeLoopParts.Count(4, options.Hidden, options.BatchSize.Value, threads: 2) > 1);

        var (one, two) = OneAndTwoThreads.Run(() => new Forecaster(options).Run());

        Assert.Equal(one.History.Epochs.Select(e => e.Loss), two.History.Epochs.Select(e => e.Loss));
        Assert.Equal(one.Test.SelectMany(p => p.Predicted), two.Test.SelectMany(p => p.Predicted));
    }
}
