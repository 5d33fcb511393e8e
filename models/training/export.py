"""Exports a training state (its EMA weights) as a checkpoint directory in the format of
models/README.md: TorchScript files, model.yaml, tokenizer.json, reference.json, TRAINING.md with
loss.png (and samples.png, classes.txt where they apply).

  /usr/bin/python3 models/training/export.py --state models/training/runs/clevr-diffusion/state.pt \
      --name tiny-clevr-diffusion --out models/checkpoints/tiny-clevr-diffusion

--dtype float16|bfloat16 saves a diffusion checkpoint's modules computing in that dtype behind the
float32 signature Java calls (they cast on entry and exit), writes `dtype` into model.yaml, and
makes reference.json with those half modules.
"""
import argparse
import hashlib
import json
import os
import shlex
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import sample  # noqa: E402
from nets import ContrastivePair, DiffusionPair, parameter_count  # noqa: E402
from runstate import read_loss  # noqa: E402
from schedule import TRAIN_TIMESTEPS, alpha_bar, x0_from  # noqa: E402
from tokenizer import FASHION_CLASSES, FASHION_TEMPLATES, Tokenizer  # noqa: E402
import cli  # noqa: E402

PROMPTS = {
    "clevr": ["a red cube.", "A small blue sphere on the left and a large green cylinder.", "a purple cone"],
    "fashion": ["a photo of a T-shirt/top.", "a black and white photo of the Ankle boot.", "a photo of a jacket."],
}
PROMPTS["fake"] = PROMPTS["clevr"]
DTYPES = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}
REFERENCE_T = [0.05, 0.5, 0.9375]
REFERENCE_N = [0, 1, 2.5, (TRAIN_TIMESTEPS - 1) / 2, TRAIN_TIMESTEPS - 2, TRAIN_TIMESTEPS - 1]


def nested(tensor):
    """Full array as nested lists rounded to 7 decimals (float32 carries about that many)."""
    flat = [round(v, 7) for v in tensor.double().flatten().tolist()]
    return torch.tensor(flat, dtype=torch.float64).reshape(tensor.shape).tolist()


class HalfTextEncoder(nn.Module):
    """The text encoder in a half dtype behind the float32 signature: DJL 0.33 can neither make nor
    name a bfloat16 tensor, so the casts happen here, on the device the module runs on."""

    def __init__(self, text):
        super().__init__()
        self.inner = text

    def forward(self, ids):
        return self.inner(ids).float()


class HalfDenoiser(nn.Module):
    """The UNet in a half dtype behind the float32 signature; the timestep stays float32 (see
    nets.timestep_embedding)."""

    def __init__(self, unet, dtype):
        super().__init__()
        self.inner = unet
        self.dtype = dtype

    def forward(self, x_t, timestep, cond):
        return self.inner(x_t.to(self.dtype), timestep, cond.to(self.dtype)).float()


class ShuffleUpsample(nn.Module):
    """A kernel-2, stride-2 ConvTranspose2d as the same map written as a 1x1 convolution and a
    pixel shuffle: Debian's torch 1.13 has no bfloat16 transposed convolution on the CPU (its
    oneDNN path rejects one whose input and output widths differ), but runs these two."""

    def __init__(self, up):
        super().__init__()
        if up.kernel_size != (2, 2) or up.stride != (2, 2) or up.padding != (0, 0):
            raise ValueError(f"only kernel 2, stride 2 upsamples can be rewritten, got {up}")
        cin, cout = up.weight.shape[:2]
        self.conv = nn.Conv2d(cin, cout * 4, 1)
        with torch.no_grad():
            self.conv.weight.copy_(up.weight.permute(1, 2, 3, 0).reshape(cout * 4, cin, 1, 1))
            self.conv.bias.copy_(up.bias.repeat_interleave(4))

    def forward(self, x):
        return F.pixel_shuffle(self.conv(x), 2)


def runs_on_cpu(dtype):
    """Whether this torch has CPU kernels for the dtype: Debian's 1.13 has none for float16."""
    try:
        F.conv2d(torch.zeros(1, 1, 3, 3, dtype=dtype), torch.zeros(1, 1, 3, 3, dtype=dtype))
        return True
    except RuntimeError:
        return False


