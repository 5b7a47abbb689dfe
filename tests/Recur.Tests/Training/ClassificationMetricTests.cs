using Recur.Tests.Parity;
using Recur.Training;

namespace Recur.Tests.Training;

/// <summary>
/// The classification metrics against scikit-learn's figures (<c>fixtures/metrics.json</c>, written by
/// tools/reference/metrics.py with scikit-learn 1.2.1), each fed in uneven batches: the epoch's figure must be the
/// figure of all samples together, not an average of per-batch figures.
/// </summary>
public class ClassificationMetricTests
{
    private static Fixture F => Fixture.Load("metrics.json");

    /// <summary>Feeds the samples in batches of 7, 20 and the rest, and returns the metric's value.</summary>
    private static double Fed(Metric metric, Tensor outputs, Tensor targets)
    {
        metric.Reset();
        int n = outputs.Dim(0), start = 0;
        foreach (int size in new[] { n / 5, n / 2 })
        {
            metric.Update(outputs.Slice(start, size), targets.Slice(start, size));
            start += size;
        }
        metric.Update(outputs.Slice(start, n - start), targets.Slice(start, n - start));
        return metric.Value;
    }

    private static void AssertFigure(string key, double actual) => Assert.Equal(F.Scalar(key), actual, 6);

    [Theory]
    [InlineData(0.5f)]
    [InlineData(0.3f)]
    public void Binary_metrics_equal_scikit_learns(float threshold)
    {
        var p = F.Tensor("binary.probabilities");
        var y = F.Tensor("binary.targets");
        string key = $"binary.{threshold:0.0}";
        AssertFigure($"{key}.accuracy", Fed(new BinaryAccuracy(threshold), p, y));
        AssertFigure($"{key}.precision", Fed(new Precision(threshold), p, y));
        AssertFigure($"{key}.recall", Fed(new Recall(threshold), p, y));
        AssertFigure($"{key}.f1", Fed(new F1Score(threshold), p, y));
    }

    [Fact]
    public void Binary_metrics_on_logits_equal_those_on_probabilities()
    {
        var logits = F.Tensor("binary.logits");
        var y = F.Tensor("binary.targets");
        AssertFigure("binary.0.5.accuracy", Fed(new BinaryAccuracy(fromLogits: true), logits, y));
        AssertFigure("binary.0.5.precision", Fed(new Precision(fromLogits: true), logits, y));
        AssertFigure("binary.0.5.recall", Fed(new Recall(fromLogits: true), logits, y));
        AssertFigure("binary.0.5.f1", Fed(new F1Score(fromLogits: true), logits, y));
    }

    [Fact]
    public void Binary_accuracy_of_multi_label_outputs_counts_every_label() =>
        AssertFigure("multilabel.0.5.accuracy", Fed(new BinaryAccuracy(), F.Tensor("multilabel.probabilities"), F.Tensor("multilabel.targets")));

    [Fact]
    public void Multi_class_metrics_equal_scikit_learns_for_each_class()
    {
        var scores = F.Tensor("multiclass.scores");
        var y = F.Tensor("multiclass.targets");
        AssertFigure("multiclass.accuracy", Fed(new Accuracy(), scores, y));
        for (int c = 0; c < 4; c++)
        {
            AssertFigure($"multiclass.precision.{c}", Fed(new Precision(positiveClass: c), scores, y));
            AssertFigure($"multiclass.recall.{c}", Fed(new Recall(positiveClass: c), scores, y));
            AssertFigure($"multiclass.f1.{c}", Fed(new F1Score(positiveClass: c), scores, y));
        }
    }

    [Fact]
    public void Sequence_metrics_read_classes_on_axis_1_and_skip_padded_steps()
    {
        var scores = F.Tensor("sequence.scores");
        var y = F.Tensor("sequence.targets");
        AssertFigure("sequence.accuracy", Fed(new Accuracy(), scores, y));
        AssertFigure("sequence.precision.1", Fed(new Precision(1), scores, y));
        AssertFigure("sequence.recall.1", Fed(new Recall(1), scores, y));
        AssertFigure("sequence.f1.1", Fed(new F1Score(1), scores, y));
    }

    [Fact]
    public void Reset_forgets_the_batches_and_an_empty_metric_is_zero()
    {
        var accuracy = new Accuracy();
        Assert.Equal(0, accuracy.Value);
        accuracy.Update(Tensor.FromArray([0f, 1f, 1f, 0f], 2, 2), Tensor.FromArray([1f, 0f], 2));
        Assert.Equal(1, accuracy.Value);
        accuracy.Reset();
        accuracy.Update(Tensor.FromArray([0f, 1f, 1f, 0f], 2, 2), Tensor.FromArray([0f, 0f], 2));
        Assert.Equal(0.5, accuracy.Value);
        Assert.Equal(0, new Precision().Value);
    }

    [Fact]
    public void Ties_go_to_the_lower_class_as_argmax()
    {
        var accuracy = new Accuracy();
        accuracy.Update(Tensor.FromArray([2f, 2f, 0f, 1f, 3f, 3f], 2, 3), Tensor.FromArray([0f, 1f], 2));
        Assert.Equal(1, accuracy.Value);
    }

    [Fact]
    public void Updating_allocates_nothing()
    {
        var scores = F.Tensor("sequence.scores");
        var y = F.Tensor("sequence.targets");
        var p = F.Tensor("binary.probabilities");
        var t = F.Tensor("binary.targets");
        Metric[] onScores = [new Accuracy(), new Precision(1), new F1Score(2)];
        Metric[] onProbabilities = [new BinaryAccuracy(), new Recall(fromLogits: true)];
        void Run()
        {
            foreach (var m in onScores) m.Update(scores, y);
            foreach (var m in onProbabilities) m.Update(p, t);
        }
        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Bad_shapes_targets_and_options_are_named()
    {
        Assert.Contains("expects class scores [N, C] with targets [N]",
            Assert.Throws<ArgumentException>(() => new Accuracy().Update(Tensor.Zeros(4, 3), Tensor.Zeros(4, 3))).Message);
        Assert.Contains("target 1 is 3, outside the 3 classes",
            Assert.Throws<ArgumentOutOfRangeException>(() => new Accuracy().Update(Tensor.Zeros(2, 3), Tensor.FromArray([0f, 3f], 2))).Message);
        Assert.Contains("target 0 is 0.5, not a class index",
            Assert.Throws<ArgumentException>(() => new Accuracy().Update(Tensor.Zeros(2, 3), Tensor.FromArray([0.5f, 1f], 2))).Message);
        Assert.Contains("binary outputs [4, 1] and targets [4] must have the same shape",
            Assert.Throws<ArgumentException>(() => new BinaryAccuracy().Update(Tensor.Zeros(4, 1), Tensor.Zeros(4))).Message);
        Assert.Contains("target 1 is 0.7, but binary targets must be 0 or 1",
            Assert.Throws<ArgumentException>(() => new Precision().Update(Tensor.Zeros(2), Tensor.FromArray([1f, 0.7f], 2))).Message);
        Assert.Contains("positive class 3 is outside the outputs' 3 classes",
            Assert.Throws<ArgumentException>(() => new Recall(3).Update(Tensor.Zeros(2, 3), Tensor.Zeros(2))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryAccuracy(1.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryAccuracy(1f, fromLogits: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new F1Score(positiveClass: -1));
    }
}
