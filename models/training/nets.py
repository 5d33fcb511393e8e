"""Networks of the tiny checkpoints: text encoder, text-conditioned UNet, contrastive image encoder.

Attention is written with plain matmul/softmax (no nn.MultiheadAttention, no fused kernels) so
that torch.jit.trace on Debian's torch 1.13 yields a graph that libtorch 2.5 (DJL) runs unchanged.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class Attention(nn.Module):
    """Multi-head attention of queries [B,N,C] over a context [B,M,Dc]."""

    def __init__(self, channels, context_dim, heads):
        super().__init__()
        self.heads = heads
        self.q = nn.Linear(channels, channels, bias=False)
        self.k = nn.Linear(context_dim, channels, bias=False)
        self.v = nn.Linear(context_dim, channels, bias=False)
        self.out = nn.Linear(channels, channels)

    def forward(self, x, context):
        b, n, c = x.shape
        m = context.shape[1]
        h = self.heads
        q = self.q(x).reshape(b, n, h, c // h).transpose(1, 2)
        k = self.k(context).reshape(b, m, h, c // h).transpose(1, 2)
        v = self.v(context).reshape(b, m, h, c // h).transpose(1, 2)
        weights = torch.softmax(q @ k.transpose(-1, -2) * (1.0 / math.sqrt(c // h)), dim=-1)
        return self.out((weights @ v).transpose(1, 2).reshape(b, n, c))


class TextLayer(nn.Module):
    """Pre-norm transformer layer."""

    def __init__(self, dim, heads, ff):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = Attention(dim, dim, heads)
        self.norm2 = nn.LayerNorm(dim)
        self.ff = nn.Sequential(nn.Linear(dim, ff), nn.GELU(), nn.Linear(ff, dim))

    def forward(self, x):
        y = self.norm1(x)
        x = x + self.attn(y, y)
        return x + self.ff(self.norm2(x))


class TextEncoder(nn.Module):
    """Token ids [B,L] int64 -> per-token features [B,L,D]. Padding tokens are attended like any
    other token: the caption's length is then visible to the model, and no mask has to cross the
    TorchScript boundary."""

    def __init__(self, vocab_size, max_length, dim=128, layers=2, heads=4):
        super().__init__()
        self.tokens = nn.Embedding(vocab_size, dim)
        self.positions = nn.Parameter(torch.randn(1, max_length, dim) * 0.02)
        self.layers = nn.ModuleList([TextLayer(dim, heads, dim * 2) for _ in range(layers)])
        self.norm = nn.LayerNorm(dim)

    def forward(self, ids):
        x = self.tokens(ids) + self.positions[:, : ids.shape[1]]
        for layer in self.layers:
            x = layer(x)
        return self.norm(x)


@torch.jit.script
def timestep_embedding(timestep: torch.Tensor, dim: int) -> torch.Tensor:
    """Sinusoidal embedding of the (possibly non-integer) timestep n in [0, T-1], in float32 on the
    timestep's device whatever the network computes in: near n = 999 float16 keeps one bit of the
    fraction and bfloat16 not every integer, while the highest frequency turns a unit of n into a
    radian. Scripted, so that torch.jit.trace keeps the device a variable: traced, torch.arange's
    device is frozen as the CPU's and the exported denoiser fails on a GPU."""
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32, device=timestep.device) / half)
    args = timestep.float()[:, None] * freqs[None, :]
    return torch.cat([torch.cos(args), torch.sin(args)], dim=1)


