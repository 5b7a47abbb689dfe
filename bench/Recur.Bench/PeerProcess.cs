using System.Diagnostics;
using System.Text.Json;

namespace Recur.Bench;

/// <summary>Starts a peer benchmark's process and reads the JSON objects it prints, one a line.</summary>
internal static class PeerProcess
{
    /// <summary>
    /// Environment variables removed for a peer process: this machine's environment pins OpenBLAS to its Haswell (AVX2)
    /// kernels and an L2 size, which would hold PyTorch below what its OpenBLAS picks for the CPU by itself (AVX-512).
    /// </summary>
    public static readonly string[] UnsetVariables = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"];

    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/>; returns its exit code, and its standard
    /// output (followed by its standard error when it failed) in <paramref name="output"/>.</summary>
    public static int Run(string file, string[] arguments, out string output)
    {
        using var process = Process.Start(StartInfo(file, arguments, redirectInput: false))!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            output += errors.Result;
        return process.ExitCode;
    }

    /// <summary>How a peer's process starts: its output and errors read by the bench, without <see cref="UnsetVariables"/>.</summary>
    public static ProcessStartInfo StartInfo(string file, string[] arguments, bool redirectInput)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = redirectInput, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (string variable in UnsetVariables)
            start.Environment.Remove(variable);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        return start;
    }

    /// <summary>The lines of <paramref name="output"/> that are JSON objects, parsed.</summary>
    public static List<JsonElement> JsonLines(string output)
    {
        var lines = new List<JsonElement>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (line.StartsWith('{'))
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
        return lines;
    }
}
