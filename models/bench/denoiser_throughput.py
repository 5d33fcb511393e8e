"""Python half of models/bench/denoiser-bench.sh: denoiser images/s on the same TorchScript file.

usage: denoiser_throughput.py <checkpoint dir> <threads> <seconds per batch size> <batch>...
Prints one "batch<TAB>images per wall second<TAB>images per process CPU second" line per batch
size, like dev.diffprobe.models.bench.DenoiserThroughput.
"""
import sys
import time
from pathlib import Path

import torch
import yaml

WARMUP_CALLS = 5


def main():
    directory, threads, seconds = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    torch.set_num_threads(threads)
    config = yaml.safe_load((directory / "model.yaml").read_text())
    denoiser = torch.jit.load(str(directory / config["files"]["denoiser"]))
    text_encoder = torch.jit.load(str(directory / config["files"]["text_encoder"]))
    length, side, channels = config["max_text_length"], config["resolution"], config["channels"]
    steps = config["schedule"]["train_timesteps"]
    with torch.no_grad():
        dim = text_encoder(torch.zeros(1, length, dtype=torch.int64)).shape[-1]
        for batch in (int(b) for b in sys.argv[4:]):
            generator = torch.Generator().manual_seed(batch)
            x = torch.randn(batch, channels, side, side, generator=generator)
            t = (0.05 + 0.9 * torch.rand(batch, generator=generator)) * (steps - 1)
            cond = torch.randn(batch, length, dim, generator=generator)
            for _ in range(WARMUP_CALLS):
                denoiser(x, t, cond)
            calls, start, cpu_start = 0, time.perf_counter(), time.process_time()
            deadline = start + seconds
            while True:
                denoiser(x, t, cond)
                calls += 1
                now = time.perf_counter()
                if now >= deadline:
                    break
            cpu = time.process_time() - cpu_start
            print(f"{batch}\t{calls * batch / (now - start):.2f}\t{calls * batch / cpu:.2f}", flush=True)


if __name__ == "__main__":
    main()
