"""Deterministic DDIM sampling (eta = 0) with classifier-free guidance, and the 4x4 sample grid.

  /usr/bin/python3 models/training/sample.py --checkpoint models/checkpoints/tiny-clevr-diffusion \
      --out /tmp/samples.png

samples the exported TorchScript files, so the grid shows exactly what Java loads.
"""
import argparse
import json
import os
import re
import sys

import numpy as np
import torch
from PIL import Image

from schedule import TRAIN_TIMESTEPS, alpha_bar, x0_from
from tokenizer import FASHION_CLASSES, Tokenizer
import cli

CLEVR_CAPTIONS = [
    "a red cube.", "a blue sphere.", "a green cylinder.", "a yellow cube.",
    "a large purple sphere.", "a small cyan cylinder.", "a gray metal cube.", "a brown rubber sphere.",
    "a red sphere and a blue cube.", "a green cube and a yellow cylinder.",
    "a large cyan sphere and a small red cylinder.", "a purple cube and a gray sphere.",
    "on the left is a red cube.", "on the right is a blue cylinder.",
    "a yellow sphere on the left and a green cube on the right.", "a brown cylinder and a cyan cube.",
]

FASHION_CAPTIONS = [f"a photo of a {name}." for name in FASHION_CLASSES] + [
    "a black and white photo of the dress.", "a photo of the sneaker.", "a low resolution photo of a bag.",
    "a photo of a small coat.", "a grayscale photo of a trouser.", "a picture of a pullover.",
]


@torch.no_grad()
def ddim(denoiser, text_encoder, tokenizer, captions, prediction, steps=25, guidance=3.0, seed=0, resolution=32,
         channels=3):
    """Images uint8 [N,3,R,R]. Guidance w mixes the outputs: out_empty + w (out_caption - out_empty)."""
    ids = torch.tensor([tokenizer.encode(c) for c in captions], dtype=torch.int64)
    cond = text_encoder(ids)
    empty = text_encoder(torch.zeros_like(ids))
    x = torch.randn(len(captions), channels, resolution, resolution, generator=torch.Generator().manual_seed(seed))
    times = np.linspace(TRAIN_TIMESTEPS - 1, 0, steps + 1)
    for n, n_next in zip(times[:-1], times[1:]):
        a, s = alpha_bar(n) ** 0.5, (1 - alpha_bar(n)) ** 0.5
        a_next, s_next = alpha_bar(n_next) ** 0.5, (1 - alpha_bar(n_next)) ** 0.5
        timestep = torch.full((len(captions),), float(n))
        out = denoiser(torch.cat([x, x]), torch.cat([timestep, timestep]), torch.cat([cond, empty]))
        out = out[len(captions):] + guidance * (out[: len(captions)] - out[len(captions):])
        x0 = x0_from(prediction, x, out, a, s).clamp(-1, 1)
        eps = (x - a * x0) / s
        x = a_next * x0 + s_next * eps
    return ((x.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8)


def grid(images, columns=4, scale=3):
    """uint8 [N,3,R,R] -> PIL image, each tile enlarged (nearest) for viewing."""
    n, _, r, _ = images.shape
    rows = (n + columns - 1) // columns
    sheet = np.full((rows * (r + 1) - 1, columns * (r + 1) - 1, 3), 255, dtype=np.uint8)
    for i, image in enumerate(images.numpy()):
        y, x = (i // columns) * (r + 1), (i % columns) * (r + 1)
        sheet[y:y + r, x:x + r] = image.transpose(1, 2, 0)
    return Image.fromarray(sheet).resize((sheet.shape[1] * scale, sheet.shape[0] * scale), Image.NEAREST)


def sample_checkpoint(directory, out, captions, steps, guidance, seed):
    with open(os.path.join(directory, "tokenizer.json")) as f:
        tokenizer_json = json.load(f)
    tokenizer = Tokenizer(tokenizer_json["model"]["vocab"], tokenizer_json["padding"]["strategy"]["Fixed"])
    denoiser = torch.jit.load(os.path.join(directory, "denoiser.pt"))
    text_encoder = torch.jit.load(os.path.join(directory, "text_encoder.pt"))
    with open(os.path.join(directory, "model.yaml")) as f:
        prediction = re.search(r"^prediction: *(\w+)", f.read(), re.M).group(1)
    images = ddim(denoiser, text_encoder, tokenizer, captions, prediction, steps, guidance, seed)
    grid(images).save(out)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", required=True, help="exported checkpoint directory")
    p.add_argument("--out", required=True, help="PNG to write")
    p.add_argument("--captions", choices=["clevr", "fashion"], default="clevr")
    p.add_argument("--steps", type=int, default=25, help="DDIM steps")
    p.add_argument("--guidance", type=float, default=3.0, help="classifier-free guidance scale (1 = none)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    captions = CLEVR_CAPTIONS if args.captions == "clevr" else FASHION_CAPTIONS
    sample_checkpoint(args.checkpoint, args.out, captions, args.steps, args.guidance, args.seed)


if __name__ == "__main__":
    cli.run(main, sys.argv[1:])
