#!/usr/bin/env python3
"""Writes indexing.json, which tests/Autoencoders.Tensors.Tests/Golden/IndexingGoldenTests.cs reads: PyTorch on fixed
inputs for the token and joining ops and the softmax cross-entropies.

Run with Debian's python3-torch (1.13), from anywhere:

    /usr/bin/python3 tools/golden/make_indexing_golden.py

As make_conv_golden.py: inputs from a fixed seed rounded to 3 decimals, every number a float32 written exactly, and
every op without a loss of its own pushed back through L = Σ w ∘ y with fixed random weights w ("weights").
Layouts are ours (batch first, classes last); PyTorch's cross_entropy wants the classes on axis 1, so 3-D logits
(N, T, K) go to it permuted to (N, K, T), and the gradient comes back in (N, T, K).

Cases:
  embedding_*     nn.Embedding: table (V, D), ids (N, T) with repeated ids and rows that no id picks: y, dtable.
  sparse_*        F.cross_entropy with integer targets, 2-D and 3-D logits, one row of large logits (+60) that a naive
                  log Σ e^z would overflow: loss, dlogits.
  probability_*   F.cross_entropy with probability targets (rows of a softmax), 2-D and 3-D: loss, dlogits.
  cat_*           torch.cat of 2 or 3 tensors along axis 1 or the last: y and each operand's gradient.
  slice_*         x[:, start:start+length] and x[..., start:start+length]: y, dx.
"""
import os

import torch
import torch.nn.functional as F

import golden_json

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(ROOT, "tests", "Autoencoders.Tensors.Tests", "Golden")
GENERATOR = f"tools/golden/make_indexing_golden.py, torch {torch.__version__}"
g = torch.Generator().manual_seed(20261202)


def uniform(*shape, low=-1.0, high=1.0):
    return torch.round((torch.rand(*shape, generator=g) * (high - low) + low) * 1000) / 1000


def floats(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def weighted(y):
    w = uniform(*y.shape)
    (w * y).sum().backward()
    return w


def embedding_case(name, vocabulary, width, ids):
    ids = torch.tensor(ids, dtype=torch.long)
    layer = torch.nn.Embedding(vocabulary, width)
    with torch.no_grad():
        layer.weight.copy_(uniform(vocabulary, width))
    y = layer(ids)
    w = weighted(y)
    return {"name": name, "table_shape": [vocabulary, width], "table": floats(layer.weight), "ids_shape": list(ids.shape),
            "ids": [float(i) for i in ids.reshape(-1).tolist()], "y_shape": list(y.shape), "y": floats(y),
            "weights": floats(w), "dtable": floats(layer.weight.grad)}


def classes_first(z):
    return z if z.dim() == 2 else z.permute(0, 2, 1)


def sparse_case(name, shape, large_row=None):
    z = uniform(*shape, low=-3, high=3)
    if large_row is not None:
        z.view(-1, shape[-1])[large_row] += 60
    z.requires_grad_(True)
    targets = torch.randint(0, shape[-1], shape[:-1], generator=g)
    loss = F.cross_entropy(classes_first(z), targets)
    loss.backward()
    return {"name": name, "logits_shape": list(shape), "logits": floats(z), "targets_shape": list(targets.shape),
            "targets": [float(t) for t in targets.reshape(-1).tolist()], "loss": float(loss), "dlogits": floats(z.grad)}


def probability_case(name, shape):
    z = uniform(*shape, low=-3, high=3).requires_grad_(True)
    targets = torch.round(torch.softmax(uniform(*shape, low=-2, high=2), -1) * 1000) / 1000
    targets = targets / targets.sum(-1, keepdim=True)  # exact rows of probabilities after rounding
    loss = F.cross_entropy(classes_first(z), classes_first(targets))
    loss.backward()
    return {"name": name, "logits_shape": list(shape), "logits": floats(z), "targets": floats(targets),
            "loss": float(loss), "dlogits": floats(z.grad)}


def cat_case(name, shapes, axis):
    parts = [uniform(*s).requires_grad_(True) for s in shapes]
    y = torch.cat(parts, dim=axis)
    w = weighted(y)
    return {"name": name, "axis": axis, "shapes": [list(s) for s in shapes], "parts": [floats(p) for p in parts],
            "y_shape": list(y.shape), "y": floats(y), "weights": floats(w), "grads": [floats(p.grad) for p in parts]}


def slice_case(name, shape, axis, start, length):
    x = uniform(*shape).requires_grad_(True)
    y = x.narrow(axis if axis >= 0 else x.dim() + axis, start, length)
    w = weighted(y)
    return {"name": name, "axis": axis, "start": start, "length": length, "x_shape": list(shape), "x": floats(x),
            "y_shape": list(y.shape), "y": floats(y), "weights": floats(w), "dx": floats(x.grad)}


cases = [
    # Row 2 is picked three times, row 0 twice; rows 5 and 6 by no id.
    embedding_case("embedding_repeated_and_unused", 7, 4, [[2, 0, 2, 1], [3, 2, 0, 4]]),
    embedding_case("embedding_single_steps", 5, 3, [[4], [0], [4]]),
    sparse_case("sparse_2d", (6, 5), large_row=2),
    sparse_case("sparse_3d", (2, 4, 3), large_row=5),
    probability_case("probability_2d", (5, 4)),
    probability_case("probability_3d", (2, 3, 4)),
    cat_case("cat_two_last_axis", [(2, 3, 4), (2, 3, 2)], -1),
    cat_case("cat_three_axis1", [(2, 3, 4), (2, 1, 4), (2, 2, 4)], 1),
    cat_case("cat_two_2d", [(3, 2), (3, 5)], 1),
    slice_case("slice_axis1", (2, 5, 3), 1, 1, 3),
    slice_case("slice_last_axis", (2, 3, 6), -1, 4, 2),
]

golden_json.write(OUT, ROOT, GENERATOR, "indexing.json", {"cases": cases})
