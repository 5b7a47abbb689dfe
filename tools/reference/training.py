"""Whole-model training runs, in the manner of llm.c's test_gpt2.c: two of the course's models trained for 10 steps from
fixed weights on fixed batches; the per-step losses, every parameter's gradient at step 0 and every parameter after
the last step are the reference the C# test (tests/Recur.Tests/Parity/TrainingParityTests.cs) reproduces with the
recipes' own networks.

stock: the forecast recipe's network and training (ForecastNetwork: a batch-first nn.LSTM(5, 10) whose h_n[-1] feeds
  nn.Linear(10, 1); MSELoss; Adam(lr=0.01)), full batch as the recipe trains: one batch of 64 windows of 7 steps
  with 5 features in [0, 1) (min-max scaled prices) and next-step changes as targets, seen 10 times.
  stock.param.<name>           the state_dict before training (rnn.weight_ih_l0, ..., fc.weight, fc.bias)
  stock.input [64, 7, 5], stock.target [64, 1]
  stock.loss [10]              the loss of each step, before its update
  stock.grad.<name>            the gradients of step 0
  stock.final.<name>           the parameters after the 10th update

spam: the spam slides' network and training (TextNetworkConfig Rnn: Embedding(60, 32, padding_idx=0) -> Keras
  SimpleRNN(32) -> Dense(1) logits; BCEWithLogitsLoss; RMSprop with Keras' defaults, lr=1e-3, alpha=0.9, eps=1e-7),
  10 different batches of 16 texts pre-padded with 0 to 12 steps (Keras' pad_sequences), lengths 1 to 12.
  Keras' SimpleRNN has one bias: here nn.RNN with bias_hh_l0 fixed at zero (not a parameter of the Recur layer).
  The SimpleRNN reads only each text's real ids, as Keras' masking does: PyTorch gets them moved to the front of the
  row and packed with their lengths, and the output is h_n[-1]. Names are Recur's Sequential ones (0 = embedding,
  1 = SimpleRNN, 2 = Dense).
  spam.param.<name>            0.weight, 1.weight_ih_l0, 1.weight_hh_l0, 1.bias_ih_l0, 2.weight, 2.bias
  spam.batch<k>.ids [16, 12]   (k = 0..9) token ids as floats, padding 0 in front
  spam.batch<k>.lengths [16], spam.batch<k>.target [16, 1] (0 = ham, 1 = spam)
  spam.loss [10], spam.grad.<name> (step 0), spam.final.<name> (after the 10th update)

spam_pytorch: the same texts and targets as a PyTorch user would train them: post-padded (spam_pytorch.batch<k>.ids,
  the lengths and targets are spam's), nn.Embedding(60, 32, padding_idx=0) -> nn.RNN(32, 32) with both biases, packed
  -> h_n[-1] -> nn.Linear(32, 1) -> sigmoid; BCELoss; Adam(lr=0.01). In Recur: Sequential(Embedding,
  RecurrentLayer(RNN), Linear, Sigmoid). Keys as spam's (0.weight, 1.weight_ih_l0, 1.weight_hh_l0, 1.bias_ih_l0,
  1.bias_hh_l0, 2.weight, 2.bias).

Run: /usr/bin/python3 tools/reference/training.py
"""
import torch
from torch.nn.utils.rnn import pack_padded_sequence

from fixture_io import Fixture, setup

STEPS = 10

setup(seed=17)
fx = Fixture("training.json", "tools/reference/training.py", short_floats=True)


class StockNetwork(torch.nn.Module):
    """Recur.Tasks.Forecasting.ForecastNetwork with one LSTM layer: fc(h_n[-1])."""

    def __init__(self, features, hidden, horizon):
        super().__init__()
        self.rnn = torch.nn.LSTM(features, hidden, batch_first=True)
        self.fc = torch.nn.Linear(hidden, horizon)

    def forward(self, x):
        _, (h_n, _) = self.rnn(x)
        return self.fc(h_n[-1])


def train(prefix, model, parameters, optimizer, loss_of_step):
    """Runs STEPS steps; records the state before training, each step's loss, step 0's gradients and the final state."""
    for name, p in parameters.items():
        fx.add(f"{prefix}.param.{name}", p)
    losses = []
    for step in range(STEPS):
        optimizer.zero_grad()
        loss = loss_of_step(step)
        loss.backward()
        losses.append(loss.item())
        if step == 0:
            for name, p in parameters.items():
                fx.add(f"{prefix}.grad.{name}", p.grad)
        optimizer.step()
    fx.add(f"{prefix}.loss", torch.tensor(losses))
    for name, p in parameters.items():
        fx.add(f"{prefix}.final.{name}", p)


