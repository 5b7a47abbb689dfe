using System.Reflection;
using Recur.Tests.Data.Text;

namespace Recur.Tests.Packaging;

/// <summary>
/// The projects in examples/ (built by the solution, and before these tests by the test project's references) run to
/// the end, and, as apps that reference the Recur project, run with Recur's large-object threshold.
/// </summary>
public sealed class ExamplesTests
{
    public static TheoryData<string, string> Examples() => new()
    {
        { "Xor", "1 xor 1 → 0.0" },
        { "Forecast", "test RMSE: LSTM" },
        { "Classifier", "positive: a lovely funny film" },
        { "LanguageModel", "nats per character" },
        { "RowGru", "test accuracy:" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Each_example_runs_to_its_result_with_recurs_runtime_setting(string example, string expected)
    {
        string configuration = typeof(ExamplesTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        string output = Path.Combine(RepositoryFiles.Root, "examples", example, "bin", configuration, "net10.0");

        var run = await DotnetProcess.Run("dotnet", [Path.Combine(output, example + ".dll")], output, TimeSpan.FromMinutes(3));

        Assert.True(run.Exit == 0, run.Output + run.Errors);
        Assert.Contains(expected, run.Output);
        Assert.Contains("\"System.GC.LOHThreshold\": 4000000", File.ReadAllText(Path.Combine(output, example + ".runtimeconfig.json")));
    }
}
