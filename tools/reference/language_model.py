"""Truncated backpropagation through time as PyTorch's word_language_model example runs it, on a tiny token stream.

The model is the example's RNNModel: Embedding -> LSTM / GRU / RNN (time-major) -> Linear over the vocabulary, the
decoder optionally tied to the embedding; every weight uniform in +-0.1. The stream is cut by batchify into B = 3
columns and read bptt = 4 steps at a time (get_batch); each chunk starts from the previous chunk's final state,
detached (repackage_hidden). Per chunk: zero_grad, cross-entropy (mean), backward of the loss times the chunk's steps
(Zaremba's sum over time), clip_grad_norm_(0.5), SGD at lr 1. Afterwards the model is evaluated (eval mode, no grad)
over a second stream cut into 2 columns with the same carry: the mean loss per target.

Keys per case c: c.init.<state_dict name>, c.tokens (the training stream, ids as floats), c.losses (per chunk),
c.final.<state_dict name> (after the epoch), c.eval_tokens, c.eval_loss (shape []). A tied case stores the shared
matrix once, as encoder.weight.
Run: /usr/bin/python3 tools/reference/language_model.py
"""
import torch
import torch.nn as nn

from fixture_io import Fixture, setup

setup(seed=12)
fx = Fixture("language_model.json", "tools/reference/language_model.py")

V, BATCH, BPTT, EVAL_BATCH = 11, 3, 4, 2


class RNNModel(nn.Module):
    def __init__(self, kind, emb, hidden, layers, tie):
        super().__init__()
        self.encoder = nn.Embedding(V, emb)
        rnn = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}[kind]
        self.rnn = rnn(emb, hidden, layers)
        self.decoder = nn.Linear(hidden, V)
        if tie:
            self.decoder.weight = self.encoder.weight
        for p in self.parameters():
            nn.init.uniform_(p, -0.1, 0.1)

    def forward(self, x, hidden):
        output, hidden = self.rnn(self.encoder(x), hidden)
        return self.decoder(output).view(-1, V), hidden


def batchify(ids, columns):
    n = ids.size(0) // columns
    return ids[: n * columns].view(columns, -1).t().contiguous()


def chunks(source):
    for i in range(0, source.size(0) - 1, BPTT):
        steps = min(BPTT, len(source) - 1 - i)
        yield source[i:i + steps], source[i + 1:i + 1 + steps].reshape(-1), steps


def detach(hidden):
    if hidden is None:
        return None
    return tuple(h.detach() for h in hidden) if isinstance(hidden, tuple) else hidden.detach()


def own_state(model, tie):
    # A tied model's matrix once, under encoder.weight (Recur's tied decoder keeps only its bias).
    return {k: v for k, v in model.state_dict().items() if not (tie and k == "decoder.weight")}


def case(name, kind, emb, hidden, layers, tie):
    model = RNNModel(kind, emb, hidden, layers, tie)
    for k, v in own_state(model, tie).items():
        fx.add(f"{name}.init.{k}", v)
    tokens = torch.randint(1, V, (40,))
    fx.add(f"{name}.tokens", tokens.float())
    train = batchify(tokens, BATCH)
    optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
    criterion = nn.CrossEntropyLoss()
    model.train()
    state, losses = None, []
    for data, targets, steps in chunks(train):
        state = detach(state)
        optimizer.zero_grad()
        output, state = model(data, state)
        loss = criterion(output, targets)
        (loss * steps).backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 0.5)
        optimizer.step()
        losses.append(loss.item())
    fx.add(f"{name}.losses", torch.tensor(losses))
    for k, v in own_state(model, tie).items():
        fx.add(f"{name}.final.{k}", v)

    eval_tokens = torch.randint(1, V, (27,))
    fx.add(f"{name}.eval_tokens", eval_tokens.float())
    model.eval()
    total, count, state = 0.0, 0, None
    with torch.no_grad():
        for data, targets, steps in chunks(batchify(eval_tokens, EVAL_BATCH)):
            output, state = model(data, state)
            total += targets.numel() * criterion(output, targets).item()
            count += targets.numel()
    fx.add(f"{name}.eval_loss", torch.tensor(total / count))


case("lstm", "lstm", emb=6, hidden=5, layers=2, tie=False)
case("gru_tied", "gru", emb=5, hidden=5, layers=1, tie=True)
case("rnn", "rnn", emb=4, hidden=6, layers=2, tie=False)
print(fx.write())
