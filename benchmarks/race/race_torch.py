#!/usr/bin/env python3
"""PyTorch's side of the race (see race.sh): the same synthetic 60,000x784 data as
org.optbench.benchmarks.race.Race, one warm-up epoch, then --repeats timed epochs (default 1); prints the
fastest as seconds=..."""
import argparse
import sys
import time

import numpy as np
import torch
from torch import nn

COUNT, FEATURES, CLASSES = 60_000, 784, 10


def data():
    i = np.arange(COUNT, dtype=np.int64)[:, None]
    j = np.arange(FEATURES, dtype=np.int64)[None, :]
    value = (i * 131 + j * 29 + (i * j) % 7) % 256
    x = value.astype(np.float32) / np.float32(255)
    k = np.arange(COUNT, dtype=np.int64)
    labels = (k * 7 + k // 13) % 10
    return torch.from_numpy(np.ascontiguousarray(x)), torch.from_numpy(labels)


def build(name):
    if name == "mlp128":
        return nn.Sequential(nn.Linear(FEATURES, 128), nn.ReLU(), nn.Linear(128, CLASSES))
    if name == "mlp256":
        return nn.Sequential(nn.Linear(FEATURES, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                             nn.Linear(128, CLASSES))
    if name == "cnn":
        return nn.Sequential(nn.Unflatten(1, (1, 28, 28)),
                             nn.Conv2d(1, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
                             nn.Conv2d(16, 32, 5), nn.ReLU(), nn.MaxPool2d(2),
                             nn.Flatten(), nn.Linear(512, 128), nn.ReLU(), nn.Linear(128, CLASSES))
    sys.exit("race_torch: model must be mlp128, mlp256 or cnn, got " + name)


def epoch(model, optimizer, loss_fn, x, y, batch, batches, generator):
    order = torch.randperm(COUNT, generator=generator)
    total = 0.0
    for b in range(batches):
        index = order[b * batch:(b + 1) * batch]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x[index]), y[index])
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / batches


def peak(n, threads, repeats):
    """The fastest of `repeats` n x n x n products after one warm-up, as gflops=... (2 n^3 FLOP each)."""
    a = torch.rand(n, n, generator=torch.Generator().manual_seed(3)) - 0.5
    b = torch.rand(n, n, generator=torch.Generator().manual_seed(4)) - 0.5
    torch.mm(a, b)
    best = best_cpu = float("inf")
    for _ in range(repeats):
        cpu = time.process_time()
        start = time.perf_counter()
        torch.mm(a, b)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    print(f"peak n={n} threads={threads} seconds={best:.4f} gflops={2 * n ** 3 / best / 1e9:.1f} "
          f"gflops_cpu={2 * n ** 3 / max(best_cpu, 1e-9) / 1e9:.1f} torch={torch.__version__}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="mlp128")
    parser.add_argument("--optimizer", default="momentum")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=-1)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--peak", type=int, default=0,
                        help="instead of training: time torch.mm (OpenBLAS SGEMM) on two N x N float32 matrices")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.peak > 0:
        peak(args.peak, args.threads, max(args.repeats, 3))
        return
    torch.manual_seed(1)
    x, y = data()
    model = build(args.model)
    if args.optimizer == "momentum":
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    elif args.optimizer == "adam":
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    else:
        sys.exit("race_torch: optimizer must be momentum or adam, got " + args.optimizer)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(2)
    batches = (COUNT + args.batch - 1) // args.batch
    epoch(model, optimizer, loss_fn, x, y, args.batch, batches if args.warmup < 0 else args.warmup, generator)
    # The fastest of --repeats timed epochs: on a shared machine the minimum is the least disturbed one.
    times = []
    cpu_times = []
    for _ in range(args.repeats):
        cpu = time.process_time()
        start = time.perf_counter()
        loss = epoch(model, optimizer, loss_fn, x, y, args.batch, batches, generator)
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu)
    print(f"model={args.model} optimizer={args.optimizer} batch={args.batch} threads={args.threads} "
          f"seconds={min(times):.4f} cpu_seconds={min(cpu_times):.4f} epochs={','.join(f'{t:.4f}' for t in times)} loss={loss:.4f} "
          f"torch={torch.__version__}")


if __name__ == "__main__":
    main()
