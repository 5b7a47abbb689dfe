// XOR with the course's 2-3-1 sigmoid network: SGD on binary cross-entropy until the four points are separated.
using Recur;
using Recur.Losses;
using Recur.Nn;
using Recur.Optim;

var g = new Generator(0);
var model = new Sequential(new Linear(2, 3, generator: g), new Sigmoid(), new Linear(3, 1, generator: g), new Sigmoid());
var optimizer = new SGD(model.Parameters(), lr: 0.5f);
var loss = new BCELoss();
var x = Tensor.FromArray([0, 0, 0, 1, 1, 0, 1, 1], 4, 2);
var y = Tensor.FromArray([0, 1, 1, 0], 4, 1);

for (int step = 1; step <= 20_000; step++)
{
    optimizer.ZeroGrad();
    var l = loss.Forward(model.Forward(x), y);
    l.Backward();
    optimizer.Step();
    if (step % 5_000 == 0) Console.WriteLine($"step {step,6}: loss {l.Item():0.0000}");
}

using (new NoGradScope())
{
    var p = model.Forward(x).Span;
    for (int i = 0; i < 4; i++) Console.WriteLine($"{x.Span[2 * i]} xor {x.Span[2 * i + 1]} → {p[i]:0.000}");
}
