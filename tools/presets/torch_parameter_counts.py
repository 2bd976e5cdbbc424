#!/usr/bin/env python3
"""Parameter counts of every `ae train --model` preset, built as the same network in PyTorch.

Run with Debian's python3-torch (1.13): /usr/bin/python3 tools/presets/torch_parameter_counts.py
Writes tests/Autoencoders.Nn.Tests/Presets/torch_parameter_counts.json, which the C# tests compare with
Summary()'s totals, so CI needs no torch. "parameters" is sum(p.numel()) over model.parameters() (Keras's
trainable count); "buffers" adds BatchNorm's running mean and variance (Keras's non-trainable count; the
num_batches_tracked counters, which Keras does not have, are left out). "lstm_second_biases": nn.LSTM's b_hh, which
Keras does not have (one bias per LSTM, = b_ih + b_hh): Keras's trainable count is parameters − lstm_second_biases.
"""
import json, os
import torch
from torch import nn

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(ROOT, "tests", "Autoencoders.Nn.Tests", "Presets", "torch_parameter_counts.json")


def mlp(sizes):
    return nn.Sequential(*[nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])


def conv_reference():  # ../shared/bench/torch_reference.py's Conv
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.ConvTranspose2d(32, 32, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
        nn.ConvTranspose2d(32, 32, 3, stride=2, padding=1, output_padding=1), nn.ReLU(), nn.Conv2d(32, 1, 3, padding=1), nn.Sigmoid())


def conv_deep():  # the seeds' convolutional project
    return nn.Sequential(
        nn.Conv2d(1, 64, 3, padding=1), nn.ReLU(),
        nn.Conv2d(64, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(128, 256, 3, padding=1), nn.BatchNorm2d(256), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(256, 1, 3, padding=1), nn.ReLU(), nn.Flatten(), nn.Dropout(0.25), nn.Linear(49, 49), nn.ReLU(),
        nn.Linear(49, 49), nn.ReLU(), nn.Linear(49, 784), nn.ReLU(), nn.Unflatten(1, (1, 28, 28)),
        nn.Conv2d(1, 64, 3, padding=1), nn.ReLU(), nn.Conv2d(64, 1, 3, padding=1), nn.Sigmoid())


def conv1d_reference():  # ../shared/bench/torch_reference.py's Conv1d (the Keras time-series anomaly example)
    return nn.Sequential(
        nn.Conv1d(1, 32, 7, stride=2, padding=3), nn.ReLU(), nn.Dropout(0.2), nn.Conv1d(32, 16, 7, stride=2, padding=3), nn.ReLU(),
        nn.ConvTranspose1d(16, 16, 7, stride=2, padding=3, output_padding=1), nn.ReLU(), nn.Dropout(0.2),
        nn.ConvTranspose1d(16, 32, 7, stride=2, padding=3, output_padding=1), nn.ReLU(), nn.ConvTranspose1d(32, 1, 7, padding=3))


class Vae(nn.Module):  # torch_reference.py's Vae
    def __init__(self):
        super().__init__()
        self.fc1, self.mu, self.lv = nn.Linear(784, 400), nn.Linear(400, 20), nn.Linear(400, 20)
        self.fc3, self.fc4 = nn.Linear(20, 400), nn.Linear(400, 784)


class Lstm(nn.Module):  # torch_reference.py's Lstm
    def __init__(self):
        super().__init__()
        self.enc = nn.LSTM(28, 64, batch_first=True)
        self.dec = nn.LSTM(64, 64, batch_first=True)
        self.out = nn.Linear(64, 28)


PRESETS = {
    "dense": mlp([784, 32, 784]),
    "deep": mlp([784, 400, 200, 100, 50, 2, 50, 100, 200, 400, 784]),
    "sparse": mlp([784, 32, 784]),
    "denoising": mlp([784, 512, 128, 512, 784]),
    "contractive": mlp([784, 64, 784]),
    "conv": conv_reference(),
    "conv-deep": conv_deep(),
    "vae": Vae(),
    "lstm": Lstm(),
    "dbn": mlp([784, 1000, 500, 250, 30, 250, 500, 1000, 784]),
    "conv1d": conv1d_reference(),
}


def counts(model):
    parameters = sum(p.numel() for p in model.parameters())
    buffers = sum(b.numel() for name, b in model.named_buffers() if not name.endswith("num_batches_tracked"))
    result = {"parameters": parameters, "buffers": buffers}
    # nn.LSTM's b_hh only ever appears added to b_ih: Keras (and ours) keep one bias, so count the second apart.
    second_biases = sum(m.bias_hh_l0.numel() for m in model.modules() if isinstance(m, nn.LSTM))
    if second_biases:
        result["lstm_second_biases"] = second_biases
    return result


if __name__ == "__main__":
    result = {name: counts(model) for name, model in PRESETS.items()}
    result["_generator"] = f"tools/presets/torch_parameter_counts.py, torch {torch.__version__}"
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    print(json.dumps(result, indent=2))
    print(conv_deep())
