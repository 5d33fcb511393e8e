"""The cosine noise schedule shared by training, sampling and the Java loader.

alpha_bar(n) = max(f(n / (T - 1)) / f(0), 1e-4),  f(s) = cos^2(((s + 0.008) / 1.008) * pi / 2)

for n in [0, T-1], integer (training) or not (the classifier's continuous t maps to n = t (T-1)),
evaluated in float64. alpha = sqrt(alpha_bar), sigma = sqrt(1 - alpha_bar). The floor 1e-4 keeps
alpha > 0 at n = T-1, where f vanishes (Nichol & Dhariwal clip betas at 0.999 instead; a floor on
alpha_bar is the same idea stated where the Java side needs it).
"""
import math

import torch

TRAIN_TIMESTEPS = 1000
OFFSET = 0.008
FLOOR = 1e-4


def _f(s):
    return math.cos(((s + OFFSET) / (1 + OFFSET)) * math.pi / 2) ** 2


def alpha_bar(n, timesteps=TRAIN_TIMESTEPS):
    return max(_f(n / (timesteps - 1)) / _f(0.0), FLOOR)


def alpha_bar_table(timesteps=TRAIN_TIMESTEPS):
    """alpha_bar at every integer n, float64, for indexing during training."""
    return torch.tensor([alpha_bar(n, timesteps) for n in range(timesteps)], dtype=torch.float64)


PREDICTIONS = ("epsilon", "v")


def target(prediction, x, eps, a, s):
    """What the denoiser learns to output: epsilon, or v = alpha eps - sigma x (Salimans & Ho)."""
    return eps if prediction == "epsilon" else a * eps - s * x


def x0_from(prediction, x_t, out, a, s):
    """The clean-image estimate, as models/README.md has Java compute it."""
    return (x_t - s * out) / a if prediction == "epsilon" else a * x_t - s * out
