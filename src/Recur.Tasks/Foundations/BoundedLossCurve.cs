namespace Recur.Tasks.Foundations;

/// <summary>
/// A loss curve that keeps at most <see cref="Capacity"/> points however many steps are added: every step's loss while
/// there is room, then every second, fourth… step (the stride doubles each time the points fill up), plus the last step
/// added. Its memory is bounded by the capacity, not by the number of steps.
/// </summary>
public sealed class BoundedLossCurve
{
    private readonly List<(int Step, float Loss)> _points;
    private int _stride = 1;
    private (int Step, float Loss)? _last;

    /// <summary>Creates an empty curve of at most <paramref name="capacity"/> kept points (at least 2).</summary>
    public BoundedLossCurve(int capacity = 1024)
    {
        if (capacity < 2) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a curve needs room for at least 2 points.");
        Capacity = capacity;
        _points = new List<(int, float)>(capacity);
    }

    /// <summary>The most points kept.</summary>
    public int Capacity { get; }

    /// <summary>Steps added so far.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the loss of the next step (steps are numbered from 0).</summary>
    public void Add(float loss)
    {
        int step = Count++;
        _last = (step, loss);
        if (step % _stride != 0) return;
        if (_points.Count == Capacity)
        {
            // Keep every second point: the kept steps stay multiples of the doubled stride.
            int kept = 0;
            for (int i = 0; i < _points.Count; i += 2) _points[kept++] = _points[i];
            _points.RemoveRange(kept, _points.Count - kept);
            _stride *= 2;
            if (step % _stride != 0) return;
        }
        _points.Add((step, loss));
    }

    /// <summary>The kept points, in step order, ending with the last step added.</summary>
    public (int[] Steps, float[] Losses) ToArrays()
    {
        var points = new List<(int Step, float Loss)>(_points);
        if (_last is { } last && (points.Count == 0 || points[^1].Step != last.Step)) points.Add(last);
        return (points.Select(p => p.Step).ToArray(), points.Select(p => p.Loss).ToArray());
    }
}
