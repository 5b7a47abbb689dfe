using Recur.Losses;
using Recur.Nn;
using Recur.Optim;
using Recur.Tasks;
using Recur.Tasks.LanguageModels;
using Recur.Tasks.TextClassification;
using Recur.Training;

namespace Recur.Bench;

/// <summary>
/// The models of the course exercises at their training shapes, each with a fixed seeded batch, as a training step
/// (ZeroGrad, forward, loss, backward, Adam step; the language models: their recipes' truncated-BPTT step) or an inference call. Keep in step with <c>bench/peers/recurrent.py</c>.
/// </summary>
internal static class TrainWorkloads
{
    /// <summary>One workload: its key (shared with the peer script), a description, and a factory of the timed call.</summary>
    public sealed record Workload(string Key, string Description, Func<Action> Create, bool Inference = false);

    public static readonly Workload[] All =
    [
        new("stock-lstm-b507", "stock LSTM(5→10), T=7, B=507 → Linear(10,1), MSE", () => StockLstm(507)),
        new("stock-lstm-b1", "stock LSTM(5→10), T=7, B=1 → Linear(10,1), MSE", () => StockLstm(1)),
        new("mnist-gru", "MNIST GRU(28→128, 2 layers), T=28, B=100 → Linear(128,10), CE", MnistGru),
        new("imdb-lstm", "IMDB Emb(10000,128) → LSTM(128), T=80, B=32 → Linear(128,1), BCE-logits", ImdbLstm),
        new("imdb-classifier", "recur classify's LSTM network at the IMDB shape: Embedding(10000,128) → LSTM(128), last output only → Dense(1), T=80, B=32, BCE-logits", ImdbClassifier),
        new("spam-rnn", "spam Emb(4013,32) → RNN(32), T=60, B=64 → Linear(32,1), BCE-logits", SpamRnn),
        new("textrnn", "TextRNN RNN(7→5), T=2, B=6 → Linear(5,7), CE", TextRnn),
        new("conv1d", "course conv block Sequential(Conv1d(32→32, k=5), ReLU, AdaptiveMaxPool1d(1)), x [64, 32, 60] with grad, loss Σ out·g", () => ConvBlock(asSequential: true)),
        new("conv1d-ops", "the same conv block as three ops called in turn (no fusion)", () => ConvBlock(asSequential: false)),
        new("spam-cnn", "spam Emb(4013,32) → Dropout(0.2) → Conv1d(32→32, k=5) → ReLU → global max → Linear(32,1), L=60, B=64, BCE-logits", SpamCnn),
        new("ptb-small", "PTB word LM (Zaremba small) Emb(10001,200) → LSTM(200, 2 layers), T=20, B=20, state carried → Linear(200,10001), CE summed over T, clip 5, SGD", PtbSmall),
        new("ptb-medium", "PTB word LM (Zaremba medium) Emb(10001,650) → Dropout(0.5) → LSTM(650, 2 layers, dropout 0.5), T=35, B=20, state carried → Dropout(0.5) → Linear(650,10001), CE summed over T, clip 5, SGD", PtbMedium),
        new("char-lm", "char LM (tiny-shakespeare) Emb(67,128) → LSTM(128, 2 layers), T=50, B=50, state carried → Linear(128,67), CE, clip 5, Adam", CharLm),
        new("stock-lstm-infer", "inference, stock LSTM, one sequence (no grad)", StockLstmInference, Inference: true),
        new("mnist-gru-infer", "inference, MNIST GRU(28→128, 2 layers) → Linear(128,10), one image (no grad)", MnistGruInference, Inference: true),
    ];

    /// <summary>A recurrent layer's output at the last time step, through a Linear head (batch-first or time-major).</summary>
    private static Tensor LastStep(Tensor output, bool batchFirst) => batchFirst ? output.Select(1, -1) : output.Select(0, -1);

    private static Action TrainStep(IEnumerable<Tensor> parameters, Func<Tensor> loss)
    {
        var optimizer = new Adam(parameters, lr: 1e-3f);
        return () =>
        {
            optimizer.ZeroGrad();
            loss().Backward();
            optimizer.Step();
        };
    }

    private static Action StockLstm(int batch)
    {
        var generator = new Generator(1);
        var lstm = new LSTM(5, 10, batchFirst: true, generator: generator);
        var head = new Linear(10, 1, generator: generator);
        var x = Tensor.Randn(generator, batch, 7, 5);
        var y = Tensor.Randn(generator, batch, 1);
        var criterion = new MSELoss();
        return TrainStep(lstm.Parameters().Concat(head.Parameters()),
            () => criterion.Forward(head.Forward(LastStep(lstm.Forward(x).Output, batchFirst: true)), y));
    }

