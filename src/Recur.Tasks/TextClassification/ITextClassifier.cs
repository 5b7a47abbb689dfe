namespace Recur.Tasks.TextClassification;

/// <summary>A fitted classifier of texts: the baselines a text-classification report sets a network beside.</summary>
public interface ITextClassifier
{
    /// <summary>A short name for reports ("majority class", "logistic regression, word 1-2-grams").</summary>
    string Name { get; }

    /// <summary>Number of classes.</summary>
    int Classes { get; }

    /// <summary>Class probabilities and the predicted class of each text.</summary>
    ClassPredictions Predict(IReadOnlyList<string> texts);
}
