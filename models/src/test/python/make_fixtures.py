"""Writes the tiny TorchScript checkpoints the models module's tests load.

They are random, untrained networks: the tests check that Java reproduces what PyTorch computes
for the same file (reference.json), and that broken checkpoints are rejected at load, so the
weights only need to be fixed (seeded), not meaningful. Run from the repository root:

    /usr/bin/python3 models/src/test/python/make_fixtures.py

It rewrites models/src/test/resources/fixtures/ deterministically (same torch build, same bytes
of reference.json).

tiny-diffusion-bfloat16 and tiny-diffusion-float16 hold tiny-diffusion's weights cast to that dtype
(model.yaml `dtype`), for the comparison with the float32 original; like every half module, theirs
take and return float32 and cast inside (models/README.md). The bfloat16 reference.json
comes from the bfloat16 modules. The float16 one has none: this torch runs no float16 convolution
on the CPU, and a float32 reference would not be like with like (GPU check, models/README.md).
"""
import copy
import json
import math
import re
import shutil
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = Path(__file__).resolve().parents[1] / "resources" / "fixtures"
MAX_TEXT_LENGTH = 6
RESOLUTION = 8
WORDS = ["a", "the", "red", "blue", "green", "cube", "sphere", "cylinder", "left", "of", "right", "small", "large", "."]
VOCAB = {"[PAD]": 0, "[UNK]": 1, **{w: i + 2 for i, w in enumerate(WORDS)}}
PROMPTS = ["A red cube.", "a small blue sphere left of a large green cylinder", "a purple cone"]
TOKEN_PATTERN = re.compile(r"\w+|[^\w\s]+")


def token_ids(prompt):
    """The tokenizer.json pipeline: Lowercase, Whitespace pre-tokenizer, WordLevel, truncate, pad."""
    ids = [VOCAB.get(w, VOCAB["[UNK]"]) for w in TOKEN_PATTERN.findall(prompt.lower())]
    ids = ids[:MAX_TEXT_LENGTH]
    return ids + [VOCAB["[PAD]"]] * (MAX_TEXT_LENGTH - len(ids))


def tokenizer_json():
    special = lambda i, s: {"id": i, "content": s, "single_word": False, "lstrip": False,
                            "rstrip": False, "normalized": False, "special": True}
    return {
        "version": "1.0",
        "truncation": {"direction": "Right", "max_length": MAX_TEXT_LENGTH, "strategy": "LongestFirst", "stride": 0},
        "padding": {"strategy": {"Fixed": MAX_TEXT_LENGTH}, "direction": "Right", "pad_to_multiple_of": None,
                    "pad_id": 0, "pad_type_id": 0, "pad_token": "[PAD]"},
        "added_tokens": [special(0, "[PAD]"), special(1, "[UNK]")],
        "normalizer": {"type": "Lowercase"},
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": None,
        "decoder": None,
        "model": {"type": "WordLevel", "vocab": VOCAB, "unk_token": "[UNK]"},
    }


class TokenTextEncoder(nn.Module):
    """ids [B,L] -> [B,L,D]."""

    def __init__(self, dim):
        super().__init__()
        self.embed = nn.Embedding(len(VOCAB), dim)
        self.mix = nn.Linear(dim, dim)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return torch.tanh(self.mix(self.embed(ids)))


class PooledTextEncoder(nn.Module):
    """ids [B,L] -> [B,E], L2-normalised (contrastive)."""

    def __init__(self, dim, out):
        super().__init__()
        self.embed = nn.Embedding(len(VOCAB), dim)
        self.proj = nn.Linear(dim, out)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return F.normalize(self.proj(self.embed(ids).mean(1)), dim=-1)


