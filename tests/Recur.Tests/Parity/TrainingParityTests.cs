using Xunit;
using Recur.Losses;
using Recur.Nn;
using Recur.Optim;
using Recur.Tasks;
using Recur.Tasks.Forecasting;
using Recur.Tasks.TextClassification;
using static Recur.Tests.Parity.ParityAssert;


namespace Recur.Tests.Parity;

/// <summary>
/// Whole models trained against PyTorch, as llm.c's <c>test_gpt2.c</c> checks GPT-2 (<c>fixtures/training.json</c>,
/// tools/reference/training.py): the recipes' own networks start from PyTorch's weights and take 10 optimizer steps on
/// PyTorch's batches; the loss of every step, every parameter's gradient at step 0 and every parameter after the last
/// step must agree. One wrong factor anywhere — a gate, a mask, a loss reduction, an optimizer's bias correction, a
/// parameter the optimizer never sees — shows as a gradient or a loss curve apart from PyTorch's. The spam texts run
/// twice: through the slides' Keras-style network on pre-padded batches and through the PyTorch-style one on packed ones.
/// </summary>
public sealed class TrainingParityTests
{
    private const int Steps = 10;
    private static Fixture F => Fixture.Load("training.json");

    [Fact]
    public void Stock_lstm_linear_mse_adam_trains_ten_steps_like_pytorch()
    {
        // The forecast recipe's network (H = 10: the small-hidden LSTM kernel runs) and its Adam on MSE, full batch.
        var network = new ForecastNetwork(RecurrentKind.Lstm, inputSize: 5, hidden: 10, layers: 1, bidirectional: false, dropout: 0f,
            horizon: 1, new Generator(1));
        var input = F.Tensor("stock.input");
        var target = F.Tensor("stock.target");
        var loss = new MSELoss();
        Train("stock", network, new Adam(network.Parameters(), lr: 0.01f), _ => loss.Forward(network.Forward(input), target));
    }

    [Fact]
    public void Spam_embedding_simple_rnn_dense_bce_rmsprop_trains_ten_padded_batches_like_pytorch()
    {
        // The spam slides' network (Embedding(60, 32) → SimpleRNN(32) → Dense(1) logits), pre-padded batches whose lengths
        // the SimpleRNN masks, BCE on logits and RMSprop with Keras' defaults.
        var config = new TextNetworkConfig(TextModelKind.Rnn, VocabularySize: 60, EmbeddingSize: 32, Hidden: 32, KernelSize: 5, DenseUnits: 64,
            Dropout: 0f, Outputs: 1, InputLength: 12);
        var network = config.Create(new Generator(1));
        var loss = new BCEWithLogitsLoss();
        Train("spam", network, new RMSprop(network.Parameters(), lr: 1e-3f, alpha: 0.9f, eps: 1e-7f), step =>
        {
            var lengths = new SequenceLengths(F.Ints($"spam.batch{step}.lengths"), SequenceSide.Pre);
            return loss.Forward(network.Forward(F.Tensor($"spam.batch{step}.ids"), lengths), F.Tensor($"spam.batch{step}.target"));
        });
    }

    [Fact]
    public void Spam_as_pytorch_writes_it_embedding_rnn_linear_sigmoid_bce_adam_trains_ten_packed_batches_like_pytorch()
    {
        // The same texts post-padded, nn.RNN with both biases read at each text's last real step, a sigmoid and BCELoss.
        var network = new Sequential(new Embedding(60, 32, paddingIdx: 0, new Generator(1)),
            new RecurrentLayer(new RNN(32, 32, batchFirst: true, generator: new Generator(2))), new Linear(32, 1, generator: new Generator(3)),
            new Sigmoid());
        var loss = new BCELoss();
        Train("spam_pytorch", network, new Adam(network.Parameters(), lr: 0.01f), step =>
        {
            int[] lengths = F.Ints($"spam.batch{step}.lengths");
            return loss.Forward(network.Forward(F.Tensor($"spam_pytorch.batch{step}.ids"), lengths), F.Tensor($"spam.batch{step}.target"));
        });
    }

    /// <summary>
    /// Loads <c>prefix.param.*</c> into <paramref name="model"/> (every parameter must have one), then runs
    /// <see cref="Steps"/> steps of <paramref name="lossOfStep"/> → backward → optimizer step, checking each step's loss,
    /// step 0's gradients and the parameters after the last step.
    /// </summary>
    private static void Train(string prefix, Module model, Optimizer optimizer, Func<int, Tensor> lossOfStep)
    {
        var names = model.NamedParameters().Select(p => p.Name).ToArray();
        Assert.Equal(F.Names.Where(n => n.StartsWith($"{prefix}.param.", StringComparison.Ordinal)).Select(n => n[$"{prefix}.param.".Length..]).Order(),
            names.Order());
        model.LoadStateDict(names.ToDictionary(n => n, n => F.Tensor($"{prefix}.param.{n}")));
        model.Train();

        // Measured against Debian's PyTorch 1.13 on AVX-512: gradients within 2e-8, losses within 1e-7 relative, parameters
        // after 10 steps within 1e-6 (float32 summation order). A wrong sign of one Adam or RMSprop update moves a
        // parameter by about the learning rate (1e-2, 3e-3), far outside these bounds.
        var losses = new float[Steps];
        for (int step = 0; step < Steps; step++)
        {
            optimizer.ZeroGrad();
            var loss = lossOfStep(step);
            loss.Backward();
            losses[step] = loss.Item();
            if (step == 0)
                foreach (var (name, parameter) in model.NamedParameters())
                    AssertClose(F.Tensor($"{prefix}.grad.{name}"), parameter.Grad, $"{prefix}: gradient of {name} at step 0", rtol: 1e-4, atol: 1e-7);
            optimizer.Step();
        }

        AssertClose(F.Tensor($"{prefix}.loss"), Tensor.FromArray(losses, Steps), $"{prefix}: loss of each step", rtol: 1e-5, atol: 0);
        foreach (var (name, parameter) in model.NamedParameters())
            AssertClose(F.Tensor($"{prefix}.final.{name}"), parameter.Detach(), $"{prefix}: {name} after {Steps} steps", rtol: 1e-4, atol: 1e-5);
    }
}
