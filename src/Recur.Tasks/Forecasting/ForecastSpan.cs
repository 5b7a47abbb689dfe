namespace Recur.Tasks.Forecasting;

/// <summary>
/// One split's forecasts after training: the default forecaster chosen on the validation windows, the baselines fitted on
/// the training windows, and every forecaster's values on the test windows.
/// </summary>
/// <param name="Points">The test windows' forecasts, oldest first.</param>
/// <param name="Choice">The default forecaster.</param>
/// <param name="AutoRegressive">The AR(p) baseline.</param>
/// <param name="Arima">The ARIMA baseline's AIC search.</param>
internal sealed record ForecastSpan(IReadOnlyList<ForecastPoint> Points, ForecastChoice Choice, AutoRegressiveModel AutoRegressive, ArimaSelection Arima)
{
    /// <summary>
    /// Fits the baselines on the training rows of <paramref name="data"/>, chooses the default forecaster on the
    /// <paramref name="validationCount"/> training windows before <paramref name="validationEnd"/> (whose network outputs
    /// are <paramref name="validationOutputs"/>), and forecasts the test windows (network outputs <paramref name="testOutputs"/>).
    /// </summary>
    /// <remarks><paramref name="baselines"/> are those <see cref="FitBaselines(ForecastData, ForecastOptions)"/> fitted before training, or null to fit them now.</remarks>
    public static ForecastSpan Score(ForecastData data, ForecastOptions o, float[] validationOutputs, int validationEnd, int validationCount, float[] testOutputs,
        (AutoRegressiveModel Ar, ArimaSelection Arima)? baselines = null)
    {
        var target = data.Target.Span;
        int h = o.Horizon;
        var (ar, arima) = baselines ?? FitBaselines(data, o);

        var (actual, network, naive) = (new List<double>(validationCount * h), new List<double>(validationCount * h), new List<double>(validationCount * h));
        for (int i = 0; i < validationCount; i++)
        {
            int w = validationEnd - validationCount + i, row = data.Windows.TargetRow[w];
            for (int j = 0; j < h; j++)
            {
                actual.Add(target[row + j]);
                network.Add(data.Unscale(w, validationOutputs[i * h + j]));
                naive.Add(target[row - 1]);
            }
        }
        var choice = ForecastChoice.Choose(actual, network, naive, validationCount);

        var arimaAlong = arima.Best.Along(data.Target);   // the test rows go forward, so each forecast extends the last one's residuals
        var points = new ForecastPoints(data.TestCount, h, data.Series.Dates, o.Season is not null);
        for (int i = 0; i < data.TestCount; i++)
        {
            int w = data.TestStart + i, row = data.Windows.TargetRow[w];
            var values = new double[h];
            var predicted = new double[h];
            for (int j = 0; j < h; j++)
            {
                values[j] = target[row + j];
                predicted[j] = data.Unscale(w, testOutputs[i * h + j]);
            }
            var last = Enumerable.Repeat(target[row - 1], h).ToArray();
            var history = target[..row];
            points.Add(row, values, predicted, last, ar.Forecast(history, h), arimaAlong.Forecast(row, h),
                predicted.Zip(last, choice.Combine).ToArray(), o.Season is int m ? SeasonalNaive(target, row, h, m) : null);
        }
        return new ForecastSpan(points, choice, ar, arima);
    }

    /// <summary>
    /// Fits the AR(p) and ARIMA baselines on the training rows and checks the season: they need no network, so a
    /// forecaster fits them before the first epoch and bad data (a constant target, too few rows) fails before training.
    /// </summary>
    public static (AutoRegressiveModel Ar, ArimaSelection Arima) FitBaselines(ForecastData data, ForecastOptions o) =>
        FitBaselines(data.Target.Span, data.FirstTrainRow, data.LastTrainRow, o);

    /// <summary>
    /// <see cref="FitBaselines(ForecastData, ForecastOptions)"/> on rows <paramref name="firstRow"/> … <paramref name="lastRow"/>
    /// of <paramref name="series"/>, the target: the fits take their large arrays from one scratch, sized for the AR design
    /// and given back when they end.
    /// </summary>
    public static (AutoRegressiveModel Ar, ArimaSelection Arima) FitBaselines(ReadOnlySpan<double> series, int firstRow, int lastRow, ForecastOptions o)
    {
        if (o.Season is int season && season > lastRow)
            throw new ForecastSettingException(ForecastSetting.Season, $"must be shorter than the {lastRow + 1} training rows, got {season}.");
        int rows = lastRow - firstRow + 1, order = o.AutoRegressiveOrder ?? o.Window;
        var target = series.Slice(firstRow, rows);
        using var scratch = new FitScratch(rows * Math.Max(order + 3, 2 * o.ArimaMaxOrder + 4));
        var ar = AutoRegressiveModel.Fit(target, order, rows - 1, scratch);
        try
        {
            return (ar, ArimaModel.Select(target, o.ArimaDifferences, o.ArimaMaxOrder, o.ArimaMaxOrder, rows - 1, includeMean: true, scratch));
        }
        catch (ArgumentException e)
        {
            throw new ForecastSettingException(ForecastSetting.ArimaMaxOrder,
                $"{o.ArimaMaxOrder} leaves no ARIMA baseline that the {rows} training rows can fit ({e.Message}).");
        }
    }

    // The value one season (m steps) before each target, from values known at the forecast: further seasons back for
    // steps beyond the first season. The season is shorter than the training rows, so the row exists.
    private static double[] SeasonalNaive(ReadOnlySpan<double> target, int row, int horizon, int m)
    {
        var values = new double[horizon];
        for (int j = 0; j < horizon; j++) values[j] = target[row + j - m * (j / m + 1)];
        return values;
    }
}
