using Recur.Data.Prices;
using Recur.Data.Windows;

namespace Recur.Tasks.Forecasting;

/// <summary>
/// Everything <see cref="Forecaster"/> needs: the file and its columns, the window, the network and its training.
/// The defaults are the course's one-step-ahead GOOG exercise: Open, High, Low, Volume, Close; window 7; the next
/// day's Close; 70/30 chronological split; LSTM with 10 hidden units; Adam 0.01; MSE; 500 full-batch steps.
/// </summary>
public sealed record ForecastOptions
{
    /// <summary>The daily price CSV.</summary>
    public required string CsvPath { get; init; }

    /// <summary>The file's encoding ("utf-8", "cp949", …), or null to detect it.</summary>
    public string? Encoding { get; init; }

    /// <summary>
    /// For a file without a date column: whether its first row is the newest day (the course's GOOG file; rows are
    /// reversed) or the oldest. Left <see cref="DatelessRowOrder.Unspecified"/>, such a file is refused
    /// (<see cref="PriceFormatException"/>) instead of read in a guessed order; files with dates ignore it. The
    /// checkpoint records it, so a saved model reads new files the same way.
    /// </summary>
    public DatelessRowOrder DatelessOrder { get; init; }

    /// <summary>The column holding the dates, when its header is not Date/날짜/일자; null detects it.</summary>
    public string? DateColumn { get; init; }

    /// <summary>Names of the file's columns in order, for a file without a header row; null reads the header.</summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>
    /// The layout of a date column with the day and month before the year (<c>MM/DD/YYYY</c>, <c>DD.MM.YYYY</c>); null
    /// detects it from the dates (<see cref="PriceSeriesOptions.DateFormat"/>).
    /// </summary>
    public PriceDateFormat? DateFormat { get; init; }

    /// <summary>The decimal separator, '.' or ','; null detects it (<see cref="PriceSeriesOptions.DecimalSeparator"/>).</summary>
    public char? DecimalSeparator { get; init; }

    /// <summary>Empty cells in the columns used: an error (default), skip the row, or copy the previous day's value.</summary>
    public MissingValuePolicy Missing { get; init; } = MissingValuePolicy.Error;

    /// <summary>The column to forecast (English canonical name or the file's own header text).</summary>
    public string Target { get; init; } = "Close";

    /// <summary>The input columns of each time step, in order.</summary>
    public IReadOnlyList<string> Features { get; init; } = ["Open", "High", "Low", "Volume", "Close"];

    /// <summary>The recurrent layer.</summary>
    public RecurrentKind Model { get; init; } = RecurrentKind.Lstm;

    /// <summary>Stacked recurrent layers.</summary>
    public int Layers { get; init; } = 1;

    /// <summary>Hidden units per layer and direction.</summary>
    public int Hidden { get; init; } = 10;

    /// <summary>Run each layer in both directions.</summary>
    public bool Bidirectional { get; init; }

    /// <summary>Dropout between stacked layers (PyTorch's <c>dropout</c>), in [0, 1).</summary>
    public float Dropout { get; init; }

    /// <summary>Time steps per input window.</summary>
    public int Window { get; init; } = 7;

    /// <summary>Values forecast per window (1 = one step ahead).</summary>
    public int Horizon { get; init; } = 1;

    /// <summary>Where the target sits: the row after the window (default) or the window's last row (the Samsung variant).</summary>
    public TargetAlignment TargetAt { get; init; } = TargetAlignment.NextStep;

    /// <summary>Fraction of the windows, oldest first, used for training; the rest is the test span.</summary>
    public double TrainFraction { get; init; } = 0.7;

    /// <summary>
    /// Fraction of the training windows (their newest) held out for validation: the network does not train on them, and
    /// on them the default forecaster is chosen between the network, persistence and their combination (see
    /// <see cref="ForecastChoice"/>). 0 = none, and then the network is the default, unchecked.
    /// </summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Passes over the training windows.</summary>
    public int Epochs { get; init; } = 500;

    /// <summary>
    /// Windows per optimizer step; null = all training windows (full batch, as the course does) up to
    /// <see cref="FullBatchLimit"/> of them, and mini-batches of <see cref="LargeSetBatchSize"/> past it, so that a large
    /// file's activations stay bounded.
    /// </summary>
    public int? BatchSize { get; init; }

    /// <summary>The most training windows trained in one full batch when <see cref="BatchSize"/> is not set.</summary>
    public const int FullBatchLimit = 4096;

    /// <summary>The batch size used when <see cref="BatchSize"/> is not set and the training windows exceed <see cref="FullBatchLimit"/>.</summary>
    public const int LargeSetBatchSize = 256;

    /// <summary>The batch size a run over <paramref name="trainCount"/> training windows uses: <see cref="BatchSize"/> or its default.</summary>
    public int BatchSizeFor(int trainCount) => BatchSize ?? (trainCount <= FullBatchLimit ? trainCount : LargeSetBatchSize);

