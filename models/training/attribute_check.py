"""A quick quality check of an exported checkpoint on held-out images: for clevr checkpoints,
which of the 8 colours (and which of the 3 shapes) it picks for one-object scenes; for fashion
checkpoints, which of the 10 classes it picks for Fashion-MNIST *test* images ('a photo of a {}.').

The contrastive checkpoint picks the prompt of highest cosine similarity. The diffusion checkpoint
picks the prompt of lowest mean weighted error w(t) ||x - x0_hat||^2 over the same fixed (t, eps)
draws for every prompt, w(t) = exp(-7t) (the paper's heuristic weighting), with no pruning: a
small fixed-budget version of the harness's classifier, meant to compare checkpoints while they
train, not to replace the Java suites.

  java -jar clevr-gen/target/clevr-gen.jar --count 200 --seed 4242 --size 32 --objects 1 --out /work/data/clevr-heldout-1obj
  /usr/bin/python3 models/training/attribute_check.py --checkpoint models/checkpoints/tiny-clevr-diffusion \
      --scenes /work/data/clevr-heldout-1obj --count 100
  /usr/bin/python3 models/training/attribute_check.py --checkpoint models/checkpoints/tiny-fashion-diffusion \
      --fashion /usr/share/datasets/fashion-mnist --count 100
"""
import argparse
import json
import math
import os
import sys

import numpy as np
import torch
from PIL import Image

import data
from schedule import TRAIN_TIMESTEPS, alpha_bar, x0_from
from tokenizer import FASHION_CLASSES, Tokenizer
import cli

COLORS = ["gray", "red", "blue", "green", "brown", "purple", "cyan", "yellow"]
SHAPES = ["cube", "sphere", "cylinder"]


def fashion_test(directory, count):
    """The first `count` test images, preprocessed exactly as for training."""
    images = data.idx(os.path.join(directory, "t10k-images-idx3-ubyte.gz"))[:count]
    labels = data.idx(os.path.join(directory, "t10k-labels-idx1-ubyte.gz"))[:count]
    return data.fashion_pixels(images, 32).float() / 127.5 - 1, [{"class": FASHION_CLASSES[i]} for i in labels]


def scenes(directory, count):
    images, labels = [], []
    with open(os.path.join(directory, "scenes.jsonl")) as f:
        for line in list(f)[:count]:
            scene = json.loads(line)
            with Image.open(os.path.join(directory, scene["image"])) as im:
                images.append(np.asarray(im.convert("RGB")).transpose(2, 0, 1))
            labels.append(scene["objects"][0])
    return torch.from_numpy(np.stack(images)).float() / 127.5 - 1, labels


@torch.no_grad()
def contrastive_scores(directory, pixels, prompts, ids):
    image = torch.jit.load(os.path.join(directory, "image_encoder.pt"))
    text = torch.jit.load(os.path.join(directory, "text_encoder.pt"))
    return -(image(pixels) @ text(ids).t())


@torch.no_grad()
def diffusion_scores(directory, pixels, prompts, ids, draws, seed, prediction):
    denoiser = torch.jit.load(os.path.join(directory, "denoiser.pt"))
    cond = torch.jit.load(os.path.join(directory, "text_encoder.pt"))(ids)
    g = torch.Generator().manual_seed(seed)
    scores = torch.zeros(len(pixels), len(prompts))
    for _ in range(draws):
        t = torch.rand(len(pixels), generator=g).clamp(1e-3, 1)
        eps = torch.randn(pixels.shape, generator=g)
        bars = torch.tensor([alpha_bar(v * (TRAIN_TIMESTEPS - 1)) for v in t.tolist()])
        a, s = bars.sqrt()[:, None, None, None], (1 - bars).sqrt()[:, None, None, None]
        x_t = (a * pixels + s * eps).float()
        timestep = (t * (TRAIN_TIMESTEPS - 1)).float()
        for j in range(len(prompts)):
            out = denoiser(x_t, timestep, cond[j:j + 1].expand(len(pixels), -1, -1))
            x0 = x0_from(prediction, x_t, out, a, s)
            scores[:, j] += torch.exp(-7 * t) * ((x0 - pixels) ** 2).mean((1, 2, 3))
    return scores / draws


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", required=True)
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--scenes", help="clevr-gen output of one-object scenes")
    source.add_argument("--fashion", help="Fashion-MNIST directory (the test split is used)")
    p.add_argument("--count", type=int, default=100, help="scenes to classify")
    p.add_argument("--draws", type=int, default=8, help="(t, eps) draws per image (diffusion)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    with open(os.path.join(args.checkpoint, "tokenizer.json")) as f:
        tokenizer_json = json.load(f)
    with open(os.path.join(args.checkpoint, "model.yaml")) as f:
        yaml = f.read()
    kind = "diffusion" if "kind: diffusion" in yaml else "contrastive"
    prediction = "v" if "prediction: v" in yaml else "epsilon"
    tokenizer = Tokenizer(tokenizer_json["model"]["vocab"], tokenizer_json["padding"]["strategy"]["Fixed"])
    if args.fashion:
        pixels, labels = fashion_test(args.fashion, args.count)
        checks = (("class", FASHION_CLASSES, "a photo of a {}."),)
    else:
        pixels, labels = scenes(args.scenes, args.count)
        checks = (("color", COLORS, "A {} object."), ("shape", SHAPES, "A {}."))
    for attribute, words, template in checks:
        prompts = [template.format(w) for w in words]
        ids = torch.tensor([tokenizer.encode(q) for q in prompts], dtype=torch.int64)
        if kind == "contrastive":
            scores = contrastive_scores(args.checkpoint, pixels, prompts, ids)
        else:
            scores = diffusion_scores(args.checkpoint, pixels, prompts, ids, args.draws, args.seed, prediction)
        truth = torch.tensor([words.index(label[attribute]) for label in labels])
        correct = int((scores.argmin(1) == truth).sum())
        n = len(labels)
        print(f"{attribute}: {correct}/{n} = {correct / n:.3f} "
              f"(95% Wilson interval {wilson(correct, n)[0]:.3f}-{wilson(correct, n)[1]:.3f}; "
              f"chance {1 / len(words):.3f}); prompts like '{prompts[0]}'")


def wilson(k, n, z=1.96):
    centre = (k + z * z / 2) / (n + z * z)
    half = z * math.sqrt(k * (n - k) / n + z * z / 4) / (n + z * z)
    return centre - half, centre + half


if __name__ == "__main__":
    cli.run(main, sys.argv[1:])
