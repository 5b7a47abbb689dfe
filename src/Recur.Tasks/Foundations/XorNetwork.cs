using Recur.Losses;
using Recur.Nn;
using Recur.Optim;
using Recur.Training;

namespace Recur.Tasks.Foundations;

/// <summary>
/// The course's XOR network: 2 inputs → 3 sigmoid units → 1 sigmoid output, trained full-batch by SGD on
/// binary cross-entropy until it separates the four points — what a single perceptron cannot do.
/// </summary>
public static class XorNetwork
{
    /// <summary>How many times its first value the loss may reach before training counts as diverged.</summary>
    public const float DivergenceFactor = 10f;

    /// <summary>Builds the 2-3-1 network.</summary>
    public static Sequential Build(Generator generator) =>
        new(new Linear(2, 3, generator: generator), new Sigmoid(), new Linear(3, 1, generator: generator), new Sigmoid());

    /// <summary>
    /// Trains from seed <paramref name="seed"/> with learning rate <paramref name="learningRate"/>, checking every
    /// <paramref name="checkEvery"/> steps whether the points are separated with outputs at least
    /// <paramref name="margin"/> away from 0.5, and stopping then or after <paramref name="maxSteps"/>.
    /// </summary>
    /// <exception cref="TrainingDivergedException">
    /// The loss or a weight became NaN or infinite, or the loss rose to <see cref="DivergenceFactor"/> times its first value
    /// (a learning rate far too large).
    /// </exception>
    public static XorResult Train(ulong seed = 0, float learningRate = 0.1f, int maxSteps = 200_000, int checkEvery = 100, float margin = 0.1f)
    {
        if (maxSteps <= 0) throw new ArgumentOutOfRangeException(nameof(maxSteps), maxSteps, "maxSteps must be positive.");
        var generator = new Generator(seed);
        var model = Build(generator);
        var optimizer = new SGD(model.Parameters(), learningRate);
        var loss = new BCELoss();
        var x = Tensor.FromArray(LogicGates.Inputs.SelectMany(r => r).ToArray(), 4, 2);
        var y = Tensor.FromArray(LogicGates.Xor, 4, 1);
        var curve = new BoundedLossCurve();
        float first = float.NaN;
        int step = 0;
        while (step < maxSteps)
        {
            optimizer.ZeroGrad();
            var output = model.Forward(x);
            var l = loss.Forward(output, y);
            float value = l.Item();
            // BCELoss clamps its logarithms at −100, so a diverged network shows a finite loss (50 when two of the four
            // points sit at the clamp): besides NaN, infinity and non-finite weights, a loss ten times its first value
            // means divergence — full-batch gradient descent on this problem never climbs that far.
            if (!float.IsFinite(value) || !AllFinite(model) || (curve.Count > 0 && value > DivergenceFactor * first))
                throw new TrainingDivergedException(
                    $"xor: the loss became {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} at step {step + 1} " +
                    $"(it started at {first.ToString(System.Globalization.CultureInfo.InvariantCulture)}): the learning rate {learningRate.ToString(System.Globalization.CultureInfo.InvariantCulture)} is too large.");
            if (curve.Count == 0) first = value;
            curve.Add(value);
            l.Backward();
            optimizer.Step();
            step++;
            if (step % checkEvery == 0 && Separates(Predict(model, x), margin)) break;
        }
        var predictions = Predict(model, x);
        var (steps, losses) = curve.ToArrays();
        return new XorResult(predictions, losses, steps, step, Separates(predictions, 0f));
    }

    private static bool AllFinite(Sequential model)
    {
        foreach (var parameter in model.Parameters())
            foreach (float v in parameter.Span)
                if (!float.IsFinite(v)) return false;
        return true;
    }

    private static float[] Predict(Sequential model, Tensor x)
    {
        using var _ = new NoGradScope();
        return model.Forward(x).ToArray();
    }

    private static bool Separates(float[] predictions, float margin)
    {
        var targets = LogicGates.Xor;
        for (int i = 0; i < targets.Length; i++)
        {
            bool correct = targets[i] == 1f ? predictions[i] > 0.5f + margin : predictions[i] < 0.5f - margin;
            if (!correct) return false;
        }
        return true;
    }
}
