#!/usr/bin/python3
"""Writes PyTorch reference trajectories for the optimizers that have a torch.optim twin.

Run from the repository root with Debian's python3-torch (1.13) and numpy:

    /usr/bin/python3 scripts/torch/optimizer_fixtures.py

It rewrites optimizers/src/test/resources/parity/<optimizer>.txt, which TorchParityTest replays. CI never runs
this script; the fixtures are committed.

To compare the update rules alone, the gradient is not taken by autograd: both sides compute it in float64
with the same expressions in the same order from the float32 parameters, then round it to float32, so torch
and Java see bit-identical gradients at equal parameters. Torch's optimizer then updates float32 parameters
exactly as in training (p.grad set, opt.step()).

File format, one block per case:
    case <id>
    optimizer <name> key=value ...      (our optimizer name and user-facing keys; python repr of doubles)
    weight_decay <w>                    (torch weight_decay; the Java side uses l2 with lambda = w / 2)
    function quadratic <c_1> ... <c_n>                      f = 1/2 sum c_i x_i^2
    function rosenbrock                                     f = (1 - x)^2 + 100 (y - x^2)^2
    function least-squares <m> <n> <A row-major> <b>        f = 1/(2m) |A x - b|^2
    start <x_1> ... <x_n>               (float32 values)
    theta <x_1> ... <x_n>               (one line per update: the parameters after it, float32)
    end
"""

import os
import sys

import numpy as np
import torch

STEPS = 50
# A fixture must be well conditioned: nudging every start coordinate by one float32 ulp may move no parameter
# by more than this (relative to max(1, |theta|)) within the 50 updates. Otherwise rounding differences of a
# few ulps, which torch and Java legitimately have, could be amplified past the Java test's tolerance (1e-5),
# and a failure would say nothing about the formulas.
SENSITIVITY = 1e-6
OUT = os.path.join("optimizers", "src", "test", "resources", "parity")

LEAST_SQUARES_A = [[1.0, 2.0, -1.0], [0.5, -1.5, 3.0], [2.0, 0.25, 1.0], [-1.0, 1.0, 0.5]]
LEAST_SQUARES_B = [1.0, -2.0, 0.5, 3.0]

# name -> (function line, gradient in float64, starting points)
FUNCTIONS = {
    "quadratic-k10": ("quadratic 1.0 10.0", [[3.0, -2.0], [-0.5, 1.5]]),
    "quadratic-k50": ("quadratic 0.5 2.0 50.0", [[1.0, -1.0, 0.3], [-2.0, 0.5, -0.1]]),
    "rosenbrock": ("rosenbrock", [[-1.5, 2.0], [0.5, -0.5]]),
    "least-squares": (
        "least-squares 4 3 " + " ".join(repr(v) for row in LEAST_SQUARES_A for v in row)
        + " " + " ".join(repr(v) for v in LEAST_SQUARES_B),
        [[0.0, 0.0, 0.0], [2.0, -1.0, 1.0]],
    ),
}

# Plain-gradient rules need a rate below 2 / (largest curvature); Rosenbrock's is about 2700 near x = -1.5.
PLAIN_RATE_SCALE = {"quadratic-k10": 1.0, "quadratic-k50": 0.2, "rosenbrock": 0.004, "least-squares": 1.0}


def gradient(function, x):
    """The float64 gradient, written exactly like the Java side of TorchParityTest (same operation order)."""
    if function.startswith("quadratic"):
        curvatures = [float(c) for c in function.split()[1:]]
        return [curvatures[i] * x[i] for i in range(len(x))]
    if function == "rosenbrock":
        return [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]), 200 * (x[1] - x[0] * x[0])]
    m, n = len(LEAST_SQUARES_A), len(LEAST_SQUARES_A[0])
    residual = []
    for j in range(m):
        total = 0.0
        for i in range(n):
            total += LEAST_SQUARES_A[j][i] * x[i]
        residual.append(total - LEAST_SQUARES_B[j])
    result = []
    for i in range(n):
        total = 0.0
        for j in range(m):
            total += LEAST_SQUARES_A[j][i] * residual[j]
        result.append(total / m)
    return result


