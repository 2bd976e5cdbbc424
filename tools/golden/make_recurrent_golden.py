#!/usr/bin/env python3
"""Writes tests/Autoencoders.Tensors.Tests/Golden/recurrent.json: nn.LSTM and nn.GRU (batch_first) on fixed inputs.

Run with Debian's python3-torch (1.13), from anywhere:

    /usr/bin/python3 tools/golden/make_recurrent_golden.py

Like make_conv_golden.py: the C# tests read only the JSON, every number a float32 written exactly; inputs from a fixed
seed rounded to 3 decimals. Each case is pushed back through L = Σ w ∘ out with fixed random w ("weights"), out being
either every step's output y (N, T, H) ("through": "sequences") or the last state h_n (N, H) ("through": "last").
Stored: x, the parameters in our layout, y, h_n, and dL/dx and every parameter's gradient.

Layouts: kernel = weight_ih_l0 (G·H, C), recurrent_kernel = weight_hh_l0 (G·H, H), gates in PyTorch's order (LSTM i, f,
g, o; GRU r, z, n), as ours. Biases: the LSTM has ONE bias, as Keras, = b_ih + b_hh (they only ever appear summed), whose
gradient is that of either (b_ih's is stored); the GRU's bias is (2, 3H) = [b_ih, b_hh], as Keras's reset_after=True stores it.
Masked cases ("lengths"): right padding, run through pack_padded_sequence (enforce_sorted=False) and padded back with
pad_packed_sequence(total_length=T): the output is zero at padded steps and h_n is the state after each sequence's last
real step, which is what a Keras mask (zero_output_for_mask) gives; the C# test passes the mask mask[n, t] = t < length.
"""
import os

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

import golden_json

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(ROOT, "tests", "Autoencoders.Tensors.Tests", "Golden")
GENERATOR = f"tools/golden/make_recurrent_golden.py, torch {torch.__version__}"
g = torch.Generator().manual_seed(20261202)


def uniform(*shape, low=-1.0, high=1.0):
    return torch.round((torch.rand(*shape, generator=g) * (high - low) + low) * 1000) / 1000


def floats(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def case(name, cell, batch, steps, inputs, units, through, lengths=None):
    module = (nn.LSTM if cell == "lstm" else nn.GRU)(inputs, units, batch_first=True)
    with torch.no_grad():  # weights of order 1/√H, as PyTorch's default range, rounded to 3 decimals
        for p in module.parameters():
            p.copy_(uniform(*p.shape) / units ** 0.5)
            p.copy_(torch.round(p * 1000) / 1000)
    x = uniform(batch, steps, inputs).requires_grad_(True)
    if lengths is None:
        y, state = module(x)
    else:
        packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=True, enforce_sorted=False)
        y, state = module(packed)
        y, _ = pad_packed_sequence(y, batch_first=True, total_length=steps)
    h_n = (state[0] if cell == "lstm" else state)[0]  # (N, H): the one layer's last state
    out = y if through == "sequences" else h_n
    w = uniform(*out.shape)
    (w * out).sum().backward()
    b_ih, b_hh = module.bias_ih_l0, module.bias_hh_l0
    result = {
        "name": name, "cell": cell, "through": through, "batch": batch, "steps": steps, "inputs": inputs, "units": units,
        "x": floats(x), "kernel": floats(module.weight_ih_l0), "recurrent_kernel": floats(module.weight_hh_l0),
        "weights": floats(w), "y": floats(y), "h_n": floats(h_n),
        "dx": floats(x.grad), "dkernel": floats(module.weight_ih_l0.grad), "drecurrent_kernel": floats(module.weight_hh_l0.grad),
    }
    if cell == "lstm":
        assert torch.allclose(b_ih.grad, b_hh.grad, rtol=1e-5, atol=1e-6)  # equal up to summation order
        result["bias"], result["dbias"] = floats(b_ih + b_hh), floats(b_ih.grad)
    else:
        result["bias"], result["dbias"] = floats(torch.cat([b_ih, b_hh])), floats(torch.cat([b_ih.grad, b_hh.grad]))
    if lengths is not None:
        result["lengths"] = lengths
    return result


torch.set_num_threads(1)
cases = []
for cell in ("lstm", "gru"):
    cases += [
        case(f"{cell}_sequences", cell, 3, 5, 4, 3, "sequences"),
        case(f"{cell}_last", cell, 3, 5, 4, 3, "last"),
        case(f"{cell}_masked_sequences", cell, 4, 6, 3, 5, "sequences", lengths=[6, 4, 1, 3]),
        case(f"{cell}_masked_last", cell, 4, 6, 3, 5, "last", lengths=[6, 4, 1, 3]),
        # 130 sequences: the engine splits the batch into chunks (RecurrentJob.PartsFor)
        case(f"{cell}_batch130", cell, 130, 3, 2, 4, "sequences"),
    ]
golden_json.write(OUT, ROOT, GENERATOR, "recurrent.json", {"cases": cases})
