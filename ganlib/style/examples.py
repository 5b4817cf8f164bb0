"""The pictures lesson 10 paints with, all free to use: one photo that matplotlib installs, and two
paintings the course draws itself. Each is a float32 tensor 1×3×H×W with values in [0, 1].

- :func:`sample_photo`: Grace Hopper, a U.S. Navy photograph in the public domain, installed with
  matplotlib as ``sample_data/grace_hopper.jpg`` (it replaced another test picture in 2012 for that
  reason, matplotlib pull request 1599);
- :func:`brush_strokes`: short thick strokes whose direction follows a smooth swirl, in a palette of
  blues and yellows: a texture made of patterns about 10–25 pixels long;
- :func:`big_discs`: a few flat discs, each wider than 80 pixels: a pattern larger than what the
  offline feature network sees at once.
"""

import importlib.util
import math
from pathlib import Path

import numpy as np
import torch

from ..i18n import tr
from .images import load_image

PALETTE = ((22, 44, 94), (44, 82, 150), (90, 140, 200), (240, 200, 70), (250, 235, 160), (18, 24, 48))


def sample_photo(*, size: int) -> torch.Tensor:
    """Matplotlib's public-domain photo of Grace Hopper (512 pixels wide, 600 high) as 1×3×H×W in [0, 1], its
    height H = ``size`` and its width W = round(``size``·512/600). FileNotFoundError saying what to do when this
    matplotlib lacks it. Lesson 10."""
    spec = importlib.util.find_spec("matplotlib")  # where matplotlib is installed; nothing of it is imported
    folders = spec.submodule_search_locations if spec is not None else None
    path = Path(folders[0]) / "mpl-data" / "sample_data" / "grace_hopper.jpg" if folders else None
    if path is None or not path.is_file():
        raise FileNotFoundError(tr(en="matplotlib's sample photo grace_hopper.jpg is missing; reinstall matplotlib "
                                      "(pip install --force-reinstall matplotlib) or use a picture of your own",
                                   vi="thiếu ảnh mẫu grace_hopper.jpg của matplotlib; hãy cài lại matplotlib "
                                      "(pip install --force-reinstall matplotlib) hoặc dùng một ảnh của bạn"))
    return load_image(path, size=size)


def to_tensor(pixels: np.ndarray) -> torch.Tensor:
    """H×W×3 uint8 pixels → float32 1×3×H×W in [0, 1]."""
    return torch.from_numpy(pixels.transpose(2, 0, 1).astype(np.float32) / 255)[None]


def brush_strokes(*, size: int = 256, seed: int = 0) -> torch.Tensor:
    """A painting the course draws: ``size``×``size`` pixels of short strokes 3–6 pixels thick and
    10–25 pixels long, each pointing along a smooth swirl, in :data:`PALETTE`. The same ``seed`` draws
    the same painting. Lesson 10."""
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(seed)
    picture = Image.new("RGB", (size, size), PALETTE[0])
    draw = ImageDraw.Draw(picture)
    for _ in range(size * size // 40):
        x, y = rng.uniform(0, size, 2)
        angle = math.sin(2 * math.pi * x / size) * 1.5 + math.cos(2 * math.pi * y / size) * 1.5
        half = rng.uniform(5, 12.5)
        dx, dy = half * math.cos(angle), half * math.sin(angle)
        colour = PALETTE[rng.integers(len(PALETTE))]
        draw.line((x - dx, y - dy, x + dx, y + dy), fill=colour, width=int(rng.integers(3, 7)))
    return to_tensor(np.asarray(picture))


def big_discs(*, size: int = 256, seed: int = 0) -> torch.Tensor:
    """A painting the course draws: ``size``×``size`` pixels holding five flat discs in :data:`PALETTE`,
    each of diameter between a third and a half of ``size`` (85–128 pixels at 256), on a pale ground.
    Its pattern is larger than the offline feature network's window. Lesson 10."""
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(seed)
    picture = Image.new("RGB", (size, size), PALETTE[4])
    draw = ImageDraw.Draw(picture)
    for index in range(5):
        radius = rng.uniform(size / 6, size / 4)
        x, y = rng.uniform(0, size, 2)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=PALETTE[index % 3])
    return to_tensor(np.asarray(picture))
