namespace Recur.Bench;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/Recur.Bench -- &lt;benchmark&gt; [options]</c>.
/// Each benchmark lives in its own file and is registered below by name.
/// </summary>
public static class Program
{
    private static readonly Dictionary<string, (string Summary, Func<string[], int> Run)> s_benchmarks =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["gemm"] = ("single-precision matrix multiply, 1 and 2 threads, beside PyTorch/numpy [--peer | --no-peer] [--runs N]", GemmBenchmark.Run),
            ["gemm-shapes"] = ("GFLOP/s of the GEMM on the recurrent training steps' products (IMDB LSTM, MNIST GRU) at 1 thread, beside the FMA peak [--only imdb,mnist] [--samples N]", GemmShapesBenchmark.Run),
            ["classify-baselines"] = ("majority, naive Bayes and logistic regression on the bundled spam / sentiment corpora [--only sms,rt,nsmc] [--min-df N] [--tfidf] [--binary]", ClassifyBaselinesBenchmark.Run),
            ["images"] = ("the slides' MNIST-by-rows recipe on Fashion-MNIST, 2 epochs, Recur with 1 and 2 threads, then PyTorch [--epochs N] [--threads N,…] [--peer-threads N] [--no-peer]", ImagesBenchmark.Run),
            ["text-epochs"] = ("whole epochs of the slides' spam recipe and the rt-polarity LSTM(128) recipe, 1 and 2 threads, then PyTorch on the same padded data [--epochs N] [--only k,…] [--threads N,…] [--peer-threads N,…] [--no-peer]", TextEpochBenchmark.Run),
            ["lm-epochs"] = ("whole epochs of lm's char-small recipe on tiny-shakespeare, Recur 1 and 2 threads, then PyTorch on the same ids [--epochs N] [--threads N,…] [--peer-threads N,…] [--no-peer]", LmEpochBenchmark.Run),
            ["big-input"] = ("peak memory of reading a long price file and of a forecast epoch on it, and header reads of 9,999 / 1 M columns [--rows N] [--read-only] [--columns a,b|none]", BigInputBenchmark.Run),
            ["paired"] = ("Recur's and LibTorch 2.10's training steps timed in turn, sample for sample (the IMDB steps; needs bench/peers/libtorch/setup.sh) [--only k,…] [--threads n] [--pairs n] [--processes n]", PairedBenchmark.Run),
            ["train"] = ("training steps of the course workloads, 1 and 2 threads, beside PyTorch [--peer | --no-peer] [--only k,…] [--threads n]", TrainBenchmark.Run),
        };

    public static int Main(string[] args)
    {
        if (args.Length == 0 || !s_benchmarks.TryGetValue(args[0], out var benchmark))
        {
            if (args.Length > 0)
                Console.Error.WriteLine($"Unknown benchmark '{args[0]}'.");
            Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Recur.Bench -- <benchmark> [options]");
            Console.Error.WriteLine();
            Console.Error.WriteLine("Benchmarks:");
            foreach ((string name, (string summary, _)) in s_benchmarks)
                Console.Error.WriteLine($"  {name,-10} {summary}");
            return 2;
        }
        return benchmark.Run(args[1..]);
    }
}
