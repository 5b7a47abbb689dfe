using Recur.Data.Text;

namespace Recur.Tasks.TextClassification;

/// <summary>
/// A linear baseline on bag-of-n-grams features: <see cref="BagOfNGrams"/> fitted on the training texts, then
/// <see cref="LogisticRegression"/> or <see cref="MultinomialNaiveBayes"/> fitted on their rows. Texts to classify go
/// through the same feature table (n-grams unseen in training are ignored).
/// </summary>
public sealed class BagOfWordsClassifier : ITextClassifier
{
    private readonly Func<SparseMatrix, ClassPredictions> _predict;

    private BagOfWordsClassifier(string name, BagOfNGrams features, int classes, Func<SparseMatrix, ClassPredictions> predict,
        LogisticRegression? logisticRegression, MultinomialNaiveBayes? naiveBayes)
    {
        Name = name;
        Features = features;
        Classes = classes;
        _predict = predict;
        LogisticRegression = logisticRegression;
        NaiveBayes = naiveBayes;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Classes { get; }

    /// <summary>The fitted feature table.</summary>
    public BagOfNGrams Features { get; }

    /// <summary>The logistic regression, when this is one (its convergence, weights); otherwise null.</summary>
    public LogisticRegression? LogisticRegression { get; }

    /// <summary>The naive Bayes model, when this is one; otherwise null.</summary>
    public MultinomialNaiveBayes? NaiveBayes { get; }

    /// <summary>
    /// Fits n-gram features and an L2 logistic regression on the training <paramref name="texts"/> and their class ids
    /// <paramref name="labels"/> in [0, <paramref name="classes"/>).
    /// </summary>
    public static BagOfWordsClassifier FitLogisticRegression(IReadOnlyList<string> texts, IReadOnlyList<int> labels, int classes,
        BagOfNGramsOptions? features = null, LogisticRegressionOptions? options = null)
    {
        var (table, rows) = BagOfNGrams.FitTransform(texts, features);
        var model = LogisticRegression.Fit(rows, labels, classes, options);
        return new BagOfWordsClassifier($"logistic regression, {Describe(table.Options)}", table, classes, model.Predict, model, null);
    }

    /// <summary>
    /// Fits n-gram features and multinomial naive Bayes (smoothing <paramref name="alpha"/>) on the training
    /// <paramref name="texts"/> and their class ids <paramref name="labels"/> in [0, <paramref name="classes"/>).
    /// </summary>
    public static BagOfWordsClassifier FitNaiveBayes(IReadOnlyList<string> texts, IReadOnlyList<int> labels, int classes,
        BagOfNGramsOptions? features = null, double alpha = 1.0)
    {
        var (table, rows) = BagOfNGrams.FitTransform(texts, features);
        var model = MultinomialNaiveBayes.Fit(rows, labels, classes, alpha);
        return new BagOfWordsClassifier($"naive Bayes, {Describe(table.Options)}", table, classes, model.Predict, null, model);
    }

    /// <inheritdoc />
    public ClassPredictions Predict(IReadOnlyList<string> texts) => _predict(Features.Transform(texts));

    private static string Describe(BagOfNGramsOptions options)
    {
        string unit = options.Tokenizer switch
        {
            WordTokenizer => "word",
            CharacterTokenizer => "character",
            var other => other.GetType().Name,
        };
        string n = options.MinN == options.MaxN ? $"{options.MinN}" : $"{options.MinN}-{options.MaxN}";
        string weighting = options.TfIdf ? (options.Binary ? ", binary tf-idf" : ", tf-idf") : options.Binary ? ", binary" : "";
        return $"{unit} {n}-grams{weighting}";
    }
}