# The stock model.
stock = StockNetwork(5, 10, 1)
stock_input = torch.rand(64, 7, 5)
stock_target = 0.05 * torch.randn(64, 1)
fx.add("stock.input", stock_input)
fx.add("stock.target", stock_target)
mse = torch.nn.MSELoss()
train("stock", stock, dict(stock.named_parameters()), torch.optim.Adam(stock.parameters(), lr=0.01),
      lambda step: mse(stock(stock_input), stock_target))

# The spam model.
VOCABULARY, EMBEDDING, HIDDEN, STEPS_PER_TEXT, BATCH = 60, 32, 32, 12, 16
embedding = torch.nn.Embedding(VOCABULARY, EMBEDDING, padding_idx=0)
with torch.no_grad():
    # The recipe's start: Keras' U(-0.05, 0.05), the padding row zero.
    embedding.weight.uniform_(-0.05, 0.05)
    embedding.weight[0].zero_()
rnn = torch.nn.RNN(EMBEDDING, HIDDEN, batch_first=True)
with torch.no_grad():
    rnn.bias_hh_l0.zero_()
rnn.bias_hh_l0.requires_grad_(False)
dense = torch.nn.Linear(HIDDEN, 1)


def sequential_parameters(*modules):
    """The trainable parameters of modules run one after the other, under the names Recur's Sequential gives them."""
    return {f"{i}.{name}": p for i, module in enumerate(modules) for name, p in module.named_parameters() if p.requires_grad}


def real_steps_first(lengths):
    """Per row, the column order that moves a pre-padded row's last `length` steps to its front."""
    return torch.stack([(torch.arange(STEPS_PER_TEXT) + STEPS_PER_TEXT - n) % STEPS_PER_TEXT for n in lengths.tolist()])


spam_parameters = sequential_parameters(embedding, rnn, dense)

batches = []
for k in range(STEPS):
    lengths = torch.randint(1, STEPS_PER_TEXT + 1, (BATCH,))
    ids = torch.zeros(BATCH, STEPS_PER_TEXT, dtype=torch.long)
    for b, n in enumerate(lengths.tolist()):
        ids[b, STEPS_PER_TEXT - n:] = torch.randint(1, VOCABULARY, (n,))
    target = torch.randint(0, 2, (BATCH, 1)).float()
    fx.add(f"spam.batch{k}.ids", ids)
    fx.add(f"spam.batch{k}.lengths", lengths)
    fx.add(f"spam.batch{k}.target", target)
    batches.append((ids, lengths, target))


def spam_logits(ids, lengths):
    x = embedding(ids)
    # Each text's real steps to the front of its row (pre-padding -> post-padding), then packed with its length.
    x = torch.gather(x, 1, real_steps_first(lengths).unsqueeze(-1).expand(-1, -1, EMBEDDING))
    _, h_n = rnn(pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False))
    return dense(h_n[-1])


bce = torch.nn.BCEWithLogitsLoss()
optimizer = torch.optim.RMSprop(list(spam_parameters.values()), lr=1e-3, alpha=0.9, eps=1e-7)
train("spam", None, spam_parameters, optimizer, lambda step: bce(spam_logits(batches[step][0], batches[step][1]), batches[step][2]))

# The spam model as a PyTorch user writes it: post-padded batches packed with their lengths, nn.RNN with both biases,
# the last real step's state, a sigmoid and BCELoss, Adam.
torch_embedding = torch.nn.Embedding(VOCABULARY, EMBEDDING, padding_idx=0)
torch_rnn = torch.nn.RNN(EMBEDDING, HIDDEN, batch_first=True)
torch_linear = torch.nn.Linear(HIDDEN, 1)
torch_parameters = sequential_parameters(torch_embedding, torch_rnn, torch_linear)
post_padded = []
for k, (ids, lengths, target) in enumerate(batches):
    # The same texts with their ids at the front of the row.
    post = torch.gather(ids, 1, real_steps_first(lengths))
    fx.add(f"spam_pytorch.batch{k}.ids", post)
    post_padded.append((post, lengths, target))


def torch_probabilities(ids, lengths):
    _, h_n = torch_rnn(pack_padded_sequence(torch_embedding(ids), lengths, batch_first=True, enforce_sorted=False))
    return torch.sigmoid(torch_linear(h_n[-1]))


bce_probabilities = torch.nn.BCELoss()
train("spam_pytorch", None, torch_parameters, torch.optim.Adam(list(torch_parameters.values()), lr=0.01),
      lambda step: bce_probabilities(torch_probabilities(post_padded[step][0], post_padded[step][1]), post_padded[step][2]))

fx.write()