def trace(module, example, checks):
    """torch.jit.trace, then proof that the trace follows the eager module at other batch sizes."""
    traced = torch.jit.trace(module, example)
    for inputs in checks:
        diff = (traced(*inputs) - module(*inputs)).abs().max().item()
        if diff > 1e-5:
            raise RuntimeError(f"traced {type(module).__name__} differs from eager by {diff}")
    return traced


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def write_yaml(out, name, config, kind, files, dtype):
    lines = [f"name: {name}", f"kind: {kind}", "space: pixel", f"resolution: {config['resolution']}", "channels: 3"]
    if kind == "diffusion":
        lines += [f"prediction: {config.get('prediction', 'epsilon')}", "schedule:", "  type: cosine", f"  train_timesteps: {TRAIN_TIMESTEPS}"]
    lines += ["latent_scale: 1.0", "tokenizer: tokenizer.json", f"max_text_length: {config['max_length']}", "files:"]
    lines += [f"  {k}: {v}" for k, v in files.items()]
    if dtype != "float32":
        lines.append(f"dtype: {dtype}")
    if config.get("hold_out"):
        # compositions the training data never showed on one object: the binding suite reports them apart
        lines.append("held_out: [" + ", ".join(f"{shape}:{color}" for shape, color in config["hold_out"]) + "]")
    with open(os.path.join(out, "model.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")


def export_diffusion(state, out, prompts, tokenizer, dtype):
    config = state["config"]
    model = DiffusionPair(len(config["vocab"]), config["max_length"], config["unet"]).eval()
    model.load_state_dict(state["ema"])
    text_module, unet_module = model.text, model.unet
    if dtype != torch.float32:
        for i, up in enumerate(model.unet.upsamples):
            model.unet.upsamples[i] = ShuffleUpsample(up)
        model.to(dtype)
        text_module, unet_module = HalfTextEncoder(model.text), HalfDenoiser(model.unet, dtype)
    r, length = config["resolution"], config["max_length"]
    g = torch.Generator().manual_seed(7)
    with torch.no_grad():
        ids2 = torch.randint(0, len(config["vocab"]), (2, length), generator=g)
        text = trace(text_module, (ids2,), [(ids2[:1],), (torch.randint(0, 9, (5, length), generator=g),)])
        cond2 = text_module(ids2)
        x2 = torch.randn(2, 3, r, r, generator=g)
        denoiser = trace(unet_module, (x2, torch.tensor([500.0, 20.5]), cond2),
                         [(x2[:1], torch.tensor([3.25]), cond2[:1]),
                          (torch.randn(3, 3, r, r, generator=g), torch.tensor([0.0, 998.5, 100.0]),
                           text_module(torch.randint(0, 9, (3, length), generator=g)))])
    text.save(os.path.join(out, "text_encoder.pt"))
    denoiser.save(os.path.join(out, "denoiser.pt"))
    text = torch.jit.load(os.path.join(out, "text_encoder.pt"))
    denoiser = torch.jit.load(os.path.join(out, "denoiser.pt"))

    torch.manual_seed(2023)
    ids = torch.tensor([tokenizer.encode(p) for p in prompts], dtype=torch.int64)
    with torch.no_grad():
        embeddings = text(ids)
        x_t = torch.randn(len(prompts), 3, r, r)
        t = torch.tensor(REFERENCE_T, dtype=torch.float64)
        timestep = (t * (TRAIN_TIMESTEPS - 1)).float()
        output = denoiser(x_t, timestep, embeddings)
        bars = torch.tensor([alpha_bar(n) for n in (t * (TRAIN_TIMESTEPS - 1)).tolist()], dtype=torch.float64)
        a, s = bars.sqrt()[:, None, None, None], (1 - bars).sqrt()[:, None, None, None]
        x0 = x0_from(config.get("prediction", "epsilon"), x_t.double(), output.double(), a, s)
    reference = {
        "prompts": prompts,
        "token_ids": ids.tolist(),
        "text_embeddings": nested(embeddings),
        "denoiser": {"x_t": nested(x_t), "timestep": [round(v, 7) for v in timestep.tolist()],
                     "cond": nested(embeddings), "output": nested(output)},
        "predict_x0": {"t": REFERENCE_T, "output": nested(x0)},
        "alpha_bar": {"n": REFERENCE_N, "value": [alpha_bar(n) for n in REFERENCE_N]},
    }
    files = {"text_encoder": "text_encoder.pt", "denoiser": "denoiser.pt"}
    counts = {"UNet (denoiser.pt)": parameter_count(model.unet), "text encoder": parameter_count(model.text)}
    return reference, files, counts


def export_contrastive(state, out, prompts, tokenizer):
    config = state["config"]
    model = ContrastivePair(len(config["vocab"]), config["max_length"]).eval()
    model.load_state_dict(state["ema"])
    r, length = config["resolution"], config["max_length"]
    g = torch.Generator().manual_seed(7)
    with torch.no_grad():
        ids2 = torch.randint(0, len(config["vocab"]), (2, length), generator=g)
        text = trace(model.text, (ids2,), [(ids2[:1],), (torch.randint(0, 9, (5, length), generator=g),)])
        x2 = torch.rand(2, 3, r, r, generator=g) * 2 - 1
        image = trace(model.image, (x2,), [(x2[:1],), (torch.rand(4, 3, r, r, generator=g) * 2 - 1,)])
    text.save(os.path.join(out, "text_encoder.pt"))
    image.save(os.path.join(out, "image_encoder.pt"))
    text = torch.jit.load(os.path.join(out, "text_encoder.pt"))
    image = torch.jit.load(os.path.join(out, "image_encoder.pt"))
    ids = torch.tensor([tokenizer.encode(p) for p in prompts], dtype=torch.int64)
    with torch.no_grad():
        pixels = torch.rand(2, 3, r, r, generator=torch.Generator().manual_seed(11)) * 2 - 1
        reference = {
            "prompts": prompts,
            "token_ids": ids.tolist(),
            "text_embeddings": nested(text(ids)),
            "image_encoder": {"image": nested(pixels), "output": nested(image(pixels))},
        }
    files = {"text_encoder": "text_encoder.pt", "image_encoder": "image_encoder.pt"}
    counts = {"image encoder": parameter_count(model.image), "text encoder": parameter_count(model.text)}
    return reference, files, counts


def loss_plot(loss_csv, step, out):
    steps, losses, walls = read_loss(loss_csv)
    keep = [i for i, s in enumerate(steps) if s <= step]
    steps, losses = [steps[i] for i in keep], [losses[i] for i in keep]
    window = max(1, len(losses) // 100)
    smooth = [sum(losses[max(0, i - window + 1):i + 1]) / len(losses[max(0, i - window + 1):i + 1])
              for i in range(len(losses))]
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(steps, losses, color="0.8", linewidth=0.5, label="per step")
    ax.plot(steps, smooth, color="C0", label=f"mean of {window} steps")
    ax.set_xlabel("step")
    ax.set_ylabel("training loss")
    ax.set_yscale("log")
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(out, "loss.png"), dpi=100)
    plt.close(fig)
    tail = losses[-max(1, len(losses) // 20):]
    return sum(tail) / len(tail), len(tail)


def data_provenance(config):
    lines = []
    for directory in config["data"]:
        note = os.path.join(directory, "generate.txt")
        if os.path.exists(note):
            with open(note) as f:
                lines.append(f.read().strip())
    return lines


def init_lines(config):
    init = config.get("init")
    if not init:
        return []
    return [f"This run started from the weights of `{init['state']}` after its {init['step']} steps "
            f"({init['wall'] / 60:.1f} min, {init['prediction']} prediction), trained with:", "", "```",
            *init["commands"], "```", "",
            f"In all: {init['step']} + the steps below; wall time {init['wall'] / 60:.1f} min + the time below.", ""]


def training_md(name, state, files, counts, final_loss, sample_captions, export_command, sample_command, note):
    config, hyper = state["config"], state["config"]["hyper"]
    kind = config["kind"]
    md = [f"# {name}", ""]
    if note:
        md += [note, ""]
    if config["dataset"] == "fashion":
        md += ["**In-domain, not zero-shot**: trained on the Fashion-MNIST *train* split (60,000 images) with "
               "captions naming their classes; the suite evaluates it on the *test* split. Images: 28x28 gray, "
               "resized to 32x32 bilinearly (half-pixel centres, no antialiasing, rounded to uint8), gray "
               "replicated to R, G, B, then value / 127.5 - 1. Captions: every template below with the class "
               "names of `classes.txt`, one drawn at random per image and step.", "",
               "Templates: " + ", ".join(f"`{t}`" for t in FASHION_TEMPLATES) +
               ". Evaluation prompt: `a photo of a {}.` (CLIP's first template).", ""]
    elif config["dataset"] == "fake":
        md += ["**Smoke-test checkpoint**: trained a few steps on random images; format-correct, not meaningful.", ""]
    provenance = data_provenance(config)
    md += ["## Data", "", f"dataset `{config['dataset']}`, {', '.join(config['data']) or 'generated in memory'}"]
    if provenance:
        md += ["", "Generated with:", "", "```"] + provenance + ["```"]
    md += ["", "## Training", "",
           f"- kind: {kind}; steps: {state['step']}; wall time: {state['wall'] / 60:.1f} min on this 2-core CPU "
           f"machine (shared with other work)",
           f"- parameters: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()) +
           f"; total {sum(counts.values()):,}",
           f"- hyper-parameters: " + ", ".join(f"{k} {v}" for k, v in hyper.items()),
           f"- mean training loss over the last {final_loss[1]} steps: {final_loss[0]:.4f}",
           "- exported weights: the exponential moving average of the trained weights", "",
           "![loss curve](loss.png)", "",
           *init_lines(config),
           "Command (resumable; rerun it to continue; a later line is a resume with changed settings):",
           "", "```", *state.get("commands", [config["command"]]), "```", "",
           "Export:", "", "```", export_command, "```", ""]
    if kind == "diffusion":
        md += ["## Samples", "",
               "25-step DDIM (eta 0), classifier-free guidance 3, seed 0, from the exported TorchScript files:", "",
               "![samples](samples.png)", "", "Captions, row by row:", ""]
        md += [f"{i + 1}. `{c}`" for i, c in enumerate(sample_captions)]
        md += ["", "```", sample_command, "```", ""]
    md += ["## Files", "", "| file | sha256 |", "|---|---|"]
    md += [f"| {f} | `{sha256(os.path.join(files['dir'], f))}` |" for f in files["list"]]
    return "\n".join(md) + "\n"


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--state", required=True, help="run state.pt or an ema-<step>.pt snapshot")
    p.add_argument("--name", required=True, help="checkpoint name written into model.yaml")
    p.add_argument("--out", required=True, help="checkpoint directory to (re)write")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--note", default="", help="a paragraph for TRAINING.md: what was seen in the samples")
    p.add_argument("--dtype", choices=DTYPES, default="float32",
                   help="what the diffusion modules compute in (their signature stays float32)")
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    dtype = DTYPES[args.dtype]
    if not runs_on_cpu(dtype):
        p.error(f"--dtype {args.dtype}: torch {torch.__version__} has no {args.dtype} kernels on the CPU, and"
                " reference.json must come from the modules as saved; export with a torch that has them")
    state = torch.load(args.state)
    config = state["config"]
    if config["kind"] != "diffusion" and dtype != torch.float32:
        p.error(f"--dtype {args.dtype}: half precision is for diffusion checkpoints")
    os.makedirs(args.out, exist_ok=True)
    for old in os.listdir(args.out):
        os.remove(os.path.join(args.out, old))
    tokenizer = Tokenizer(config["vocab"], config["max_length"])
    tokenizer.save(os.path.join(args.out, "tokenizer.json"))
    prompts = PROMPTS[config["dataset"]]
    if config["kind"] == "diffusion":
        reference, files, counts = export_diffusion(state, args.out, prompts, tokenizer, dtype)
    else:
        reference, files, counts = export_contrastive(state, args.out, prompts, tokenizer)
    with open(os.path.join(args.out, "reference.json"), "w") as f:
        json.dump(reference, f)
    write_yaml(args.out, args.name, config, config["kind"], files, args.dtype)
    extra = ["loss.png"]
    final_loss = loss_plot(os.path.join(os.path.dirname(args.state), "loss.csv"), state["step"], args.out)
    if config["dataset"] == "fashion":
        with open(os.path.join(args.out, "classes.txt"), "w") as f:
            f.write("\n".join(FASHION_CLASSES) + "\n")
        extra.append("classes.txt")
    captions = sample.FASHION_CAPTIONS if config["dataset"] == "fashion" else sample.CLEVR_CAPTIONS
    sample_command = (f"/usr/bin/python3 models/training/sample.py --checkpoint {args.out} --out samples.png "
                      f"--captions {'fashion' if config['dataset'] == 'fashion' else 'clevr'}")
    if config["kind"] == "diffusion":
        sample.sample_checkpoint(args.out, os.path.join(args.out, "samples.png"), captions, 25, 3.0, 0)
        extra.append("samples.png")
    listed = ["model.yaml", "tokenizer.json", *files.values(), "reference.json", *extra]
    export_command = "/usr/bin/python3 " + " ".join(shlex.quote(a) for a in sys.argv)
    with open(os.path.join(args.out, "TRAINING.md"), "w") as f:
        f.write(training_md(args.name, state, {"dir": args.out, "list": listed}, counts, final_loss, captions,
                            export_command, sample_command, args.note))
    print(f"exported {args.name} at step {state['step']} to {args.out}")


if __name__ == "__main__":
    cli.run(main, sys.argv[1:])
