// A text classifier: token ids → Embedding → LSTM (last step) → Linear → two classes, trained with cross-entropy on
// tiny made-up reviews padded at the front, then asked about sentences it has not seen.
using Recur;
using Recur.Losses;
using Recur.Nn;
using Recur.Optim;

(string Text, int Label)[] reviews =
[
    ("a wonderful moving film", 1), ("great acting and a lovely story", 1), ("i loved every minute", 1),
    ("a brilliant funny script", 1), ("beautiful and wonderful", 1), ("great fun", 1),
    ("a boring mess", 0), ("awful acting and a dull story", 0), ("i hated every minute", 0),
    ("a terrible tedious script", 0), ("dull and boring", 0), ("awful", 0),
];
const int maxLength = 8, padding = 0;
var vocabulary = new Dictionary<string, int> { ["<pad>"] = padding, ["<unk>"] = 1 };
foreach (var (text, _) in reviews)
    foreach (string word in text.Split(' '))
        vocabulary.TryAdd(word, vocabulary.Count);

// Ids padded at the front, so the last step is always a word.
float[] Encode(string text)
{
    var ids = text.Split(' ').Select(w => (float)vocabulary.GetValueOrDefault(w, 1)).TakeLast(maxLength).ToArray();
    return [.. Enumerable.Repeat((float)padding, maxLength - ids.Length), .. ids];
}
var x = Tensor.FromArray([.. reviews.SelectMany(r => Encode(r.Text))], reviews.Length, maxLength);
int[] labels = [.. reviews.Select(r => r.Label)];

var g = new Generator(2);
var model = new Sequential(
    new Embedding(vocabulary.Count, 8, paddingIdx: padding, generator: g),
    new RecurrentLayer(new LSTM(8, 16, batchFirst: true, generator: g), RecurrentReadout.LastStep),
    new Linear(16, 2, generator: g));
var optimizer = new Adam(model.Parameters(), lr: 0.02f);
var loss = new CrossEntropyLoss();
for (int epoch = 1; epoch <= 60; epoch++)
{
    optimizer.ZeroGrad();
    var l = loss.Forward(model.Forward(x), labels);
    l.Backward();
    optimizer.Step();
    if (epoch % 20 == 0) Console.WriteLine($"epoch {epoch}: loss {l.Item():0.0000}");
}

model.Eval();
string[] unseen = ["a lovely funny film", "a dull terrible mess"];
using (new NoGradScope())
{
    var logits = model.Forward(Tensor.FromArray([.. unseen.SelectMany(Encode)], unseen.Length, maxLength));
    int[] classes = logits.ArgMax(-1);
    for (int i = 0; i < unseen.Length; i++) Console.WriteLine($"{(classes[i] == 1 ? "positive" : "negative")}: {unseen[i]}");
}
