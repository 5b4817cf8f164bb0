"""A colour data set made offline from the bundled digits, written as a folder of PNGs. Lesson 09.

Each digit is drawn in a coloured ink on a coloured background, 32×32 px (the 28×28 digit with a
2-px border). Every class has its own ink hue and its own background hue (the palettes below), and
each picture varies them a little (hue ±0.04 of the colour wheel, random saturation and brightness):
the colour tells the class as the shape does, so a generator must learn colour *together with*
shape, which MNIST does not ask for. A 3 in the 7's colours is a mistake a grid shows at a glance.

The folder follows torchvision's ``ImageFolder`` layout, one sub-folder per class::

    folder/0/00000.png  folder/0/00010.png  ...  folder/9/04999.png

so the student sees the convention before using their own pictures (:func:`ganlib.data.load_folder`).

Picture i is the same whatever ``n`` is (the digits are dealt and the colours drawn in order), so the
first :data:`TRAIN_PICTURES` train and the next ones measure: :func:`colour_split` hands out the parts.
"""

import colorsys
import json
import os
import shutil
import uuid
from pathlib import Path
from typing import NamedTuple

import numpy as np
import torch

from ..i18n import tr
from .mnist import load_bundled_mnist

SIDE = 32  # pixels; the 28×28 digits get a 2-px border of background
INK_HUES = (0.00, 0.08, 0.16, 0.30, 0.45, 0.55, 0.65, 0.75, 0.85, 0.93)  # per class, on the colour wheel [0, 1)
BACKGROUND_SHIFT = 0.4  # each class's background hue is its ink hue + 0.4 (never the ink's own)
HUE_JITTER = 0.04
MANIFEST = ".colour_digits.json"  # hidden, so that load_folder does not try it as a picture
TRAIN_PICTURES, REFERENCE_PICTURES, FRESH_PICTURES = 3000, 1000, 1000  # the held-out protocol of lesson 09


