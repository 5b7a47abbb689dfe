using System.Diagnostics;
using System.Text.Json;

namespace Recur.Bench;

/// <summary>Runs a peer script under Debian's /usr/bin/python3 and reads the JSON objects it prints, one a line.</summary>
internal static class PythonPeer
{
    public const string Python = "/usr/bin/python3";

    /// <summary>
    /// Runs <paramref name="relativeScript"/> (found by walking up from the working directory) with <paramref name="arguments"/>
    /// when python3 can import <paramref name="modules"/>; returns the parsed lines, or null after saying on stderr why not.
    /// </summary>
    public static List<JsonElement>? Run(string relativeScript, string[] arguments, string modules, bool required)
    {
        string? script = FindUpwards(relativeScript);
        if (script is null || !File.Exists(Python) || RunProcess(Python, ["-c", $"import {modules}"], out _) != 0)
        {
            Console.Error.WriteLine(required
                ? $"--peer: needs {Python} with {modules}, and {relativeScript} (found: {script ?? "no script"})."
                : $"(No peer: {Python} with {modules} not found; pass --peer to insist.)");
            return null;
        }

        Console.Error.WriteLine($"Running {Python} {script} {string.Join(' ', arguments)} …");
        if (RunProcess(Python, [script, .. arguments], out string output) != 0)
        {
            Console.Error.WriteLine("The peer script failed:");
            Console.Error.WriteLine(output);
            return null;
        }
        var lines = new List<JsonElement>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (line.StartsWith('{'))
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
        return lines;
    }

    /// <summary>
    /// Environment variables removed for the peer process: this machine's environment pins OpenBLAS to its Haswell (AVX2)
    /// kernels and an L2 size, which would hold PyTorch below what its OpenBLAS picks for the CPU by itself (AVX-512).
    /// </summary>
    public static readonly string[] UnsetVariables = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"];

    private static int RunProcess(string file, string[] arguments, out string output)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string variable in UnsetVariables)
            start.Environment.Remove(variable);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            output += errors.Result;
        return process.ExitCode;
    }

    /// <summary>The file at <paramref name="relativePath"/> below the working directory or one of its parents (or the app's), or null.</summary>
    internal static string? FindUpwards(string relativePath)
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, relativePath);
                if (File.Exists(candidate))
                    return candidate;
            }
        return null;
    }
}
