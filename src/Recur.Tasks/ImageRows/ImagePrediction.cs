namespace Recur.Tasks.ImageRows;

/// <summary>One class of a prediction: its label, its name and the probability the network gives it.</summary>
/// <param name="Class">The label.</param>
/// <param name="Name">The class name.</param>
/// <param name="Probability">Softmax probability.</param>
public readonly record struct ClassProbability(int Class, string Name, float Probability);

/// <summary>What an image classifier says about one image: every class's probability, most probable first.</summary>
/// <param name="Ranked">All classes, most probable first (ties by label).</param>
public sealed record ImagePrediction(IReadOnlyList<ClassProbability> Ranked)
{
    /// <summary>The most probable class.</summary>
    public ClassProbability Best => Ranked[0];

    /// <summary>The <paramref name="count"/> most probable classes.</summary>
    public IReadOnlyList<ClassProbability> Top(int count) => Ranked.Take(count).ToArray();
}
