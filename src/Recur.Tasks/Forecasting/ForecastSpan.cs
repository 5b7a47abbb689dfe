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

        var (actual, network, naive) = (new double[validationCount * h], new double[validationCount * h], new double[validationCount * h]);
        for (int i = 0; i < validationCount; i++)
        {
            int w = validationEnd - validationCount + i, row = data.TargetRow(w);
            for (int j = 0; j < h; j++)
            {
                actual[i * h + j] = target[row + j];
                network[i * h + j] = data.Unscale(w, validationOutputs[i * h + j]);
                naive[i * h + j] = target[row - 1];
            }
        }
        var choice = ForecastChoice.Choose(actual, network, naive, validationCount);

        var arimaAlong = arima.Best.Along(data.Target);   // the test rows go forward, so each forecast extends the last one's residuals
        var points = new ForecastPoints(data.TestCount, h, data.Series.Dates, o.Season is not null);
        // One window's values at a time, in buffers made once: a long test span makes no arrays per window.
        var window = new double[7 * h];
        var values = window.AsSpan(0, h);
        var predicted = window.AsSpan(h, h);
        var last = window.AsSpan(2 * h, h);
        var autoRegressive = window.AsSpan(3 * h, h);
        var arimaForecast = window.AsSpan(4 * h, h);
        var combined = window.AsSpan(5 * h, h);
        var seasonalNaive = window.AsSpan(6 * h, h);
        for (int i = 0; i < data.TestCount; i++)
        {
            int w = data.TestStart + i, row = data.TargetRow(w);
            for (int j = 0; j < h; j++)
            {
                values[j] = target[row + j];
                predicted[j] = data.Unscale(w, testOutputs[i * h + j]);
                last[j] = target[row - 1];
                combined[j] = choice.Combine(predicted[j], last[j]);
            }
            ar.Forecast(target[..row], autoRegressive);
            arimaAlong.Forecast(row, arimaForecast);
            if (o.Season is int m) SeasonalNaive(target, row, m, seasonalNaive);
            points.Add(row, values, predicted, last, autoRegressive, arimaForecast, combined, o.Season is null ? default : seasonalNaive);
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
    private static void SeasonalNaive(ReadOnlySpan<double> target, int row, int m, Span<double> values)
    {
        for (int j = 0; j < values.Length; j++) values[j] = target[row + j - m * (j / m + 1)];
    }
}