    private static Action MnistGru()
    {
        var generator = new Generator(1);
        var gru = new GRU(28, 128, numLayers: 2, batchFirst: true, generator: generator);
        var head = new Linear(128, 10, generator: generator);
        var x = Tensor.Rand(generator, 100, 28, 28);
        var y = Labels(generator, 100, 10);
        var criterion = new CrossEntropyLoss();
        return TrainStep(gru.Parameters().Concat(head.Parameters()),
            () => criterion.Forward(head.Forward(LastStep(gru.Forward(x).Output, batchFirst: true)), y));
    }

    private static Action ImdbLstm()
    {
        var generator = new Generator(1);
        var embedding = new Embedding(10000, 128, generator: generator);
        var lstm = new LSTM(128, 128, batchFirst: true, generator: generator);
        var head = new Linear(128, 1, generator: generator);
        var ids = Labels(generator, 32 * 80, 10000).Reshape(32, 80);
        var y = Labels(generator, 32, 2).Reshape(32, 1);
        var criterion = new BCEWithLogitsLoss();
        return TrainStep(embedding.Parameters().Concat(lstm.Parameters()).Concat(head.Parameters()),
            () => criterion.Forward(head.Forward(LastStep(lstm.Forward(embedding.Forward(ids)).Output, batchFirst: true)), y));
    }

    /// <summary>
    /// The network <c>recur classify --model lstm</c> trains (<see cref="TextNetworkConfig.Create"/>, Keras layers) at the IMDB
    /// shape: its LSTM returns only the last step's output, so no [B, T, H] sequence output is made or given a gradient.
    /// </summary>
    private static Action ImdbClassifier()
    {
        var generator = new Generator(1);
        var network = new TextNetworkConfig(TextModelKind.Lstm, VocabularySize: 10000,
            EmbeddingSize: 128, Hidden: 128, KernelSize: 5, DenseUnits: 64, Dropout: 0f, Outputs: 1, InputLength: 80).Create(generator);
        var ids = Labels(generator, 32 * 80, 10000).Reshape(32, 80);
        var y = Labels(generator, 32, 2).Reshape(32, 1);
        var criterion = new BCEWithLogitsLoss();
        return TrainStep(network.Parameters(), () => criterion.Forward(network.Forward(ids), y));
    }

    private static Action SpamRnn()
    {
        var generator = new Generator(1);
        var embedding = new Embedding(4013, 32, generator: generator);
        var rnn = new RNN(32, 32, batchFirst: true, generator: generator);
        var head = new Linear(32, 1, generator: generator);
        var ids = Labels(generator, 64 * 60, 4013).Reshape(64, 60);
        var y = Labels(generator, 64, 2).Reshape(64, 1);
        var criterion = new BCEWithLogitsLoss();
        return TrainStep(embedding.Parameters().Concat(rnn.Parameters()).Concat(head.Parameters()),
            () => criterion.Forward(head.Forward(LastStep(rnn.Forward(embedding.Forward(ids)).Output, batchFirst: true)), y));
    }

    private static Action TextRnn()
    {
        // The course's TextRNN: one-hot words, time-major, RNN(7 → 5), the last step → 7 classes.
        var generator = new Generator(1);
        var rnn = new RNN(7, 5, generator: generator);
        var head = new Linear(5, 7, generator: generator);
        var x = Tensor.Zeros(2, 6, 7);
        for (int i = 0; i < 2 * 6; i++) x.Span[i * 7 + generator.NextInt(7)] = 1f;
        var y = Labels(generator, 6, 7);
        var criterion = new CrossEntropyLoss();
        return TrainStep(rnn.Parameters().Concat(head.Parameters()),
            () => criterion.Forward(head.Forward(LastStep(rnn.Forward(x).Output, batchFirst: false)), y));
    }

    private static Action ConvBlock(bool asSequential)
    {
        // The convolution of the course's text CNN (Keras: Conv1D(32, 5, activation="relu") → GlobalMaxPooling1D) on its
        // batch; x stands for the embedding's output, so its gradient is computed too. A fixed upstream gradient g.
        // As a Sequential (PyTorch's peer is an nn.Sequential of the same three layers) the block runs as one fused op,
        // Tensor.Conv1dReluGlobalMax; called layer by layer it runs as three.
        var generator = new Generator(1);
        var conv = new Conv1d(32, 32, 5, generator: generator);
        var relu = new ReLU();
        var pool = new AdaptiveMaxPool1d(1);
        var block = new Sequential(conv, relu, pool);
        var x = Tensor.Randn(generator, 64, 32, 60);
        x.RequiresGrad = true;
        var g = Tensor.Randn(generator, 64, 32, 1);
        return TrainStep(conv.Parameters(),
            () => ((asSequential ? block.Forward(x) : pool.Forward(relu.Forward(conv.Forward(x)))) * g).Sum());
    }

