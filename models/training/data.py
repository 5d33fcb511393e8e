"""Training data held in memory: images as one uint8 tensor [N,3,32,32], captions as token ids.

Sources:
- clevr: clevr-gen output directories (scenes.jsonl, captions.jsonl, images/*.png).
- fashion: Fashion-MNIST train split (gzipped IDX). Each 28x28 gray image is resized to 32x32
  bilinearly with half-pixel centres (align_corners=False, no antialiasing), rounded to uint8,
  and replicated to R, G and B. Captions are the CLIP-style templates of tokenizer.py filled with
  the class names of FASHION_CLASSES.
- fake: random images and captions from the clevr vocabulary, for smoke tests only.
"""
import gzip
import json
import os
import random
import struct

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from tokenizer import CLEVR_WORDS, FASHION_CLASSES, FASHION_TEMPLATES, Tokenizer


class DataError(Exception):
    pass


class CaptionedImages:
    """images: uint8 [N,3,R,R]; captions: list (per image) of caption strings."""

    def __init__(self, images, captions, tokenizer):
        if len(images) != len(captions):
            raise DataError(f"{len(images)} images but {len(captions)} caption lists")
        self.images = images
        self.tokenizer = tokenizer
        ids, owner = [], []
        for index, texts in enumerate(captions):
            if not texts:
                raise DataError(f"image {index} has no caption")
            for text in texts:
                ids.append(tokenizer.encode(text))
                owner.append(index)
        self.caption_ids = torch.tensor(ids, dtype=torch.int64)
        owner = torch.tensor(owner)
        self.first = torch.searchsorted(owner, torch.arange(len(images)))
        self.count = torch.bincount(owner, minlength=len(images))
        self.unknown = sorted({w for texts in captions for t in set(texts) for w in tokenizer.unknown_words(t)})

    def __len__(self):
        return len(self.images)

    def batch(self, size, generator):
        """Pixels in [-1,1] and one uniformly drawn caption of each image."""
        index = torch.randint(len(self.images), (size,), generator=generator)
        pick = (torch.rand(size, generator=generator) * self.count[index]).long()
        pixels = self.images[index].float() / 127.5 - 1
        return pixels, self.caption_ids[self.first[index] + pick]


def _jsonl(directory, name):
    path = os.path.join(directory, name)
    if not os.path.exists(path):
        raise DataError(f"{path}: missing (expected clevr-gen output written with --captions N)")
    records = {}
    with open(path) as f:
        for number, line in enumerate(f, 1):
            try:
                record = json.loads(line)
                records[record["index"]] = record
            except (ValueError, KeyError) as e:
                raise DataError(f"{path} line {number}: {e!r}") from e
    return records


CLEVR_SHAPES = ("cube", "sphere", "cylinder")
CLEVR_COLORS = ("gray", "red", "blue", "green", "brown", "purple", "cyan", "yellow")


def parse_hold_out(pairs, dataset):
    """["cube:red", ...] -> sorted [["cube", "red"], ...]; a bad pair is a DataError."""
    if pairs and dataset != "clevr":
        raise DataError(f"--hold-out applies to clevr data only, not {dataset}")
    held = set()
    for pair in pairs:
        shape, _, color = pair.partition(":")
        if shape not in CLEVR_SHAPES or color not in CLEVR_COLORS:
            raise DataError(f"--hold-out {pair!r}: expected SHAPE:COLOR with a shape of {CLEVR_SHAPES} "
                            f"and a colour of {CLEVR_COLORS}")
        held.add((shape, color))
    return [list(p) for p in sorted(held)]


def load_clevr(directories, resolution, hold_out=()):
    """clevr-gen output: scenes.jsonl gives each scene's image path ("image", relative to the
    directory) and captions.jsonl its captions, both keyed by "index". A scene with any object
    whose (shape, colour) is in hold_out is left out entirely, so the model never sees that
    composition."""
    held = {tuple(p) for p in hold_out}
    images, captions = [], []
    for directory in directories:
        scenes = _jsonl(directory, "scenes.jsonl")
        texts = _jsonl(directory, "captions.jsonl")
        for index in sorted(scenes):
            if any((o["shape"], o["color"]) in held for o in scenes[index]["objects"]):
                continue
            if index not in texts or "captions" not in texts[index]:
                raise DataError(f"{directory}/captions.jsonl: no captions for scene {index}")
            image_path = os.path.join(directory, scenes[index]["image"])
            with Image.open(image_path) as im:
                rgb = im.convert("RGB")
            if rgb.size != (resolution, resolution):
                raise DataError(f"{image_path}: {rgb.size}, expected {resolution}x{resolution}")
            images.append(np.asarray(rgb).transpose(2, 0, 1))
            captions.append(list(texts[index]["captions"]))
    return torch.from_numpy(np.stack(images)), captions


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def fashion_pixels(gray, resolution):
    """uint8 [N,28,28] -> uint8 [N,3,R,R]: the preprocessing the Java suite must mirror."""
    x = torch.from_numpy(gray.copy()).float()[:, None]
    x = F.interpolate(x, size=(resolution, resolution), mode="bilinear", align_corners=False)
    x = x.round().clamp(0, 255).to(torch.uint8)
    return x.expand(-1, 3, -1, -1).contiguous()


def load_fashion(directory, resolution):
    images = idx(os.path.join(directory, "train-images-idx3-ubyte.gz"))
    labels = idx(os.path.join(directory, "train-labels-idx1-ubyte.gz"))
    texts = [[t.format(name) for t in FASHION_TEMPLATES] for name in FASHION_CLASSES]
    return fashion_pixels(images, resolution), [texts[label] for label in labels]


def load_fake(count, resolution, seed):
    rng = random.Random(seed)
    words = [w for w in CLEVR_WORDS if w.isalpha()]
    captions = [[" ".join(rng.choice(words) for _ in range(rng.randint(3, 9))) + "." for _ in range(3)]
                for _ in range(count)]
    images = torch.randint(0, 256, (count, 3, resolution, resolution), generator=torch.Generator().manual_seed(seed),
                           dtype=torch.uint8)
    return images, captions


def load(dataset, paths, resolution, tokenizer, cache=None, hold_out=()):
    """dataset: clevr | fashion | fake. cache: an .pt file that keeps the decoded images (of the
    scenes left after hold_out)."""
    if cache and os.path.exists(cache):
        images, captions = torch.load(cache)
    else:
        if dataset == "clevr":
            images, captions = load_clevr(paths, resolution, hold_out)
        elif dataset == "fashion":
            images, captions = load_fashion(paths[0], resolution)
        elif dataset == "fake":
            images, captions = load_fake(64, resolution, 0)
        else:
            raise DataError(f"unknown dataset {dataset!r} (clevr | fashion | fake)")
        if cache:
            torch.save((images, captions), cache)
    return CaptionedImages(images, captions, tokenizer)


def tokenizer_for(dataset, max_length):
    from tokenizer import clevr_vocab, fashion_vocab
    return Tokenizer(fashion_vocab() if dataset == "fashion" else clevr_vocab(), max_length)