def f32(value):
    """Shortest decimal that reads back as the same float32 (numpy's repr of a float32)."""
    return repr(np.float32(value)).replace("np.float32(", "").replace(")", "")


def cases():
    """(our name, our keys, torch factory, weight decay, function names, plain-rate flag) per configuration."""
    out = []
    for lr in [0.05, 0.02]:
        out.append(("sgd", {"lr": lr}, lambda p, lr=lr: torch.optim.SGD(p, lr=lr), 0.0, True))
    for lr, momentum in [(0.02, 0.9), (0.05, 0.5)]:
        out.append(("momentum", {"lr": lr, "momentum": momentum},
                    lambda p, lr=lr, m=momentum: torch.optim.SGD(p, lr=lr, momentum=m), 0.0, True))
        out.append(("nesterov-simplified", {"lr": lr, "momentum": momentum},
                    lambda p, lr=lr, m=momentum: torch.optim.SGD(p, lr=lr, momentum=m, nesterov=True), 0.0, True))
    for lr, eps in [(0.1, 1e-7), (0.5, 1e-3), (0.1, 0.5)]:
        out.append(("adagrad", {"lr": lr, "eps": eps},
                    lambda p, lr=lr, eps=eps: torch.optim.Adagrad(p, lr=lr, lr_decay=0, weight_decay=0,
                                                                  initial_accumulator_value=0, eps=eps),
                    0.0, False))
    for lr, rho, eps in [(0.005, 0.9, 1e-7), (0.003, 0.99, 1e-4), (0.005, 0.9, 0.1)]:
        out.append(("rmsprop", {"lr": lr, "rho": rho, "eps": eps, "eps_inside": "false"},
                    lambda p, lr=lr, rho=rho, eps=eps: torch.optim.RMSprop(p, lr=lr, alpha=rho, eps=eps),
                    0.0, False))
    for rho, eps, lr in [(0.95, 1e-6, 1.0), (0.9, 1e-4, 0.5), (0.95, 0.01, 0.2)]:
        out.append(("adadelta", {"rho": rho, "eps": eps, "lr": lr},
                    lambda p, lr=lr, rho=rho, eps=eps: torch.optim.Adadelta(p, lr=lr, rho=rho, eps=eps),
                    0.0, False))
    for lr, beta1, beta2, eps in [(0.001, 0.9, 0.999, 1e-8), (0.05, 0.8, 0.99, 1e-6), (0.02, 0.9, 0.999, 0.1)]:
        out.append(("adam", {"lr": lr, "beta1": beta1, "beta2": beta2, "eps": eps, "eps_inside": "false"},
                    lambda p, lr=lr, b1=beta1, b2=beta2, eps=eps: torch.optim.Adam(p, lr=lr, betas=(b1, b2),
                                                                                    eps=eps),
                    0.0, False))
    for lr, beta1, beta2, eps, decay in [(0.01, 0.9, 0.999, 1e-8, 0.01), (0.05, 0.8, 0.99, 0.1, 0.5)]:
        out.append(("adamw", {"lr": lr, "beta1": beta1, "beta2": beta2, "eps": eps, "weight_decay": decay},
                    lambda p, lr=lr, b1=beta1, b2=beta2, eps=eps, w=decay:
                    torch.optim.AdamW(p, lr=lr, betas=(b1, b2), eps=eps, weight_decay=w),
                    0.0, False))
    for lr, beta1, beta2, eps in [(0.01, 0.9, 0.999, 1e-8), (0.05, 0.8, 0.99, 0.1)]:
        out.append(("amsgrad", {"lr": lr, "beta1": beta1, "beta2": beta2, "eps": eps},
                    lambda p, lr=lr, b1=beta1, b2=beta2, eps=eps:
                    torch.optim.Adam(p, lr=lr, betas=(b1, b2), eps=eps, amsgrad=True),
                    0.0, False))
    # torch weight_decay w against our l2 with lambda = w / 2 (docs/math.md, "Regularizers")
    out.append(("momentum", {"lr": 0.02, "momentum": 0.9},
                lambda p: torch.optim.SGD(p, lr=0.02, momentum=0.9, weight_decay=0.1), 0.1, True))
    out.append(("adam", {"lr": 0.05, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "eps_inside": "false"},
                lambda p: torch.optim.Adam(p, lr=0.05, weight_decay=0.2), 0.2, False))
    return out


