using System.Globalization;
using System.Text.Json.Nodes;

namespace Recur.Tasks.Forecasting;

/// <summary>
/// The default forecaster of a run, chosen on the validation span carved from the training windows (which the network
/// did not train on): persistence plus <see cref="Weight"/> × the network's correction, <c>ŷ = naive + λ·(network −
/// naive)</c>. λ is the least-squares weight on the validation span, clipped to [0, 1], so the combination's validation
/// error is never above persistence's (λ = 0) nor the network's (λ = 1). The network's correction is kept only when the
/// Diebold–Mariano test finds the combination better than persistence on the validation span at the 5 % level;
/// otherwise the default is persistence — the forecaster a daily price is hard to beat with. So by construction the
/// default never does worse than persistence on the validation span, and it keeps the network only on evidence.
/// </summary>
/// <param name="Kind">Persistence, the network (λ = 1) or the combination (0 &lt; λ &lt; 1).</param>
/// <param name="Weight">λ, the weight of the network's correction (0 for persistence).</param>
/// <param name="Reason">Why, in a sentence for the report.</param>
public sealed record ForecastChoice(ForecasterKind Kind, double Weight, string Reason)
{
    /// <summary>Validation windows the choice was made on (0 without a validation span).</summary>
    public int ValidationWindows { get; init; }

    /// <summary>Validation RMSE of persistence, or null without a validation span.</summary>
    public double? PersistenceRmse { get; init; }

    /// <summary>Validation RMSE of the network, or null.</summary>
    public double? NetworkRmse { get; init; }

    /// <summary>Validation RMSE of the combination with the least-squares λ, or null.</summary>
    public double? CombinationRmse { get; init; }

    /// <summary>The least-squares λ on the validation span (before the test), or null.</summary>
    public double? FittedWeight { get; init; }

    /// <summary>The Diebold–Mariano test of the combination against persistence on the validation span, or null.</summary>
    public DieboldMarianoResult? Test { get; init; }

    /// <summary>"persistence", "network" or "combination".</summary>
    public string Name => Kind.ToString().ToLowerInvariant();

    /// <summary>A short description: "persistence", "the network", "persistence + 0.43 × the network's correction".</summary>
    public string Description => Kind switch
    {
        ForecasterKind.Persistence => "persistence",
        ForecasterKind.Network => "the network",
        _ => string.Create(CultureInfo.InvariantCulture, $"persistence + {Weight:0.##} × the network's correction"),
    };

    /// <summary>The default's forecast from the network's and persistence's.</summary>
    public double Combine(double network, double naive) => naive + Weight * (network - naive);

    /// <summary>
    /// Chooses from the validation span's values (flattened over the horizon): actual values, the network's forecasts
    /// and persistence's. With no values the network is the default, unchecked.
    /// </summary>
    public static ForecastChoice Choose(IReadOnlyList<double> actual, IReadOnlyList<double> network, IReadOnlyList<double> naive, int windows)
    {
        if (actual.Count != network.Count || actual.Count != naive.Count)
            throw new ArgumentException("ForecastChoice: the actual values and both forecasts must be paired.");
        if (actual.Count == 0)
            return new ForecastChoice(ForecasterKind.Network, 1,
                "There is no validation span, so nothing checked the network against persistence: the network is the default, unchosen.");
        int n = actual.Count;
        // λ* = Σ c (y − naive) / Σ c², c = network − naive: the least-squares weight of the correction, clipped to [0, 1].
        double cross = 0, squares = 0;
        for (int i = 0; i < n; i++)
        {
            double correction = network[i] - naive[i];
            cross += correction * (actual[i] - naive[i]);
            squares += correction * correction;
        }
        double fitted = squares > 0 ? Math.Clamp(cross / squares, 0, 1) : 0;
        var naiveErrors = new double[n];
        var networkErrors = new double[n];
        var combinedErrors = new double[n];
        for (int i = 0; i < n; i++)
        {
            naiveErrors[i] = naive[i] - actual[i];
            networkErrors[i] = network[i] - actual[i];
            combinedErrors[i] = naive[i] + fitted * (network[i] - naive[i]) - actual[i];
        }
        double naiveRmse = Rmse(naiveErrors), networkRmse = Rmse(networkErrors), combinedRmse = Rmse(combinedErrors);
        var test = n >= 3 ? DieboldMariano.Test(combinedErrors, naiveErrors) : null;
        var (kind, weight, reason) = Decide(fitted, test, n, windows, naiveRmse, combinedRmse);
        return new ForecastChoice(kind, weight, reason)
        {
            ValidationWindows = windows, PersistenceRmse = naiveRmse, NetworkRmse = networkRmse, CombinationRmse = combinedRmse,
            FittedWeight = fitted, Test = test,
        };
    }

    private static (ForecasterKind, double, string) Decide(double fitted, DieboldMarianoResult? test, int values, int windows, double naiveRmse, double combinedRmse)
    {
        string span = I($"On the {windows} validation windows");
        if (fitted == 0)
            return (ForecasterKind.Persistence, 0, $"{span} the network's correction did not lower the error at any weight (the least-squares weight is 0): the default is persistence.");
        string shrunk = fitted >= 1 ? "the network" : I($"persistence plus {fitted:0.##} × the network's correction");
        string change = I($"{shrunk} had an RMSE of {combinedRmse:0.####} against persistence's {naiveRmse:0.####}");
        if (test is null || test.Verdict != "better")
            return (ForecasterKind.Persistence, 0,
                $"{span} {change}, a difference the Diebold–Mariano test cannot tell from noise ({P(test, values)}): the default is persistence.");
        return fitted >= 1
            ? (ForecasterKind.Network, 1, $"{span} {change}, better by the Diebold–Mariano test ({P(test, values)}): the default is the network.")
            : (ForecasterKind.Combination, fitted, $"{span} {change}, better by the Diebold–Mariano test ({P(test, values)}): the default is that combination.");
    }

    /// <summary>The JSON a checkpoint stores: kind, weight and reason.</summary>
    public JsonObject ToJson() => new() { ["kind"] = Name, ["weight"] = Weight, ["reason"] = Reason };

    /// <summary>Reads <see cref="ToJson"/>'s object; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">An unknown kind or a weight outside [0, 1].</exception>
    public static ForecastChoice FromJson(JsonObject json, string source)
    {
        string kind = json["kind"] is JsonValue k0 && k0.TryGetValue<string>(out var name) ? name : "";
        double weight = json["weight"] is JsonValue w0 && (w0.TryGetValue<double>(out var w) || (w0.TryGetValue<int>(out var i) && (w = i) == i)) ? w : double.NaN;
        if (!Enum.TryParse<ForecasterKind>(kind, ignoreCase: true, out var k) || !Enum.IsDefined(k) || !(weight is >= 0 and <= 1))
            throw new InvalidDataException($"{source}: the default forecaster '{kind}' with weight {weight} is not one this version knows.");
        return new ForecastChoice(k, weight, json["reason"] is JsonValue r && r.TryGetValue<string>(out var reason) ? reason : "");
    }

    private static string P(DieboldMarianoResult? test, int values) =>
        test is null ? I($"only {values} values") : I($"p = {test.PValue:0.###}");

    private static double Rmse(double[] errors) => Math.Sqrt(errors.Sum(e => e * e) / errors.Length);

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
