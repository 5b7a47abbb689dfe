using System.Globalization;

namespace Recur.Tasks.Forecasting;

/// <summary>
/// The network against the best baseline (the one with the lowest RMSE on the same span), judged by the Diebold–Mariano
/// test on their squared errors rather than by a margin: "better", "no detectable difference" or "worse".
/// </summary>
/// <param name="Baseline">The best baseline's name.</param>
/// <param name="BaselineKey">Its JSON key.</param>
/// <param name="Test">The test of the network (A) against that baseline (B).</param>
public sealed record ForecastVerdict(string Baseline, string BaselineKey, DieboldMarianoResult Test)
{
    /// <summary>"better", "no detectable difference" or "worse".</summary>
    public string Result => Test.Verdict;

    /// <summary>Tests <paramref name="subject"/> against the baseline of <paramref name="forecasters"/> with the lowest RMSE on <paramref name="points"/>.</summary>
    public static ForecastVerdict Of(IReadOnlyList<ForecastPoint> points, NamedForecaster subject, IReadOnlyList<NamedForecaster> forecasters, int horizon)
    {
        var best = forecasters.Where(f => f.IsBaseline).MinBy(f => ForecastScores.Of(points, f).Rmse)!;
        return new ForecastVerdict(best.Name, best.Key,
            DieboldMariano.Test(subject.Flatten(points), best.Flatten(points), ForecastPoints.Flatten(points, ForecastValues.Actual), horizon));
    }

    /// <summary>One sentence: "Against AR(7), the best baseline, the network is no detectably different (DM −0.41, p = 0.68)."</summary>
    public string Sentence(string subject)
    {
        string stats = string.Create(CultureInfo.InvariantCulture,
            $"Diebold–Mariano statistic {Test.Statistic:0.###}, {PValueText(Test.PValue)}, on {Test.Count} squared-error differences with HAC lag {Test.Lag}");
        return Result switch
        {
            "better" => $"{subject} is more accurate than {Baseline}, the best baseline ({stats}).",
            "worse" => $"{subject} is less accurate than {Baseline}, the best baseline ({stats}).",
            _ => $"{subject} shows no detectable difference from {Baseline}, the best baseline ({stats}).",
        };
    }

    /// <summary>"p = 0.0123", or "p = 1.5e-16" below 1e-4, where four decimals would print a p of 0.</summary>
    private static string PValueText(double p) =>
        "p = " + (p < 1e-4 ? p.ToString("0.0e+0", CultureInfo.InvariantCulture) : p.ToString("0.####", CultureInfo.InvariantCulture));
}