    private static Action SpamCnn()
    {
        // The course's text CNN; the convolution reads the embedding's [B, L, C] as it is (channels-last).
        var generator = new Generator(1);
        var embedding = new Embedding(4013, 32, generator: generator);
        var dropout = new Dropout(0.2f, generator);
        var conv = new Conv1d(32, 32, 5, generator: generator, channelsLast: true);
        var pool = new AdaptiveMaxPool1d(1, channelsLast: true);
        var head = new Linear(32, 1, generator: generator);
        var ids = Labels(generator, 64 * 60, 4013).Reshape(64, 60);
        var y = Labels(generator, 64, 2).Reshape(64, 1);
        var criterion = new BCEWithLogitsLoss();
        return TrainStep(embedding.Parameters().Concat(conv.Parameters()).Concat(head.Parameters()),
            () => criterion.Forward(head.Forward(pool.Forward(conv.Forward(dropout.Forward(embedding.Forward(ids))).Relu()).Reshape(64, 32)), y));
    }

    /// <summary>Zaremba et al.'s small PTB model as <c>recur lm --recipe zaremba-small</c> trains it, one truncated-BPTT step.</summary>
    private static Action PtbSmall() => LanguageModelStep(RecurrentKind.Lstm, vocabulary: 10001, width: 200, steps: 20, streams: 20, adam: false);

    /// <summary>Zaremba et al.'s medium PTB model as <c>recur lm --recipe zaremba-medium</c> trains it (dropout 0.5), one truncated-BPTT step.</summary>
    private static Action PtbMedium() =>
        LanguageModelStep(RecurrentKind.Lstm, vocabulary: 10001, width: 650, steps: 35, streams: 20, adam: false, dropout: 0.5f);

    /// <summary>The char-small recipe on tiny-shakespeare's 65 characters (and &lt;pad&gt;, &lt;unk&gt;), one truncated-BPTT step.</summary>
    private static Action CharLm() => LanguageModelStep(RecurrentKind.Lstm, vocabulary: 67, width: 128, steps: 50, streams: 50, adam: true);

    /// <summary>
    /// One step of <see cref="TruncatedBpttTrainer{TModel}"/>: ZeroGrad, the loss read from the previous step's state
    /// (detached), backward (of the loss times T with SGD, as Zaremba's recipe scales it), clip at norm 5, optimizer step.
    /// </summary>
    private static Action LanguageModelStep(RecurrentKind kind, int vocabulary, int width, int steps, int streams, bool adam, float dropout = 0f)
    {
        var generator = new Generator(1);
        var network = new LanguageModelNetwork(new LanguageModelArchitecture(kind, vocabulary, width, width, 2, dropout, false), 0.1f, generator);
        Optimizer optimizer = adam ? new Adam(network.Parameters(), lr: 2e-3f) : new SGD(network.Parameters(), lr: 1f);
        var ids = Labels(generator, steps * streams, vocabulary).Reshape(steps, streams);
        var targets = Labels(generator, steps * streams, vocabulary);
        RecurrentState? state = null;
        return () =>
        {
            optimizer.ZeroGrad();
            var (loss, next) = network.Loss(ids, targets, state);
            state = next.Detach();
            (adam ? loss : loss * steps).Backward();
            GradientClipping.ClipGradNorm(optimizer.Parameters, 5f);
            optimizer.Step();
        };
    }

    private static Action StockLstmInference()
    {
        var generator = new Generator(1);
        var lstm = new LSTM(5, 10, batchFirst: true, generator: generator);
        var head = new Linear(10, 1, generator: generator);
        lstm.Eval();
        head.Eval();
        var x = Tensor.Randn(generator, 1, 7, 5);
        return () =>
        {
            using var scope = new NoGradScope();
            head.Forward(LastStep(lstm.Forward(x).Output, batchFirst: true));
        };
    }

    /// <summary>One 28×28 image through the slides' model as <c>recur predict</c> runs it: a Sequential of stock parts, evaluation mode.</summary>
    private static Action MnistGruInference()
    {
        var generator = new Generator(1);
        var model = new Sequential(
            new RecurrentLayer(new GRU(28, 128, numLayers: 2, batchFirst: true, generator: generator)),
            new Linear(128, 10, generator: generator));
        model.Eval();
        var x = Tensor.Rand(generator, 1, 28, 28);
        return () =>
        {
            using var scope = new NoGradScope();
            model.Forward(x);
        };
    }

    /// <summary>Integers in [0, classes) stored as floats, as the losses and embeddings take them.</summary>
    private static Tensor Labels(Generator generator, int count, int classes)
    {
        var labels = Tensor.Zeros(count);
        for (int i = 0; i < count; i++) labels.Span[i] = generator.NextInt(classes);
        return labels;
    }
}
