using Recur.Losses;
using Recur.Nn;
using Recur.Optim;

namespace Recur.Tasks.Foundations;

/// <summary>
/// The course's XOR network: 2 inputs → 3 sigmoid units → 1 sigmoid output, trained full-batch by SGD on
/// binary cross-entropy until it separates the four points — what a single perceptron cannot do.
/// </summary>
public static class XorNetwork
{
    /// <summary>Builds the 2-3-1 network.</summary>
    public static Sequential Build(Generator generator) =>
        new(new Linear(2, 3, generator: generator), new Sigmoid(), new Linear(3, 1, generator: generator), new Sigmoid());

    /// <summary>
    /// Trains from seed <paramref name="seed"/> with learning rate <paramref name="learningRate"/>, checking every
    /// <paramref name="checkEvery"/> steps whether the points are separated with outputs at least
    /// <paramref name="margin"/> away from 0.5, and stopping then or after <paramref name="maxSteps"/>.
    /// </summary>
    public static XorResult Train(ulong seed = 0, float learningRate = 0.1f, int maxSteps = 200_000, int checkEvery = 100, float margin = 0.1f)
    {
        if (maxSteps <= 0) throw new ArgumentOutOfRangeException(nameof(maxSteps), maxSteps, "maxSteps must be positive.");
        var generator = new Generator(seed);
        var model = Build(generator);
        var optimizer = new SGD(model.Parameters(), learningRate);
        var loss = new BCELoss();
        var x = Tensor.FromArray(LogicGates.Inputs.SelectMany(r => r).ToArray(), 4, 2);
        var y = Tensor.FromArray(LogicGates.Xor, 4, 1);
        var curve = new List<float>();
        int step = 0;
        while (step < maxSteps)
        {
            optimizer.ZeroGrad();
            var output = model.Forward(x);
            var l = loss.Forward(output, y);
            curve.Add(l.Item());
            l.Backward();
            optimizer.Step();
            step++;
            if (step % checkEvery == 0 && Separates(Predict(model, x), margin)) break;
        }
        var predictions = Predict(model, x);
        return new XorResult(predictions, [.. curve], step, Separates(predictions, 0f));
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
