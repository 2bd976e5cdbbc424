#!/usr/bin/env python3
"""Writes tests/Autoencoders.Tensors.Tests/Golden/conv1d.json: PyTorch's 1-D sequence ops on fixed inputs.

Run with Debian's python3-torch (1.13), from anywhere:

    /usr/bin/python3 tools/golden/make_conv1d_golden.py

As make_conv_golden.py: inputs from a fixed seed rounded to 3 decimals, every number a float32 written exactly, and
each case pushed back through L = Σ w ∘ y with fixed random weights w ("weights"). The sequences are stored in OUR
layout, channels last (N, T, C) as Keras's, and permuted to PyTorch's (N, C, T) for the call; y, dx and w likewise.
Kernels are PyTorch's: Conv1d's weight (O, C, k), ConvTranspose1d's (C, O, k).

Cases:
  conv1d_*            F.conv1d: strides 1 and 2, padding, odd lengths, with and without bias, 1×1, fewer outputs than
                      inputs (the engine's channel-mixing path): y, dx, dkernel, dbias.
  transposed1d_*      F.conv_transpose1d: strides 1 and 2, padding, output padding (the conv1d preset's 7/2/3/1).
  max_pool1d_*        F.max_pool1d (odd lengths, overlapping windows, ties: the gradient goes to the first maximum).
  upsample1d_*        F.interpolate(mode="nearest") with an integer factor (Keras's UpSampling1D): y, dx.
  global_*_masked     the mean and the maximum over time of the steps whose mask (N, T) is 1, written with plain torch ops
                      (PyTorch has no masked pooling): y (N, C), dx. Sequence 1 has its last steps masked, sequence 2
                      none, sequence 0 an inner step too.
"""
import os

import torch
import torch.nn.functional as F

import golden_json

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(ROOT, "tests", "Autoencoders.Tensors.Tests", "Golden")
GENERATOR = f"tools/golden/make_conv1d_golden.py, torch {torch.__version__}"
g = torch.Generator().manual_seed(20261202)

BATCH = 3


def uniform(*shape, low=-1.0, high=1.0):
    return rounded(torch.rand(*shape, generator=g) * (high - low) + low)


def rounded(t):
    return torch.round(t * 1000) / 1000


