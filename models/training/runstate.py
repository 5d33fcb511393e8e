"""Resumable training runs: a run directory holds state.pt (weights, EMA, step, random state;
written atomically), optimizer-<step>.pt (the optimiser's moments at that step), loss.csv and EMA
snapshots kept at chosen steps. The optimiser sits in a file of its own so that neither file of a
committed run grows past what a repository holds comfortably, and so that exports and --init,
which need no optimiser, read half as much."""
import glob
import os
import time

import torch


class Run:
    def __init__(self, directory):
        self.directory = directory
        os.makedirs(directory, exist_ok=True)
        self.state_path = os.path.join(directory, "state.pt")
        self.loss_path = os.path.join(directory, "loss.csv")

    def load(self):
        """The saved state with its optimiser, or None for a fresh run."""
        if not os.path.exists(self.state_path):
            return None
        state = torch.load(self.state_path)
        if state.get("optimizer") is None and state["step"] > 0:
            path = self._optimizer_path(state["step"])
            if not os.path.exists(path):
                raise FileNotFoundError(f"{path}: the optimiser state of step {state['step']} is missing; "
                                        f"{self.state_path} cannot be resumed exactly")
            state["optimizer"] = torch.load(path)
        return state

    def save(self, state, name="state.pt"):
        """Writes the optimiser (if any) before the state that names its step, so a crash between
        the two leaves the previous state and its optimiser intact."""
        if name == "state.pt" and state.get("optimizer") is not None:
            self._write(state["optimizer"], self._optimizer_path(state["step"]))
            self._write({**state, "optimizer": None}, self.state_path)
            for old in glob.glob(os.path.join(self.directory, "optimizer-*.pt")):
                if old != self._optimizer_path(state["step"]):
                    os.remove(old)
        else:
            self._write(state, os.path.join(self.directory, name))

    def _optimizer_path(self, step):
        return os.path.join(self.directory, f"optimizer-{step}.pt")

    @staticmethod
    def _write(value, path):
        torch.save(value, path + ".tmp")
        os.replace(path + ".tmp", path)

    def log_loss(self, rows):
        """rows: (step, loss, wall seconds). Steps after the last saved state are rewritten on
        resume, so the log is truncated to the resumed step first (see truncate_log)."""
        new = not os.path.exists(self.loss_path)
        with open(self.loss_path, "a") as f:
            if new:
                f.write("step,loss,wall_s\n")
            for step, loss, wall in rows:
                f.write(f"{step},{loss:.6f},{wall:.1f}\n")

    def truncate_log(self, step):
        if not os.path.exists(self.loss_path):
            return
        with open(self.loss_path) as f:
            lines = f.readlines()
        kept = [lines[0]] + [l for l in lines[1:] if int(l.split(",")[0]) <= step]
        with open(self.loss_path, "w") as f:
            f.writelines(kept)


class Clock:
    """Wall time that survives restarts: the saved total plus this process's share."""

    def __init__(self, saved_seconds):
        self.saved = saved_seconds
        self.start = time.time()

    def total(self):
        return self.saved + time.time() - self.start


def read_loss(path):
    steps, losses, walls = [], [], []
    with open(path) as f:
        next(f)
        for line in f:
            step, loss, wall = line.strip().split(",")
            steps.append(int(step))
            losses.append(float(loss))
            walls.append(float(wall))
    return steps, losses, walls


def add_common_arguments(p, *, batch, lr):
    """The options both trainers share; each trainer adds its own on top."""
    p.add_argument("--dataset", required=True, choices=["clevr", "fashion", "fake"])
    p.add_argument("--data", action="append", default=[], help="data directory (repeatable)")
    p.add_argument("--run", required=True, help="run directory: state, loss log, snapshots")
    p.add_argument("--steps", type=int, required=True, help="total optimiser steps to reach")
    p.add_argument("--batch", type=int, default=batch)
    p.add_argument("--lr", type=float, default=lr, help="AdamW learning rate after warmup")
    p.add_argument("--warmup", type=int, default=100, help="steps of linear learning-rate warmup")
    p.add_argument("--weight-decay", type=float, default=0.01)
    p.add_argument("--ema", type=float, default=0.995, help="EMA decay of the exported weights")
    p.add_argument("--resolution", type=int, default=32)
    p.add_argument("--max-length", type=int, default=16, help="tokens per caption (padded/truncated)")
    p.add_argument("--threads", type=int, default=1, help="torch.set_num_threads")
    p.add_argument("--save-every", type=int, default=100, help="steps between saved states")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--hold-out", action="append", default=[], metavar="SHAPE:COLOR",
                   help="a shape x colour composition no training scene may show on one object "
                        "(repeatable); clevr only")
