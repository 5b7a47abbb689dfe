#!/usr/bin/python3
"""Training-step peer benchmark: the workloads of bench/Recur.Bench's `train` benchmark, run with PyTorch.

Run: /usr/bin/python3 bench/peers/recurrent.py [--json] [--only NAME[,NAME...]] [--min]
Prints a markdown table (median ms per training step after warm-up, with 1 and 2 threads), or with --json one
JSON object per line that Recur.Bench reads to print its ratio column. --min reports the fastest sample instead of the
median (Recur.Bench passes it on with its own --min, so both sides are measured alike).

A training step is what a training loop does per batch: zero_grad, forward, loss, backward, Adam step. Every
step sees the same fixed (seeded) batch. The language models (ptb-small, char-lm) take the step of PyTorch's
word_language_model example instead: the previous step's state carried in (detached), the loss (times T for Zaremba's
SGD), clip_grad_norm_(5), then SGD or Adam. Keep the workloads in step with bench/Recur.Bench/TrainBenchmark.cs.
"""
import json
import os
import sys

import torch

from torch import nn

from peer_timing import blas_libraries, median_seconds, thread_setter








class LastStep(nn.Module):
    """A recurrent layer followed by a Linear head on the output of the last time step."""

    def __init__(self, rnn, head, embedding=None, batch_first=True):
        super().__init__()
        self.embedding = embedding
        self.rnn = rnn
        self.head = head
        self.batch_first = batch_first

    def forward(self, x):
        if self.embedding is not None:
            x = self.embedding(x)
        out, _ = self.rnn(x)
        last = out[:, -1, :] if self.batch_first else out[-1]
        return self.head(last)


def stock_lstm(batch):
    model = LastStep(nn.LSTM(5, 10, batch_first=True), nn.Linear(10, 1))
    return model, torch.randn(batch, 7, 5), torch.randn(batch, 1), nn.MSELoss()


def mnist_gru():
    model = LastStep(nn.GRU(28, 128, num_layers=2, batch_first=True), nn.Linear(128, 10))
    return model, torch.rand(100, 28, 28), torch.randint(0, 10, (100,)), nn.CrossEntropyLoss()


def imdb_lstm():
    model = LastStep(nn.LSTM(128, 128, batch_first=True), nn.Linear(128, 1), embedding=nn.Embedding(10000, 128))
    return model, torch.randint(0, 10000, (32, 80)), torch.randint(0, 2, (32, 1)).float(), nn.BCEWithLogitsLoss()


class FinalState(nn.Module):
    """Embedding -> LSTM -> a Linear head on the last layer's final hidden state (h_n[-1]): a PyTorch classifier's usual
    form, and the same numbers as the last step's output for full-length sequences."""

    def __init__(self, embedding, rnn, head):
        super().__init__()
        self.embedding = embedding
        self.rnn = rnn
        self.head = head

    def forward(self, x):
        _, (h, _) = self.rnn(self.embedding(x))
        return self.head(h[-1])


def imdb_classifier():
    # recur classify's LSTM network at the IMDB shape (padding id 0, as its vocabulary has).
    model = FinalState(nn.Embedding(10000, 128, padding_idx=0), nn.LSTM(128, 128, batch_first=True), nn.Linear(128, 1))
    return model, torch.randint(0, 10000, (32, 80)), torch.randint(0, 2, (32, 1)).float(), nn.BCEWithLogitsLoss()


def spam_rnn():
    model = LastStep(nn.RNN(32, 32, batch_first=True), nn.Linear(32, 1), embedding=nn.Embedding(4013, 32))
    return model, torch.randint(0, 4013, (64, 60)), torch.randint(0, 2, (64, 1)).float(), nn.BCEWithLogitsLoss()


def text_rnn():
    # The course's TextRNN: one-hot words, time-major, RNN(7 -> 5), the last step -> 7 classes.
    model = LastStep(nn.RNN(7, 5), nn.Linear(5, 7), batch_first=False)
    words = torch.randint(0, 7, (2, 6))
    return model, nn.functional.one_hot(words, 7).float(), torch.randint(0, 7, (6,)), nn.CrossEntropyLoss()


def conv_block():
    # The convolution of the course's text CNN (Keras: Conv1D(32, 5, activation="relu") -> GlobalMaxPooling1D); x stands
    # for the embedding's output, so its gradient is computed too; the loss sum(out * g) has a fixed g.
    model = nn.Sequential(nn.Conv1d(32, 32, 5), nn.ReLU(), nn.AdaptiveMaxPool1d(1))
    x = torch.randn(64, 32, 60, requires_grad=True)
    return model, x, torch.randn(64, 32, 1), lambda out, g: (out * g).sum()


class TextCnn(nn.Module):
    """Embedding -> Dropout -> Conv1d -> ReLU -> global max over time -> Linear, on [B, L] ids."""

    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(4013, 32)
        self.dropout = nn.Dropout(0.2)
        self.conv = nn.Conv1d(32, 32, 5)
        self.head = nn.Linear(32, 1)

    def forward(self, ids):
        h = self.dropout(self.embedding(ids)).transpose(1, 2)   # [B, L, C] -> [B, C, L]
        h = nn.functional.adaptive_max_pool1d(torch.relu(self.conv(h)), 1).squeeze(-1)
        return self.head(h)


