using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Recur.Cli;
using Recur.Tests.Forecasting;
using Recur.Tests.Packaging;
using Spectre.Console;

namespace Recur.Tests.Cli;

/// <summary>
/// The conventions every command keeps: data to stdout, errors and notes to stderr; one JSON layout with a schema
/// version; help and exit 2 for no command or an unknown one; bad values named by option and form, never by .NET type;
/// --resume on a missing directory creating nothing; Ctrl+C exiting 130.
/// </summary>
public sealed partial class CliConventionsTests : IDisposable
{
    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void No_arguments_print_the_help_to_stderr_and_exit_2()
    {
        var (exit, output, errors) = CliRunner.RunSplit();

        Assert.Equal(RecurApp.UsageExitCode, exit);
        Assert.Equal("", output);
        Assert.Contains("Usage:", errors);
        Assert.Contains("forecast", errors);
        Assert.DoesNotContain("Required command", errors);
    }

    [Fact]
    public void An_unknown_command_is_named_and_followed_by_the_help()
    {
        var (exit, output, errors) = CliRunner.RunSplit("forcast");

        Assert.Equal(RecurApp.UsageExitCode, exit);
        Assert.Equal("", output);
        Assert.StartsWith("error:", errors);
        Assert.Contains("'forcast'", errors);
        Assert.Contains("Usage:", errors);
    }

    [Fact]
    public void Every_typed_option_names_itself_and_its_form_for_a_bad_value_never_a_dotnet_type()
    {
        var silent = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        var typed = new[] { typeof(int), typeof(int?), typeof(long), typeof(long?), typeof(ulong), typeof(ulong?), typeof(float), typeof(float?), typeof(double), typeof(double?) };
        int checkedOptions = 0;
        foreach (var command in RecurApp.CreateRoot(silent, silent).Subcommands)
        {
            // Required options get a value, so that the bad one is the only error.
            string[] required = [.. command.Options.Where(o => o.Required).SelectMany(o => new[] { o.Name, "x" })];
            foreach (var option in command.Options.Where(o => typed.Contains(o.ValueType)))
            {
                var (exit, output, errors) = CliRunner.RunSplit([command.Name, .. required, option.Name, "ten"]);
                Assert.True(exit == RecurApp.UsageExitCode, $"{command.Name} {option.Name}: {errors}");
                Assert.Equal("", output);
                Assert.Contains($"{option.Name} takes a ", errors);
                Assert.Contains("not 'ten'. (see", errors);
                Assert.DoesNotContain("System.", errors);
                checkedOptions++;
            }
        }
        Assert.True(checkedOptions > 40, $"only {checkedOptions} typed options found");
    }

    [Fact]
    public void A_failing_command_writes_its_error_to_stderr_and_nothing_to_stdout()
    {
        var (exit, output, errors) = CliRunner.RunSplit("forecast", "--csv", _files.PathOf("missing.csv"), "--out", _files.PathOf("out"));

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith("error:", errors);
        Assert.Contains("missing.csv", errors);
    }

    [Fact]
    public void Json_of_training_and_of_predict_opens_with_schema_command_and_warnings_and_stdout_holds_only_it()
    {
        string model = _files.PathOf("model");
        var (exit, output, errors) = CliRunner.RunSplit("forecast", "--csv", _files.Wave("wave.csv", 120), "--epochs", "1", "--hidden", "4", "--out", model, "--json");
        Assert.True(exit == 0, errors);
        var trained = AssertHeader(output, "forecast");
        Assert.Equal(trained.ToJsonString(), JsonNode.Parse(File.ReadAllText(Path.Combine(model, "forecast.json")))!.ToJsonString());

        // A file of another scale than training's: predict's range warnings are in the JSON, not on stderr.
        string shifted = _files.PathOf("shifted.csv");
        File.WriteAllLines(shifted, File.ReadAllLines(_files.PathOf("wave.csv")).Select((line, row) => row == 0 ? line : string.Join(',', line.Split(',').Select((cell, column) => column == 0 ? cell : Hundredfold(cell)))));
        var (predictExit, predictOutput, predictErrors) = CliRunner.RunSplit("predict", "--model", model, "--csv", shifted, "--json");
        Assert.True(predictExit == 0, predictErrors);
        var predicted = AssertHeader(predictOutput, "predict");
        Assert.NotEmpty(predicted["warnings"]!.AsArray());
        Assert.DoesNotContain("warning", predictErrors);

        var (tableExit, _, tableErrors) = CliRunner.RunSplit("predict", "--model", model, "--csv", shifted);
        Assert.Equal(0, tableExit);
        Assert.Contains("warning:", tableErrors);
    }

