"""A quality measure with no pretrained network: the sliced Wasserstein distance (SWD) between the small
patches of two image sets, at every level of a Laplacian pyramid (Karras et al. 2018, "Progressive
growing of GANs", §5 and appendix D). Lesson 09 and ``python -m ganlib score --against FOLDER``.

How it is computed, following the paper's reference implementation:

1. Each image becomes a Laplacian pyramid: the finest level holds the details the next coarser
   level (half the size, blurred with the 5×5 binomial filter) lacks, down to the smallest level of
   at least 16 px, which keeps the blurred image itself. 32 px images have 2 levels (32, 16),
   64 px have 3, MNIST's 28 px has 1 (the image).
2. From every image, 128 patches of 7×7 pixels at random places, at each level: one descriptor of
   C·49 numbers per patch.
3. At each level, each set's descriptors are normalised on their own: every colour channel to mean
   0 and standard deviation 1 over all its patches and pixels.
4. The descriptors of both sets are projected on 512 random unit directions; along each, the
   1-D Wasserstein distance between the two sets' projections is the mean gap between their sorted
   values. The SWD of a level is the mean over directions, reported ×1000 as in the paper; the
   ``distance`` is the mean over levels.

Lower is better; 0 means the same patch statistics. Two samples of the *same* data do not give 0:
the floor (real against fresh real, at the same N) is what a perfect generator would score, and, as
for FD, the value depends on N, so compare sets only at the same N (MNIST, real against real: 16 at
N = 200, 5.9 at N = 1000). Blind spots, by construction:

- the patches are 7×7, a stroke rather than a whole digit, so how the patches fit together is seen
  only through the coarse levels: a collapse onto a few whole images, or shapes drawn in another
  class's colours, move it little (measured at N = 1000: MNIST real 5.9, collapsed onto 10 images
  30, noisy (σ = 0.3) 69, blurred (σ = 1 px) 97, where the classifier FD of lessons 05–08 puts the
  collapse last: 5.5, 266, 42, 109; colour digits real 9.9, every digit in the next class's colours
  13.7, colour lost (grey) 97);
- step 3 hides any change of a channel's brightness or contrast over the whole set (the colour
  digits 30% darker score 9.9, as the real ones do);
- it does not know which patches belong to which image, so it cannot tell memorised training
  images from new ones (use nearest neighbours for that).
"""

import numpy as np
import scipy.ndimage
import torch

from ..i18n import tr
from .images import MIN_SAMPLES, check_range
from .ranges import GAN_RANGE, parse_range

PATCH = 7  # pixels on a side of a patch
PATCHES_PER_IMAGE = 128
DIRECTIONS = 512
DIRECTIONS_PER_BATCH = 128  # directions projected at once, to bound memory
MIN_LEVEL = 16  # the smallest pyramid level, in pixels
SCALE = 1e3  # the paper reports SWD × 10³
DISTANCE_NAME = "SWD x1e3 of 7x7 Laplacian-pyramid patches (Karras et al. 2018)"
BINOMIAL = np.outer([1, 4, 6, 4, 1], [1, 4, 6, 4, 1])[None, None].astype(np.float32) / 256.0  # 1×1×5×5, sums to 1


def pyramid_levels(side: int, *, min_level: int = MIN_LEVEL) -> int:
    """How many pyramid levels an image of ``side`` pixels (its shorter side) gets: one per halving while
    the level has at least ``min_level`` pixels, and always at least one."""
    levels = 1
    while side // 2 ** levels >= min_level:
        levels += 1
    return levels


def blur_down(images: np.ndarray) -> np.ndarray:
    """N×C×H×W → N×C×⌈H/2⌉×⌈W/2⌉: the 5×5 binomial blur (mirrored edges), every other pixel kept."""
    return scipy.ndimage.convolve(images, BINOMIAL, mode="mirror")[:, :, ::2, ::2]


