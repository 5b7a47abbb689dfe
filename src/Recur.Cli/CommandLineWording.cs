using Recur.Data.Images;
using Recur.Data.Prices;
using Recur.Tasks.Forecasting;
using Recur.Tasks.TextClassification;
using Recur.Tasks.RiseClassification;
using Recur.Tasks.ImageRows;
using Recur.Tasks.LanguageModels;

namespace Recur.Cli;

/// <summary>
/// Phrases the libraries' errors in the command line's words: where a library names a setting (a
/// <see cref="PriceFormatException"/>'s remedies, the setting of a recipe's <see cref="Tasks.Recipes.RecipeSettingException"/>
/// subclass, an <see cref="ImageSizeException"/>'s resizing), the user reads the flag that sets it.
/// </summary>
internal static class CommandLineWording
{
    /// <summary>The message of <paramref name="error"/> for the user of the command named <paramref name="command"/>.</summary>
    public static string Message(Exception error, string command) => error switch
    {
        // predict reads a file with the settings its model was trained with; of the reading flags only --order is its own.
        PriceFormatException e when command == "predict" && e.Remedies.Any(r => r != PriceReadRemedy.StateDatelessOrder) =>
            e.Describe(Remedy) + " Those are flags of recur forecast: a model reads new files with the settings it was trained with.",
        PriceFormatException e => e.Describe(Remedy),
        ForecastSettingException e when Flag(e.Setting) is string flag => $"{flag} {e.Requirement}",
        ClassifySettingException e when Flag(e.Setting) is string flag => $"{flag} {e.Requirement}",
        RiseSettingException e when Flag(e.Setting) is string flag => $"{flag} {e.Requirement}",
        ImageRowsSettingException e when Flag(e.Setting) is string flag => $"{flag} {e.Requirement}",
        LanguageModelSettingException e when Flag(e.Setting) is string flag => $"{flag} {e.Requirement}",
        ImageSizeException e => e.Describe("or pass --resize to scale it"),
        _ => error.Message,
    };

    // The settings recur images has no flag for keep the library's name.
    private static string? Flag(ImageRowsSetting setting) => setting switch
    {
        ImageRowsSetting.DataDirectory => "--idx-dir",
        ImageRowsSetting.HeldOutFraction => "--held-out",
        ImageRowsSetting.TrainLimit => "--train-images",
        ImageRowsSetting.TestLimit => "--test-images",
        ImageRowsSetting.Layers => "--layers",
        ImageRowsSetting.Hidden => "--hidden",
        ImageRowsSetting.Dropout => "--dropout",
        ImageRowsSetting.Epochs => "--epochs",
        ImageRowsSetting.BatchSize => "--batch",
        ImageRowsSetting.LearningRate => "--lr",
        ImageRowsSetting.OutputDirectory => "--out",
        _ => null,
    };

    // recur lm's flags for the language-model recipe's settings.
    private static string? Flag(LanguageModelSetting setting) => setting switch
    {
        LanguageModelSetting.DataPath => "--data",
        LanguageModelSetting.Layers => "--layers",
        LanguageModelSetting.Hidden => "--hidden",
        LanguageModelSetting.EmbeddingSize => "--embedding",
        LanguageModelSetting.Bptt => "--bptt",
        LanguageModelSetting.BatchSize => "--batch",
        LanguageModelSetting.Dropout => "--dropout",
        LanguageModelSetting.TieWeights => "--tie",
        LanguageModelSetting.InitScale => "--init",
        LanguageModelSetting.LearningRate => "--lr",
        LanguageModelSetting.DecayAfterEpoch => "--decay-after",
        LanguageModelSetting.DecayFactor => "--decay",
        LanguageModelSetting.ClipNorm => "--clip",
        LanguageModelSetting.Epochs => "--epochs",
        LanguageModelSetting.VocabularySize => "--vocab",
        LanguageModelSetting.ValidationFraction => "--validation",
        LanguageModelSetting.TestFraction => "--test",
        LanguageModelSetting.SampleTokens => "--sample-tokens",
        LanguageModelSetting.OutputDirectory => "--out",
        _ => null,
    };

