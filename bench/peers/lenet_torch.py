#!/usr/bin/python3
"""cnnlab's peer benchmark on PyTorch from Python (Debian's python3-torch, 1.13).

LeNet (d2l.ai 2.0 section 6.6) on Fashion-MNIST with the same options, the same definition of a step
and the same output lines as the DJL peer (bench/peers/djl); see bench/peers/README.md.
  /usr/bin/python3 bench/peers/lenet_torch.py --data DIR [--mode throughput|accuracy] [--batch 256] ...
Exit codes: 0 done, 2 bad arguments or data, 3 PyTorch missing (a status line says so).
"""
import argparse
import gzip
import os
import platform
import struct
import sys
import time

TUNED_MALLOC = "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=2147483648"
SIDE = 28
EVAL_CHUNK = 1000

try:
    import numpy as np
    import torch
    from torch import nn
    import torch.nn.functional as F
except ImportError as e:  # the runner reports the peer as unavailable and goes on
    print(f"peer=python-pytorch status=unavailable reason=import-failed:{e.name}", flush=True)
    sys.exit(3)


class BadInput(Exception):
    """Bad arguments or data files; the message names the value or file."""


def read_idx(folder, stem, magic, dims):
    """Array from <stem> or <stem>.gz in folder: uint8, shape (n,) + dims, after checking the header."""
    for name in (stem, stem + ".gz"):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            break
    else:
        raise BadInput(f"{stem} (or {stem}.gz) not found in {os.path.abspath(folder)}")
    try:
        with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
            raw = f.read()
    except (OSError, EOFError) as e:  # EOFError: truncated gzip
        raise BadInput(f"{path}: not readable ({e})")
    header = 4 + 4 * (1 + len(dims))
    fields = struct.unpack(">" + "I" * (1 + 1 + len(dims)), raw[:header]) if len(raw) >= header else ()
    if (not fields or fields[0] != magic or tuple(fields[2:]) != dims
            or len(raw) - header != fields[1] * int(np.prod(dims))):
        raise BadInput(f"{path}: expected an IDX file with magic {magic:#x}, items of shape {dims}, matching length")
    return np.frombuffer(raw, np.uint8, offset=header).reshape((fields[1],) + dims)


def read_split(folder, prefix):
    """Images (n, 1, 28, 28) scaled to [0, 1] and int64 labels of one split ("train" or "t10k")."""
    images = read_idx(folder, prefix + "-images-idx3-ubyte", 0x803, (SIDE, SIDE))
    labels = read_idx(folder, prefix + "-labels-idx1-ubyte", 0x801, ())
    if len(labels) != len(images) or labels.max() > 9:
        raise BadInput(f"{folder}: {prefix} needs one label 0..9 per image"
                       f" ({len(images)} images, {len(labels)} labels)")
    x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)
    return x, torch.from_numpy(labels.astype(np.int64))


MODELS = ("lenet-textbook", "lenet-relu-max", "lenet-relu-max-bn")


def lenet(model):
    """lenet-textbook: sigmoid and average pooling as in the book; lenet-relu-max: ReLU and max pooling;
    lenet-relu-max-bn: also batch norm before every hidden activation (d2l 7.5's placement)."""
    if model not in MODELS:
        raise BadInput(f"--model expects one of {', '.join(MODELS)}, got '{model}'")
    modern = model != "lenet-textbook"
    norm = model == "lenet-relu-max-bn"
    act = nn.ReLU if modern else nn.Sigmoid
    pool = nn.MaxPool2d if modern else nn.AvgPool2d

    def hidden(bn):
        return [bn] + [act()] if norm else [act()]

    net = nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), *hidden(nn.BatchNorm2d(6)), pool(2, 2),
        nn.Conv2d(6, 16, 5), *hidden(nn.BatchNorm2d(16)), pool(2, 2), nn.Flatten(),
        nn.Linear(400, 120), *hidden(nn.BatchNorm1d(120)), nn.Linear(120, 84), *hidden(nn.BatchNorm1d(84)),
        nn.Linear(84, 10))
    for m in net:
        if isinstance(m, (nn.Conv2d, nn.Linear)):  # as the DJL peer: Xavier-uniform weights, zero biases
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return net


class Trainer:
    """A fresh LeNet with plain SGD. Steps work on slices of tensors already in memory and end with a
    value read back as a Python number: the step definition all peers share."""

    def __init__(self, model, lr, seed):
        torch.manual_seed(seed)
        self.net = lenet(model)
        self.opt = torch.optim.SGD(self.net.parameters(), lr=lr)

    def train_step(self, x, y, start, size):
        self.net.train()
        self.opt.zero_grad()
        loss = F.cross_entropy(self.net(x[start:start + size]), y[start:start + size])
        loss.backward()
        self.opt.step()
        return loss.item()

    def infer_step(self, x, start, size):
        self.net.eval()
        with torch.no_grad():
            return int(self.net(x[start:start + size]).argmax(1)[0])

    def accuracy(self, x, y):
        self.net.eval()
        correct = 0
        with torch.no_grad():
            for s in range(0, len(y), EVAL_CHUNK):
                correct += int((self.net(x[s:s + EVAL_CHUNK]).argmax(1) == y[s:s + EVAL_CHUNK]).sum())
        return correct / len(y)


