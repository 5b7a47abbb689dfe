using System.Diagnostics;
using Recur.Data.Prices;
using Recur.Data.Windows;
using Recur.Training;

namespace Recur.Tasks.Forecasting;

/// <summary>
/// Walk-forward backtest of the forecasting recipe: the single split's test span is cut into K consecutive blocks, and
/// for each block (origin) the scalers are fitted, the network trained, the default forecaster chosen on the newest
/// training windows, and the baselines (persistence, seasonal naive, AR(p), ARIMA by AIC) fitted — all on the windows
/// before the block — then every forecaster is scored on the block. One split's verdict can hang on a fraction of a
/// percent; K origins show how much the scores move.
/// </summary>
public sealed class Backtester
{
    private PriceSeries? _series;
    private IReadOnlyList<WalkForwardFold>? _folds;

    /// <summary>Creates the backtest; <see cref="Run"/> does the work.</summary>
    public Backtester(ForecastOptions options, BacktestOptions backtest)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Backtest = backtest ?? throw new ArgumentNullException(nameof(backtest));
        Options.Validate();
        if (Backtest.Folds < 2)
            throw new ForecastSettingException(ForecastSetting.BacktestFolds, $"must be at least 2, got {Backtest.Folds}.");
    }

    /// <summary>The forecaster's options.</summary>
    public ForecastOptions Options { get; }

    /// <summary>The folds and their scheme.</summary>
    public BacktestOptions Backtest { get; }

    /// <summary>Raised after each training epoch of each fold (fold number from 1).</summary>
    public event Action<int, EpochRecord>? EpochCompleted;

    /// <summary>The folds' windows, known after <see cref="Prepare"/>.</summary>
    public IReadOnlyList<WalkForwardFold> Folds => _folds ?? throw new InvalidOperationException("Call Prepare first.");

    /// <summary>Reads the file and lays out the folds: everything that can fail on bad input, before any training.</summary>
    public void Prepare()
    {
        if (_folds is not null) return;
        var o = Options;
        var series = ForecastColumns.Read(o.CsvPath, o);
        int count = ForecastData.WindowCount(series, o);
        var (trainCount, _, testCount) = ChronologicalSplit.Sizes(count, o.TrainFraction);
        int testSize = testCount / Backtest.Folds;
        if (testSize < 1 || trainCount < 2)
            throw new ForecastSettingException(ForecastSetting.BacktestFolds,
                $"{Backtest.Folds} cuts the {testCount} test windows of {o.CsvPath} into blocks of {testSize}; at least 1 window per fold is needed.");
        _folds = WalkForward.Folds(count, Backtest.Folds, trainCount, testSize, Backtest.Scheme);
        foreach (var fold in _folds) ForecastTraining.ValidationCount(o, fold.TrainCount);
        _series = series;
    }

    /// <summary>Trains and scores every fold in turn. Cancelling stops between training steps.</summary>
    public BacktestResult Run(CancellationToken cancellationToken = default)
    {
        Prepare();
        var o = Options;
        var notes = ForecastData.DataNotes(_series!, o);
        var folds = new List<BacktestFold>(_folds!.Count);
        for (int k = 0; k < _folds.Count; k++)
        {
            var f = _folds[k];
            var data = ForecastData.ForWindows(_series!, notes, o, f.TrainStart, f.TrainCount, f.TestStart, f.TestCount);
            var samples = data.Samples(o);
            var config = new ForecastConfig(o, data.FeatureScaler, data.TargetScaler);
            var (_, trainer) = ForecastTraining.Create(config, f.TrainCount, checkpointDirectory: null);
            int number = k + 1;
            trainer.EpochCompleted += record => EpochCompleted?.Invoke(number, record);
            int validationCount = ForecastTraining.ValidationCount(o, f.TrainCount);
            var clock = Stopwatch.StartNew();
            var history = trainer.Fit(samples.Slice(f.TrainStart, f.TrainCount), null, cancellationToken);
            clock.Stop();
            int trainEnd = f.TrainStart + f.TrainCount;
            var span = ForecastSpan.Score(data, o, ForecastTraining.Outputs(trainer, samples, trainEnd - validationCount, validationCount),
                trainEnd, validationCount, ForecastTraining.Outputs(trainer, samples, f.TestStart, f.TestCount));
            folds.Add(new BacktestFold
            {
                Number = number, TrainStart = f.TrainStart, TrainCount = f.TrainCount, ValidationWindows = validationCount,
                TrainRows = (data.FirstTrainRow, data.LastTrainRow), Points = span.Points, Choice = span.Choice, Arima = span.Arima.Best,
                FinalLoss = history.Epochs.Count > 0 ? history.Epochs[^1].Loss : double.NaN, TrainingTime = clock.Elapsed,
            });
        }
        return new BacktestResult { Options = o, Backtest = Backtest, Series = _series!, DataNotes = notes, Folds = folds };
    }
}
