#!/usr/bin/env python3
"""The seeds' word-embedding tutorial in PyTorch, as `ae text classify --encoding hash --vocabulary 50` runs it:
md5 hashing (Keras's one_hot with hash_function="md5"), pad_sequences(maxlen=4, padding="post"),
Embedding(50, 8) with Keras's U(±0.05) → Flatten → Dense(1, sigmoid) with Keras's glorot_uniform kernel and zero bias,
Adam(lr 1e-3), binary cross-entropy, 50 epochs of one full batch (10 sentences). Counts the seeds 0–9 that end with
100 % training accuracy (p > 0.5 counts as class 1, as Keras's binary accuracy).

    /usr/bin/python3 tools/text/torch_seeds_sentiment.py [--seeds 10] [--epochs 50]
"""
import argparse
import csv
import math
import os
from hashlib import md5

import torch

FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'


def words(text):
    text = text.lower().translate(str.maketrans({c: " " for c in FILTERS}))
    return [w for w in text.split(" ") if w]


def one_hot(text, n):
    return [int(md5(w.encode()).hexdigest(), 16) % (n - 1) + 1 for w in words(text)]


def pad_post(seqs, maxlen):
    return [(s[:maxlen] + [0] * maxlen)[:maxlen] for s in seqs]


def run(seed, docs, labels, vocab, maxlen, embedding, epochs):
    torch.manual_seed(seed)
    x = torch.tensor(pad_post([one_hot(d, vocab) for d in docs], maxlen))
    y = torch.tensor(labels, dtype=torch.float32).unsqueeze(1)
    emb = torch.nn.Embedding(vocab, embedding)
    dense = torch.nn.Linear(maxlen * embedding, 1)
    with torch.no_grad():
        emb.weight.uniform_(-0.05, 0.05)
        limit = math.sqrt(6 / (maxlen * embedding + 1))
        dense.weight.uniform_(-limit, limit)
        dense.bias.zero_()
    params = list(emb.parameters()) + list(dense.parameters())
    opt = torch.optim.Adam(params, lr=1e-3, eps=1e-7)
    for _ in range(epochs):
        opt.zero_grad()
        p = torch.sigmoid(dense(emb(x).flatten(1)))
        loss = torch.nn.functional.binary_cross_entropy(p, y)
        loss.backward()
        opt.step()
    with torch.no_grad():
        p = torch.sigmoid(dense(emb(x).flatten(1)))
        accuracy = ((p > 0.5).float() == y).float().mean().item()
        final = torch.nn.functional.binary_cross_entropy(p, y).item()
    return accuracy, final


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--epochs", type=int, default=50)
    args = parser.parse_args()
    path = os.path.join(os.path.dirname(__file__), "..", "..", "samples", "text", "seeds-sentiment.csv")
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    docs, labels = [r["text"] for r in rows], [int(r["label"]) for r in rows]
    perfect = 0
    for seed in range(args.seeds):
        accuracy, loss = run(seed, docs, labels, 50, 4, 8, args.epochs)
        perfect += accuracy == 1.0
        print(f"seed {seed}: accuracy {accuracy:.2f}, loss {loss:.4f}")
    print(f"100 % training accuracy for {perfect} of {args.seeds} seeds")


if __name__ == "__main__":
    main()