def blur_up(images: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """N×C×h×w → ``shape`` (N×C×H×W, H ≤ 2h, W ≤ 2w): zeros between the pixels, then the binomial blur
    ×4, so that a constant image stays constant."""
    spread = np.zeros((*images.shape[:2], 2 * images.shape[2], 2 * images.shape[3]), dtype=images.dtype)
    spread[:, :, ::2, ::2] = images
    return scipy.ndimage.convolve(spread, BINOMIAL * 4.0, mode="mirror")[:, :, :shape[2], :shape[3]]


def laplacian_pyramid(images: np.ndarray, levels: int) -> list[np.ndarray]:
    """The Laplacian pyramid of N×C×H×W float32 images, finest level first: ``levels`` arrays, each
    half the size of the one before; every level but the last holds the details the next one lacks,
    the last the blurred image. Adding them back (coarsest first, each through :func:`blur_up`)
    gives the images again."""
    pyramid = [images.astype(np.float32)]
    for _ in range(1, levels):
        pyramid.append(blur_down(pyramid[-1]))
        pyramid[-2] = pyramid[-2] - blur_up(pyramid[-1], pyramid[-2].shape)
    return pyramid


def patch_places(n: int, height: int, width: int, *, per_image: int, rng: np.random.Generator) -> np.ndarray:
    """(n·per_image)×3 int: for each patch, its image (each of 0..n−1 ``per_image`` times) and the row and
    column of its top-left corner, uniform over the places where a whole 7×7 patch fits."""
    image = np.repeat(np.arange(n), per_image)
    rows = rng.integers(0, height - PATCH + 1, size=image.size)
    columns = rng.integers(0, width - PATCH + 1, size=image.size)
    return np.stack([image, rows, columns], axis=1)


def patch_descriptors(level: np.ndarray, places: np.ndarray) -> np.ndarray:
    """The 7×7 patches of ``level`` (N×C×H×W) at ``places`` (from :func:`patch_places`): M×C×7×7."""
    offsets = np.arange(PATCH)
    image, rows, columns = (places[:, i, None, None, None] for i in range(3))
    channels = np.arange(level.shape[1])[None, :, None, None]
    return level[image, channels, rows + offsets[:, None], columns + offsets[None, :]]


def normalise(descriptors: np.ndarray) -> np.ndarray:
    """M×C×7×7 → M×(C·49): each channel shifted and scaled to mean 0 and standard deviation 1 over all
    patches and pixels (a channel that never varies is only shifted)."""
    centred = descriptors - descriptors.mean(axis=(0, 2, 3), keepdims=True)
    spread = centred.std(axis=(0, 2, 3), keepdims=True)
    return (centred / np.where(spread > 0, spread, 1.0)).reshape(len(descriptors), -1)


def sliced_wasserstein(a: np.ndarray, b: np.ndarray, *, directions: int = DIRECTIONS,
                       rng: np.random.Generator) -> float:
    """The sliced Wasserstein-1 distance between two M×D point sets of the same size M: the mean, over
    ``directions`` random unit vectors, of the 1-D Wasserstein distance between the projections,
    which for two equal-size samples is the mean gap between their sorted values."""
    gaps = []
    for start in range(0, directions, DIRECTIONS_PER_BATCH):
        units = rng.standard_normal((a.shape[1], min(DIRECTIONS_PER_BATCH, directions - start)))
        units = (units / np.linalg.norm(units, axis=0, keepdims=True)).astype(a.dtype).T
        projected_a, projected_b = units @ a.T, units @ b.T  # directions × M: each row sorts in place, fast
        projected_a.sort(axis=1)
        projected_b.sort(axis=1)
        gaps.append(np.abs(projected_a - projected_b).mean(axis=1))
    return float(np.concatenate(gaps).mean())


def as_array(images: torch.Tensor, value_range: tuple[float, float], *, name: str) -> np.ndarray:
    """``images`` (a tensor N×C×H×W, C = 1 or 3, sides ≥ 7, values in ``value_range``) as float32
    NumPy; TypeError / ValueError in one line otherwise."""
    if not isinstance(images, torch.Tensor) or images.dtype == torch.bool or images.is_complex():
        raise TypeError(tr(en=f"{name} must be a real-valued torch.Tensor, got {type(images).__name__}",
                           vi=f"{name} phải là torch.Tensor chứa số thực, nhận được {type(images).__name__}"))
    if images.ndim != 4 or images.shape[1] not in (1, 3) or min(images.shape[2:]) < PATCH:
        raise ValueError(tr(en=f"{name} must have shape N×C×H×W with C = 1 or 3 and H, W ≥ {PATCH}, "
                               f"got {tuple(images.shape)}",
                            vi=f"{name} phải có dạng N×C×H×W với C = 1 hoặc 3 và H, W ≥ {PATCH}, "
                               f"nhận được {tuple(images.shape)}"))
    if len(images) < MIN_SAMPLES:
        raise ValueError(tr(en=f"{name} must hold at least {MIN_SAMPLES} images, got {len(images)}",
                            vi=f"{name} phải có ít nhất {MIN_SAMPLES} ảnh, nhận được {len(images)}"))
    check_range(images, value_range)
    return images.detach().cpu().float().numpy()


def sliced_wasserstein_distance(images_a: torch.Tensor, images_b: torch.Tensor, *, seed: int = 0,
                                value_range: tuple[float, float] = GAN_RANGE,
                                patches_per_image: int = PATCHES_PER_IMAGE, directions: int = DIRECTIONS) -> dict:
    """The SWD of the module's docstring between two image sets, e.g. generated and real pictures.

    images_a, images_b: tensors N×C×H×W (C = 1 or 3, the same C, H, W in both; N ≥ 10, the two Ns may
        differ) with values in ``value_range`` (default [−1, 1], a tanh generator's). The larger set is
        cut to a random subset (seeded) of the smaller one's size, so both give the same number of patches.
    seed: fixes the subset, the patch places (the same places in both sets, so a set against itself
        gives exactly 0) and the directions: the same inputs and seed always give the same value.
    Returns {"distance": the mean over levels (×1000, lower is better), "levels": {side in px: SWD ×1000
    of that level}, "n": images used from each set}.
    """
    a = as_array(images_a, value_range, name="images_a")
    b = as_array(images_b, value_range, name="images_b")
    if a.shape[1:] != b.shape[1:]:
        raise ValueError(tr(en=f"both sets must have the same C×H×W, got {a.shape[1:]} and {b.shape[1:]}",
                            vi=f"hai tập ảnh phải có cùng kích thước C×H×W, nhận được {a.shape[1:]} và {b.shape[1:]}"))
    rng = np.random.default_rng(seed)
    n = min(len(a), len(b))
    a, b = (images if len(images) == n else images[np.sort(rng.permutation(len(images))[:n])] for images in (a, b))
    levels = {}
    for level_a, level_b in zip(*(laplacian_pyramid(images, pyramid_levels(min(a.shape[2:]))) for images in (a, b))):
        places = patch_places(n, *level_a.shape[2:], per_image=patches_per_image, rng=rng)
        descriptors = [normalise(patch_descriptors(level, places)) for level in (level_a, level_b)]
        levels[level_a.shape[2]] = SCALE * sliced_wasserstein(*descriptors, directions=directions, rng=rng)
    return {"distance": float(np.mean(list(levels.values()))), "levels": levels, "n": n}


def folder_report(samples: torch.Tensor, pictures: torch.Tensor, *, value_range: tuple[float, float] = GAN_RANGE,
                  seed: int = 0) -> dict:
    """The SWD of generated ``samples`` (N×3×S×S, values in ``value_range``) from real ``pictures`` (uint8
    M×3×S×S, 0..255, e.g. :func:`ganlib.data.load_folder`'s, dealt), with the floor at the same N.

    When M ≥ 2N, the samples are compared with ``pictures[N:2N]`` and the floor is the SWD of
    ``pictures[:N]`` from the same N pictures (what a perfect generator would score); otherwise they are
    compared with all the pictures and the floor is None. Returns {"n", "distance", "distance_name",
    "levels", "floor"}; lower is better. Lesson 09 and ``python -m ganlib score --against FOLDER``.
    """
    low, high = parse_range(value_range)
    real = low + pictures.float() / 255.0 * (high - low)
    n = len(samples)
    reference = real[n:2 * n] if len(real) >= 2 * n else real
    result = sliced_wasserstein_distance(samples, reference, seed=seed, value_range=value_range)
    floor = sliced_wasserstein_distance(real[:n], reference, seed=seed, value_range=value_range)["distance"] \
        if len(real) >= 2 * n else None
    return {"n": result["n"], "distance": result["distance"], "distance_name": DISTANCE_NAME,
            "levels": result["levels"], "floor": floor}
