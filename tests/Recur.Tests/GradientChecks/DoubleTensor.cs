namespace Recur.Tests.GradientChecks;

/// <summary>
/// A plain double-precision n-d array for reference forwards in gradient checks. Deliberately naive
/// (multi-index loops, no shared code with Recur) so a reference cannot inherit a bug from the library.
/// </summary>
public sealed class DoubleTensor
{
    public DoubleTensor(double[] data, params int[] shape)
    {
        if (SizeOf(shape) != data.Length)
            throw new ArgumentException($"DoubleTensor: shape {Tensor.ShapeText(shape)} needs {SizeOf(shape)} values but got {data.Length}.");
        Data = data;
        Shape = shape;
    }

    public double[] Data { get; }

    public int[] Shape { get; }

    public int Rank => Shape.Length;

    public int Size => Data.Length;

    public static DoubleTensor Zeros(params int[] shape) => new(new double[SizeOf(shape)], shape);

    public static DoubleTensor Scalar(double value) => new([value]);

    public double this[params int[] index]
    {
        get => Data[Flat(index)];
        set => Data[Flat(index)] = value;
    }

    public DoubleTensor Map(Func<double, double> f) => new(Data.Select(f).ToArray(), (int[])Shape.Clone());

    public static DoubleTensor operator +(DoubleTensor a, DoubleTensor b) => Zip(a, b, (x, y) => x + y);

    public static DoubleTensor operator -(DoubleTensor a, DoubleTensor b) => Zip(a, b, (x, y) => x - y);

    public static DoubleTensor operator *(DoubleTensor a, DoubleTensor b) => Zip(a, b, (x, y) => x * y);

    public static DoubleTensor operator /(DoubleTensor a, DoubleTensor b) => Zip(a, b, (x, y) => x / y);

