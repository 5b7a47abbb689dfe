using Recur.Losses;

namespace Recur.Tests.Losses;

public class ClassWeightsTests
{
    private static readonly int[] Labels = [0, 0, 0, 0, 1, 1, 2, 0, 1, 0, 3, 0];

    [Fact]
    public void Balanced_weights_equal_scikit_learns_compute_class_weight()
    {
        // /usr/bin/python3 -c "import numpy as np; from sklearn.utils.class_weight import compute_class_weight;
        //   print(compute_class_weight('balanced', classes=np.arange(4), y=np.array([0,0,0,0,1,1,2,0,1,0,3,0])))"
        // scikit-learn 1.2.1: [0.42857143 1. 3. 3.]  (12 / (4 · [7, 3, 1, 1]))
        double[] sklearn = [0.42857143, 1.0, 3.0, 3.0];
        var weights = ClassWeights.Balanced(Labels, 4).ToArray();
        Assert.Equal(4, weights.Length);
        for (int c = 0; c < 4; c++) Assert.Equal(sklearn[c], weights[c], 6);
    }

    [Fact]
    public void Balanced_weights_read_float_labels_like_int_labels()
    {
        var labels = Tensor.FromArray(Labels.Select(v => (float)v).ToArray(), Labels.Length);
        Assert.Equal(ClassWeights.Balanced(Labels, 4).ToArray(), ClassWeights.Balanced(labels, 4).ToArray());
    }

    [Fact]
    public void A_class_that_never_occurs_is_refused_as_scikit_learn_does()
    {
        var e = Assert.Throws<ArgumentException>(() => ClassWeights.Balanced(Labels, 5));
        Assert.Contains("class 4 never occurs", e.Message);
    }

    [Fact]
    public void Labels_outside_the_classes_are_named()
    {
        var e = Assert.Throws<ArgumentException>(() => ClassWeights.Balanced([0, 1, 7], 3));
        Assert.Contains("label 2 is 7", e.Message);
        var f = Assert.Throws<ArgumentException>(() => ClassWeights.Balanced(Tensor.FromArray([0f, 1.5f], 2), 3));
        Assert.Contains("label 1 is 1.5", f.Message);
    }

    [Fact]
    public void Positive_weights_are_negatives_over_positives_per_column()
    {
        // Column 0: 1 positive, 3 negatives → 3; column 1: 3 positives, 1 negative → 1/3.
        var targets = Tensor.FromArray([1f, 1f, 0f, 1f, 0f, 0f, 0f, 1f], 4, 2);
        Assert.Equal([3f, 1f / 3f], ClassWeights.PositiveWeights(targets).ToArray());
        var single = ClassWeights.PositiveWeights(Tensor.FromArray([1f, 0f, 0f, 0f, 0f], 5));
        Assert.Equal([1], single.Shape);
        Assert.Equal(4f, single[0]);
    }

    [Fact]
    public void Positive_weights_refuse_soft_targets_and_columns_without_positives()
    {
        Assert.Contains("target 1 is 0.5", Assert.Throws<ArgumentException>(() => ClassWeights.PositiveWeights(Tensor.FromArray([1f, 0.5f], 2))).Message);
        Assert.Contains("column 1 has no positive", Assert.Throws<ArgumentException>(() =>
            ClassWeights.PositiveWeights(Tensor.FromArray([1f, 0f, 0f, 0f], 2, 2))).Message);
    }
}
