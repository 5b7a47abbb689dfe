using Recur.Data.Images;
using Recur.Data.Prices;
using Recur.Tasks.Forecasting;
using Recur.Tasks.ImageRows;

namespace Recur.Cli;

/// <summary>
/// Phrases the libraries' errors in the command line's words: where a library names a setting (a
/// <see cref="PriceFormatException"/>'s remedies, a <see cref="ForecastSettingException"/>'s or an
/// <see cref="ImageRowsSettingException"/>'s setting, an <see cref="ImageSizeException"/>'s resizing), the user reads the
/// flag that sets it.
/// </summary>
internal static class CommandLineWording
{
    /// <summary>The message of <paramref name="error"/> for the user of the command named <paramref name="command"/>.</summary>
    public static string Message(Exception error, string command) => error switch
    {
        // predict reads a file with the settings its model was trained with; of the reading flags only --order is its own.
        PriceFormatException e when command != "forecast" && e.Remedies.Any(r => r != PriceReadRemedy.StateDatelessOrder) =>
            e.Describe(Remedy) + " Those are flags of recur forecast: a model reads new files with the settings it was trained with.",
        PriceFormatException e => e.Describe(Remedy),
        ForecastSettingException e when Flag(e.Setting) is string flag => $"{flag} {e.Requirement}",
        ImageRowsSettingException e when Flag(e.Setting) is string flag => $"{flag} {e.Requirement}",
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
        ForecastSetting.OutputDirectory => "--out",
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
        _ => remedy.ToString(),
    };
}