    /// <summary>f(a, b) elementwise with NumPy/PyTorch broadcasting, element by element over multi-indices.</summary>
    public static DoubleTensor Zip(DoubleTensor a, DoubleTensor b, Func<double, double, double> f)
    {
        int rank = Math.Max(a.Rank, b.Rank);
        var shape = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            int da = DimFromRight(a.Shape, rank - 1 - d), db = DimFromRight(b.Shape, rank - 1 - d);
            if (da != db && da != 1 && db != 1) throw new ArgumentException("reference: shapes do not broadcast");
            shape[d] = Math.Max(da, db);
            if (da == 0 || db == 0) shape[d] = 0;
        }
        var result = Zeros(shape);
        foreach (var index in Indices(shape))
            result[index] = f(a[BroadcastIndex(index, a.Shape)], b[BroadcastIndex(index, b.Shape)]);
        return result;
    }

    public DoubleTensor Sum() => Scalar(Data.Sum());

    /// <summary>Reduces each lane along <paramref name="axis"/> with <paramref name="reduce"/>.</summary>
    public DoubleTensor ReduceAxis(int axis, bool keepDim, Func<double[], double> reduce)
    {
        axis = axis < 0 ? axis + Rank : axis;
        var keptShape = Shape.Select((d, i) => i == axis ? 1 : d).ToArray();
        var result = Zeros(keptShape);
        foreach (var index in Indices(keptShape))
        {
            var lane = new double[Shape[axis]];
            var src = (int[])index.Clone();
            for (int j = 0; j < lane.Length; j++) { src[axis] = j; lane[j] = this[src]; }
            result[index] = reduce(lane);
        }
        return keepDim ? result : new DoubleTensor(result.Data, Shape.Where((_, i) => i != axis).ToArray());
    }

    /// <summary>Replaces each lane along <paramref name="axis"/> by <paramref name="f"/> of it (same length).</summary>
    public DoubleTensor MapLanes(int axis, Func<double[], double[]> f)
    {
        axis = axis < 0 ? axis + Rank : axis;
        var keptShape = Shape.Select((d, i) => i == axis ? 1 : d).ToArray();
        var result = Zeros((int[])Shape.Clone());
        foreach (var index in Indices(keptShape))
        {
            var lane = new double[Shape[axis]];
            var src = (int[])index.Clone();
            for (int j = 0; j < lane.Length; j++) { src[axis] = j; lane[j] = this[src]; }
            var mapped = f(lane);
            for (int j = 0; j < lane.Length; j++) { src[axis] = j; result[src] = mapped[j]; }
        }
        return result;
    }

    public DoubleTensor Reshape(params int[] shape) => new((double[])Data.Clone(), shape);

    public DoubleTensor Transpose2D()
    {
        int rows = Shape[0], cols = Shape[1];
        var result = Zeros(cols, rows);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                result.Data[j * rows + i] = Data[i * cols + j];
        return result;
    }

    /// <summary>Plain triple loop C[i,j] = Σ_p A[i,p]·B[p,j].</summary>
    public static DoubleTensor MatMul(DoubleTensor a, DoubleTensor b)
    {
        int m = a.Shape[0], k = a.Shape[1], n = b.Shape[1];
        if (b.Shape[0] != k) throw new ArgumentException("reference: inner dimensions differ");
        var c = Zeros(m, n);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += a.Data[i * k + p] * b.Data[p * n + j];
                c.Data[i * n + j] = s;
            }
        return c;
    }

    public DoubleTensor Narrow(int axis, int start, int length)
    {
        axis = axis < 0 ? axis + Rank : axis;
        var shape = (int[])Shape.Clone();
        shape[axis] = length;
        var result = Zeros(shape);
        foreach (var index in Indices(shape))
        {
            var src = (int[])index.Clone();
            src[axis] += start;
            result[index] = this[src];
        }
        return result;
    }

    public static DoubleTensor Concat(IReadOnlyList<DoubleTensor> parts, int axis)
    {
        int rank = parts[0].Rank;
        axis = axis < 0 ? axis + rank : axis;
        var shape = (int[])parts[0].Shape.Clone();
        shape[axis] = parts.Sum(p => p.Shape[axis]);
        var result = Zeros(shape);
        int offset = 0;
        foreach (var part in parts)
        {
            foreach (var index in Indices(part.Shape))
            {
                var dst = (int[])index.Clone();
                dst[axis] += offset;
                result[dst] = part[index];
            }
            offset += part.Shape[axis];
        }
        return result;
    }

    /// <summary>All multi-indices of <paramref name="shape"/> in row-major order (a fresh array each).</summary>
    public static IEnumerable<int[]> Indices(int[] shape)
    {
        if (shape.Any(d => d == 0)) yield break;
        var index = new int[shape.Length];
        while (true)
        {
            yield return (int[])index.Clone();
            int d = shape.Length - 1;
            for (; d >= 0; d--)
            {
                if (++index[d] < shape[d]) break;
                index[d] = 0;
            }
            if (d < 0) yield break;
        }
    }

    public static int SizeOf(int[] shape) => shape.Aggregate(1, (s, d) => s * d);

    private static int DimFromRight(int[] shape, int fromRight) =>
        fromRight < shape.Length ? shape[shape.Length - 1 - fromRight] : 1;

    private static int[] BroadcastIndex(int[] index, int[] shape)
    {
        var result = new int[shape.Length];
        int offset = index.Length - shape.Length;
        for (int d = 0; d < shape.Length; d++) result[d] = shape[d] == 1 ? 0 : index[d + offset];
        return result;
    }

    private int Flat(int[] index)
    {
        if (index.Length != Shape.Length) throw new ArgumentException("reference: index rank mismatch");
        int flat = 0;
        for (int d = 0; d < index.Length; d++)
        {
            if ((uint)index[d] >= (uint)Shape[d]) throw new IndexOutOfRangeException("reference: index out of range");
            flat = flat * Shape[d] + index[d];
        }
        return flat;
    }
}
