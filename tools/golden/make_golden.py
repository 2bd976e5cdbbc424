#!/usr/bin/env python3
"""Writes the golden files that tests/Autoencoders.Tensors.Tests reads, from PyTorch on fixed inputs.

Run with Debian's python3-torch:  /usr/bin/python3 tools/golden/make_golden.py
The C# tests read the JSON files, so CI needs no torch. Weights are stored as our Dense layer holds them:
kernel (in, out) = the transpose of nn.Linear.weight (out, in).
"""
import json, os
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "Autoencoders.Tensors.Tests", "Golden")
g = torch.Generator().manual_seed(20261124)


def values(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def write(name, data):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(data, f, indent=1)
    print("wrote", name)


def dense_case(activation, loss):
    x = torch.rand(4, 5, generator=g) * 2 - 1
    layer = torch.nn.Linear(5, 3)
    with torch.no_grad():
        layer.weight.copy_(torch.rand(3, 5, generator=g) - 0.5)
        layer.bias.copy_(torch.rand(3, generator=g) - 0.5)
    target = torch.rand(4, 3, generator=g)
    x.requires_grad_(True)
    z = layer(x)
    y = torch.sigmoid(z) if activation == "sigmoid" else F.relu(z)
    value = F.binary_cross_entropy(y, target) if loss == "bce" else F.mse_loss(y, target)
    value.backward()
    return {"activation": activation, "loss": loss, "x": values(x), "kernel": values(layer.weight.t()), "bias": values(layer.bias),
            "target": values(target), "y": values(y), "loss_value": float(value), "dx": values(x.grad),
            "dkernel": values(layer.weight.grad.t()), "dbias": values(layer.bias.grad)}


def optimizer_case(make, steps=5, size=7):
    p = torch.nn.Parameter(torch.rand(size, generator=g) - 0.5)
    initial = values(p)
    opt = make([p])
    grads, after = [], []
    for _ in range(steps):
        grad = torch.rand(size, generator=g) * 2 - 1
        p.grad = grad.clone()
        opt.step()
        grads.append(values(grad))
        after.append(values(p))
    return {"initial": initial, "gradients": grads, "parameters": after}


write("dense.json", [dense_case("sigmoid", "bce"), dense_case("relu", "mse")])
write("optimizers.json", {
    "adam": optimizer_case(lambda ps: torch.optim.Adam(ps, lr=1e-3)),
    "adam_weight_decay": optimizer_case(lambda ps: torch.optim.Adam(ps, lr=1e-2, weight_decay=0.1)),
    "sgd_momentum": optimizer_case(lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9)),
    "sgd_nesterov": optimizer_case(lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True)),
    "rmsprop": optimizer_case(lambda ps: torch.optim.RMSprop(ps, lr=1e-2, alpha=0.9, eps=1e-7)),
})
z = torch.randn(6, 4, generator=g) * 3
t = torch.rand(6, 4, generator=g)
p = torch.sigmoid(z)
losses = {"logits": values(z), "target": values(t), "probability": values(p),
          "mse": float(F.mse_loss(p, t)), "bce": float(F.binary_cross_entropy(p, t)),
          "bce_with_logits": float(F.binary_cross_entropy_with_logits(z, t))}
zz = z.clone().requires_grad_(True)
F.binary_cross_entropy_with_logits(zz, t).backward()
losses["dlogits"] = values(zz.grad)
pp = p.clone().requires_grad_(True)
F.binary_cross_entropy(pp, t).backward()
losses["dprobability_bce"] = values(pp.grad)
pp.grad = None
F.mse_loss(pp, t).backward()
losses["dprobability_mse"] = values(pp.grad)
write("losses.json", losses)
