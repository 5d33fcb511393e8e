"""Trains the contrastive twin (CNN image encoder + pooled text encoder) with the symmetric InfoNCE
loss and a learned temperature, as CLIP. Resumable like train_diffusion.py.

  /usr/bin/python3 models/training/train_contrastive.py --dataset clevr \
      --data /work/data/clevr-train-2obj --data /work/data/clevr-train-1obj \
      --run models/training/runs/clevr-contrastive --steps 3000 --max-length 24
"""
import os

# Idle OpenMP threads sleep instead of spinning: on two cores shared with other jobs a spinning
# thread burns the time slice its descheduled partner needs (README.md, "Threads").
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse
import copy
import shlex
import sys
import time

import torch
import torch.nn.functional as F

import data as datasets
from nets import ContrastivePair, parameter_count
from runstate import Clock, Run, add_common_arguments
import cli


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_common_arguments(p, batch=128, lr=5e-4)
    return p.parse_args(argv)


def fresh_state(args):
    torch.manual_seed(args.seed)
    tokenizer = datasets.tokenizer_for(args.dataset, args.max_length)
    config = {
        "kind": "contrastive", "dataset": args.dataset, "data": args.data, "resolution": args.resolution,
        "max_length": args.max_length, "vocab": tokenizer.vocab,
        "hold_out": datasets.parse_hold_out(args.hold_out, args.dataset),
        "hyper": {k: getattr(args, k) for k in ("batch", "lr", "warmup", "weight_decay", "ema", "seed")},
        "command": "/usr/bin/python3 " + " ".join(shlex.quote(a) for a in sys.argv),
    }
    model = ContrastivePair(len(tokenizer.vocab), args.max_length)
    return {"config": config, "step": 0, "wall": 0.0, "model": model.state_dict(), "ema": model.state_dict(),
            "optimizer": None, "generator": torch.Generator().manual_seed(args.seed).get_state()}


def info_nce(image, text, ids, logit_scale):
    """Symmetric cross-entropy over the batch's similarity matrix. Captions that are identical
    token for token (a batch often holds two "a red cube.") share the target mass instead of
    being pushed apart as negatives."""
    logits = logit_scale.exp().clamp(max=100) * image @ text.t()
    same = (ids[:, None, :] == ids[None, :, :]).all(-1).float()
    targets = same / same.sum(1, keepdim=True)
    return 0.5 * (torch.sum(-targets * F.log_softmax(logits, 1), 1).mean()
                  + torch.sum(-targets * F.log_softmax(logits.t(), 1), 1).mean())


def main(argv):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    run = Run(args.run)
    state = run.load() or fresh_state(args)
    config, hyper = state["config"], state["config"]["hyper"]
    # Every invocation that trained this run, so TRAINING.md can show how it was resumed.
    commands = state.setdefault("commands", [config["command"]])
    command = "/usr/bin/python3 " + " ".join(shlex.quote(a) for a in sys.argv)
    if commands[-1] != command:
        commands.append(command)
    run.truncate_log(state["step"])
    tokenizer = datasets.Tokenizer(config["vocab"], config["max_length"])
    data = datasets.load(config["dataset"], config["data"], config["resolution"], tokenizer,
                         cache=f"{args.run}/data-cache.pt", hold_out=config.get("hold_out", []))
    print(f"held out: {config.get('hold_out') or 'none'}", flush=True)
    if data.unknown:
        raise datasets.DataError(f"captions use words outside the vocabulary: {data.unknown}")

    model = ContrastivePair(len(config["vocab"]), config["max_length"])
    model.load_state_dict(state["model"])
    ema = copy.deepcopy(model)
    ema.load_state_dict(state["ema"])
    ema.requires_grad_(False)
    optimizer = torch.optim.AdamW(model.parameters(), lr=hyper["lr"], weight_decay=hyper["weight_decay"])
    if state["optimizer"]:
        optimizer.load_state_dict(state["optimizer"])
    generator = torch.Generator()
    generator.set_state(state["generator"])
    clock = Clock(state["wall"])
    step = state["step"]
    print(f"{len(data)} images, {parameter_count(model)} parameters, resuming at step {step}", flush=True)

    rows = []
    recent = time.time()
    while step < args.steps:
        pixels, ids = data.batch(hyper["batch"], generator)
        loss = info_nce(model.image(pixels), model.text(ids), ids, model.logit_scale)
        for group in optimizer.param_groups:
            group["lr"] = hyper["lr"] * min(1.0, (step + 1) / hyper["warmup"])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        decay = min(hyper["ema"], (1 + step) / (10 + step))
        with torch.no_grad():
            for e, p in zip(ema.parameters(), model.parameters()):
                e.mul_(decay).add_(p, alpha=1 - decay)
        step += 1
        rows.append((step, loss.item(), clock.total()))
        if step % 20 == 0:
            mean = sum(r[1] for r in rows[-20:]) / len(rows[-20:])
            print(f"step {step} loss {mean:.4f} temperature {1 / model.logit_scale.exp().item():.4f} "
                  f"{(time.time() - recent) / 20:.2f} s/step", flush=True)
            recent = time.time()
        if step % args.save_every == 0 or step == args.steps:
            state.update(step=step, wall=clock.total(), model=model.state_dict(), ema=ema.state_dict(),
                         optimizer=optimizer.state_dict(), generator=generator.get_state())
            run.save(state)
            run.log_loss(rows)
            rows = []


if __name__ == "__main__":
    cli.run(main, sys.argv[1:])
