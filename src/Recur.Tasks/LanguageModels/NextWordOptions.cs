namespace Recur.Tasks.LanguageModels;

/// <summary>The settings of <see cref="NextWordExercise"/>: the slides' TextRNN unless changed.</summary>
public sealed record NextWordOptions
{
    /// <summary>The sentences: every word but the last is the context, the last the word to predict.</summary>
    public IReadOnlyList<string> Sentences { get; init; } = NextWordExercise.SlideSentences;

    /// <summary>Hidden units of the RNN (the slides: 5).</summary>
    public int Hidden { get; init; } = 5;

    /// <summary>Adam's learning rate (the slides: 0.001).</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Full-batch training steps (the slides: 5,000).</summary>
    public int Epochs { get; init; } = 5000;

    /// <summary>Seed of the initial weights.</summary>
    public ulong Seed { get; init; }
}
