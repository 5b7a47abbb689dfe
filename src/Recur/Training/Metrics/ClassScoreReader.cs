namespace Recur.Training;

/// <summary>
/// Reads class scores laid out as <see cref="Losses.CrossEntropyLoss"/> takes them — outputs <c>[N, C]</c> with targets
/// <c>[N]</c>, or <c>[N, C, d₁, …]</c> with <c>[N, d₁, …]</c> — position by position, without allocating.
/// </summary>
internal readonly struct ClassScoreReader
{
    private readonly float[] _scores;
    private readonly float[] _targets;
    private readonly int _inner;

    /// <summary>Checks the shapes; <paramref name="metric"/> names the metric in errors.</summary>
    public ClassScoreReader(Tensor outputs, Tensor targets, string metric)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        var shape = outputs.ShapeRef;
        bool matches = shape.Length >= 2 && targets.Rank == shape.Length - 1 && targets.ShapeRef[0] == shape[0];
        for (int d = 2; matches && d < shape.Length; d++) matches = targets.ShapeRef[d - 1] == shape[d];
        if (!matches || shape[1] == 0)
            throw new ArgumentException(
                $"{metric}: expects class scores [N, C] with targets [N] (or [N, C, d1, …] with [N, d1, …]) but got outputs {Tensor.ShapeText(shape)} and targets {Tensor.ShapeText(targets.ShapeRef)}.");
        _scores = outputs.Data;
        _targets = targets.Data;
        Classes = shape[1];
        _inner = targets.Size == 0 ? 1 : targets.Size / shape[0];
        Positions = targets.Size;
    }

    /// <summary>Number of classes, C.</summary>
    public int Classes { get; }

    /// <summary>Number of target positions, N·d₁·…</summary>
    public int Positions { get; }

    /// <summary>
    /// The target class at position <paramref name="r"/> (row-major over <c>[N, d₁, …]</c>); false when it is
    /// <paramref name="ignoreIndex"/>, an error when it is no class of the outputs.
    /// </summary>
    public bool TryTarget(int r, int ignoreIndex, string metric, out int target)
    {
        target = Losses.ClassIndex.Read(_targets[r], r, metric, "target");
        if (target == ignoreIndex) return false;
        if ((uint)target >= (uint)Classes)
            throw new ArgumentOutOfRangeException("targets",
                $"{metric}: target {r} is {target}, outside the {Classes} classes [0, {Classes}) and not the ignore index {ignoreIndex}.");
        return true;
    }

    /// <summary>The class with the highest score at position <paramref name="r"/>; the first of equal scores, as argmax.</summary>
    public int Predicted(int r)
    {
        int n = r / _inner, s = r - n * _inner;
        int start = n * Classes * _inner + s, best = 0;
        float bestScore = _scores[start];
        for (int c = 1; c < Classes; c++)
        {
            float score = _scores[start + c * _inner];
            if (score > bestScore)
            {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }
}
