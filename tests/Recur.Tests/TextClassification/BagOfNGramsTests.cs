using Recur.Data.Text;
using Recur.Tasks.TextClassification;
using static Recur.Tests.TextClassification.ScikitLearnCases;
using static Recur.Tests.TextClassification.ScikitLearnFixture;

namespace Recur.Tests.TextClassification;

/// <summary>
/// Bag-of-n-grams features against scikit-learn's CountVectorizer / TfidfVectorizer on the same tokens
/// (tools/reference/text_baselines.py): the same columns in the same order, the same values.
/// </summary>
public sealed class BagOfNGramsTests
{
    private static ScikitLearnFixture F => ScikitLearnFixture.Load();

    private static double[] Dense(SparseMatrix m)
    {
        var dense = new double[m.Rows * m.Columns];
        for (int r = 0; r < m.Rows; r++)
        {
            var columns = m.RowColumns(r);
            var values = m.RowValues(r);
            for (int k = 0; k < columns.Length; k++) dense[r * m.Columns + columns[k]] = values[k];
        }
        return dense;
    }

    [Theory]
    [MemberData(nameof(Variants), MemberType = typeof(ScikitLearnCases))]
    public void Features_match_scikit_learn_vectorizers_column_for_column(string variant)
    {
        var features = BagOfNGrams.Fit(SmallTrain, Options(variant));

        Assert.Equal(F.Strings($"small.{variant}.features"), features.FeatureNames);
        AssertClose(F.Numbers($"small.{variant}.train.dense"), Dense(features.Transform(SmallTrain)), 1e-15, $"{variant} training rows");
        AssertClose(F.Numbers($"small.{variant}.test.dense"), Dense(features.Transform(SmallTest)), 1e-15, $"{variant} test rows");
    }

    [Fact]
    public void Unigrams_and_bigrams_of_adjacent_tokens_are_counted_and_unseen_ones_ignored()
    {
        var features = BagOfNGrams.Fit(["free call, free call now", "see you"]);
        Assert.Equal(["call", "call free", "call now", "free", "free call", "now", "see", "see you", "you"], features.FeatureNames);
        var rows = features.Transform(["Free call free!", "nothing known here", "now unseen see"]);
        Assert.Equal(2.0, rows[0, 3]);  // free
        Assert.Equal(1.0, rows[0, 1]);  // call free
        Assert.Equal(1.0, rows[0, 4]);  // free call
        Assert.Equal(4, rows.RowColumns(0).Length);
        Assert.Equal(0, rows.RowColumns(1).Length);
        Assert.Equal([5, 6], rows.RowColumns(2).ToArray()); // "now unseen" and "unseen see" are not bigrams of the table
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1, 1], features.DocumentFrequencies);
    }

    [Fact]
    public void Tf_idf_rows_have_unit_length_and_an_empty_row_stays_empty()
    {
        var features = BagOfNGrams.Fit(SmallTrain, new BagOfNGramsOptions { TfIdf = true, Binary = true });
        var rows = features.Transform([SmallTest[0], SmallTest[3]]);
        double squares = 0;
        foreach (double v in rows.RowValues(0)) squares += v * v;
        Assert.Equal(1.0, squares, 14);
        Assert.Equal(0, rows.RowColumns(1).Length);
        Assert.NotNull(features.InverseDocumentFrequencies);
    }

    [Fact]
    public void Character_bigrams_come_from_a_character_tokenizer()
    {
        var features = BagOfNGrams.Fit(["abab"], new BagOfNGramsOptions { Tokenizer = new CharacterTokenizer(), MinN = 2 });
        Assert.Equal(["a b", "b a"], features.FeatureNames);
        Assert.Equal(2.0, features.Transform(["abab"])[0, 0]);
    }

    [Fact]
    public void Max_features_keeps_the_most_frequent_and_breaks_ties_by_name()
    {
        var features = BagOfNGrams.Fit(["b a c", "a c d"], new BagOfNGramsOptions { MaxN = 1, MaxFeatures = 3 });
        Assert.Equal(["a", "b", "c"], features.FeatureNames); // a and c twice, then b before d
    }

    [Fact]
    public void Bad_options_and_inputs_are_refused_with_the_reason()
    {
        Assert.Contains("(1, 3) is not supported",
            Assert.Throws<ArgumentOutOfRangeException>(() => BagOfNGrams.Fit(SmallTrain, new BagOfNGramsOptions { MaxN = 3 })).Message);
        Assert.Contains("no n-gram",
            Assert.Throws<ArgumentException>(() => BagOfNGrams.Fit(SmallTrain, new BagOfNGramsOptions { MinDocumentFrequency = 100 })).Message);
        Assert.Contains("no training texts", Assert.Throws<ArgumentException>(() => BagOfNGrams.Fit([])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => BagOfNGrams.Fit(SmallTrain, new BagOfNGramsOptions { MaxFeatures = 0 }));
    }

    [Fact]
    public void Sparse_matrix_refuses_unsorted_or_out_of_range_columns()
    {
        Assert.Contains("not strictly increasing",
            Assert.Throws<ArgumentException>(() => new SparseMatrix(1, 3, [0, 2], [2, 1], [1, 1])).Message);
        Assert.Contains("outside [0, 3)",
            Assert.Throws<ArgumentException>(() => new SparseMatrix(1, 3, [0, 1], [3], [1])).Message);
        Assert.Contains("rowStarts has 2 entries",
            Assert.Throws<ArgumentException>(() => new SparseMatrix(2, 3, [0, 1], [0], [1])).Message);
    }
}