    /// <summary>Adam's learning rate.</summary>
    public float LearningRate { get; init; } = 0.01f;

    /// <summary>Seed of the weight initialisation and the shuffling.</summary>
    public ulong Seed { get; init; }

    /// <summary>What the network learns: the change since the last known value (default) or the level.</summary>
    public ForecastLearning Learn { get; init; } = ForecastLearning.Change;

    /// <summary>Lags of the AR(p) baseline; null = the window length.</summary>
    public int? AutoRegressiveOrder { get; init; }

    /// <summary>Differences d of the ARIMA(p, d, q) baseline (1: a price's daily changes follow an ARMA model).</summary>
    public int ArimaDifferences { get; init; } = 1;

    /// <summary>Largest p and q the ARIMA baseline's AIC search tries (0 … this, each).</summary>
    public int ArimaMaxOrder { get; init; } = 3;

    /// <summary>Season length m for the seasonal naive baseline (the value m steps before the target); null = no such baseline.</summary>
    public int? Season { get; init; }

    /// <summary>Epochs between checkpoints written during training (the last epoch is always saved).</summary>
    public int CheckpointEvery { get; init; } = 50;

    /// <summary>These options reading the file as <paramref name="reading"/> says (its columns aside: the forecaster chooses them).</summary>
    public ForecastOptions WithReading(PriceSeriesOptions reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return this with
        {
            Encoding = reading.EncodingName, DatelessOrder = reading.DatelessOrder, DateColumn = reading.DateColumn, DateFormat = reading.DateFormat,
            DecimalSeparator = reading.DecimalSeparator, ColumnNames = reading.ColumnNames, Missing = reading.MissingValues,
        };
    }

    /// <summary>Checks the values a user can get wrong.</summary>
    /// <exception cref="ForecastSettingException">A value the recipe cannot use; the exception names the option.</exception>
    public void Validate()
    {
        static void Require(bool ok, ForecastSetting setting, string requirement)
        {
            if (!ok) throw new ForecastSettingException(setting, requirement);
        }
        Require(!string.IsNullOrWhiteSpace(CsvPath), ForecastSetting.CsvPath, "names no file.");
        Require(Features.Count > 0, ForecastSetting.Features, "must name at least one column.");
        Require(ColumnNames is null || (ColumnNames.Count > 0 && !ColumnNames.Any(string.IsNullOrWhiteSpace)), ForecastSetting.ColumnNames,
            "must name every column of the file, none of them blank.");
        Require(Layers >= 1, ForecastSetting.Layers, $"must be at least 1, got {Layers}.");
        Require(Hidden >= 1, ForecastSetting.Hidden, $"must be at least 1, got {Hidden}.");
        Require(Dropout >= 0 && Dropout < 1, ForecastSetting.Dropout, $"must be in [0, 1), got {Dropout}.");
        Require(Window >= 1, ForecastSetting.Window, $"must be at least 1, got {Window}.");
        Require(Horizon >= 1, ForecastSetting.Horizon, $"must be at least 1, got {Horizon}.");
        Require(TrainFraction > 0 && TrainFraction < 1, ForecastSetting.TrainFraction, $"must be between 0 and 1 (the training fraction), got {TrainFraction}.");
        Require(ValidationFraction >= 0 && ValidationFraction < 1, ForecastSetting.ValidationFraction, $"must be in [0, 1), got {ValidationFraction}.");
        Require(Epochs >= 1, ForecastSetting.Epochs, $"must be at least 1, got {Epochs}.");
        Require(BatchSize is null or >= 1, ForecastSetting.BatchSize, $"must be at least 1, got {BatchSize}.");
        Require(LearningRate > 0 && float.IsFinite(LearningRate), ForecastSetting.LearningRate, $"must be a positive number, got {LearningRate}.");
        Require(AutoRegressiveOrder is null or >= 1, ForecastSetting.AutoRegressiveOrder, $"must be at least 1, got {AutoRegressiveOrder}.");
        Require(ArimaDifferences is >= 0 and <= 2, ForecastSetting.ArimaDifferences, $"must be 0, 1 or 2, got {ArimaDifferences}.");
        Require(ArimaMaxOrder is >= 0 and <= 5, ForecastSetting.ArimaMaxOrder, $"must be between 0 and 5, got {ArimaMaxOrder}.");
        Require(Season is null or >= 1, ForecastSetting.Season, $"must be at least 1, got {Season}.");
        Require(DecimalSeparator is null or ',' or '.', ForecastSetting.DecimalSeparator, $"must be ',' or '.', got '{DecimalSeparator}'.");
        Require(CheckpointEvery >= 1, ForecastSetting.CheckpointEvery, $"must be at least 1, got {CheckpointEvery}.");
        Require(!(Learn == ForecastLearning.Change && TargetAt == TargetAlignment.LastStep && Window < 2), ForecastSetting.Window,
            $"must be 2 or more to learn the change with the target at the window's last step (the last known value is the step before), got {Window}.");
    }
}