    // The settings recur forecast has no flag for keep the library's name.
    private static string? Flag(ForecastSetting setting) => setting switch
    {
        ForecastSetting.CsvPath => "--csv",
        ForecastSetting.Features => "--features",
        ForecastSetting.ColumnNames => "--columns",
        ForecastSetting.Layers => "--layers",
        ForecastSetting.Hidden => "--hidden",
        ForecastSetting.Dropout => "--dropout",
        ForecastSetting.Window => "--window",
        ForecastSetting.Horizon => "--horizon",
        ForecastSetting.TrainFraction => "--split",
        ForecastSetting.ValidationFraction => "--validation",
        ForecastSetting.Epochs => "--epochs",
        ForecastSetting.BatchSize => "--batch",
        ForecastSetting.LearningRate => "--lr",
        ForecastSetting.AutoRegressiveOrder => "--ar",
        ForecastSetting.ArimaDifferences => "--arima-d",
        ForecastSetting.ArimaMaxOrder => "--arima-max-order",
        ForecastSetting.Season => "--season",
        ForecastSetting.DecimalSeparator => "--decimal",
        ForecastSetting.BacktestFolds => "--backtest",
        ForecastSetting.OutputDirectory => "--out",
        _ => null,
    };

    private static string? Flag(ClassifySetting setting) => setting switch
    {
        ClassifySetting.DataPath => "--csv",
        ClassifySetting.TextColumn => "--text-column",
        ClassifySetting.LabelColumn => "--label-column",
        ClassifySetting.VocabularySize => "--vocab",
        ClassifySetting.MaxLength => "--max-length",
        ClassifySetting.EmbeddingSize => "--embedding",
        ClassifySetting.Hidden => "--hidden",
        ClassifySetting.Dropout => "--dropout",
        ClassifySetting.Epochs => "--epochs",
        ClassifySetting.BatchSize => "--batch",
        ClassifySetting.LearningRate => "--lr",
        ClassifySetting.Patience => "--patience",
        ClassifySetting.TestFraction => "--test",
        ClassifySetting.ValidationFraction => "--validation",
        ClassifySetting.OutputDirectory => "--out",
        _ => null,
    };

    // recur updown's flags for the up/down recipe's settings.
    private static string? Flag(RiseSetting setting) => setting switch
    {
        RiseSetting.CsvPath => "--csv",
        RiseSetting.Price => "--price",
        RiseSetting.Features => "--features",
        RiseSetting.RisePercent => "--rise",
        RiseSetting.Within => "--within",
        RiseSetting.Window => "--window",
        RiseSetting.Layers => "--layers",
        RiseSetting.Hidden => "--hidden",
        RiseSetting.Dropout => "--dropout",
        RiseSetting.TrainFraction => "--split",
        RiseSetting.ValidationFraction => "--validation",
        RiseSetting.Epochs => "--epochs",
        RiseSetting.Patience => "--patience",
        RiseSetting.BatchSize => "--batch",
        RiseSetting.LearningRate => "--lr",
        RiseSetting.Regularization => "--c",
        RiseSetting.BootstrapResamples => "--bootstrap",
        RiseSetting.OutputDirectory => "--out",
        _ => null,
    };

    private static string Remedy(PriceReadRemedy remedy) => remedy switch
    {
        PriceReadRemedy.StateDatelessOrder => "pass --order newest-first or --order oldest-first",
        PriceReadRemedy.NameEncoding => "name the encoding with --encoding (utf-8, cp949, euc-kr…)",
        PriceReadRemedy.NameColumns => "name the columns with --columns (for example --columns Open,High,Low,Volume,Close)",
        PriceReadRemedy.ReadFewerColumns => "leave the column(s) with empty cells out of --features and --target",
        PriceReadRemedy.AcceptMissingValues => "pass --missing skip or --missing ffill to accept gaps",
        PriceReadRemedy.SkipRowsWithMissingValues => "pass --missing skip to leave such rows out",
        PriceReadRemedy.NameDateFormat => "name the layout with --date-format (for example --date-format MM/DD/YYYY)",
        PriceReadRemedy.NameDecimalSeparator => "name the separator with --decimal comma or --decimal point",
        _ => remedy.ToString(),
    };
}
