using System.Diagnostics;
using Recur.Losses;
using Recur.Nn;
using Recur.Optim;

namespace Recur.Tasks.LanguageModels;

/// <summary>
/// The slides' next-word exercise (TextRNN): each sentence's words but the last, one-hot over the sentences' vocabulary,
/// are read by <c>RNN(n_class → 5)</c>; its last step's hidden state → <c>Linear(5, n_class)</c> → softmax predicts the
/// last word. Cross-entropy, Adam 0.001, 5,000 full-batch steps. Sentences of different lengths are read to their own
/// last word (post-padded, with their lengths).
/// </summary>
public static class NextWordExercise
{
    /// <summary>The slides' sentences.</summary>
    public static readonly IReadOnlyList<string> SlideSentences = ["i like dog", "i love coffee", "i hate milk"];

    /// <summary>Trains the TextRNN on <paramref name="options"/>' sentences and predicts each one's last word.</summary>
    /// <exception cref="ArgumentException">No sentences, or a sentence of fewer than two words.</exception>
    public static NextWordResult Train(NextWordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Hidden < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Hidden, "NextWordOptions.Hidden must be at least 1.");
        if (options.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "NextWordOptions.Epochs must be at least 1.");
        if (!(options.LearningRate > 0f)) throw new ArgumentOutOfRangeException(nameof(options), options.LearningRate, "NextWordOptions.LearningRate must be positive.");
        var sentences = options.Sentences.Select(s => s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToArray();
        if (sentences.Length == 0) throw new ArgumentException("there are no sentences to learn from.");
        for (int i = 0; i < sentences.Length; i++)
            if (sentences[i].Length < 2)
                throw new ArgumentException($"sentence {i + 1} ('{options.Sentences[i].Trim()}') has {sentences[i].Length} word(s); each needs at least two: the words read and the word to predict.");

        var words = sentences.SelectMany(s => s).Distinct(StringComparer.Ordinal).ToList();
        var ids = words.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i, StringComparer.Ordinal);
        int classes = words.Count, batch = sentences.Length, steps = sentences.Max(s => s.Length) - 1;
        // One-hot contexts [T, B, n_class], time-major as the slides' RNN reads them; padding steps stay all zero.
        var x = Tensor.Zeros(steps, batch, classes);
        var targets = new int[batch];
        var lengths = new int[batch];
        for (int b = 0; b < batch; b++)
        {
            lengths[b] = sentences[b].Length - 1;
            for (int t = 0; t < lengths[b]; t++) x.Span[(t * batch + b) * classes + ids[sentences[b][t]]] = 1f;
            targets[b] = ids[sentences[b][^1]];
        }

        var generator = new Generator(options.Seed);
        var rnn = new RNN(classes, options.Hidden, generator: generator);
        var output = new Linear(options.Hidden, classes, generator: generator);
        var optimizer = new Adam(rnn.Parameters().Concat(output.Parameters()), options.LearningRate);
        var loss = new CrossEntropyLoss();
        Tensor Logits() => output.Forward(rnn.Forward(x, lengths: lengths).HN.Reshape(batch, options.Hidden));

        var clock = Stopwatch.StartNew();
        var curve = new float[options.Epochs];
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            optimizer.ZeroGrad();
            var l = loss.Forward(Logits(), targets);
            curve[epoch] = l.Item();
            l.Backward();
            optimizer.Step();
        }
        clock.Stop();

        Tensor probabilities;
        using (new NoGradScope()) probabilities = Logits().Softmax(-1);
        var predictions = new NextWordPrediction[batch];
        for (int b = 0; b < batch; b++)
        {
            var row = probabilities.Span.Slice(b * classes, classes);
            int best = 0;
            for (int c = 1; c < classes; c++)
                if (row[c] > row[best]) best = c;
            predictions[b] = new NextWordPrediction(string.Join(' ', sentences[b][..^1]), sentences[b][^1], words[best], row[best]);
        }
        return new NextWordResult(words, predictions, curve, clock.Elapsed);
    }
}
