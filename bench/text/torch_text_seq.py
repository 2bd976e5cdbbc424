#!/usr/bin/env python3
"""PyTorch twin of `bench text-seq` (bench/Autoencoders.Bench/TextSeqBench.cs): the `seq` text autoencoder of
`ae text train --model seq` — Embedding(2001, 64) → GRU(32) over the real words (packed sequences, the equivalent of
Keras's mask) → the last state is the code → repeated 40 times → GRU(64) → Linear(2001) per step, cross-entropy over
every step (the padding ids included, as the C# model's loss) — trained with Adam at batch 64 on 2,048 documents of
5 to 40 random ids padded at the end. One warm-up pass of 10 batches, then the median of --repeats timed epochs.
Prints one JSON line: {"workload": "seq", "train_samples_per_s": ...}.

    /usr/bin/python3 bench/text/torch_text_seq.py [--threads 2] [--repeats 3]
"""
import argparse
import json
import time

import torch

DOCUMENTS, STEPS, VOCABULARY, BATCH, EMBEDDING, CODE = 2048, 40, 2001, 64, 64, 32


class Seq(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = torch.nn.Embedding(VOCABULARY, EMBEDDING)
        self.encoder = torch.nn.GRU(EMBEDDING, CODE, batch_first=True)
        self.decoder = torch.nn.GRU(CODE, EMBEDDING, batch_first=True)
        self.output = torch.nn.Linear(EMBEDDING, VOCABULARY)

    def forward(self, ids, lengths):
        packed = torch.nn.utils.rnn.pack_padded_sequence(self.embedding(ids), lengths, batch_first=True, enforce_sorted=False)
        _, code = self.encoder(packed)  # (1, N, CODE): the state after each document's last real word
        repeated = code.transpose(0, 1).expand(-1, STEPS, -1)
        steps, _ = self.decoder(repeated)
        return self.output(steps)  # (N, T, V) logits


def epoch(model, optimizer, ids, lengths, batches=None):
    order = torch.randperm(ids.shape[0])
    count = 0
    for start in range(0, ids.shape[0], BATCH):
        if batches is not None and count == batches:
            break
        index = order[start:start + BATCH]
        optimizer.zero_grad()
        logits = model(ids[index], lengths[index])
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, VOCABULARY), ids[index].reshape(-1))
        loss.backward()
        optimizer.step()
        count += 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    lengths = torch.randint(5, STEPS + 1, (DOCUMENTS,))
    ids = torch.zeros(DOCUMENTS, STEPS, dtype=torch.long)
    for d in range(DOCUMENTS):
        ids[d, :lengths[d]] = torch.randint(1, VOCABULARY, (int(lengths[d]),))
    model = Seq()
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    epoch(model, optimizer, ids, lengths, batches=10)
    seconds = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        epoch(model, optimizer, ids, lengths)
        seconds.append(time.perf_counter() - start)
    seconds.sort()
    print(json.dumps({"workload": "seq", "train_samples_per_s": DOCUMENTS / seconds[len(seconds) // 2], "threads": args.threads}))


if __name__ == "__main__":
    main()
