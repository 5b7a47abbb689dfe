// A character-level language model: a GRU reads a text one character per step and predicts the next character at
// every step (cross-entropy over the vocabulary), then writes text by sampling its own predictions.
using Recur;
using Recur.Losses;
using Recur.Nn;
using Recur.Optim;

const string text = "the cat sat on the mat. the dog sat on the log. the cat saw the dog. the dog saw the cat. ";
char[] alphabet = [.. text.Distinct().Order()];
var index = alphabet.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
const int steps = 24, hidden = 64;

// Every window of the text as input, the same window shifted by one character as targets.
int windows = text.Length - steps;
var inputs = new float[windows * steps];
var targets = new int[windows * steps];
for (int w = 0; w < windows; w++)
    for (int t = 0; t < steps; t++)
    {
        inputs[w * steps + t] = index[text[w + t]];
        targets[w * steps + t] = index[text[w + t + 1]];
    }
var x = Tensor.FromArray(inputs, windows, steps);

var g = new Generator(3);
var model = new Sequential(
    new Embedding(alphabet.Length, 16, generator: g),
    new RecurrentLayer(new GRU(16, hidden, batchFirst: true, generator: g), RecurrentReadout.Sequence),
    new Linear(hidden, alphabet.Length, generator: g));
var optimizer = new Adam(model.Parameters(), lr: 0.01f);
var loss = new CrossEntropyLoss();
for (int epoch = 1; epoch <= 150; epoch++)
{
    optimizer.ZeroGrad();
    var logits = model.Forward(x).Reshape(windows * steps, alphabet.Length);
    var l = loss.Forward(logits, targets);
    l.Backward();
    optimizer.Step();
    if (epoch % 50 == 0) Console.WriteLine($"epoch {epoch}: loss {l.Item():0.0000} nats per character");
}

// Generation: feed what has been written so far (its last `steps` characters) and sample the next character.
model.Eval();
var written = new System.Text.StringBuilder("the ");
using (new NoGradScope())
    for (int i = 0; i < 60; i++)
    {
        string context = written.ToString()[Math.Max(0, written.Length - steps)..];
        var logits = model.Forward(Tensor.FromArray([.. context.Select(c => (float)index[c])], 1, context.Length));
        var last = logits.Span.Slice((context.Length - 1) * alphabet.Length, alphabet.Length);
        float max = last.ToArray().Max();
        double[] weights = [.. last.ToArray().Select(v => Math.Exp(v - max))];
        double pick = g.NextDouble() * weights.Sum();
        int next = 0;
        for (; next < weights.Length - 1 && (pick -= weights[next]) > 0; next++) { }
        written.Append(alphabet[next]);
    }
Console.WriteLine(written);