def norm(channels):
    return nn.GroupNorm(8, channels)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, emb_dim):
        super().__init__()
        self.norm1 = norm(cin)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.emb = nn.Linear(emb_dim, cout)
        self.norm2 = norm(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x, emb):
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.emb(emb)[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return self.skip(x) + h


class SpatialAttention(nn.Module):
    """Self-attention over positions, then cross-attention to the text tokens."""

    def __init__(self, channels, context_dim, heads, self_attention):
        super().__init__()
        self.self_attention = self_attention
        if self_attention:
            self.norm_self = nn.LayerNorm(channels)
            self.attn_self = Attention(channels, channels, heads)
        self.norm_cross = nn.LayerNorm(channels)
        self.attn_cross = Attention(channels, context_dim, heads)

    def forward(self, x, context):
        b, c, h, w = x.shape
        t = x.reshape(b, c, h * w).transpose(1, 2)
        if self.self_attention:
            y = self.norm_self(t)
            t = t + self.attn_self(y, y)
        t = t + self.attn_cross(self.norm_cross(t), context)
        return t.transpose(1, 2).reshape(b, c, h, w)


class UNet(nn.Module):
    """Epsilon-predicting UNet. The 32x32 input is folded 2x2 into channels (pixel unshuffle) so
    the first level works at 16x16: on two CPU cores this buys the throughput the classifier
    needs, and most parameters sit at 8x8 and 4x4 where they cost little."""

    def __init__(self, channels=3, widths=(32, 64, 128), attention=(True, True, True),
                 self_attention=(False, False, True), context_dim=128, heads=4, fold=2):
        super().__init__()
        self.fold = fold
        emb_dim = widths[0] * 4
        self.time_dim = widths[0]
        self.time_mlp = nn.Sequential(nn.Linear(widths[0], emb_dim), nn.SiLU(), nn.Linear(emb_dim, emb_dim))
        self.stem = nn.Conv2d(channels * fold * fold, widths[0], 3, padding=1)
        self.down_blocks = nn.ModuleList()
        self.down_attn = nn.ModuleList()
        self.downsamples = nn.ModuleList()
        for i, width in enumerate(widths):
            cin = widths[i - 1] if i > 0 else widths[0]
            self.down_blocks.append(ResBlock(cin, width, emb_dim))
            self.down_attn.append(SpatialAttention(width, context_dim, heads, self_attention[i])
                                  if attention[i] else nn.Identity())
            if i < len(widths) - 1:
                self.downsamples.append(nn.Conv2d(width, width, 3, stride=2, padding=1))
        deepest = widths[-1]
        self.mid1 = ResBlock(deepest, deepest, emb_dim)
        self.mid_attn = SpatialAttention(deepest, context_dim, heads, True)
        self.mid2 = ResBlock(deepest, deepest, emb_dim)
        self.up_blocks = nn.ModuleList()
        self.up_attn = nn.ModuleList()
        self.upsamples = nn.ModuleList()
        for i in reversed(range(len(widths))):
            width = widths[i]
            self.up_blocks.append(ResBlock(width * 2, width, emb_dim))
            self.up_attn.append(SpatialAttention(width, context_dim, heads, self_attention[i])
                                if attention[i] else nn.Identity())
            if i > 0:
                self.upsamples.append(nn.ConvTranspose2d(width, widths[i - 1], 2, stride=2))
        self.out_norm = norm(widths[0])
        self.out = nn.Conv2d(widths[0], channels * fold * fold, 3, padding=1)
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, x, timestep, cond):
        emb = self.time_mlp(timestep_embedding(timestep, self.time_dim).to(x.dtype))
        h = self.stem(F.pixel_unshuffle(x, self.fold))
        skips = []
        for i, block in enumerate(self.down_blocks):
            h = block(h, emb)
            attn = self.down_attn[i]
            h = attn(h, cond) if isinstance(attn, SpatialAttention) else h
            skips.append(h)
            if i < len(self.downsamples):
                h = self.downsamples[i](h)
        h = self.mid2(self.mid_attn(self.mid1(h, emb), cond), emb)
        for i, block in enumerate(self.up_blocks):
            h = block(torch.cat([h, skips.pop()], dim=1), emb)
            attn = self.up_attn[i]
            h = attn(h, cond) if isinstance(attn, SpatialAttention) else h
            if i < len(self.upsamples):
                h = self.upsamples[i](h)
        return F.pixel_shuffle(self.out(F.silu(self.out_norm(h))), self.fold)


class DiffusionPair(nn.Module):
    """Text encoder and denoiser trained jointly; exported as two TorchScript files."""

    def __init__(self, vocab_size, max_length, unet_config):
        super().__init__()
        self.text = TextEncoder(vocab_size, max_length)
        self.unet = UNet(context_dim=128, **unet_config)

    def forward(self, x_t, timestep, ids):
        return self.unet(x_t, timestep, self.text(ids))


class PooledTextEncoder(nn.Module):
    """The diffusion text encoder's architecture, mean-pooled over non-padding tokens, projected
    and L2-normalised: [B,L] int64 -> [B,E]."""

    def __init__(self, vocab_size, max_length, embed_dim=128):
        super().__init__()
        self.encoder = TextEncoder(vocab_size, max_length)
        self.project = nn.Linear(128, embed_dim)

    def forward(self, ids):
        mask = (ids != 0).float()[:, :, None]
        pooled = (self.encoder(ids) * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)
        return F.normalize(self.project(pooled), dim=-1)


class ImageEncoder(nn.Module):
    """Small CNN: pixels [B,3,32,32] in [-1,1] -> L2-normalised [B,E]."""

    def __init__(self, embed_dim=128, widths=(32, 64, 128, 256)):
        super().__init__()
        layers = []
        cin = 3
        for width in widths:
            layers += [nn.Conv2d(cin, width, 3, padding=1), nn.GroupNorm(8, width), nn.SiLU(),
                       nn.Conv2d(width, width, 3, padding=1, stride=2), nn.GroupNorm(8, width), nn.SiLU()]
            cin = width
        self.features = nn.Sequential(*layers)
        self.project = nn.Linear(cin * 4, embed_dim)

    def forward(self, pixels):
        # A flattened 2x2 map rather than global pooling keeps left/right in the embedding.
        h = self.features(pixels)
        return F.normalize(self.project(h.flatten(1)), dim=-1)


class ContrastivePair(nn.Module):
    def __init__(self, vocab_size, max_length, embed_dim=128):
        super().__init__()
        self.image = ImageEncoder(embed_dim)
        self.text = PooledTextEncoder(vocab_size, max_length, embed_dim)
        # CLIP's initial temperature 0.07, learned in log space.
        self.logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07)))


def parameter_count(module):
    return sum(p.numel() for p in module.parameters())
