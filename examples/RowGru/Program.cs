// The course's image model in miniature: a GRU reads each 8×8 picture one row per time step and classifies it from the
// last step. The pictures are made up: a bright horizontal bar, a vertical bar, or a diagonal, with noise.
using Recur;
using Recur.Losses;
using Recur.Nn;
using Recur.Optim;

const int size = 8, classes = 3, count = 300;
string[] names = ["horizontal", "vertical", "diagonal"];
var g = new Generator(4);

(Tensor Images, int[] Labels) Make(int n)
{
    var pixels = new float[n * size * size];
    var labels = new int[n];
    for (int i = 0; i < n; i++)
    {
        int label = i % classes, at = (int)(g.NextFloat() * size);
        labels[i] = label;
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++)
            {
                bool on = label switch { 0 => r == at, 1 => c == at, _ => r == c };
                pixels[(i * size + r) * size + c] = (on ? 1f : 0f) + 0.3f * (g.NextFloat() - 0.5f);
            }
    }
    return (Tensor.FromArray(pixels, n, size, size), labels);
}
var (train, trainLabels) = Make(count);
var (test, testLabels) = Make(60);

var model = new Sequential(
    new RecurrentLayer(new GRU(size, 32, batchFirst: true, generator: g), RecurrentReadout.LastStep),
    new Linear(32, classes, generator: g));
var optimizer = new Adam(model.Parameters(), lr: 0.01f);
var loss = new CrossEntropyLoss();
for (int epoch = 1; epoch <= 60; epoch++)
{
    optimizer.ZeroGrad();
    var l = loss.Forward(model.Forward(train), trainLabels);
    l.Backward();
    optimizer.Step();
    if (epoch % 20 == 0) Console.WriteLine($"epoch {epoch}: loss {l.Item():0.0000}");
}

model.Eval();
using (new NoGradScope())
{
    int[] predicted = model.Forward(test).ArgMax(-1);
    int right = predicted.Zip(testLabels).Count(p => p.First == p.Second);
    Console.WriteLine($"test accuracy: {right} of {testLabels.Length}; the first picture is {names[predicted[0]]} (truly {names[testLabels[0]]})");
}
