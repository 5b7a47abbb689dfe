using System.Collections;

namespace Recur.Tasks.Forecasting;

/// <summary>
/// A span's test forecasts held as one array per forecaster (window after window, horizon step after step) rather
/// than as an object and seven small arrays per window: a long test span's forecasts take a sixth of the memory. Each
/// <see cref="ForecastPoint"/> is made when it is read; scores, reports and charts read the columns instead
/// (<see cref="Values(ForecastValues)"/>, <see cref="Flatten"/>), so that reading a long span makes no object per window.
/// </summary>
public sealed class ForecastPoints : IReadOnlyList<ForecastPoint>
{
    private readonly int _horizon;
    private readonly IReadOnlyList<DateOnly>? _dates;
    private readonly int[] _rows;
    private readonly double[] _actual, _predicted, _naive, _autoRegressive, _arima, _default;
    private readonly double[]? _seasonalNaive;

    /// <summary>Room for <paramref name="count"/> windows of <paramref name="horizon"/> steps; <paramref name="dates"/> are the series' (by row).</summary>
    public ForecastPoints(int count, int horizon, IReadOnlyList<DateOnly>? dates, bool seasonal)
    {
        _horizon = horizon;
        _dates = dates;
        _rows = new int[count];
        _actual = new double[count * horizon];
        _predicted = new double[count * horizon];
        _naive = new double[count * horizon];
        _autoRegressive = new double[count * horizon];
        _arima = new double[count * horizon];
        _default = new double[count * horizon];
        _seasonalNaive = seasonal ? new double[count * horizon] : null;
    }

    /// <inheritdoc/>
    public int Count { get; private set; }

    /// <summary>Values per window (the horizon).</summary>
    public int Horizon => _horizon;

    /// <summary>The series' dates by row, or null when the file has none.</summary>
    public IReadOnlyList<DateOnly>? Dates => _dates;

    /// <summary>Each window's first target row, oldest first.</summary>
    public ReadOnlySpan<int> Rows => _rows.AsSpan(0, Count);

    /// <summary>The date of window <paramref name="index"/>'s first target, or null when the file has no dates.</summary>
    public DateOnly? DateOf(int index) => _dates?[Rows[index]];

    /// <summary>The first target rows of <paramref name="points"/>: <see cref="Rows"/> of <see cref="ForecastPoints"/>, else gathered from each point.</summary>
    public static ReadOnlySpan<int> RowsOf(IReadOnlyList<ForecastPoint> points) =>
        points is ForecastPoints held ? held.Rows : points.Select(p => p.Row).ToArray();

    /// <summary>One column of every window added: window after window, horizon step after step.</summary>
    /// <exception cref="InvalidOperationException">The seasonal naive column of points made without a season.</exception>
    public ReadOnlySpan<double> Values(ForecastValues which) => (which switch
    {
        ForecastValues.Actual => _actual,
        ForecastValues.Predicted => _predicted,
        ForecastValues.Naive => _naive,
        ForecastValues.AutoRegressive => _autoRegressive,
        ForecastValues.Arima => _arima,
        ForecastValues.Default => _default,
        ForecastValues.SeasonalNaive => _seasonalNaive ?? throw new InvalidOperationException("These forecasts were made without a season: they have no seasonal naive values."),
        _ => throw new ArgumentOutOfRangeException(nameof(which), which, null),
    }).AsSpan(0, Count * _horizon);

    /// <summary>
    /// <paramref name="which"/> of <paramref name="points"/>, flattened as <see cref="Values(ForecastValues)"/> lays them out:
    /// the column itself for <see cref="ForecastPoints"/>, else a copy gathered from each point.
    /// </summary>
    public static ReadOnlySpan<double> Flatten(IReadOnlyList<ForecastPoint> points, ForecastValues which)
    {
        if (points is ForecastPoints held) return held.Values(which);
        Func<ForecastPoint, double[]> pick = which switch
        {
            ForecastValues.Actual => p => p.Actual,
            ForecastValues.Predicted => p => p.Predicted,
            ForecastValues.Naive => p => p.Naive,
            ForecastValues.AutoRegressive => p => p.AutoRegressive,
            ForecastValues.Arima => p => p.Arima,
            ForecastValues.Default => p => p.Default,
            ForecastValues.SeasonalNaive => p => p.SeasonalNaive ?? throw new InvalidOperationException($"The point of row {p.Row} has no seasonal naive values."),
            _ => throw new ArgumentOutOfRangeException(nameof(which), which, null),
        };
        return points.SelectMany(pick).ToArray();
    }

    /// <summary>Appends the next window's forecasts (each of the horizon's length; <paramref name="seasonalNaive"/> when seasonal).</summary>
    public void Add(int row, ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, ReadOnlySpan<double> naive,
        ReadOnlySpan<double> autoRegressive, ReadOnlySpan<double> arima, ReadOnlySpan<double> @default, ReadOnlySpan<double> seasonalNaive)
    {
        int at = Count * _horizon;
        _rows[Count] = row;
        actual.CopyTo(_actual.AsSpan(at, _horizon));
        predicted.CopyTo(_predicted.AsSpan(at, _horizon));
        naive.CopyTo(_naive.AsSpan(at, _horizon));
        autoRegressive.CopyTo(_autoRegressive.AsSpan(at, _horizon));
        arima.CopyTo(_arima.AsSpan(at, _horizon));
        @default.CopyTo(_default.AsSpan(at, _horizon));
        if (_seasonalNaive is not null) seasonalNaive.CopyTo(_seasonalNaive.AsSpan(at, _horizon));
        Count++;
    }

    /// <inheritdoc/>
    public ForecastPoint this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            int at = index * _horizon, row = _rows[index];
            return new ForecastPoint(row, _dates?[row], Steps(_actual), Steps(_predicted), Steps(_naive), Steps(_autoRegressive),
                Steps(_arima), Steps(_default), _seasonalNaive is null ? null : Steps(_seasonalNaive));

            double[] Steps(double[] values) => values.AsSpan(at, _horizon).ToArray();
        }
    }

    /// <inheritdoc/>
    public IEnumerator<ForecastPoint> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
