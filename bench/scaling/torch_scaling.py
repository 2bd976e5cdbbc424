#!/usr/bin/env python3
"""PyTorch's side of the bench's --scaling: train samples/s against batch size, width and threads.

Reuses ../shared/bench/torch_reference.py (its data loading, models, epoch loop and OpenBLAS core choice, all set
up on import) and varies one thing at a time, timing as it does (one warm-up pass of 10 batches, the median of
--repeats timed epochs over --train-samples images):
  batch    the dense workload (784-32-784) at each of --batches
  width    a 784-N-784 dense autoencoder (ReLU code, sigmoid output, BCE: dense with N code units), batch 256, N in --widths
  threads  each of --workloads at its own batch size with torch.set_num_threads(T), T in --thread-counts
Run with Debian's python3 (/usr/bin/python3), which has torch. Prints one JSON line per figure:
{"sweep": "batch"|"width"|"threads", "workload": ..., "value": ..., "threads": ..., "train_samples_per_s": ...}
"""
import argparse, json, os, sys, time


def import_reference(path):
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    import torch_reference
    return torch_reference


def ints(text):
    return [int(v) for v in text.split(",") if v]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser()
    p.add_argument("--reference", default=os.path.join(here, "..", "..", "..", "shared", "bench", "torch_reference.py"))
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="threads of the batch and width sweeps")
    p.add_argument("--batches", default="32,64,128,256,512,1024,2048,4096")
    p.add_argument("--widths", default="32,64,128,256,512,1024,2048,4096")
    p.add_argument("--thread-counts", default="1,2")
    p.add_argument("--workloads", default="dense,deep,conv,vae", help="workloads of the threads sweep")
    p.add_argument("--train-samples", type=int, default=20000)
    p.add_argument("--repeats", type=int, default=3)
    a = p.parse_args()
    ref = import_reference(a.reference)  # sets OPENBLAS_NUM_THREADS and OPENBLAS_CORETYPE before torch loads
    import torch
    from torch import nn

    class Wide(ref.Dense):
        """torch_reference's dense autoencoder with `width` code units instead of 32."""

        def __init__(self, width):
            super().__init__()
            self.enc, self.dec = nn.Linear(784, width), nn.Linear(width, 784)

    xtr, _ = ref.load(a.data)
    sub = xtr[: a.train_samples]

    def speed(make, batch, threads):
        torch.set_num_threads(threads)
        torch.manual_seed(0)
        gen = torch.Generator().manual_seed(0)
        model = make()
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        ref.epoch(model, opt, sub[: 10 * batch], batch, gen)  # warm-up
        times = []
        for _ in range(a.repeats):
            t = time.perf_counter()
            ref.epoch(model, opt, sub, batch, gen)
            times.append(time.perf_counter() - t)
        return round(sub.shape[0] / sorted(times)[len(times) // 2], 1)

    def row(sweep, workload, value, threads, samples_per_s):
        print(json.dumps({"sweep": sweep, "workload": workload, "value": value, "threads": threads,
                          "openblas_core": os.environ.get("OPENBLAS_CORETYPE", "auto"), "train_samples_per_s": samples_per_s}), flush=True)

    for batch in ints(a.batches):
        row("batch", "dense", batch, a.threads, speed(ref.Dense, batch, a.threads))
    for width in ints(a.widths):
        row("width", "dense", width, a.threads, speed(lambda: Wide(width), 256, a.threads))
    for name in [w for w in a.workloads.split(",") if w]:
        cls, batch = ref.WORKLOADS[name]
        for threads in ints(a.thread_counts):
            row("threads", name, threads, threads, speed(cls, batch, threads))


if __name__ == "__main__":
    main()