def floats(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def channels_first(t):
    return t.permute(0, 2, 1)


def backward_through_weights(y, *inputs):
    """L = Σ w ∘ y (y channels last) with w uniform in [-1, 1): returns w and dL/d(each input)."""
    w = uniform(*y.shape)
    (w * y).sum().backward()
    return w, [t.grad for t in inputs]


def conv_case(name, transposed, in_channels, out_channels, steps, kernel, stride, padding, output_padding=0, bias=True):
    x = uniform(BATCH, steps, in_channels).requires_grad_(True)  # (N, T, C)
    fan_in = (out_channels if transposed else in_channels) * kernel
    kernel_shape = (in_channels, out_channels, kernel) if transposed else (out_channels, in_channels, kernel)
    w = rounded(uniform(*kernel_shape) / fan_in ** 0.5).requires_grad_(True)
    b = uniform(out_channels).requires_grad_(True) if bias else None
    if transposed:
        y = F.conv_transpose1d(channels_first(x), w, b, stride=stride, padding=padding, output_padding=output_padding)
    else:
        y = F.conv1d(channels_first(x), w, b, stride=stride, padding=padding)
    y = channels_first(y)  # back to (N, T', O)
    inputs = [x, w] + ([b] if bias else [])
    weights, grads = backward_through_weights(y, *inputs)
    case = {
        "name": name, "transposed": transposed, "stride": stride, "padding": padding, "output_padding": output_padding,
        "bias": bias, "x_shape": list(x.shape), "kernel_shape": list(w.shape), "y_shape": list(y.shape),
        "x": floats(x), "kernel": floats(w), "weights": floats(weights), "y": floats(y.contiguous()),
        "dx": floats(grads[0]), "dkernel": floats(grads[1]),
    }
    if bias:
        case["bias_values"], case["dbias"] = floats(b), floats(grads[2])
    return case


def distinct(*shape):
    count = 1
    for d in shape:
        count *= d
    return ((torch.randperm(count, generator=g) - count // 2).float() / 1000).reshape(shape)


def ties(*shape):
    return torch.randint(0, 3, shape, generator=g).float() / 4


def resampling_case(name, x, pool=0, stride=0, factor=0):
    """F.max_pool1d(x, pool, stride), or with a factor nearest upsampling; x and y channels last."""
    x = x.detach().clone().requires_grad_(True)
    if factor:
        y = F.interpolate(channels_first(x), scale_factor=factor, mode="nearest")
    else:
        y = F.max_pool1d(channels_first(x), pool, stride=stride)
    y = channels_first(y)
    weights, (dx,) = backward_through_weights(y, x)
    return {"name": name, "pool": pool, "stride": stride, "factor": factor, "x_shape": list(x.shape), "y_shape": list(y.shape),
            "x": floats(x), "weights": floats(weights), "y": floats(y.contiguous()), "dx": floats(dx)}


def global_case(name, kind, steps, channels):
    x = uniform(BATCH, steps, channels).requires_grad_(True)
    mask = torch.ones(BATCH, steps)
    mask[0, 2] = 0
    mask[0, -1] = 0
    mask[1, steps - 3:] = 0
    m = mask.unsqueeze(-1)
    if kind == "average":
        y = (x * m).sum(dim=1) / m.sum(dim=1)
    else:
        y = torch.where(m > 0, x, torch.full_like(x, -float("inf"))).max(dim=1).values
    weights, (dx,) = backward_through_weights(y, x)
    return {"name": name, "kind": kind, "x_shape": list(x.shape), "mask": floats(mask), "x": floats(x),
            "weights": floats(weights), "y": floats(y), "dx": floats(dx)}


torch.set_num_threads(1)
golden_json.write(OUT, ROOT, GENERATOR, "conv1d.json", {"cases": [
    conv_case("conv1d_k5_same", False, 2, 3, 11, 5, 1, 2),
    conv_case("conv1d_k7_stride2_padding3", False, 1, 4, 17, 7, 2, 3),       # the conv1d preset's, on an odd length
    conv_case("conv1d_k7_stride2_padding3_even", False, 3, 2, 16, 7, 2, 3, bias=False),
    conv_case("conv1d_k3_stride2_odd", False, 2, 3, 10, 3, 2, 0),            # 4 positions: the last step unread
    conv_case("conv1d_k1", False, 3, 2, 9, 1, 1, 0, bias=False),
    conv_case("conv1d_k3_fewer_outputs", False, 4, 1, 13, 3, 1, 1),          # channels mixed first, taps summed
    conv_case("transposed1d_k7_stride2_padding3_output_padding1", True, 3, 2, 9, 7, 2, 3, 1),  # the preset's: T·2
    conv_case("transposed1d_k7_stride1_padding3", True, 3, 1, 11, 7, 1, 3),  # the preset's last layer (32 → 1)
    conv_case("transposed1d_k3_stride2", True, 2, 3, 7, 3, 2, 0, bias=False),
    conv_case("transposed1d_k4_stride3_padding1_output_padding2", True, 2, 2, 5, 4, 3, 1, 2),
    resampling_case("max_pool1d_2", distinct(BATCH, 11, 2), pool=2, stride=2),   # 5 windows: the last step dropped
    resampling_case("max_pool1d_3_stride2", distinct(BATCH, 10, 2), pool=3, stride=2),  # overlapping windows
    resampling_case("max_pool1d_3_stride2_ties", ties(BATCH, 10, 2), pool=3, stride=2),
    resampling_case("upsample1d_2", uniform(BATCH, 5, 2), factor=2),
    resampling_case("upsample1d_3", uniform(BATCH, 4, 3), factor=3),
    global_case("global_average_masked", "average", 7, 3),
    global_case("global_max_masked", "max", 7, 3),
]})
