"""WordLevel tokenizer: writes Hugging Face tokenizer.json and encodes exactly as HF would.

HF pipeline reproduced here: normalizer Lowercase; pre-tokenizer Whitespace (regex
\\w+|[^\\w\\s]+); WordLevel lookup with [UNK]; truncation then right padding with [PAD] (id 0) to
max_length. The Java side (DJL HuggingFaceTokenizer) reads tokenizer.json; export.py writes the
ids this module produces into reference.json so a Java test can prove both agree.
"""
import json
import re

PAD = "[PAD]"
UNK = "[UNK]"
PAD_ID = 0
UNK_ID = 1
_WORD = re.compile(r"\w+|[^\w\s]+")

# Words of clevr-gen captions and of the binding tasks' prompts (issue 2), fixed before the
# renderer existed so that early checkpoints already carry the final vocabulary.
CLEVR_WORDS = """
a an the and on of to in is are at left right object objects thing things cube cubes sphere
spheres ball balls cylinder cylinders block blocks gray grey red blue green brown purple cyan
yellow small large big tiny rubber metal metallic shiny matte behind front next with two one
three there picture photo image scene rendering side it its other another both . , -
""".split()

# Fashion-MNIST's own class names, as the tasks module's FashionMNIST.classes.txt spells them:
# the suite prompts with these, and the tokenizer lowercases them.
FASHION_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                   "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

# CLIP-style templates; the first is the evaluation prompt (CLIP's first template).
FASHION_TEMPLATES = [
    "a photo of a {}.",
    "a black and white photo of the {}.",
    "a photo of the {}.",
    "a low resolution photo of a {}.",
    "a blurry photo of a {}.",
    "a photo of a small {}.",
    "a grayscale photo of a {}.",
    "a picture of a {}.",
    "an image of a {}.",
    "a product photo of a {}.",
    "a close-up photo of a {}.",
    "a {}.",
]


def pre_tokenize(text):
    return _WORD.findall(text.lower())


def build_vocab(texts_or_words):
    """Vocabulary from words and/or sentences, [PAD]=0, [UNK]=1, then sorted words."""
    words = set()
    for item in texts_or_words:
        words.update(pre_tokenize(item))
    vocab = {PAD: PAD_ID, UNK: UNK_ID}
    for word in sorted(words):
        vocab[word] = len(vocab)
    return vocab


def clevr_vocab():
    return build_vocab(CLEVR_WORDS)


def fashion_vocab():
    return build_vocab([t.format(c) for t in FASHION_TEMPLATES for c in FASHION_CLASSES])


class Tokenizer:
    def __init__(self, vocab, max_length):
        self.vocab = vocab
        self.max_length = max_length

    def encode(self, text):
        ids = [self.vocab.get(token, UNK_ID) for token in pre_tokenize(text)][: self.max_length]
        return ids + [PAD_ID] * (self.max_length - len(ids))

    def unknown_words(self, text):
        return [token for token in pre_tokenize(text) if token not in self.vocab]

    def to_json(self):
        special = lambda content, i: {"id": i, "content": content, "single_word": False, "lstrip": False,
                                      "rstrip": False, "normalized": False, "special": True}
        return {
            "version": "1.0",
            "truncation": {"direction": "Right", "max_length": self.max_length,
                           "strategy": "LongestFirst", "stride": 0},
            "padding": {"strategy": {"Fixed": self.max_length}, "direction": "Right",
                        "pad_to_multiple_of": None, "pad_id": PAD_ID, "pad_type_id": 0, "pad_token": PAD},
            "added_tokens": [special(PAD, PAD_ID), special(UNK, UNK_ID)],
            "normalizer": {"type": "Lowercase"},
            "pre_tokenizer": {"type": "Whitespace"},
            "post_processor": None,
            "decoder": None,
            "model": {"type": "WordLevel", "vocab": self.vocab, "unk_token": UNK},
        }

    def save(self, path):
        with open(path, "w") as f:
            json.dump(self.to_json(), f, indent=1)

    @staticmethod
    def load(path):
        with open(path) as f:
            data = json.load(f)
        return Tokenizer(data["model"]["vocab"], data["padding"]["strategy"]["Fixed"])
