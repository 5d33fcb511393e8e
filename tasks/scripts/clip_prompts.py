#!/usr/bin/python3
"""Writes the class-name and template resources of the tasks module from OpenAI CLIP's tables.

Usage: /usr/bin/python3 tasks/scripts/clip_prompts.py ../shared/datasets/clip-prompts
Output: tasks/src/main/resources/dev/diffprobe/tasks/prompts/<Dataset>.classes.txt and
<Dataset>.templates.txt, one entry a line, in CLIP's order (class i is label i).
"""
import json
import pathlib
import shutil
import sys

# Our dataset name -> CLIP's name in data/prompts.md.
FROM_PROMPTS_MD = {
    "CIFAR10": "CIFAR10", "CIFAR100": "CIFAR100", "STL10": "STL10", "MNIST": "MNIST",
    "DTD": "DescribableTextures", "PatchCamelyon": "PatchCamelyon", "EuroSAT": "EuroSAT",
    "StanfordCars": "StanfordCars", "Caltech101": "Caltech101", "OxfordPets": "OxfordPets",
    "Food101": "Food101",
}

# Not in CLIP's tables. SVHN: the ten digits with CLIP's MNIST template (both are digit
# datasets; label 0 is the digit 0 after the usual mapping of SVHN's label 10 to 0).
# FashionMNIST: Zalando's class names (github.com/zalandoresearch/fashion-mnist README,
# label order 0..9) with CLIP's generic first template "a photo of a {}.".
# CueConflict: the 16 categories of Geirhos et al. (texture-vs-shape, alphabetical = the
# folder order), prompted like ImageNet, whose super-classes they are.
EXTRA = {
    "SVHN": ([str(d) for d in range(10)], None),
    "FashionMNIST": (["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                      "Sneaker", "Bag", "Ankle boot"], ["a photo of a {}."]),
    "CueConflict": (["airplane", "bear", "bicycle", "bird", "boat", "bottle", "car", "cat",
                     "chair", "clock", "dog", "elephant", "keyboard", "knife", "oven", "truck"],
                    None),
}


def write(out, name, classes, templates):
    for kind, lines in (("classes", classes), ("templates", templates)):
        for line in lines:
            if "\n" in line or line != line.strip():
                raise SystemExit(f"{name} {kind}: entry {line!r} cannot be stored one a line")
        (out / f"{name}.{kind}.txt").write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def main():
    source = pathlib.Path(sys.argv[1])
    out = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/dev/diffprobe/tasks/prompts"
    tables = json.loads((source / "prompts_by_dataset.json").read_text(encoding="utf-8"))
    imagenet = json.loads((source / "imagenet_classes_templates.json").read_text(encoding="utf-8"))
    for ours, clip in FROM_PROMPTS_MD.items():
        write(out, ours, tables[clip]["classes"], tables[clip]["templates"])
    # The first of the notebook's 80 templates is "a bad photo of a {}.", the paper's ImageNet prompt.
    write(out, "ImageNet", imagenet["imagenet_classes"], imagenet["imagenet_templates"])
    write(out, "SVHN", EXTRA["SVHN"][0], tables["MNIST"]["templates"])
    write(out, "FashionMNIST", *EXTRA["FashionMNIST"])
    write(out, "CueConflict", EXTRA["CueConflict"][0], imagenet["imagenet_templates"])
    shutil.copyfile(source / "LICENSE_openai_CLIP_MIT.txt", out / "LICENSE-openai-CLIP.txt")


if __name__ == "__main__":
    main()
