using Recur.Data.Prices;
using Recur.Data.Scaling;
using Recur.Data.Windows;
using Recur.Tasks.Forecasting;
using Recur.Tests.Data.Text;

namespace Recur.Tests.Forecasting;

public class ForecasterTests : IDisposable
{
    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static ForecastOptions Google(int epochs) => new()
    {
        CsvPath = RepositoryFiles.Data("stock/data-02-stock_daily.csv"),
        DatelessOrder = DatelessRowOrder.NewestFirst,
        Epochs = epochs,
    };

    [Fact]
    public void Course_defaults_on_the_bundled_google_file_make_507_training_and_218_test_windows()
    {
        var result = new Forecaster(Google(epochs: 3)).Run();

        Assert.Equal(732, result.Series.RowCount);
        // The newest fifth of the 507 training windows is held out to choose the default forecaster.
        Assert.Equal(507, result.TrainWindows + result.ValidationWindows);
        Assert.Equal(101, result.ValidationWindows);
        Assert.Equal(218, result.TestWindows);
        Assert.Equal(3, result.History.Epochs.Count);
        // Window w reads rows w…w+6 and forecasts row w+7; the last training window forecasts row 513 (0-based).
        Assert.Equal(513, result.LastTrainingRow);
        Assert.Equal(514, result.Test[0].Row);
        Assert.Equal(731, result.Test[^1].Row);
        // Keras-style parameter count of LSTM(5→10) + Linear(10→1) with PyTorch's two bias vectors: 4·10·(5+10) + 2·40 + 11.
        Assert.Equal(4 * 10 * 15 + 80 + 11, result.Summary.TotalParameters);
    }

    [Fact]
    public void Baselines_on_the_google_test_span_match_the_figures_measured_independently()
    {
        // DESIGN.md §8: on this split naive persistence scores RMSE 8.00 and AR(7) by least squares 7.99 dollars.
        var result = new Forecaster(Google(epochs: 1)).Run();

        Assert.Equal(8.00, result.Naive.Rmse, 2);
        Assert.Equal(7.99, result.AutoRegressive.Rmse, 2);
        Assert.Equal(7, result.AutoRegressiveOrder);
        // Persistence is the previous day's close, taken from the file itself.
        var close = result.Series.Column("Close");
        Assert.All(result.Test, p => Assert.Equal(close[p.Row - 1], p.Naive[0]));
        Assert.All(result.Test, p => Assert.Equal(close[p.Row], p.Actual[0]));
    }

    [Fact]
    public void Scalers_are_fitted_on_the_training_span_only()
    {
        string csv = _files.Wave("wave.csv", rows: 200);
        var result = new Forecaster(new ForecastOptions { CsvPath = csv, Epochs = 1 }).Run();

        var close = result.Series.Column("Close");
        var scaler = Assert.IsType<MinMaxScaler>(result.Config.TargetScaler);
        Assert.Equal(close.Take(result.LastTrainingRow + 1).Min(), scaler.DataMin[0]);
        Assert.Equal(close.Take(result.LastTrainingRow + 1).Max(), scaler.DataMax[0]);
        Assert.NotEqual(close.Max(), scaler.DataMax[0]); // the trend puts the series' maximum in the test span
    }

    [Fact]
    public void The_network_learning_changes_beats_persistence_on_a_smooth_wave()
    {
        string csv = _files.Wave("wave.csv", rows: 300);
        var result = new Forecaster(new ForecastOptions { CsvPath = csv, Epochs = 300 }).Run();

        Assert.True(result.Network.Rmse < result.Naive.Rmse,
            $"network RMSE {result.Network.Rmse} should beat naive {result.Naive.Rmse} on a predictable wave");
        Assert.True(result.History.Epochs[^1].Loss < result.History.Epochs[0].Loss);
    }