def palette(label: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """One picture's ink and background colours (RGB, float64 in [0, 1]) for a digit of class ``label``:
    the class's hues moved by up to ±:data:`HUE_JITTER`, a bright saturated ink (saturation 0.6–1,
    value 0.75–1) on a darker, duller background (saturation 0.35–0.8, value 0.12–0.45)."""
    ink_hue = INK_HUES[label] + rng.uniform(-HUE_JITTER, HUE_JITTER)
    background_hue = INK_HUES[label] + BACKGROUND_SHIFT + rng.uniform(-HUE_JITTER, HUE_JITTER)
    ink = colorsys.hsv_to_rgb(ink_hue % 1.0, rng.uniform(0.6, 1.0), rng.uniform(0.75, 1.0))
    background = colorsys.hsv_to_rgb(background_hue % 1.0, rng.uniform(0.35, 0.8), rng.uniform(0.12, 0.45))
    return np.array(ink), np.array(background)


def colour_digits(*, n: int = 3000, seed: int = 0, palette_shift: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The first ``n`` bundled digits (dealt, so every class in proportion; 1 ≤ n ≤ 5000) drawn in
    colour: uint8 images N×32×32×3 (height, width, RGB; 0..255) and int64 labels N (0..9).
    The same ``n`` and ``seed`` always give the same pictures. ``palette_shift`` k ≠ 0 draws each digit
    of class y in the palette of class (y + k) mod 10, with the same jitter: shapes and colours both real
    but mismatched (lesson 09's experiment on what the SWD cannot see)."""
    digits = load_bundled_mnist()
    if not 1 <= n <= len(digits.labels):
        raise ValueError(tr(en=f"n must be between 1 and {len(digits.labels)} (the bundled digits), got {n}",
                            vi=f"n phải nằm trong khoảng từ 1 đến {len(digits.labels)} (số ảnh chữ số đi kèm), "
                               f"nhận được {n}"))
    rng = np.random.default_rng(seed)
    border = (SIDE - digits.images.shape[-1]) // 2
    ink_share = np.pad(digits.images[:n, 0].numpy() / 255.0, ((0, 0), (border, border), (border, border)))
    labels = digits.labels[:n].numpy()
    colours = [palette((int(label) + palette_shift) % len(INK_HUES), rng) for label in labels]
    ink = np.stack([colour for colour, _ in colours])[:, None, None, :]
    background = np.stack([colour for _, colour in colours])[:, None, None, :]
    images = background + ink_share[..., None] * (ink - background)
    return np.rint(images * 255.0).astype(np.uint8), labels


class ColourSplit(NamedTuple):
    """Lesson 09's held-out protocol: uint8 tensors N×3×32×32 (RGB, 0..255). ``train``: pictures
    0–2999, the folder ``write_colour_digits(folder, n=3000)`` writes; ``reference``: 3000–3999, which
    every sample set is compared with; ``fresh``: 4000–4999, real pictures seen by neither, whose
    distance from ``reference`` is the floor a perfect generator would score."""

    train: torch.Tensor
    reference: torch.Tensor
    fresh: torch.Tensor


def colour_split(*, seed: int = 0) -> ColourSplit:
    """The colour digits of ``seed`` cut into :class:`ColourSplit`'s three parts, in their dealt order
    (every class equally in each part, ±1). Lesson 09: train on the first part's folder, then score
    samples with ``sliced_wasserstein_distance(samples, to_gan_range(split.reference))`` beside the
    floor ``sliced_wasserstein_distance(to_gan_range(split.fresh), to_gan_range(split.reference))``."""
    bounds = np.cumsum([0, TRAIN_PICTURES, REFERENCE_PICTURES, FRESH_PICTURES])
    images, _ = colour_digits(n=int(bounds[-1]), seed=seed)
    pictures = torch.from_numpy(images).permute(0, 3, 1, 2).contiguous()  # N×H×W×3 → N×3×H×W
    return ColourSplit(*(pictures[start:stop] for start, stop in zip(bounds[:-1], bounds[1:])))


def write_colour_digits(folder: str | Path, *, n: int = 3000, seed: int = 0) -> Path:
    """Write :func:`colour_digits` as PNGs in ``folder`` (``folder/<digit>/<index>.png``) and return it.

    The folder appears whole or not at all: the pictures go to a temporary folder beside it, which is
    renamed into place at the end (3000 pictures take about 5 s on one CPU core). If ``folder`` already
    holds the pictures of the same ``n`` and ``seed`` (a hidden manifest says so), nothing is written;
    any other non-empty ``folder`` is a ValueError, so nothing of the user's is overwritten. Lesson 09.
    """
    from PIL import Image

    folder = Path(folder).expanduser()
    wanted = {"n": n, "seed": seed, "side": SIDE}
    if folder.is_dir() and any(folder.iterdir()):
        manifest = folder / MANIFEST
        if manifest.is_file() and json.loads(manifest.read_text(encoding="utf-8")) == wanted:
            return folder
        raise ValueError(tr(en=f"{folder} exists and holds other files; give a new or empty folder",
                            vi=f"{folder} đã tồn tại và chứa tệp khác; hãy chọn một thư mục mới "
                               "hoặc một thư mục trống"))
    if folder.exists() and not folder.is_dir():
        raise ValueError(tr(en=f"{folder} is a file; give a folder to write the pictures in",
                            vi=f"{folder} là một tệp; hãy chọn một thư mục để ghi ảnh vào"))
    images, labels = colour_digits(n=n, seed=seed)
    folder.parent.mkdir(parents=True, exist_ok=True)
    temporary = folder.with_name(f".{folder.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        temporary.mkdir()
        for index, (image, label) in enumerate(zip(images, labels)):
            (temporary / str(label)).mkdir(exist_ok=True)
            Image.fromarray(image).save(temporary / str(label) / f"{index:05d}.png")
        (temporary / MANIFEST).write_text(json.dumps(wanted), encoding="utf-8")
        if folder.is_dir():
            folder.rmdir()  # empty, checked above
        os.replace(temporary, folder)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return folder