class Denoiser(nn.Module):
    """(x_t [B,C,H,W], timestep [B], cond [B,L,D]) -> [B,C,H,W]."""

    def __init__(self, channels, dim):
        super().__init__()
        self.inp = nn.Conv2d(channels, 8, 3, padding=1)
        self.time = nn.Linear(8, 8)
        self.text = nn.Linear(dim, 8)
        self.out = nn.Conv2d(8, channels, 3, padding=1)

    def forward(self, x: torch.Tensor, timestep: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        # on the timestep's device: TorchScript's default device is the CPU's, even when x_t is on a GPU
        freqs = torch.exp(torch.arange(4, dtype=torch.float32, device=timestep.device) * (-math.log(1000.0) / 4))
        angles = timestep[:, None] * freqs[None, :]
        # the sinusoid stays float32: near step 999, float16 keeps one bit of the fraction, bfloat16 none of the step
        temb = self.time(torch.cat([torch.sin(angles), torch.cos(angles)], dim=1).to(x.dtype))
        h = F.silu(self.inp(x) + temb[:, :, None, None] + self.text(cond.mean(1))[:, :, None, None])
        return self.out(h)


class TwoInputDenoiser(Denoiser):
    """Wrong signature: no cond argument."""

    def forward(self, x: torch.Tensor, timestep: torch.Tensor) -> torch.Tensor:  # type: ignore[override]
        return self.out(F.silu(self.inp(x) + timestep[:, None, None, None]))


class ExtraChannelDenoiser(nn.Module):
    """Wrong output: one channel too many."""

    def __init__(self, channels, dim):
        super().__init__()
        self.inner = Denoiser(channels, dim)

    def forward(self, x: torch.Tensor, timestep: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        y = self.inner(x, timestep, cond)
        return torch.cat([y, y[:, :1]], dim=1)


class BatchTwoDenoiser(nn.Module):
    """Right at batch 2 (the load-time dry run), two images at any other batch size."""

    def __init__(self, channels, dim):
        super().__init__()
        self.inner = Denoiser(channels, dim)

    def forward(self, x: torch.Tensor, timestep: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        y = self.inner(x, timestep, cond)
        if x.shape[0] == 2:
            return y
        return torch.cat([y, y], dim=0)[:2]


class HalfTextEncoder(nn.Module):
    """A text encoder computing in a half dtype behind the float32 signature."""

    def __init__(self, inner, dtype):
        super().__init__()
        self.inner = inner.to(dtype)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.inner(ids).float()


class HalfDenoiser(nn.Module):
    """A denoiser computing in a half dtype behind the float32 signature; the timestep stays float32."""

    def __init__(self, inner, dtype):
        super().__init__()
        self.inner = inner.to(dtype)
        self.dtype = dtype

    def forward(self, x: torch.Tensor, timestep: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        return self.inner(x.to(self.dtype), timestep, cond.to(self.dtype)).float()


class VaeEncoder(nn.Module):
    """[B,3,R,R] in [-1,1] -> latent mean [B,4,R/2,R/2]."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 2, stride=2)

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        return self.conv(image)


class ImageEncoder(nn.Module):
    """[B,3,R,R] in [-1,1] -> [B,E], L2-normalised."""

    def __init__(self, out):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.proj = nn.Linear(8, out)

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        return F.normalize(self.proj(F.silu(self.conv(image)).mean((2, 3))), dim=-1)


def alpha_bar(schedule, n):
    """The formulas of models/README.md, in float64."""
    T = schedule["train_timesteps"]
    if schedule["type"] == "cosine":
        f = lambda s: math.cos((s + 0.008) / 1.008 * math.pi / 2) ** 2
        return max(f(n / (T - 1)) / f(0.0), 1e-4)
    if schedule["type"] == "linear":
        betas = torch.linspace(schedule["beta_start"], schedule["beta_end"], T, dtype=torch.float64)
    else:
        betas = torch.linspace(schedule["beta_start"] ** 0.5, schedule["beta_end"] ** 0.5, T, dtype=torch.float64) ** 2
    bars = torch.cumprod(1 - betas, 0)
    lo = int(math.floor(n))
    hi = min(lo + 1, T - 1)
    log_snr = lambda k: math.log(bars[k].item() / (1 - bars[k].item()))
    lam = log_snr(lo) + (n - lo) * (log_snr(hi) - log_snr(lo))
    return 1 / (1 + math.exp(-lam))


def save(module, path):
    torch.jit.script(module.eval()).save(str(path))


def write_yaml(directory, fields):
    lines = []
    for key, value in fields.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {v}" for k, v in value.items()]
        else:
            lines.append(f"{key}: {value}")
    (directory / "model.yaml").write_text("\n".join(lines) + "\n")


def rounded(tensor):
    return [round(v, 7) for v in tensor.flatten().tolist()]


def nested(tensor):
    """Full array as nested lists, values rounded to float32 precision."""
    return torch.tensor(rounded(tensor), dtype=torch.float64).reshape(tensor.shape).tolist()


def diffusion_fixture(name, space, prediction, schedule, latent_scale):
    dim = 6
    channels = 4 if space == "latent" else 3
    text_encoder, denoiser = TokenTextEncoder(dim), Denoiser(channels, dim)
    vae = VaeEncoder() if space == "latent" else None
    write_diffusion(name, space, prediction, schedule, latent_scale, text_encoder, denoiser, vae, torch.float32)
    return text_encoder, denoiser, channels, dim


def write_diffusion(name, space, prediction, schedule, latent_scale, text_encoder, denoiser, vae, dtype,
                    reference=True):
    """The checkpoint directory; `dtype` goes into model.yaml, the modules take float32 whatever it is."""
    directory = OUT / name
    directory.mkdir(parents=True)
    channels = 4 if space == "latent" else 3
    files = {"text_encoder": "text_encoder.pt", "denoiser": "denoiser.pt"}
    save(text_encoder, directory / "text_encoder.pt")
    save(denoiser, directory / "denoiser.pt")
    if vae is not None:
        save(vae, directory / "vae_encoder.pt")
        files["vae_encoder"] = "vae_encoder.pt"
    fields = {
        "name": name, "kind": "diffusion", "space": space, "resolution": RESOLUTION, "channels": channels,
        "prediction": prediction, "schedule": schedule, "latent_scale": latent_scale,
        "tokenizer": "tokenizer.json", "max_text_length": MAX_TEXT_LENGTH, "files": files,
    }
    if dtype != torch.float32:
        fields["dtype"] = str(dtype).replace("torch.", "")
    write_yaml(directory, fields)
    (directory / "tokenizer.json").write_text(json.dumps(tokenizer_json(), indent=1))
    if not reference:
        return

    ids = torch.tensor([token_ids(p) for p in PROMPTS], dtype=torch.int64)
    with torch.no_grad():
        embeddings = text_encoder(ids)
        side = RESOLUTION // 2 if space == "latent" else RESOLUTION
        generator = torch.Generator().manual_seed(7)
        x_t = torch.randn(3, channels, side, side, generator=generator)
        T = schedule["train_timesteps"]
        t = torch.tensor([0.05, 0.5, 0.9375], dtype=torch.float64)
        timestep = (t * (T - 1)).float()
        cond = embeddings[[0, 1, 2]]
        output = denoiser(x_t, timestep, cond)
        bars = torch.tensor([alpha_bar(schedule, n) for n in (t * (T - 1)).tolist()], dtype=torch.float64)
        a, s = bars.sqrt()[:, None, None, None], (1 - bars).sqrt()[:, None, None, None]
        out64, xt64 = output.double(), x_t.double()
        x0 = {"epsilon": (xt64 - s * out64) / a, "v": a * xt64 - s * out64, "x0": out64}[prediction]
        reference = {
            "prompts": PROMPTS,
            "token_ids": ids.tolist(),
            "text_embeddings": nested(embeddings),
            "denoiser": {"x_t": nested(x_t), "timestep": rounded(timestep), "cond": nested(cond), "output": nested(output)},
            "predict_x0": {"t": t.tolist(), "output": nested(x0)},
            "alpha_bar": {"n": [0, 1, 2.5, (T - 1) / 2, T - 2, T - 1],
                          "value": [alpha_bar(schedule, n) for n in (0, 1, 2.5, (T - 1) / 2, T - 2, T - 1)]},
        }
        if vae is not None:
            image = torch.rand(2, 3, RESOLUTION, RESOLUTION, generator=generator) * 2 - 1
            reference["vae_encoder"] = {"image": nested(image), "output": nested(vae(image))}
    (directory / "reference.json").write_text(json.dumps(reference))


def contrastive_fixture():
    directory = OUT / "tiny-contrastive"
    directory.mkdir(parents=True)
    text_encoder, image_encoder = PooledTextEncoder(6, 5), ImageEncoder(5)
    save(text_encoder, directory / "text_encoder.pt")
    save(image_encoder, directory / "image_encoder.pt")
    write_yaml(directory, {
        "name": "tiny-contrastive", "kind": "contrastive", "space": "pixel", "resolution": RESOLUTION,
        "channels": 3, "tokenizer": "tokenizer.json", "max_text_length": MAX_TEXT_LENGTH,
        "files": {"text_encoder": "text_encoder.pt", "image_encoder": "image_encoder.pt"},
    })
    (directory / "tokenizer.json").write_text(json.dumps(tokenizer_json(), indent=1))
    ids = torch.tensor([token_ids(p) for p in PROMPTS], dtype=torch.int64)
    with torch.no_grad():
        image = torch.rand(2, 3, RESOLUTION, RESOLUTION, generator=torch.Generator().manual_seed(11)) * 2 - 1
        reference = {
            "prompts": PROMPTS,
            "token_ids": ids.tolist(),
            "text_embeddings": nested(text_encoder(ids)),
            "image_encoder": {"image": nested(image), "output": nested(image_encoder(image))},
        }
    (directory / "reference.json").write_text(json.dumps(reference))


def broken_modules(channels, dim):
    """TorchScript files with the wrong signature, dropped into copies of tiny-diffusion by the tests."""
    directory = OUT / "broken"
    directory.mkdir(parents=True)
    save(TwoInputDenoiser(channels, dim), directory / "denoiser_two_inputs.pt")
    save(ExtraChannelDenoiser(channels, dim), directory / "denoiser_extra_channel.pt")
    save(BatchTwoDenoiser(channels, dim), directory / "denoiser_batch_two.pt")
    save(PooledTextEncoder(dim, dim), directory / "text_encoder_pooled.pt")


def main():
    torch.manual_seed(2023)
    if OUT.exists():
        shutil.rmtree(OUT)
    cosine = {"type": "cosine", "train_timesteps": 1000}
    text_encoder, denoiser, channels, dim = diffusion_fixture("tiny-diffusion", "pixel", "epsilon", cosine, 1.0)
    diffusion_fixture("tiny-latent", "latent", "v",
                      {"type": "scaled_linear", "beta_start": 0.00085, "beta_end": 0.012, "train_timesteps": 1000},
                      0.18215)
    diffusion_fixture("tiny-x0", "pixel", "x0",
                      {"type": "linear", "beta_start": 0.0001, "beta_end": 0.02, "train_timesteps": 100}, 1.0)
    contrastive_fixture()
    broken_modules(channels, dim)
    for dtype in (torch.bfloat16, torch.float16):
        name = "tiny-diffusion-" + str(dtype).replace("torch.", "")
        write_diffusion(name, "pixel", "epsilon", cosine, 1.0, HalfTextEncoder(copy.deepcopy(text_encoder), dtype),
                        HalfDenoiser(copy.deepcopy(denoiser), dtype), None, dtype, reference=dtype == torch.bfloat16)


if __name__ == "__main__":
    main()
