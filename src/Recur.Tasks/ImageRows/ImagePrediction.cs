namespace Recur.Tasks.ImageRows;

/// <summary>What an image classifier says about one image: every class's probability, most probable first.</summary>
/// <param name="Ranked">All classes, most probable first (ties by label).</param>
public sealed record ImagePrediction(IReadOnlyList<ClassProbability> Ranked)
{
    /// <summary>The most probable class.</summary>
    public ClassProbability Best => Ranked[0];

    /// <summary>The <paramref name="count"/> most probable classes.</summary>
    public IReadOnlyList<ClassProbability> Top(int count) => Ranked.Take(count).ToArray();
}
