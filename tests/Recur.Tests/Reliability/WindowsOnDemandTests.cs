using Recur.Data.Windows;
using Recur.Losses;
using Recur.Nn;
using Recur.Optim;
using Recur.Training;

namespace Recur.Tests.Reliability;

/// <summary>
/// A forecast's windows are made per batch from the series held once (issue 16, item 4): <see cref="WindowSamples"/> gives
/// the floats <see cref="SlidingWindows.Create(double[,], ReadOnlySpan{double})"/> cuts, and a <see cref="TensorDataset"/>
/// over it trains, evaluates and predicts to the same bits as one over the cut tensor.
/// </summary>
public sealed class WindowsOnDemandTests
{
    private static double[,] Series(int rows, int columns)
    {
        var series = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                series[r, c] = Math.Sin(0.37 * r + c) * (1 + 0.1 * c) + 1e-9 * r;
        return series;
    }

    private static float[] RowMajor(double[,] series)
    {
        int rows = series.GetLength(0), columns = series.GetLength(1);
        var values = new float[rows * columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                values[r * columns + c] = (float)series[r, c];
        return values;
    }

    private static double[] Column(double[,] series, int column) =>
        Enumerable.Range(0, series.GetLength(0)).Select(r => series[r, column]).ToArray();

    [Theory]
    [InlineData(7, 1, TargetAlignment.NextStep)]
    [InlineData(5, 3, TargetAlignment.LastStep)]
    public void Windows_made_per_batch_are_the_cut_windows_and_their_index_the_same_rows_and_targets(int length, int horizon, TargetAlignment alignment)
    {
        var series = Series(50, 3);
        var windows = new SlidingWindows(length, horizon, alignment);
        var cut = windows.Create(series, Column(series, 2));

        var samples = windows.Samples(RowMajor(series), 3);
        var index = windows.Index(Column(series, 2));

        Assert.Equal(cut.Count, samples.Count);
        Assert.Equal([length, 3], samples.SampleShape);
        var all = new float[cut.Inputs.Length];
        samples.CopySamples(Enumerable.Range(0, cut.Count).ToArray(), all);
        Assert.Equal(cut.Inputs, all);
        var picked = new float[2 * length * 3];
        samples.Slice(4, 10).CopySamples([6, 0], picked);
        Assert.Equal(cut.Inputs.AsSpan(10 * length * 3, length * 3).ToArray(), picked[..(length * 3)]);
        Assert.Equal(cut.Inputs.AsSpan(4 * length * 3, length * 3).ToArray(), picked[(length * 3)..]);
        Assert.Equal(cut.Targets, index.Targets);
        Assert.Equal(cut.TargetRow, index.TargetRow);
        Assert.Equal(cut.FirstRow, index.FirstRow);
        Assert.Empty(index.Inputs);
        Assert.Throws<InvalidOperationException>(() => index.InputTensor());
    }

    [Fact]
    public void Bad_requests_name_what_is_wrong()
    {
        var samples = new SlidingWindows(4).Samples(RowMajor(Series(10, 2)), 2);

        Assert.Contains("window 6 is outside the 6 windows", Assert.Throws<ArgumentOutOfRangeException>(() => samples.CopySamples([6], new float[8])).Message);
        Assert.Contains("need 8 floats but the destination holds 7", Assert.Throws<ArgumentException>(() => samples.CopySamples([0], new float[7])).Message);
        Assert.Contains("not whole rows of 2 columns", Assert.Throws<ArgumentException>(() => new SlidingWindows(4).Samples(new float[7], 2)).Message);
        var gap = RowMajor(Series(10, 2));
        gap[5] = float.NaN;
        Assert.Contains("series[2, 1]", Assert.Throws<ArgumentException>(() => new SlidingWindows(4).Samples(gap, 2)).Message);
    }

    [Fact]
    public void Training_on_windows_made_per_batch_is_training_on_the_cut_tensor_bit_for_bit()
    {
        var series = Series(120, 3);
        var windows = new SlidingWindows(6);
        var cut = windows.Create(series, Column(series, 0));
        var targets = Tensor.FromArray(cut.Targets, cut.Count, 1);

        (float[] Weights, History History, float[] Outputs) Train(TensorDataset data)
        {
            var model = new RecurrentLayer(new GRU(3, 5, batchFirst: true, generator: new Generator(4)), RecurrentReadout.FinalState);
            var head = new Sequential(model, new Linear(5, 1, generator: new Generator(5)));
            var trainer = new Trainer(head, new MSELoss(), new Adam(head.Parameters(), 0.01f),
                new TrainerOptions { Epochs = 3, BatchSize = 16, Shuffle = true, Seed = 9, ValidationSplit = 0.2 });
            var history = trainer.Fit(data);
            float[] weights = [.. head.Parameters().SelectMany(p => p.ToArray())];
            return (weights, history, trainer.Predict(data.Slice(10, 40)).ToArray());
        }

        var fromTensor = Train(new TensorDataset(cut.InputTensor(), targets));
        var onDemand = new TensorDataset(windows.Samples(RowMajor(series), 3), targets);
        var fromSource = Train(onDemand);

        Assert.True(onDemand.HasSampleSource);
        Assert.Equal(fromTensor.Weights, fromSource.Weights);
        Assert.Equal(fromTensor.History.Epochs.Select(e => (e.Loss, e.ValidationLoss)), fromSource.History.Epochs.Select(e => (e.Loss, e.ValidationLoss)));
        Assert.Equal(fromTensor.Outputs, fromSource.Outputs);
        Assert.Equal(cut.InputTensor().ToArray(), onDemand.Inputs.ToArray());
    }
}