    [Fact]
    public void Training_ten_epochs_equals_five_then_resume_five_bit_for_bit()
    {
        string csv = _files.Wave("wave.csv", rows: 120);
        var options = new ForecastOptions { CsvPath = csv, Epochs = 10, BatchSize = 16, CheckpointEvery = 5, Seed = 7 };
        var straight = new Forecaster(options) { OutputDirectory = _files.PathOf("straight") }.Run();

        new Forecaster(options with { Epochs = 5 }) { OutputDirectory = _files.PathOf("resumed") }.Run();
        var resumed = new Forecaster(options) { OutputDirectory = _files.PathOf("resumed"), Resume = true }.Run();

        Assert.Equal(5, resumed.ResumedAfterEpoch);
        Assert.Equal(straight.History.Epochs.Select(e => e.Loss), resumed.History.Epochs.Select(e => e.Loss));
        Assert.Equal(straight.Test.SelectMany(p => p.Predicted), resumed.Test.SelectMany(p => p.Predicted));
    }

    [Fact]
    public void Resume_with_other_settings_is_refused_naming_what_differs()
    {
        string csv = _files.Wave("wave.csv", rows: 120);
        var options = new ForecastOptions { CsvPath = csv, Epochs = 2 };
        new Forecaster(options) { OutputDirectory = _files.PathOf("run") }.Run();

        var e = Assert.Throws<InvalidDataException>(() =>
            new Forecaster(options with { Epochs = 4, Hidden = 12 }) { OutputDirectory = _files.PathOf("run"), Resume = true }.Run());
        Assert.Contains("model settings", e.Message);
    }

    [Fact]
    public void A_saved_model_predicts_the_test_forecast_again_from_a_file_cut_at_that_window()
    {
        string csv = _files.Wave("wave.csv", rows: 150);
        var result = new Forecaster(new ForecastOptions { CsvPath = csv, Epochs = 5 }) { OutputDirectory = _files.PathOf("model") }.Run();

        var point = result.Test[10];
        // With the file cut just before the point's target row, its last window is that test window.
        string cut = _files.Wave("cut.csv", rows: 150, take: point.Row);
        var next = ForecastPredictor.Load(_files.PathOf("model")).Predict(cut);

        Assert.Equal(point.Predicted[0], next.Values[0], 4);
        Assert.Equal(point.Naive[0], next.LastValue);
        Assert.Equal(point.Date!.Value.AddDays(-1), next.LastDate);
    }

    [Fact]
    public void Korean_variant_target_at_the_windows_last_step_on_the_cp949_samsung_file()
    {
        var result = new Forecaster(new ForecastOptions
        {
            CsvPath = RepositoryFiles.Data("stock/samsung-2020.csv"),
            Window = 3,
            Features = ["Open", "High", "Low", "Volume"],
            Target = "Close",
            TargetAt = TargetAlignment.LastStep,
            Epochs = 5,
        }).Run();

        Assert.Equal(248, result.Series.RowCount);
        Assert.Equal(246, result.TrainWindows + result.ValidationWindows + result.TestWindows);
        Assert.Equal(172, result.TrainWindows + result.ValidationWindows);
        // The target row is the window's last row: window w covers rows w, w+1, w+2.
        Assert.Equal(172 + 2, result.Test[0].Row);
    }

    [Fact]
    public void Horizon_three_gives_three_values_per_window_and_the_ar_baseline_iterates()
    {
        string csv = _files.Wave("wave.csv", rows: 100);
        var result = new Forecaster(new ForecastOptions { CsvPath = csv, Epochs = 2, Horizon = 3 }).Run();

        Assert.All(result.Test, p =>
        {
            Assert.Equal(3, p.Predicted.Length);
            Assert.Equal(3, p.AutoRegressive.Length);
            Assert.Equal(p.Naive[0], p.Naive[2]);
        });
    }

    [Fact]
    public void A_window_longer_than_the_series_is_a_clear_error()
    {
        string csv = _files.Wave("short.csv", rows: 10);
        var e = Assert.ThrowsAny<Exception>(() => new Forecaster(new ForecastOptions { CsvPath = csv, Window = 20, Epochs = 1 }).Run());
        Assert.Contains("10", e.Message);
    }
}
