#!/usr/bin/env python3
"""Writes the golden files that tests/Autoencoders.Tensors.Tests/Golden reads: PyTorch on fixed inputs.

Run with Debian's python3-torch (1.13), from anywhere:

    /usr/bin/python3 tools/golden/make_golden.py

The C# tests read only the JSON files, so CI needs no torch. Every number is a float32 written in its
shortest form that parses back to the same float32 (numpy's repr), so the files are exact and small.

Files:
  dense.json      a Dense layer (nn.Linear + activation + loss), forward and backward. Our Linear takes
                  the kernel as (in, out): "kernel" is nn.Linear.weight TRANSPOSED, and "dkernel" is its
                  gradient transposed likewise.
  losses.json     MSE, RMSE, BCE, BCE of a sigmoid, BCE with logits: values and input gradients.
  adam.json       torch.optim.Adam, 5 steps on fixed per-step gradients: parameters after each step and
  sgd.json        the optimizer state after the last one; likewise torch.optim.SGD (momentum, Nesterov)
  rmsprop.json    and torch.optim.RMSprop. Hyperparameters are in the files, so the tests read them.
"""
import os

import numpy as np
import torch
import torch.nn.functional as F

import golden_json

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(ROOT, "tests", "Autoencoders.Tensors.Tests", "Golden")
GENERATOR = f"tools/golden/make_golden.py, torch {torch.__version__}"
g = torch.Generator().manual_seed(20261124)

# 19 parameters: more than one SIMD vector at 8 and 16 lanes, plus a scalar tail, so both paths are compared.
OPTIMIZER_SIZE, OPTIMIZER_STEPS = 19, 5


def uniform(*shape, low=-1.0, high=1.0):
    return torch.rand(*shape, generator=g) * (high - low) + low


def floats(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def dense_case(activation, loss):
    """y = activation(x · kernel + bias); loss(y, target). Torch's weight is (out, in): stored transposed."""
    x = uniform(4, 5).requires_grad_(True)
    layer = torch.nn.Linear(5, 3)
    with torch.no_grad():
        layer.weight.copy_(uniform(3, 5, low=-0.8, high=0.8))
        layer.bias.copy_(uniform(3, low=-0.3, high=0.3))
    target = torch.rand(4, 3, generator=g)
    z = layer(x)
    if activation == "relu":
        # ReLU's derivative is undefined at 0: keep every pre-activation clear of it.
        assert z.detach().abs().min() > 1e-3, "a pre-activation is too close to 0; change the seed"
    y = torch.sigmoid(z) if activation == "sigmoid" else F.relu(z)
    value = F.binary_cross_entropy(y, target) if loss == "bce" else F.mse_loss(y, target)
    value.backward()
    return {
        "name": f"{activation}_{loss}", "activation": activation, "loss": loss,
        "x": floats(x), "kernel": floats(layer.weight.t()), "bias": floats(layer.bias), "target": floats(target),
        "y": floats(y), "loss_value": float(value),
        "dx": floats(x.grad), "dkernel": floats(layer.weight.grad.t()), "dbias": floats(layer.bias.grad),
    }


def optimizer_case(make, hyperparameters, state_names):
    """OPTIMIZER_STEPS steps of make([p]) with fresh random gradients; records p after each step."""
    p = torch.nn.Parameter(uniform(OPTIMIZER_SIZE, low=-0.5, high=0.5))
    initial = floats(p)
    optimizer = make([p])
    gradients, parameters = [], []
    for _ in range(OPTIMIZER_STEPS):
        gradient = uniform(OPTIMIZER_SIZE)
        p.grad = gradient.clone()
        optimizer.step()
        gradients.append(floats(gradient))
        parameters.append(floats(p))
    state = optimizer.state[p]
    return {
        "hyperparameters": hyperparameters, "initial": initial, "gradients": gradients, "parameters": parameters,
        "state": {name: floats(state[name]) for name in state_names},
    }


def adam(lr=1e-3, weight_decay=0.0):
    h = {"lr": lr, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": weight_decay}
    return optimizer_case(lambda ps: torch.optim.Adam(ps, lr=lr, weight_decay=weight_decay),  # torch defaults otherwise
                          h, ["exp_avg", "exp_avg_sq"])


def sgd(momentum, nesterov=False, weight_decay=0.0, lr=0.1):
    h = {"lr": lr, "momentum": momentum, "nesterov": nesterov, "weight_decay": weight_decay}
    return optimizer_case(lambda ps: torch.optim.SGD(ps, lr=lr, momentum=momentum, nesterov=nesterov, weight_decay=weight_decay),
                          h, ["momentum_buffer"] if momentum else [])


def rmsprop(lr=1e-2, weight_decay=0.0):
    h = {"lr": lr, "alpha": 0.99, "eps": 1e-8, "weight_decay": weight_decay}
    return optimizer_case(lambda ps: torch.optim.RMSprop(ps, lr=lr, weight_decay=weight_decay),  # torch defaults otherwise
                          h, ["square_avg"])


def losses():
    z = torch.randn(6, 4, generator=g) * 3
    z[0, :2] = torch.tensor([9.0, -9.0])  # saturated logits: p within 1.3e-4 of 1 and of 0
    t = torch.rand(6, 4, generator=g)
    t[1, :2] = torch.tensor([0.0, 1.0])   # hard targets too
    p = torch.sigmoid(z)

    def value_and_gradient(loss, x):
        x = x.detach().clone().requires_grad_(True)
        value = loss(x)
        value.backward()
        return float(value), floats(x.grad)

    data = {"shape": [6, 4], "logits": floats(z), "target": floats(t), "probability": floats(p)}
    cases = {
        "mse": (lambda q: F.mse_loss(q, t), p),
        "rmse": (lambda q: torch.sqrt(F.mse_loss(q, t)), p),
        "bce": (lambda q: F.binary_cross_entropy(q, t), p),
        "bce_of_sigmoid": (lambda logits: F.binary_cross_entropy(torch.sigmoid(logits), t), z),
        "bce_with_logits": (lambda logits: F.binary_cross_entropy_with_logits(logits, t), z),
    }
    for name, (loss, x) in cases.items():
        data[name], data["d_" + name] = value_and_gradient(loss, x)
    return data


def write(name, data):
    golden_json.write(OUT, ROOT, GENERATOR, name, data)


torch.set_num_threads(1)
write("dense.json", {"note": "kernel = nn.Linear.weight transposed, (in, out); dkernel likewise",
                     "cases": [dense_case("sigmoid", "bce"), dense_case("sigmoid", "mse"), dense_case("relu", "mse")]})
write("losses.json", losses())
write("adam.json", {"cases": {"adam": adam(), "adam_weight_decay": adam(weight_decay=0.1)}})
write("sgd.json", {"cases": {"sgd": sgd(0.0), "sgd_momentum": sgd(0.9), "sgd_nesterov": sgd(0.9, nesterov=True),
                             "sgd_momentum_weight_decay": sgd(0.9, weight_decay=0.1)}})
write("rmsprop.json", {"cases": {"rmsprop": rmsprop(), "rmsprop_weight_decay": rmsprop(weight_decay=0.1)}})