    private static string Hundredfold(string cell) =>
        (100 * double.Parse(cell, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);

    private static JsonObject AssertHeader(string output, string command)
    {
        var document = JsonNode.Parse(output)!.AsObject();
        var names = document.Select(p => p.Key).Take(3).ToArray();
        Assert.Equal(["schema", "command", "warnings"], names);
        Assert.Equal(CommandJson.Schema, document["schema"]!.GetValue<int>());
        Assert.Equal(command, document["command"]!.GetValue<string>());
        return document;
    }

    [Fact]
    public async Task Redirected_output_is_not_wrapped()
    {
        // The last line names the output directory: with a long path it is far wider than the 80 columns a console
        // without a terminal is given by default.
        string model = _files.PathOf(new string('d', 120));
        var run = await DotnetProcess.Run("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Recur.Cli.dll"), "forecast", "--csv", _files.Wave("wave.csv", 120), "--epochs", "1", "--hidden", "4", "--out", model],
            _files.Root, TimeSpan.FromMinutes(3));

        Assert.True(run.Exit == 0, run.Errors);
        Assert.Contains(run.Output.Split('\n'), line => line.StartsWith("wrote ", StringComparison.Ordinal) && line.TrimEnd().EndsWith(model, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("forecast")]
    [InlineData("classify")]
    [InlineData("images")]
    public void Resume_on_a_missing_directory_fails_before_creating_anything(string command)
    {
        string missing = _files.PathOf("never");
        string[] args = command switch
        {
            "forecast" => ["forecast", "--csv", _files.Wave("wave.csv", 120)],
            "classify" => ["classify", "--data", "sms-spam"],
            _ => ["images", "--data", "mnist"],
        };

        var (exit, output, errors) = CliRunner.RunSplit([.. args, "--out", missing, "--resume"]);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("--resume", errors);
        Assert.False(Directory.Exists(missing), $"{command} created {missing}");
    }

    [Fact]
    public async Task Ctrl_C_exits_130_and_keeps_the_last_checkpoint()
    {
        if (OperatingSystem.IsWindows()) return; // SIGINT is a POSIX signal; Windows delivers Ctrl+C to consoles only.
        // A process started in the background of a shell without job control inherits SIGINT ignored, and .NET keeps
        // an inherited "ignore" (as nohup wants): there, no Ctrl+C can reach recur, and this test has nothing to check.
        if (SigIntIgnored()) return;
        string model = _files.PathOf("interrupted");
        string cli = Path.Combine(AppContext.BaseDirectory, "Recur.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { cli, "forecast", "--csv", _files.Wave("wave.csv", 120), "--epochs", "100000", "--hidden", "4", "--out", model, "--json" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        try
        {
            await InterruptAfterFirstCheckpoint(process, model);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    private static async Task InterruptAfterFirstCheckpoint(Process process, string model)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        // Interrupt once an epoch has been checkpointed (the run would take hours otherwise).
        string manifest = Path.Combine(model, "checkpoint", "checkpoint.json");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!File.Exists(manifest) && !process.HasExited && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(File.Exists(manifest), "no checkpoint appeared: " + (process.HasExited ? await errors : "still running"));
        Assert.Equal(0, Kill(process.Id, SigInt));
        using (var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
            await process.WaitForExitAsync(patience.Token);

        Assert.Equal(RecurApp.InterruptedExitCode, process.ExitCode);
        Assert.Equal("", await output);
        Assert.Contains("interrupted", await errors);
        Assert.True(File.Exists(manifest));
    }

    private const int SigInt = 2;

    // Linux lists the ignored signals as a hexadecimal mask (bit n - 1 for signal n) in /proc/self/status.
    private static bool SigIntIgnored()
    {
        if (!File.Exists("/proc/self/status")) return false;
        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << (SigInt - 1))) != 0;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
