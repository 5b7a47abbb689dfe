using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Recur.Data.Text;
using Recur.Tasks.TextClassification;
using Recur.Training;

namespace Recur.Bench;

/// <summary>
/// The text-classification baselines on the bundled corpora, the figures of docs/classify-baselines.md: majority
/// class, multinomial naive Bayes and L2 logistic regression on word uni+bigram counts, fitted on the training part and
/// scored on the test part. SMS spam is split 80/10/10 (test 10 %, then validation 1/9 of the rest, as the spam recipe
/// splits it), rt-polarity 90/10 and NSMC's 50,000 reviews 80/20, each by <see cref="StratifiedSplit"/> with seed 42.
/// Options: <c>--only sms,rt,nsmc</c>, <c>--min-df N</c>, <c>--binary</c>, <c>--tfidf</c>, <c>--unigrams</c>,
/// <c>--c C</c>, <c>--tol T</c>.
/// </summary>
internal static class ClassifyBaselinesBenchmark
{
    private sealed record Corpus(string Key, string Title, Func<string, LabelledTexts> Read, string RelativePath, double TestFraction, bool Validation);

    private static readonly Corpus[] s_corpora =
    [
        new("sms", "SMS spam (spam = positive)", p => SmsSpamReader.Read(p), "text/sms-spam/SMSSpamCollection", 0.1, true),
        new("rt", "rt-polarity", p => RtPolarityReader.ReadDirectory(p), "text/rt-polarity", 0.1, false),
        new("nsmc", "NSMC ratings_test.txt", p => NsmcReader.Read(p), "text/nsmc/ratings_test.txt", 0.2, false),
    ];

    public static int Run(string[] args)
    {
        string[] only = CommandLine.Option(args, "--only")?.Split(',') ?? s_corpora.Select(c => c.Key).ToArray();
        var features = new BagOfNGramsOptions
        {
            MinDocumentFrequency = int.Parse(CommandLine.Option(args, "--min-df") ?? "1", CultureInfo.InvariantCulture),
            Binary = args.Contains("--binary"),
            TfIdf = args.Contains("--tfidf"),
            MaxN = args.Contains("--unigrams") ? 1 : 2,
        };
        var logistic = new LogisticRegressionOptions
        {
            C = double.Parse(CommandLine.Option(args, "--c") ?? "1", CultureInfo.InvariantCulture),
            Tolerance = double.Parse(CommandLine.Option(args, "--tol") ?? "1e-4", CultureInfo.InvariantCulture),
        };
        string data = DataDirectory();
        Console.WriteLine($"Recur text baselines — {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, " +
            $"{DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}; features: min df {features.MinDocumentFrequency}, " +
            $"n ≤ {features.MaxN}{(features.Binary ? ", binary" : "")}{(features.TfIdf ? ", tf-idf" : "")}; logistic C {logistic.C}, tol {logistic.Tolerance:g}");
        foreach (var corpus in s_corpora.Where(c => only.Contains(c.Key)))
            Measure(corpus, Path.Combine(data, corpus.RelativePath), features, logistic);
        return 0;
    }

    private static void Measure(Corpus corpus, string path, BagOfNGramsOptions features, LogisticRegressionOptions logistic)
    {
        var all = corpus.Read(path);
        var generator = new Generator(42);
        var (train, test) = all.StratifiedSplit(corpus.TestFraction, generator);
        if (corpus.Validation) (train, _) = train.StratifiedSplit(1.0 / 9, generator);
        Console.WriteLine();
        Console.WriteLine($"{corpus.Title}: {all.Count:N0} texts, train {train.Count:N0}, test {test.Count:N0} " +
            $"(positive share of test {test.CountPerClass()[1] / (double)test.Count:P1})");

        var (majority, majorityTime) = Timed(() => MajorityClassBaseline.Fit(train.Labels, 2));
        var (bayes, bayesTime) = Timed(() => BagOfWordsClassifier.FitNaiveBayes(train.Texts, train.Labels, 2, features));
        var (regression, regressionTime) = Timed(() => BagOfWordsClassifier.FitLogisticRegression(train.Texts, train.Labels, 2, features, logistic));
        var model = regression.LogisticRegression!;
        Console.WriteLine($"  {bayes.Features.FeatureCount:N0} features; logistic regression: {model.Iterations} L-BFGS iterations, " +
            $"converged {model.Converged}, largest gradient {model.GradientMaxNorm:g3}");

        Console.WriteLine($"  {"model",-44} {"accuracy",9} {"F1 pos",7} {"macro F1",9} {"ROC-AUC",8} {"AP",7} {"fit s (wall / CPU)",19}");
        var results = new List<(string Name, ClassPredictions Predictions)>();
        foreach (var (classifier, (wall, cpu)) in new (ITextClassifier, (double, double))[] { (majority, majorityTime), (bayes, bayesTime), (regression, regressionTime) })
        {
            var predictions = classifier.Predict(test.Texts);
            var scores = ClassifierScores.Of(predictions, test.Labels);
            Console.WriteLine($"  {classifier.Name,-44} {scores.Accuracy,9:P2} {scores.PositiveF1,7:F4} {scores.MacroF1,9:F4} " +
                $"{scores.RocAuc,8:F4} {scores.AveragePrecision,7:F4} {wall,10:F2} / {cpu,5:F2}");
            results.Add((classifier.Name, predictions));
        }
        var mcnemar = McNemarTest.Compare(results[1].Predictions.PredictedClasses, results[2].Predictions.PredictedClasses, test.Labels.ToArray());
        Console.WriteLine($"  McNemar, naive Bayes vs logistic regression: only NB right {mcnemar.OnlyFirstCorrect}, only LR right " +
            $"{mcnemar.OnlySecondCorrect}, {mcnemar.Method} p = {mcnemar.PValue:G3}");
    }

    /// <summary>Runs <paramref name="fit"/>, timing it on the wall clock and in this process's CPU time (the fits run on one thread).</summary>
    private static (T Result, (double Wall, double Cpu) Seconds) Timed<T>(Func<T> fit)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = fit();
        double wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (result, (wall, (process.TotalProcessorTime - cpu).TotalSeconds));
    }

    private static string DataDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Recur.sln"))) return Path.Combine(dir.FullName, "data");
        throw new DirectoryNotFoundException($"No directory containing Recur.sln above {AppContext.BaseDirectory}.");
    }
}
