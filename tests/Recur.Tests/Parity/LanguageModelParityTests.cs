using Recur.Data.Loading;
using Recur.Optim;
using Recur.Tasks;
using Recur.Tasks.LanguageModels;
using Recur.Training;
using Xunit;
using static Recur.Tests.Parity.ParityAssert;

namespace Recur.Tests.Parity;

/// <summary>
/// Truncated backpropagation through time against PyTorch's word_language_model loop (<c>fixtures/language_model.json</c>,
/// tools/reference/language_model.py): from PyTorch's initial weights, one epoch of SGD over a stream cut into 3 columns
/// and 4-step chunks, the state carried detached, the loss summed over the steps, gradients clipped at 0.5 — every
/// chunk's loss and the final weights — then the mean loss over a second stream evaluated with the same carry.
/// </summary>
public sealed class LanguageModelParityTests
{
    private static Fixture F => Fixture.Load("language_model.json");

    [Theory]
    [InlineData("lstm", RecurrentKind.Lstm, 6, 5, 2, false)]
    [InlineData("gru_tied", RecurrentKind.Gru, 5, 5, 1, true)]
    [InlineData("rnn", RecurrentKind.Rnn, 4, 6, 2, false)]
    public void One_epoch_of_truncated_bptt_and_the_carried_evaluation_match_pytorch(string name, RecurrentKind kind, int embedding, int hidden,
        int layers, bool tie)
    {
        var network = new LanguageModelNetwork(new LanguageModelArchitecture(kind, 11, embedding, hidden, layers, 0f, tie), 0.1f, new Generator(0));
        network.LoadStateDict(State(name, "init", network));
        var optimizer = new SGD(network.Parameters(), lr: 1f);
        var trainer = new TruncatedBpttTrainer<LanguageModelNetwork>(network, optimizer,
            new TruncatedBpttOptions { Epochs = 1, ClipGradNorm = 0.5f, SumOverSteps = true });
        var losses = new List<float>();
        trainer.StepCompleted += p => losses.Add((float)p.Loss);

        trainer.Fit(new LanguageModelBatches(Ids(F.Tensor($"{name}.tokens")), batchSize: 3, bptt: 4));

        AssertClose(F.Tensor($"{name}.losses"), Tensor.FromArray(losses.ToArray(), losses.Count), $"{name}: chunk losses");
        foreach (var (key, parameter) in network.NamedParameters())
            AssertClose(F.Tensor($"{name}.final.{key}"), parameter.Detach(), $"{name}: {key} after the epoch", rtol: 1e-4, atol: 1e-6);
        double evaluated = trainer.Evaluate(new LanguageModelBatches(Ids(F.Tensor($"{name}.eval_tokens")), batchSize: 2, bptt: 4));
        AssertClose(F.Scalar($"{name}.eval_loss"), (float)evaluated, $"{name}: evaluation loss");
    }

    private static Dictionary<string, Tensor> State(string name, string stage, LanguageModelNetwork network) =>
        network.NamedParameters().ToDictionary(p => p.Name, p => F.Tensor($"{name}.{stage}.{p.Name}"));

    private static int[] Ids(Tensor tokens) => tokens.ToArray().Select(v => (int)v).ToArray();
}
