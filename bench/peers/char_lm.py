#!/usr/bin/python3
"""`recur lm --recipe char-small` in PyTorch: the peer of the char-small training run and of Recur.Bench's `lm-epochs`.

The recipe, as a PyTorch user writes it after the `word_language_model` example:

- data: tiny-shakespeare read as characters (CRLF as LF, as Recur's PlainTextReader), cut in reading order: the last
  int(n * 0.1) characters for validation, the rest for training. The vocabulary is Recur's: <pad> = 0 and <unk> = 1,
  then the training characters by count (descending), ties by first appearance, so the ids are the ones Recur trains
  on (V = 67). Or, with --ids DIR, the ids Recur.Bench exported (train.ids.i32, validation.ids.i32, recipe.json).
- batchify: each part cut into B = 50 contiguous streams (the tail that does not fill a stream is dropped), read
  T = 50 steps at a time, time-major; the last chunk is shorter; targets are the inputs one step ahead.
- network: Embedding(V, 128) -> LSTM(128, 128, 2 layers) -> Linear(128, V), no dropout.
  --init pytorch keeps PyTorch's default initialisation (Embedding N(0, 1), LSTM and Linear U(+-1/sqrt(128)));
  --init S draws every parameter U(-S, S) (Zaremba's practice).
- training: CrossEntropyLoss (mean per target), the state carried from chunk to chunk detached and zero at each
  epoch's start, clip_grad_norm_(5), Adam(2e-3); after each epoch the validation loss over the whole validation part
  with the same carry (eval mode, no_grad, 50 streams), a mean per target.

Run: /usr/bin/python3 bench/peers/char_lm.py [--text FILE | --ids DIR] [--epochs 10] [--init pytorch|S] [--threads 1]
     [--seed 0] [--json]
Prints one line per epoch: training and validation loss (nats/char), training seconds, epoch seconds (with validation),
and the CPU seconds the process used in the epoch (every thread's: on a machine busy with other work, the steadier figure).
"""
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn

from peer_timing import blas_libraries, thread_setter

STREAMS, STEPS, WIDTH, LAYERS, LEARNING_RATE, CLIP, VALIDATION_SHARE = 50, 50, 128, 2, 2e-3, 5.0, 0.1


def option(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def ids_from_text(path):
    """Recur's split and vocabulary of a plain text read as characters."""
    with open(path, encoding="utf-8-sig") as f:
        text = f.read().replace("\r\n", "\n")
    validation_count = int(len(text) * VALIDATION_SHARE)
    train, validation = text[:len(text) - validation_count], text[len(text) - validation_count:]
    counts, first_seen = {}, {}
    for ch in train:
        if ch not in counts:
            counts[ch], first_seen[ch] = 0, len(first_seen)
        counts[ch] += 1
    ranked = sorted(counts, key=lambda ch: (-counts[ch], first_seen[ch]))
    index = {ch: i + 2 for i, ch in enumerate(ranked)}
    encode = lambda part: np.array([index.get(ch, 1) for ch in part], dtype=np.int64)
    return encode(train), encode(validation), len(ranked) + 2


def ids_from_export(folder):
    with open(os.path.join(folder, "recipe.json")) as f:
        recipe = json.load(f)
    read = lambda name: np.fromfile(os.path.join(folder, name + ".ids.i32"), dtype="<i4").astype(np.int64)
    return read("train"), read("validation"), recipe["vocabulary_size"]


def batchify(ids, streams):
    length = len(ids) // streams
    return torch.from_numpy(ids[:length * streams].reshape(streams, length).T.copy())  # [length, streams]


class CharLanguageModel(nn.Module):
    def __init__(self, vocabulary, init):
        super().__init__()
        self.encoder = nn.Embedding(vocabulary, WIDTH)
        self.rnn = nn.LSTM(WIDTH, WIDTH, LAYERS)
        self.decoder = nn.Linear(WIDTH, vocabulary)
        if init != "pytorch":
            for p in self.parameters():
                nn.init.uniform_(p, -float(init), float(init))

    def forward(self, ids, hidden):
        output, hidden = self.rnn(self.encoder(ids), hidden)
        return self.decoder(output).view(-1, self.decoder.out_features), hidden


def chunks(data):
    for i in range(0, data.size(0) - 1, STEPS):
        steps = min(STEPS, data.size(0) - 1 - i)
        yield data[i:i + steps], data[i + 1:i + 1 + steps].reshape(-1)


def evaluate(model, data, criterion):
    model.eval()
    total, count, hidden = 0.0, 0, None
    with torch.no_grad():
        for inputs, targets in chunks(data):
            output, hidden = model(inputs, hidden)
            total += criterion(output, targets).item() * targets.numel()
            count += targets.numel()
    model.train()
    return total / count


def main():
    as_json = "--json" in sys.argv
    epochs = int(option("--epochs", "10"))
    init = option("--init", "pytorch")
    threads = int(option("--threads", "1"))
    seed = int(option("--seed", "0"))
    thread_setter()(threads)
    if "--ids" in sys.argv:
        train_ids, validation_ids, vocabulary = ids_from_export(option("--ids", None))
    else:
        here = os.path.dirname(os.path.abspath(__file__))
        train_ids, validation_ids, vocabulary = ids_from_text(option("--text", os.path.join(here, "..", "..", "data", "text", "shakespeare", "input.txt")))
    train, validation = batchify(train_ids, STREAMS), batchify(validation_ids, min(STREAMS, max(1, len(validation_ids) // (STEPS + 1))))

    torch.manual_seed(seed)
    model = CharLanguageModel(vocabulary, init)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    description = (f"PyTorch {torch.__version__}, BLAS {blas_libraries()}, {threads} thread(s), init {init}; "
                   f"{len(train_ids)} training and {len(validation_ids)} validation characters, vocabulary {vocabulary}, "
                   f"{sum(p.numel() for p in model.parameters())} parameters")
    print(json.dumps({"description": description}) if as_json else description, flush=True)

    for epoch in range(1, epochs + 1):
        start, cpu_start = time.perf_counter(), time.process_time()
        total, count, hidden = 0.0, 0, None
        for inputs, targets in chunks(train):
            if hidden is not None:
                hidden = tuple(h.detach() for h in hidden)
            optimizer.zero_grad()
            output, hidden = model(inputs, hidden)
            loss = criterion(output, targets)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
            optimizer.step()
            total += loss.item() * targets.numel()
            count += targets.numel()
        train_seconds = time.perf_counter() - start
        validation_loss = evaluate(model, validation, criterion)
        record = {"epoch": epoch, "threads": threads, "loss": total / count, "validation_loss": validation_loss,
                  "train_seconds": train_seconds, "epoch_seconds": time.perf_counter() - start,
                  "cpu_seconds": time.process_time() - cpu_start}
        if as_json:
            print(json.dumps(record), flush=True)
        else:
            print(f"epoch {epoch}: train {record['loss']:.4f}, validation {validation_loss:.4f} nats/char, "
                  f"{train_seconds:.1f} s training, {record['epoch_seconds']:.1f} s with validation", flush=True)


if __name__ == "__main__":
    main()
