using System.Globalization;

namespace Recur.Bench;

/// <summary>
/// Runs the bench's libtorch peer (<c>bench/peers/libtorch</c>: TorchSharp 0.107, LibTorch 2.10, the C++ core of current
/// PyTorch), built by its <c>setup.sh</c>, and reads its milliseconds per training step.
/// </summary>
/// <remarks>
/// Each workload and thread count runs in <see cref="Processes"/> fresh processes, and the fastest one counts. On these VMs a
/// LibTorch process now and then runs every step 3–4× slower than the next one does (imdb-classifier, one thread: 65–69 ms in
/// about one process of three, 18–19 ms in the others; the profile's shares are the same, only all slower), and more often
/// after another workload in the same process; taking its worst would flatter Recur.
/// </remarks>
internal static class LibtorchPeer
{
    /// <summary>The script that starts the peer (a repository path).</summary>
    public const string RunScript = "bench/peers/libtorch/run";

    /// <summary>The exit code of <c>run</c> when setup.sh has not built the peer.</summary>
    public const int NotBuilt = 3;

    /// <summary>Processes run per workload and thread count; the fastest counts.</summary>
    public const int Processes = 3;

    /// <summary>The workloads the peer has (keys of <see cref="TrainWorkloads"/>).</summary>
    public static readonly string[] Workloads = ["mnist-gru", "imdb-lstm", "imdb-classifier", "spam-rnn"];

    /// <summary>
    /// Milliseconds per step of each of <paramref name="keys"/> that the peer has, with 1 and 2 threads (+∞ where a count
    /// was not asked for), and the peer's description; or null after saying on stderr why not (not built).
    /// </summary>
    public static (string Description, Dictionary<string, (double One, double Two)> Steps)? Run(
        IEnumerable<string> keys, int[] threadCounts, bool fastest, bool required)
    {
        string? script = RepositoryFile.Find(RunScript);
        string[] wanted = keys.Where(Workloads.Contains).ToArray();
        if (wanted.Length == 0)
        {
            if (required)
                Console.Error.WriteLine($"--libtorch: the peer has none of these workloads; it has {string.Join(", ", Workloads)}.");
            return null;
        }
        string description = "";
        var steps = new Dictionary<string, (double One, double Two)>();
        foreach (string key in wanted)
        {
            double[] best = [double.PositiveInfinity, double.PositiveInfinity];   // by thread count
            foreach (int threads in threadCounts)
                for (int run = 0; run < Processes; run++)
                {
                    string[] arguments = ["--json", "--only", key, "--threads", threads.ToString(CultureInfo.InvariantCulture), .. fastest ? new[] { "--min" } : []];
                    string output = "";
                    int exit = script is null ? NotBuilt : PeerProcess.Run(script, arguments, out output);
                    if (exit != 0)
                    {
                        Console.Error.WriteLine(exit != NotBuilt ? $"The libtorch peer failed: {output}"
                            : required ? $"--libtorch: {RunScript} needs building first: bench/peers/libtorch/setup.sh."
                            : "(No libtorch peer: bench/peers/libtorch/setup.sh builds it.)");
                        return null;
                    }
                    foreach (var line in PeerProcess.JsonLines(output))
                    {
                        if (line.TryGetProperty("description", out var text))
                            description = text.GetString()!;
                        else
                            best[threads - 1] = Math.Min(best[threads - 1], line.GetProperty($"ms_{threads}t").GetDouble());
                    }
                    Console.Error.WriteLine($"  libtorch {key} {threads}T, process {run + 1} of {Processes}: {best[threads - 1]:F3} ms so far");
                }
            steps[key] = (best[0], best[1]);
        }
        return (description, steps);
    }
}
