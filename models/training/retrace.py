"""Traces a committed diffusion checkpoint's TorchScript files again with the current nets.py, from
the weights inside them, for checkpoints whose training state is gone. The architecture is read
from the weights' shapes and loaded strictly, so a checkpoint this cannot rebuild exactly is
refused rather than half-loaded; the new modules must reproduce the old ones on the CPU, so
reference.json stays as it is. TRAINING.md gets the new file hashes and the command.

  /usr/bin/python3 models/training/retrace.py --checkpoint models/checkpoints/tiny-fashion-diffusion
"""
import argparse
import hashlib
import os
import re
import shlex
import sys

import torch

from nets import DiffusionPair
import cli

FILES = ("text_encoder.pt", "denoiser.pt")


def split(state, prefix):
    return {k[len(prefix):]: v for k, v in state.items() if k.startswith(prefix)}


def unet_widths(unet):
    widths, i = [], 0
    while f"down_blocks.{i}.conv1.weight" in unet:
        widths.append(unet[f"down_blocks.{i}.conv1.weight"].shape[0])
        i += 1
    return tuple(widths)


def rebuild(directory):
    try:
        old_text = torch.jit.load(os.path.join(directory, "text_encoder.pt"))
        old_unet = torch.jit.load(os.path.join(directory, "denoiser.pt"))
    except (RuntimeError, ValueError) as e:
        raise SystemExit(f"{directory}: cannot load its TorchScript files: {str(e).splitlines()[0]}")
    text, unet = old_text.state_dict(), old_unet.state_dict()
    widths = unet_widths(unet)
    if not widths or "tokens.weight" not in text or "positions" not in text:
        raise SystemExit(f"{directory}: not a float32 export of nets.py's modules (a half-precision export wraps "
                         "them); export it from its training state instead")
    vocab, max_length = text["tokens.weight"].shape[0], text["positions"].shape[1]
    model = DiffusionPair(vocab, max_length, {"widths": widths}).eval()
    try:
        model.text.load_state_dict(text)
        model.unet.load_state_dict(unet)
    except RuntimeError as e:
        raise SystemExit(f"{directory}: its weights do not fit nets.py's architecture with widths {widths}: {e}")
    return model, old_text, old_unet, max_length


def retrace(directory):
    model, old_text, old_unet, length = rebuild(directory)
    g = torch.Generator().manual_seed(7)
    vocab = model.text.tokens.weight.shape[0]
    with torch.no_grad():
        ids = torch.randint(0, vocab, (2, length), generator=g)
        text = torch.jit.trace(model.text, (ids,))
        cond = text(ids)
        x = torch.randn(2, 3, 32, 32, generator=g)
        unet = torch.jit.trace(model.unet, (x, torch.tensor([500.0, 20.5]), cond))
        worst = 0.0
        for batch in (1, 3, 8):
            ids = torch.randint(0, vocab, (batch, length), generator=g)
            x = torch.randn(batch, 3, 32, 32, generator=g)
            n = torch.rand(batch, generator=g) * 999
            worst = max(worst, (text(ids) - old_text(ids)).abs().max().item(),
                        (unet(x, n, old_text(ids)) - old_unet(x, n, old_text(ids))).abs().max().item())
    if worst > 1e-5:
        raise SystemExit(f"{directory}: the re-traced modules differ from the committed ones by {worst}; nothing written")
    text.save(os.path.join(directory, "text_encoder.pt"))
    unet.save(os.path.join(directory, "denoiser.pt"))
    return worst


def update_training_md(directory, command):
    path = os.path.join(directory, "TRAINING.md")
    with open(path) as f:
        md = f.read()
    for name in FILES:
        with open(os.path.join(directory, name), "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        md = re.sub(rf"^\| {re.escape(name)} \| `[0-9a-f]+` \|$", f"| {name} | `{digest}` |", md, flags=re.M)
    line = ("Re-traced from its own weights with the current `nets.py` (the timestep embedding follows the "
            "timestep's device, so the denoiser runs on a GPU); outputs unchanged, reference.json unchanged:")
    if line not in md:
        md = md.replace("## Files", f"{line}\n\n```\n{command}\n```\n\n## Files", 1)
    with open(path, "w") as f:
        f.write(md)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", required=True, help="a diffusion checkpoint directory (model.yaml, denoiser.pt)")
    args = p.parse_args(argv)
    torch.set_num_threads(1)
    if not os.path.exists(os.path.join(args.checkpoint, "denoiser.pt")):
        p.error(f"--checkpoint {args.checkpoint}: no denoiser.pt there; only diffusion checkpoints are re-traced")
    worst = retrace(args.checkpoint)
    update_training_md(args.checkpoint, "/usr/bin/python3 " + " ".join(shlex.quote(a) for a in sys.argv))
    print(f"re-traced {args.checkpoint}: largest difference from the committed modules {worst:.2e}")


if __name__ == "__main__":
    cli.run(main, sys.argv[1:])
