using System.Diagnostics;

namespace Recur.Tests.Packaging;

/// <summary>Runs a program (the dotnet CLI, an installed tool) to completion and returns its exit code and output.</summary>
public static class DotnetProcess
{
    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/> in <paramref name="directory"/>; gives up after
    /// <paramref name="patience"/> (a hung process fails the test rather than CI).
    /// </summary>
    public static async Task<(int Exit, string Output, string Errors)> Run(string program, IEnumerable<string> arguments, string directory, TimeSpan patience)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        // No first-run banner, telemetry or workload checks in the tests' output.
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {patience}.");
        }
        return (process.ExitCode, await output, await errors);
    }
}
