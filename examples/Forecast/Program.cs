// A one-step-ahead forecast: an LSTM reads windows of 12 values of a noisy seasonal series and predicts the next one,
// scored on the last fifth of the series against persistence (next = last known).
using Recur;
using Recur.Losses;
using Recur.Nn;
using Recur.Optim;

const int window = 12, length = 400;
var g = new Generator(1);
var series = new float[length];
for (int t = 0; t < length; t++) series[t] = MathF.Sin(t * 2 * MathF.PI / 24) + 0.1f * (g.NextFloat() - 0.5f);

int windows = length - window, train = windows * 4 / 5;
(Tensor X, Tensor Y) Windows(int from, int to)
{
    var x = new float[(to - from) * window];
    var y = new float[to - from];
    for (int w = from; w < to; w++)
    {
        Array.Copy(series, w, x, (w - from) * window, window);
        y[w - from] = series[w + window];
    }
    return (Tensor.FromArray(x, to - from, window, 1), Tensor.FromArray(y, to - from, 1));
}
var (trainX, trainY) = Windows(0, train);
var (testX, testY) = Windows(train, windows);

var model = new Sequential(
    new RecurrentLayer(new LSTM(1, 16, batchFirst: true, generator: g), RecurrentReadout.LastStep),
    new Linear(16, 1, generator: g));
var optimizer = new Adam(model.Parameters(), lr: 0.01f);
var mse = new MSELoss();
for (int epoch = 1; epoch <= 200; epoch++)
{
    optimizer.ZeroGrad();
    var loss = mse.Forward(model.Forward(trainX), trainY);
    loss.Backward();
    optimizer.Step();
    if (epoch % 50 == 0) Console.WriteLine($"epoch {epoch}: training MSE {loss.Item():0.00000}");
}

model.Eval();
using (new NoGradScope())
{
    var predicted = model.Forward(testX).Span;
    double network = 0, persistence = 0;
    for (int i = 0; i < testY.Size; i++)
    {
        network += Math.Pow(predicted[i] - testY.Span[i], 2);
        persistence += Math.Pow(testX.Span[i * window + window - 1] - testY.Span[i], 2);
    }
    Console.WriteLine($"test RMSE: LSTM {Math.Sqrt(network / testY.Size):0.0000}, persistence {Math.Sqrt(persistence / testY.Size):0.0000}");
}
