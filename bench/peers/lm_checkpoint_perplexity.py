#!/usr/bin/python3
"""Scores a `recur lm` word-model checkpoint in PyTorch: an independent check of the perplexity Recur reports, and a
way to read a long run's test perplexity from any epoch's checkpoint while the run goes on.

The checkpoint's weights (safetensors, PyTorch's state_dict names: encoder.weight, rnn.weight_ih_l0, ...,
decoder.weight, decoder.bias) go into nn.Embedding -> nn.LSTM (time-major) -> nn.Linear; the text is read as recur lm
reads a word text (words split on white space, <eos> at each line end, unknown words as <unk> = 1), cut into --streams
columns as PyTorch's word_language_model batchify does, and read --bptt steps at a time with the state carried.
Recur scores its test part as 1 stream and its validation part as min(20, tokens / (bptt + 1)) streams.

Run: /usr/bin/python3 bench/peers/lm_checkpoint_perplexity.py CHECKPOINT_DIR TEXT_FILE [--streams 1] [--bptt 20]
Prints one JSON object: the checkpoint's epoch, the mean loss per target, its perplexity, the number of targets.
"""
import json
import math
import os
import struct
import sys

import numpy as np
import torch
from torch import nn


def option(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def read_safetensors(path):
    with open(path, "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(size))
        blob = f.read()
    state = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        assert entry["dtype"] == "F32", f"{name}: {entry['dtype']}"
        start, end = entry["data_offsets"]
        state[name] = torch.from_numpy(np.frombuffer(blob[start:end], dtype=np.float32).reshape(entry["shape"]).copy())
    return state


def main():
    folder, text = sys.argv[1], sys.argv[2]
    streams, bptt = int(option("--streams", "1")), int(option("--bptt", "20"))
    manifest = json.load(open(os.path.join(folder, "checkpoint.json")))
    config = manifest["config"]
    model = config["model"]
    assert config["tokenization"]["tokens"] == "word" and model["kind"] == "lstm" and not model["tie_weights"], \
        "this script scores untied word-level LSTM models"
    tokens = config["tokenization"]["vocabulary"]["tokens"]
    ids = {token: i for i, token in enumerate(tokens)}
    torch.set_num_threads(1)
    network = nn.ModuleDict({
        "encoder": nn.Embedding(len(tokens), model["embedding"]),
        "rnn": nn.LSTM(model["embedding"], model["hidden"], model["layers"]),
        "decoder": nn.Linear(model["hidden"], len(tokens)),
    })
    network.load_state_dict(read_safetensors(os.path.join(folder, manifest["weights"])))
    network.eval()

    words = []
    with open(text, encoding="utf-8") as f:
        for line in f:
            words += line.split() + ["<eos>"]
    x = torch.tensor([ids.get(w, 1) for w in words])
    length = len(x) // streams
    x = x[: length * streams].view(streams, length).t().contiguous()
    total, count, state = 0.0, 0, None
    with torch.no_grad():
        for i in range(0, length - 1, bptt):
            steps = min(bptt, length - 1 - i)
            output, state = network["rnn"](network["encoder"](x[i:i + steps]), state)
            logits = network["decoder"](output.reshape(steps * streams, -1))
            total += nn.functional.cross_entropy(logits, x[i + 1:i + 1 + steps].reshape(-1), reduction="sum").item()
            count += steps * streams
    print(json.dumps({"epoch": manifest["epoch"], "loss": total / count, "perplexity": math.exp(total / count), "targets": count}))


if __name__ == "__main__":
    main()
