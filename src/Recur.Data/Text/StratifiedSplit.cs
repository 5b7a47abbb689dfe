namespace Recur.Data.Text;

/// <summary>
/// A train/test split that keeps each class's share (scikit-learn's <c>train_test_split(..., stratify=y)</c>):
/// class <c>c</c> with <c>n_c</c> items sends <c>round(n_c × testFraction)</c> of them (half away from zero),
/// chosen at random, to the test part and the rest to training, so each class's share in either part is within
/// one item of its share in the whole. Same labels, fraction and seed give the same split on every machine.
/// </summary>
public static class StratifiedSplit
{
    /// <summary>
    /// Indices of the training and test items, each in a random order drawn from <paramref name="generator"/>
    /// (files sorted by class, such as rt-polarity's, come out mixed). Labels must be non-negative class ids.
    /// </summary>
    public static (int[] Train, int[] Test) Indices(IReadOnlyList<int> labels, double testFraction, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(generator);
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "StratifiedSplit: testFraction must be in (0, 1).");

        var byClass = new SortedDictionary<int, List<int>>();
        for (int i = 0; i < labels.Count; i++)
        {
            int label = labels[i];
            if (label < 0)
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"StratifiedSplit: label at position {i} is negative.");
            if (!byClass.TryGetValue(label, out var members)) byClass[label] = members = [];
            members.Add(i);
        }

        var train = new List<int>(labels.Count);
        var test = new List<int>();
        foreach (var members in byClass.Values)
        {
            int[] shuffled = members.ToArray();
            generator.Shuffle(shuffled.AsSpan());
            int testCount = (int)Math.Round(members.Count * testFraction, MidpointRounding.AwayFromZero);
            test.AddRange(shuffled.AsSpan(0, testCount));
            train.AddRange(shuffled.AsSpan(testCount));
        }
        int[] trainIndices = train.ToArray(), testIndices = test.ToArray();
        generator.Shuffle(trainIndices.AsSpan());
        generator.Shuffle(testIndices.AsSpan());
        return (trainIndices, testIndices);
    }
}
