"""PyTorch reference figures for `recur classify --recipe slides` (issue 11): the slides' SimpleRNN spam model trained
in PyTorch on the same texts Recur trains and tests on.

Not a fixture: it prints test accuracies for docs/classify.md. It reuses text_baselines.py's ports of Recur's
WordTokenizer, Generator and StratifiedSplit, so the split is Recur's (seed 42: test 20 %, validation 20 % of the
rest). The model is the slides' Embedding(V, 32) → SimpleRNN(32) → Dense(1, sigmoid) with RMSprop(1e-3, Keras' rho 0.9
and epsilon 1e-7), batch 64, 4 epochs; the vocabulary is every training word (<pad> = 0, <unk> = 1), texts pre-padded
to the longest training text. Three variants, each over several torch seeds:

  keras-init, packed     U(−0.05, 0.05) embedding (Keras' start), the RNN reads each text's real words only (Recur's recipe)
  torch-init, packed     PyTorch's N(0, 1) embedding start, real words only
  torch-init, padded     N(0, 1) start and the padding read as words (a PyTorch user feeding the padded batch as it is)

Run: /usr/bin/python3 tools/reference/sms_slides_torch.py [--seeds N]
"""
import sys
from collections import Counter

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

from text_baselines import Generator, read_sms, stratified_split, word_tokenize


def split():
    texts, labels = read_sms()
    generator = Generator(42)
    rest, test = stratified_split(labels, 0.2, generator)
    rest_labels = [labels[i] for i in rest]
    train_in_rest, _ = stratified_split(rest_labels, 0.2, generator)
    train = [rest[i] for i in train_in_rest]
    tokens = [word_tokenize(t) for t in texts]
    return tokens, labels, train, test


def encode(tokens, labels, indices, vocabulary, steps):
    ids = torch.zeros(len(indices), steps, dtype=torch.long)
    lengths = torch.zeros(len(indices), dtype=torch.long)
    for row, i in enumerate(indices):
        words = [vocabulary.get(w, 1) for w in tokens[i]][-steps:]
        lengths[row] = len(words)
        if words:
            ids[row, steps - len(words):] = torch.tensor(words)
    return ids, lengths, torch.tensor([[float(labels[i])] for i in indices])


class SlidesRnn(nn.Module):
    def __init__(self, vocabulary_size, keras_init, packed):
        super().__init__()
        self.embedding = nn.Embedding(vocabulary_size, 32)
        if keras_init:
            nn.init.uniform_(self.embedding.weight, -0.05, 0.05)
        self.rnn = nn.RNN(32, 32, batch_first=True)
        self.dense = nn.Linear(32, 1)
        self.packed = packed

    def forward(self, ids, lengths):
        x = self.embedding(ids)
        if self.packed:
            steps = ids.shape[1]
            # Pre-padded rows: move the real words to the front for packing (length 0 read as one padding step).
            index = (torch.arange(steps)[None, :] + (steps - lengths)[:, None]) % steps
            x = torch.gather(x, 1, index[:, :, None].expand_as(x))
            _, h = self.rnn(pack_padded_sequence(x, lengths.clamp(min=1), batch_first=True, enforce_sorted=False))
        else:
            _, h = self.rnn(x)
        return self.dense(h[-1])


def run(seed, keras_init, packed, data):
    (train_ids, train_lengths, train_y), (test_ids, test_lengths, test_y), vocabulary_size = data
    torch.manual_seed(seed)
    model = SlidesRnn(vocabulary_size, keras_init, packed)
    optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
    loss_fn = nn.BCEWithLogitsLoss()
    for _ in range(4):
        model.train()
        for batch in torch.randperm(len(train_y)).split(64):
            optimizer.zero_grad()
            loss_fn(model(train_ids[batch], train_lengths[batch]), train_y[batch]).backward()
            optimizer.step()
    model.eval()
    with torch.no_grad():
        predicted = (model(test_ids, test_lengths) > 0).float()
    return (predicted == test_y).float().mean().item()


def main():
    seeds = int(sys.argv[sys.argv.index("--seeds") + 1]) if "--seeds" in sys.argv else 3
    torch.set_num_threads(2)
    tokens, labels, train, test = split()
    counts = Counter(w for i in train for w in tokens[i])
    vocabulary = {w: k + 2 for k, (w, _) in enumerate(sorted(counts.items(), key=lambda c: (-c[1], c[0])))}
    steps = max(len(tokens[i]) for i in train)
    data = (encode(tokens, labels, train, vocabulary, steps), encode(tokens, labels, test, vocabulary, steps), len(vocabulary) + 2)
    print(f"train {len(train)}, test {len(test)}, vocabulary {len(vocabulary) + 2}, steps {steps}; torch {torch.__version__}")
    for name, keras_init, packed in (("keras-init, packed", True, True), ("torch-init, packed", False, True), ("torch-init, padded", False, False)):
        accuracies = [run(seed, keras_init, packed, data) for seed in range(seeds)]
        print(f"{name:20s} test accuracy " + ", ".join(f"{100 * a:.2f} %" for a in accuracies)
              + f"; mean {100 * sum(accuracies) / len(accuracies):.2f} %")


if __name__ == "__main__":
    main()
