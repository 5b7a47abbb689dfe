#!/usr/bin/python3
"""The course's MNIST-by-rows recipe in PyTorch, as the slides write it, on the bundled Fashion-MNIST: the peer of
`recur images --recipe slides` and of Recur.Bench's `images` benchmark.

Each 28x28 image is 28 time steps of 28 pixels (ToTensor: pixel / 255); a 2-layer GRU(128), batch_first, reads the rows
and nn.Linear(128, 10) classifies from the output at the last step; CrossEntropyLoss, Adam(lr=0.01), batch 100,
shuffled each epoch, 2 epochs. After every epoch the 10,000 test images are scored (eval mode, no_grad, batch 100).

Run: /usr/bin/python3 bench/peers/images.py [--json] [--epochs N] [--threads N] [--data DIR]
Prints one line per epoch (with --json, one JSON object per line, which Recur.Bench reads): training seconds (the
epoch's steps: batches, forward, loss, backward, Adam), test seconds, training loss and accuracy, test accuracy.
"""
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn

from peer_timing import blas_libraries, thread_setter

HERE = os.path.dirname(os.path.abspath(__file__))


def option(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def read_idx(path, dims):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    assert magic == 0x0800 | dims, f"{path}: magic {magic:#x}"
    shape = [int.from_bytes(data[4 + 4 * d: 8 + 4 * d], "big") for d in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(folder, split):
    images = read_idx(os.path.join(folder, f"{split}-images-idx3-ubyte.gz"), 3)
    labels = read_idx(os.path.join(folder, f"{split}-labels-idx1-ubyte.gz"), 1)
    return torch.from_numpy(images.astype(np.float32) / 255.0), torch.from_numpy(labels.astype(np.int64))


class RowReader(nn.Module):
    """The slides' model: GRU over the rows, Linear on the last step's output."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(28, 128, num_layers=2, batch_first=True)
        self.fc = nn.Linear(128, 10)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.fc(out[:, -1, :])


def main():
    as_json = "--json" in sys.argv
    epochs = int(option("--epochs", "2"))
    threads = int(option("--threads", str(os.cpu_count())))
    folder = option("--data", os.path.join(HERE, "..", "..", "data", "fashion-mnist"))
    thread_setter()(threads)
    torch.manual_seed(0)
    x_train, y_train = load(folder, "train")
    x_test, y_test = load(folder, "t10k")
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x_train, y_train), batch_size=100, shuffle=True)
    test_loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x_test, y_test), batch_size=100)
    model = RowReader()
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    description = f"PyTorch {torch.__version__}, BLAS {blas_libraries()}, {threads} thread(s), {os.cpu_count()} cores"
    print(json.dumps({"description": description}) if as_json else description, flush=True)
    for epoch in range(1, epochs + 1):
        model.train()
        start = time.perf_counter()
        loss_sum, correct = 0.0, 0
        for x, y in loader:
            optimizer.zero_grad()
            logits = model(x)
            loss = criterion(logits, y)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(y)
            correct += (logits.argmax(1) == y).sum().item()
        train_seconds = time.perf_counter() - start
        model.eval()
        start = time.perf_counter()
        test_correct = 0
        with torch.no_grad():
            for x, y in test_loader:
                test_correct += (model(x).argmax(1) == y).sum().item()
        test_seconds = time.perf_counter() - start
        record = {
            "epoch": epoch, "train_seconds": train_seconds, "test_seconds": test_seconds,
            "loss": loss_sum / len(y_train), "accuracy": correct / len(y_train), "test_accuracy": test_correct / len(y_test),
        }
        if as_json:
            print(json.dumps(record), flush=True)
        else:
            print(f"epoch {epoch}: {train_seconds:.1f} s training, {test_seconds:.1f} s test, loss {record['loss']:.4f}, "
                  f"accuracy {100 * record['accuracy']:.2f} %, test accuracy {100 * record['test_accuracy']:.2f} %", flush=True)


if __name__ == "__main__":
    main()
