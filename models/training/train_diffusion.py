"""Trains a text-conditioned pixel-space UNet with its text encoder (v or epsilon prediction,
cosine schedule, T = 1000). Resumable: rerun the same command and it continues from <run>/state.pt.

  /usr/bin/python3 models/training/train_diffusion.py --dataset clevr \
      --data /work/data/clevr-train-2obj --data /work/data/clevr-train-1obj \
      --run models/training/runs/clevr-diffusion --steps 20000 --max-length 24 --keep 500
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
from nets import DiffusionPair, parameter_count
from runstate import Clock, Run, add_common_arguments
from schedule import PREDICTIONS, TRAIN_TIMESTEPS, alpha_bar_table, target
import cli


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_common_arguments(p, batch=64, lr=4e-4)
    p.add_argument("--caption-dropout", type=float, default=0.1,
                   help="share of captions replaced by the empty caption (classifier-free guidance)")
    p.add_argument("--prediction", choices=PREDICTIONS, default="v",
                   help="the denoiser's output; v keeps the x0 estimate bounded at high noise, where "
                        "epsilon's x0 = (x_t - sigma eps) / alpha multiplies every error by sigma / alpha (up to 100)")
    p.add_argument("--init", help="a state.pt of another run to start from (its weights and EMA, not its "
                                  "optimiser); only for a fresh run")
    p.add_argument("--widths", default="32,64,128", help="UNet channels at 16x16, 8x8, 4x4")
    p.add_argument("--keep", type=int, action="append", default=[], help="keep an EMA snapshot at this step")
    p.add_argument("--t-power", type=float, default=None,
                   help="draw n = floor(1000 u^p), u uniform: p > 1 spends more steps at low noise, where "
                        "the classifier's heuristic weighting exp(-7t) reads its evidence; 1 is uniform. "
                        "Given on a resume, it changes the run from that step on")
    p.add_argument("--lr-decay", default=None, metavar="START:END[:FROM]",
                   help="lower the learning rate linearly from FROM times --lr (default 1) at step START to a "
                        "tenth of --lr at step END, and keep it there; given on a resume, it changes the run "
                        "from then on (a FROM above the current rate restarts a decayed run warm)")
    return p.parse_args(argv)


def parse_decay(text):
    parts = text.split(":")
    try:
        if len(parts) not in (2, 3):
            raise ValueError
        start, end = int(parts[0]), int(parts[1])
        origin = float(parts[2]) if len(parts) == 3 else 1.0
    except ValueError:
        raise ValueError(f"--lr-decay {text!r}: expected START:END or START:END:FROM, two step numbers "
                         f"and a factor") from None
    if not 0 <= start < end:
        raise ValueError(f"--lr-decay {text!r}: expected 0 <= START < END")
    if not 0.1 <= origin <= 1.0:
        raise ValueError(f"--lr-decay {text!r}: FROM must lie in [0.1, 1], the range the decay spans")
    return [start, end, origin]


def lr_factor(hyper, step):
    """Warm-up, then 1, then the optional linear decay from FROM to a tenth."""
    factor = min(1.0, (step + 1) / hyper["warmup"])
    if hyper.get("lr_decay"):
        start, end, origin = (list(hyper["lr_decay"]) + [1.0])[:3]
        if step >= start:
            share = min(1.0, (step - start) / (end - start))
            factor *= origin + (0.1 - origin) * share
    return factor


def fresh_state(args):
    torch.manual_seed(args.seed)
    tokenizer = datasets.tokenizer_for(args.dataset, args.max_length)
    config = {
        "kind": "diffusion", "dataset": args.dataset, "data": args.data, "resolution": args.resolution,
        "max_length": args.max_length, "vocab": tokenizer.vocab,
        "hold_out": datasets.parse_hold_out(args.hold_out, args.dataset),
        "unet": {"widths": tuple(int(w) for w in args.widths.split(","))}, "prediction": args.prediction,
        "hyper": {k: getattr(args, k) for k in ("batch", "lr", "warmup", "weight_decay", "ema", "caption_dropout", "seed")},
        "command": "/usr/bin/python3 " + " ".join(shlex.quote(a) for a in sys.argv),
    }
    model = DiffusionPair(len(tokenizer.vocab), args.max_length, config["unet"])
    state = {"config": config, "step": 0, "wall": 0.0, "model": model.state_dict(), "ema": model.state_dict(),
             "optimizer": None, "generator": torch.Generator().manual_seed(args.seed).get_state()}
    if args.init:
        parent = torch.load(args.init)
        if parent["config"]["vocab"] != config["vocab"] or parent["config"]["unet"] != config["unet"]:
            raise ValueError(f"--init {args.init}: vocabulary or UNet widths differ from this run's")
        state.update(model=parent["model"], ema=parent["ema"])
        config["init"] = {"state": args.init, "step": parent["step"], "wall": parent["wall"],
                          "prediction": parent["config"].get("prediction", "epsilon"),
                          "commands": parent.get("commands", [parent["config"]["command"]])}
    return state


def main(argv):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    run = Run(args.run)
    state = run.load() or fresh_state(args)
    config, hyper = state["config"], state["config"]["hyper"]
    if args.t_power is not None:
        if args.t_power <= 0:
            raise ValueError(f"--t-power must be positive, was {args.t_power}")
        hyper["t_power"] = args.t_power
    if args.lr_decay is not None:
        hyper["lr_decay"] = parse_decay(args.lr_decay)
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

    model = DiffusionPair(len(config["vocab"]), config["max_length"], config["unet"])
    model.load_state_dict(state["model"])
    ema = copy.deepcopy(model)
    ema.load_state_dict(state["ema"])
    ema.requires_grad_(False)
    optimizer = torch.optim.AdamW(model.parameters(), lr=hyper["lr"], weight_decay=hyper["weight_decay"])
    if state["optimizer"]:
        optimizer.load_state_dict(state["optimizer"])
    generator = torch.Generator()
    generator.set_state(state["generator"])
    bars = alpha_bar_table().float()
    clock = Clock(state["wall"])
    step = state["step"]
    print(f"{len(data)} images, {parameter_count(model.unet)} UNet + {parameter_count(model.text)} text "
          f"parameters, resuming at step {step}", flush=True)

    rows = []
    recent = time.time()
    while step < args.steps:
        pixels, ids = data.batch(hyper["batch"], generator)
        ids[torch.rand(len(ids), generator=generator) < hyper["caption_dropout"]] = 0
        u = torch.rand(len(ids), generator=generator)
        n = (u.pow(hyper.get("t_power", 1.0)) * TRAIN_TIMESTEPS).long().clamp(max=TRAIN_TIMESTEPS - 1)
        noise = torch.randn(pixels.shape, generator=generator)
        a = bars[n].sqrt()[:, None, None, None]
        s = (1 - bars[n]).sqrt()[:, None, None, None]
        loss = F.mse_loss(model(a * pixels + s * noise, n.float(), ids),
                          target(config["prediction"], pixels, noise, a, s))

        for group in optimizer.param_groups:
            group["lr"] = hyper["lr"] * lr_factor(hyper, step)
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
            print(f"step {step} loss {mean:.4f} {(time.time() - recent) / 20:.2f} s/step", flush=True)
            recent = time.time()
        if step % args.save_every == 0 or step == args.steps or step in args.keep:
            state.update(step=step, wall=clock.total(), model=model.state_dict(), ema=ema.state_dict(),
                         optimizer=optimizer.state_dict(), generator=generator.get_state())
            run.save(state)
            run.log_loss(rows)
            rows = []
            if step in args.keep:
                run.save({"config": config, "step": step, "wall": clock.total(), "ema": ema.state_dict()},
                         f"ema-{step}.pt")


if __name__ == "__main__":
    cli.run(main, sys.argv[1:])
