#!/usr/bin/python3
"""Whole training epochs of two `recur classify` recipes in PyTorch: the peer of Recur.Bench's `text-epochs` benchmark.

Recur.Bench writes, per recipe, the padded ids, lengths and labels of the training and validation texts exactly as
Recur's recipe trains on them (the same split, vocabulary and padding), plus recipe.json with the settings. Here the
same network is trained the way a PyTorch user writes it:

- the texts are Keras-style pre-padded; PyTorch's packed sequences want the real steps first, so each row is shifted
  once at load (post-padding) and every batch goes through nn.utils.rnn.pack_padded_sequence(lengths,
  enforce_sorted=False); the classifier reads h_n of the last layer, which is the last real step of each text (Recur's
  SimpleRNN/LSTM read the same step). A length of 0 (a text with no known token) is clamped to 1, since
  pack_padded_sequence refuses 0.
- data: TensorDataset(ids, lengths, labels) and DataLoader(batch_size, shuffle=True), as the course does.
- `rnn`: Embedding(V, E, padding_idx=0) -> RNN(E, H, tanh) -> Linear(H, 1); RMSprop(lr, alpha=0.9, eps=1e-7).
- `lstm`: Embedding(V, E, padding_idx=0) -> Dropout(p) -> LSTM(E, H) -> Dropout(p) -> Linear(H, 1); Adam(lr).
- BCEWithLogitsLoss; accuracy counted on every training batch; after each epoch a validation pass (eval mode, no_grad,
  the same batch size) computes the loss and accuracy, as Recur's Trainer does.

Each recipe runs with 1 and then 2 threads (torch and every loaded OpenBLAS pool), a fresh model each time.

Run: /usr/bin/python3 bench/peers/text_epochs.py --data DIR [--json] [--epochs N] [--only key,...] [--threads 1,2]
Prints one line per epoch: recipe, threads, training seconds (the steps), epoch seconds (steps and validation), loss.
"""
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

from peer_timing import blas_libraries, thread_setter


def option(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def load_part(folder, name, count, steps, padding):
    ids = np.fromfile(os.path.join(folder, name + ".ids.f32"), dtype="<f4").reshape(count, steps).astype(np.int64)
    labels = np.fromfile(os.path.join(folder, name + ".labels.f32"), dtype="<f4").reshape(count, 1)
    lengths = np.fromfile(os.path.join(folder, name + ".lengths.i32"), dtype="<i4").astype(np.int64)
    if padding == "pre":
        # Move each text's real steps to the front (post-padding), once, as a PyTorch user pads for packing.
        shifted = np.zeros_like(ids)
        for row in range(count):
            n = lengths[row]
            if n > 0:
                shifted[row, :n] = ids[row, steps - n:]
        ids = shifted
    lengths = np.maximum(lengths, 1)
    return torch.from_numpy(ids), torch.from_numpy(lengths), torch.from_numpy(labels)


class TextClassifier(nn.Module):
    def __init__(self, recipe):
        super().__init__()
        vocabulary, embedding, hidden = recipe["vocabulary_size"], recipe["embedding"], recipe["hidden"]
        self.embedding = nn.Embedding(vocabulary, embedding, padding_idx=0)
        self.dropout = nn.Dropout(recipe["dropout"]) if recipe["dropout"] > 0 else nn.Identity()
        if recipe["model"] == "rnn":
            self.rnn = nn.RNN(embedding, hidden, batch_first=True)
        elif recipe["model"] == "lstm":
            self.rnn = nn.LSTM(embedding, hidden, batch_first=True)
        else:
            raise ValueError(f"model {recipe['model']} has no peer here")
        self.head = nn.Linear(hidden, 1)

    def forward(self, ids, lengths):
        x = self.dropout(self.embedding(ids))
        packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        _, state = self.rnn(packed)
        h_n = state[0] if isinstance(state, tuple) else state
        return self.head(self.dropout(h_n[-1]))


def optimizer_for(recipe, parameters):
    if recipe["optimizer"] == "rmsprop":
        return torch.optim.RMSprop(parameters, lr=recipe["learning_rate"], alpha=0.9, eps=1e-7)
    return torch.optim.Adam(parameters, lr=recipe["learning_rate"])


def run(name, folder, epochs, threads, set_threads, emit):
    with open(os.path.join(folder, "recipe.json")) as f:
        recipe = json.load(f)
    set_threads(threads)
    torch.manual_seed(0)
    steps, padding, batch = recipe["steps"], recipe["padding"], recipe["batch_size"]
    train = load_part(folder, "train", recipe["parts"]["train"], steps, padding)
    validation = load_part(folder, "validation", recipe["parts"]["validation"], steps, padding) if "validation" in recipe["parts"] else None
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(*train), batch_size=batch, shuffle=True)
    validation_loader = None if validation is None else torch.utils.data.DataLoader(torch.utils.data.TensorDataset(*validation), batch_size=batch)
    model = TextClassifier(recipe)
    criterion = nn.BCEWithLogitsLoss()
    optimizer = optimizer_for(recipe, model.parameters())
    for epoch in range(1, epochs + 1):
        model.train()
        start = time.perf_counter()
        loss_sum, correct, seen = 0.0, 0, 0
        for ids, lengths, labels in loader:
            optimizer.zero_grad()
            logits = model(ids, lengths)
            loss = criterion(logits, labels)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(labels)
            correct += ((logits > 0).float() == labels).sum().item()
            seen += len(labels)
        train_seconds = time.perf_counter() - start
        validation_loss = validation_accuracy = None
        if validation_loader is not None:
            model.eval()
            total, validation_correct = 0.0, 0
            with torch.no_grad():
                for ids, lengths, labels in validation_loader:
                    logits = model(ids, lengths)
                    total += criterion(logits, labels).item() * len(labels)
                    validation_correct += ((logits > 0).float() == labels).sum().item()
            validation_loss = total / len(validation[0])
            validation_accuracy = validation_correct / len(validation[0])
        epoch_seconds = time.perf_counter() - start
        emit({"name": name, "threads": threads, "epoch": epoch, "train_seconds": train_seconds, "epoch_seconds": epoch_seconds,
              "loss": loss_sum / seen, "accuracy": correct / seen, "validation_loss": validation_loss,
              "validation_accuracy": validation_accuracy})


def main():
    as_json = "--json" in sys.argv
    epochs = int(option("--epochs", "3"))
    data = option("--data", None)
    if data is None:
        sys.exit("--data DIR: the folder Recur.Bench's text-epochs benchmark writes")
    names = option("--only", "spam-slides,rt-lstm").split(",")
    thread_counts = [int(n) for n in option("--threads", "1,2").split(",")]
    set_threads = thread_setter()
    description = f"PyTorch {torch.__version__}, BLAS {blas_libraries()}, {os.cpu_count()} cores, " \
                  f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'unset')}"
    print(json.dumps({"description": description}) if as_json else description, flush=True)

    def emit(record):
        if as_json:
            print(json.dumps(record), flush=True)
        else:
            print(f"{record['name']} {record['threads']}T epoch {record['epoch']}: {record['train_seconds']:.2f} s training, "
                  f"{record['epoch_seconds']:.2f} s with validation, loss {record['loss']:.4f}", flush=True)

    for name in names:
        for threads in thread_counts:
            run(name, os.path.join(data, name), epochs, threads, set_threads, emit)


if __name__ == "__main__":
    main()