def throughput(a, tag, x, y):
    """Per model and batch size: fresh network, warm-up steps, then rounds of timed steps; median."""
    perm = torch.randperm(len(y), generator=torch.Generator().manual_seed(a.seed))
    x, y = x[perm].contiguous(), y[perm].contiguous()
    for model in a.model:
        for bs in a.batch:
            if bs > len(y):
                raise BadInput(f"--batch {bs} exceeds the {len(y)} training images")
            batches = len(y) // bs
            t = Trainer(model, a.lr, a.seed)
            for phase in a.phases:
                if phase == "train":
                    step = lambda k: t.train_step(x, y, (k % batches) * bs, bs)
                elif phase == "infer":
                    step = lambda k: t.infer_step(x, (k % batches) * bs, bs)
                else:
                    raise BadInput(f"--phases expects train and/or infer, got '{phase}'")
                for k in range(a.warmup):
                    step(k)
                rates, k = [], a.warmup
                for _ in range(a.rounds):
                    t0 = time.perf_counter()
                    for _ in range(a.steps):
                        step(k)
                        k += 1
                    rates.append(a.steps * bs / (time.perf_counter() - t0))
                rates.sort()
                n = len(rates)
                median = rates[n // 2] if n % 2 else (rates[n // 2 - 1] + rates[n // 2]) / 2
                print(f"{tag} model={model} mode={phase} bs={bs} threads={a.threads} img_per_s={median:.1f}"
                      f" rounds={a.rounds} steps={a.steps} warmup={a.warmup} min_img_per_s={rates[0]:.1f}"
                      f" max_img_per_s={rates[-1]:.1f} malloc={malloc_label()}", flush=True)


def accuracy(a, tag, x, y, tx, ty):
    """d2l's run: epochs of SGD at the first batch size, reshuffled every epoch, last partial batch kept."""
    bs = a.batch[0]
    gen = torch.Generator().manual_seed(a.seed)
    for model in a.model:
        t = Trainer(model, a.lr, a.seed)
        train_s = 0.0
        for epoch in range(1, a.epochs + 1):
            perm = torch.randperm(len(y), generator=gen)
            ex, ey = x[perm].contiguous(), y[perm].contiguous()
            loss_sum, t0 = 0.0, time.perf_counter()
            for s in range(0, len(ey), bs):
                size = min(bs, len(ey) - s)
                loss_sum += t.train_step(ex, ey, s, size) * size
            train_s += time.perf_counter() - t0
            loss, acc = loss_sum / len(ey), t.accuracy(tx, ty)
            print(f"# {tag} model={model} epoch={epoch} train_loss={loss:.4f} test_acc={acc:.4f}", flush=True)
        print(f"{tag} model={model} bs={bs} threads={a.threads} epochs={a.epochs} lr={a.lr:g} seed={a.seed}"
              f" train_loss={loss:.4f} test_acc={acc:.4f} train_s={train_s:.1f} malloc={malloc_label()}", flush=True)


def malloc_label():
    tunables = os.environ.get("GLIBC_TUNABLES", "")
    return "default" if not tunables else "tuned" if tunables == TUNED_MALLOC else "custom"


def positive_ints(text):
    try:
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        values = []
    if not values or min(values) <= 0:
        raise argparse.ArgumentTypeError(f"expected positive integers separated by commas, got '{text}'")
    return values


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--mode", choices=["throughput", "accuracy"], default="throughput")
    p.add_argument("--data", required=True, help="folder with {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]")
    p.add_argument("--model", type=lambda s: s.split(","), default=["lenet-textbook"],
                   help="lenet-textbook, lenet-relu-max and/or lenet-relu-max-bn")
    p.add_argument("--batch", type=positive_ints, default=[256], help="batch sizes; accuracy uses the first")
    p.add_argument("--phases", type=lambda s: s.split(","), default=["train"], help="train and/or infer")
    p.add_argument("--threads", type=int, default=2, help="intra-op threads")
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--steps", type=int, default=50, help="timed steps per round")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--lr", type=float, default=0.9)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    if min(a.threads, a.warmup, a.steps, a.rounds, a.epochs) <= 0:
        p.error("--threads, --warmup, --steps, --rounds and --epochs must be positive")
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)  # as the DJL peer asks of libtorch
    tag = f"peer=python-pytorch-{torch.__version__} python={platform.python_version()}"
    try:
        x, y = read_split(a.data, "train")
        tx, ty = read_split(a.data, "t10k")
        print(f"# {tag} cores={os.cpu_count()} train={len(y)} test={len(ty)}"
              f" OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')} GLIBC_TUNABLES={os.environ.get('GLIBC_TUNABLES')}",
              flush=True)
        if a.mode == "throughput":
            throughput(a, tag, x, y)
        else:
            accuracy(a, tag, x, y, tx, ty)
    except BadInput as e:
        print(f"python peer: {e}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
