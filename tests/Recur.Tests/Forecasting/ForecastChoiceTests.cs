using System.Text.Json.Nodes;
using Recur.Tasks.Forecasting;

namespace Recur.Tests.Forecasting;

/// <summary>
/// The default forecaster is chosen on the validation span between persistence, the network and their combination, and is
/// never worse than persistence there.
/// </summary>
public class ForecastChoiceTests
{
    // A random walk's validation span: actual values, and persistence (the previous actual value).
    private static (double[] Actual, double[] Naive) Walk(int n, int seed)
    {
        var random = new Random(seed);
        var actual = new double[n + 1];
        actual[0] = 100;
        for (int t = 1; t <= n; t++) actual[t] = actual[t - 1] + (random.NextDouble() - 0.5) * 2;
        return (actual[1..], actual[..^1]);
    }

    [Fact]
    public void A_correction_that_only_adds_noise_leaves_persistence_as_the_default()
    {
        var (actual, naive) = Walk(200, 1);
        var random = new Random(2);
        var network = naive.Select(v => v + (random.NextDouble() - 0.5)).ToArray();

        var choice = ForecastChoice.Choose(actual, network, naive, 200);

        Assert.Equal(ForecasterKind.Persistence, choice.Kind);
        Assert.Equal(0, choice.Weight);
        Assert.True(choice.CombinationRmse <= choice.PersistenceRmse);
        Assert.Equal(100, choice.Combine(123, 100));
        Assert.Contains("persistence", choice.Reason);
    }

    [Fact]
    public void A_network_that_knows_the_next_value_is_the_default_and_its_weight_is_clipped_to_one()
    {
        var (actual, naive) = Walk(150, 3);
        // Twice the true change: the least-squares weight is ½, but a correction of exactly the change would be 1; here
        // the network overshoots, so the combination with λ = ½ is perfect.
        var overshooting = actual.Zip(naive, (a, n) => n + 2 * (a - n)).ToArray();
        var exact = actual.ToArray();

        var combination = ForecastChoice.Choose(actual, overshooting, naive, 150);
        var network = ForecastChoice.Choose(actual, exact.Zip(naive, (a, n) => n + 1.0 * (a - n)).ToArray(), naive, 150);

        Assert.Equal(ForecasterKind.Combination, combination.Kind);
        Assert.Equal(0.5, combination.Weight, 12);
        Assert.Equal(ForecasterKind.Network, network.Kind);
        Assert.Equal(1, network.Weight);
        Assert.True(network.Test!.PValue < 0.05);
    }

    [Fact]
    public void A_gain_on_a_single_day_that_the_test_cannot_tell_from_noise_keeps_persistence()
    {
        var (actual, naive) = Walk(60, 4);
        // The network corrects one day of sixty, by half its change: a positive weight, and a gain that one day makes.
        var network = naive.ToArray();
        network[30] += 0.5 * (actual[30] - naive[30]);

        var choice = ForecastChoice.Choose(actual, network, naive, 60);

        Assert.True(choice.FittedWeight > 0);
        Assert.True(choice.CombinationRmse < choice.PersistenceRmse);
        Assert.Equal(ForecasterKind.Persistence, choice.Kind);
        Assert.Contains("cannot tell from noise", choice.Reason);
    }

    [Fact]
    public void Without_a_validation_span_the_network_is_the_default_and_the_reason_says_it_was_unchecked()
    {
        var choice = ForecastChoice.Choose([], [], [], 0);

        Assert.Equal(ForecasterKind.Network, choice.Kind);
        Assert.Null(choice.PersistenceRmse);
        Assert.Contains("no validation span", choice.Reason);
    }

    [Fact]
    public void The_choice_reads_back_from_its_json_and_refuses_an_unknown_kind()
    {
        var choice = new ForecastChoice(ForecasterKind.Combination, 0.25, "because");

        var back = ForecastChoice.FromJson(choice.ToJson(), "x");
        Assert.Equal((choice.Kind, choice.Weight, choice.Reason), (back.Kind, back.Weight, back.Reason));
        Assert.Throws<InvalidDataException>(() => ForecastChoice.FromJson(new JsonObject { ["kind"] = "oracle", ["weight"] = 1 }, "x"));
        Assert.Throws<InvalidDataException>(() => ForecastChoice.FromJson(new JsonObject { ["kind"] = "network", ["weight"] = 2 }, "x"));
    }
}