def run(name, factory, function, start, rate_scale, plain):
    """The trajectory, after checking that it is well conditioned (see SENSITIVITY)."""
    lr, rows = trajectory(factory, function, start, rate_scale, plain)
    nudged = [float(np.nextafter(np.float32(v), np.float32(np.inf))) for v in start]
    _, nudged_rows = trajectory(factory, function, nudged, rate_scale, plain)
    for step, (row, other) in enumerate(zip(rows, nudged_rows)):
        a = np.array(row.split(), dtype=np.float64)
        b = np.array(other.split(), dtype=np.float64)
        spread = np.max(np.abs(a - b) / np.maximum(1.0, np.abs(a)))
        if spread > SENSITIVITY:
            sys.exit("ill-conditioned fixture (a 1-ulp nudge of the start moves theta by %.2g after update %d): "
                     "%s on %s from %r, lr %r; choose other hyper-parameters" % (spread, step + 1, name, function, start, lr))
    return lr, rows


def trajectory(factory, function, start, rate_scale, plain):
    parameters = torch.tensor(start, dtype=torch.float32, requires_grad=True)
    optimizer = factory([parameters])
    if plain and rate_scale != 1.0:
        for group in optimizer.param_groups:
            group["lr"] = group["lr"] * rate_scale
    rows = []
    for _ in range(STEPS):
        x = [float(v) for v in parameters.detach().numpy()]
        g = np.array(gradient(function, x), dtype=np.float32)
        parameters.grad = torch.from_numpy(g)
        optimizer.step()
        values = parameters.detach().numpy()
        if not np.all(np.isfinite(values)) or np.max(np.abs(values)) > 1e3:
            sys.exit("diverged: " + function + " " + repr(start) + " " + repr(values))
        rows.append(" ".join(f32(v) for v in values))
    return optimizer.param_groups[0]["lr"], rows


def main():
    torch.set_num_threads(1)
    os.makedirs(OUT, exist_ok=True)
    blocks = {}
    counter = {}
    for name, keys, factory, weight_decay, plain in cases():
        for function_name, (function, starts) in FUNCTIONS.items():
            for start_index, start in enumerate(starts):
                start32 = [float(np.float32(v)) for v in start]
                lr, rows = run(name, factory, function, start32, PLAIN_RATE_SCALE[function_name], plain)
                used = dict(keys)
                used["lr"] = lr
                counter[name] = counter.get(name, 0) + 1
                lines = ["case %s-%d-%s-start%d%s" % (name, counter[name], function_name, start_index,
                                                       "-wd" if weight_decay else ""),
                         "optimizer " + name + " " + " ".join("%s=%s" % (k, v if isinstance(v, str) else repr(v))
                                                             for k, v in used.items()),
                         "weight_decay " + repr(weight_decay),
                         "function " + function,
                         "start " + " ".join(f32(v) for v in start32)]
                lines += ["theta " + row for row in rows]
                lines.append("end")
                blocks.setdefault(name, []).append("\n".join(lines))
    for name, texts in blocks.items():
        with open(os.path.join(OUT, name + ".txt"), "w") as out:
            out.write("# PyTorch %s reference trajectories, float32; written by scripts/torch/optimizer_fixtures.py\n"
                      % torch.__version__)
            out.write("\n".join(texts) + "\n")
        print(name, len(texts), "cases")


if __name__ == "__main__":
    main()