def spam_cnn():
    return TextCnn(), torch.randint(0, 4013, (64, 60)), torch.randint(0, 2, (64, 1)).float(), nn.BCEWithLogitsLoss()


# name -> factory; the names are the keys Recur.Bench matches on.
TRAIN = {
    "stock-lstm-b507": lambda: stock_lstm(507),
    "stock-lstm-b1": lambda: stock_lstm(1),
    "mnist-gru": mnist_gru,
    "imdb-lstm": imdb_lstm,
    "imdb-classifier": imdb_classifier,
    "spam-rnn": spam_rnn,
    "textrnn": text_rnn,
    "conv1d": conv_block,
    "conv1d-ops": conv_block,   # the same PyTorch code: Recur calls the three layers in turn there, without fusing them
    "spam-cnn": spam_cnn,
}


def train_step_fn(factory):
    torch.manual_seed(1)
    model, x, y, criterion = factory()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
    return step


class WordLanguageModel(nn.Module):
    """PyTorch's word_language_model RNNModel: Embedding -> Dropout -> LSTM (time-major, dropout between layers) -> Dropout -> Linear."""

    def __init__(self, vocabulary, width, dropout=0.0):
        super().__init__()
        self.encoder = nn.Embedding(vocabulary, width)
        self.drop = nn.Dropout(dropout) if dropout > 0 else nn.Identity()  # no op at all for the models without dropout
        self.rnn = nn.LSTM(width, width, 2, dropout=dropout)
        self.decoder = nn.Linear(width, vocabulary)
        for p in self.parameters():
            nn.init.uniform_(p, -0.1, 0.1)

    def forward(self, ids, hidden):
        output, hidden = self.rnn(self.drop(self.encoder(ids)), hidden)
        return self.decoder(self.drop(output)).view(-1, self.decoder.out_features), hidden


def language_model_step_fn(vocabulary, width, steps, streams, adam, dropout=0.0):
    """One truncated-BPTT step of the example's train(): repackage_hidden, zero_grad, loss, backward, clip, step."""
    torch.manual_seed(1)
    model = WordLanguageModel(vocabulary, width, dropout)
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3) if adam else torch.optim.SGD(model.parameters(), lr=1.0)
    criterion = nn.CrossEntropyLoss()
    ids = torch.randint(0, vocabulary, (steps, streams))
    targets = torch.randint(0, vocabulary, (steps * streams,))
    state = {"hidden": None}

    def step():
        hidden = state["hidden"]
        if hidden is not None:
            hidden = tuple(h.detach() for h in hidden)
        optimizer.zero_grad()
        output, state["hidden"] = model(ids, hidden)
        loss = criterion(output, targets)
        (loss if adam else loss * steps).backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        optimizer.step()
    return step


# name -> factory of a step function; the keys Recur.Bench matches on (TrainWorkloads.PtbSmall, CharLm).
LANGUAGE_MODELS = {
    "ptb-small": lambda: language_model_step_fn(10001, 200, 20, 20, adam=False),
    "ptb-medium": lambda: language_model_step_fn(10001, 650, 35, 20, adam=False, dropout=0.5),
    "char-lm": lambda: language_model_step_fn(67, 128, 50, 50, adam=True),
}


# name -> factory of (model, one input) for inference with no_grad.
INFER = {
    "stock-lstm-infer": lambda: (stock_lstm(1)[0], torch.randn(1, 7, 5)),
    # One 28x28 image read row by row by the slides' 2-layer GRU(128), as recur predict does.
    "mnist-gru-infer": lambda: (mnist_gru()[0], torch.rand(1, 28, 28)),
}


def inference_fn(factory):
    torch.manual_seed(1)
    model, x = factory()
    model.eval()

    def infer():
        with torch.no_grad():
            model(x)
    return infer


def description():
    return f"PyTorch {torch.__version__}, BLAS {blas_libraries()}, {os.cpu_count()} cores"


def main():
    as_json = "--json" in sys.argv
    fastest = "--min" in sys.argv
    only = None
    if "--only" in sys.argv:
        only = set(sys.argv[sys.argv.index("--only") + 1].split(","))
    if as_json:
        print(json.dumps({"description": description()}), flush=True)
    set_threads = thread_setter()
    workloads = ([(name, lambda factory=factory: train_step_fn(factory)) for name, factory in TRAIN.items()]
                 + list(LANGUAGE_MODELS.items())
                 + [(name, lambda factory=factory: inference_fn(factory)) for name, factory in INFER.items()])
    rows = []
    for name, make_step in workloads:
        if only is not None and name not in only:
            continue
        result = {"name": name}
        for threads in (1, 2):
            set_threads(threads)
            fn = make_step()
            result[f"ms_{threads}t"] = median_seconds(fn, target_seconds=1.0, samples=15, warmup_calls=10, warmup_seconds=0.3,
                                                         fastest=fastest) * 1e3
        rows.append(result)
        if as_json:
            print(json.dumps(result), flush=True)

    if not as_json:
        print(description())
        print()
        print("| workload | PyTorch 1T ms | PyTorch 2T ms |")
        print("|---|---:|---:|")
        for r in rows:
            print(f"| {r['name']} | {r['ms_1t']:.3f} | {r['ms_2t']:.3f} |")


if __name__ == "__main__":
    main()
