"""Nearest neighbours as the two checks a distance between sets cannot make: did G copy its training
images (memorisation), and are its samples too alike (collapse)? Lessons 07 and 09.

Both compare generated samples with a yardstick of real images that played no part in training,
at the same N and in the same space (pixels, or a classifier's features):

- memorisation: the distance from each sample to its nearest *training* image, against the same
  distance for the held-out real images. A generator that copies sits clearly closer; the share of
  samples closer than 95% of the held-out images is about 5% or lower when nothing is copied;
- collapse: the distance from each sample to its nearest *other sample*, against the same within
  the held-out real images. Samples that repeat a few images sit much closer to each other.
"""

import numpy as np

from .images import pairwise_distances

QUANTILE = 0.05  # "closer than 95% of the held-out images"


def nearest(points: np.ndarray, others: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``points`` (N×D) its nearest row of ``others`` (M×D), Euclidean: (indices N,
    distances N)."""
    distances = pairwise_distances(points, others)
    index = distances.argmin(axis=1)
    return index, distances[np.arange(len(points)), index]


def nearest_other(points: np.ndarray) -> np.ndarray:
    """For each row of ``points`` (N×D, N ≥ 2) the distance to its nearest *other* row, shape N."""
    distances = pairwise_distances(points, points)
    np.fill_diagonal(distances, np.inf)
    return distances.min(axis=1)


def copying_report(fake: np.ndarray, train: np.ndarray, held_out: np.ndarray) -> dict:
    """Memorisation: ``fake`` (N×D samples), ``train`` (M×D, what G trained on), ``held_out`` (K×D real
    images G never saw), as flat float arrays in one space. Returns {"fake": median distance from a
    sample to its nearest training image, "held_out": the same for the held-out images, "closer": the
    share of samples (0..1) closer to a training image than 95% of the held-out images are}."""
    _, fake_gap = nearest(fake, train)
    _, real_gap = nearest(held_out, train)
    threshold = np.quantile(real_gap, QUANTILE)
    return {"fake": float(np.median(fake_gap)), "held_out": float(np.median(real_gap)),
            "closer": float(np.mean(fake_gap < threshold))}


def spread_report(fake: np.ndarray, held_out: np.ndarray) -> dict:
    """Collapse: the median distance from each sample of ``fake`` (N×D) to its nearest other sample,
    and the same within ``held_out`` (real, N×D: the same N, since the distance shrinks as N grows).
    Returns {"fake": ..., "held_out": ...}."""
    if len(fake) != len(held_out):
        raise ValueError(f"compare sets of the same size (the distance to the nearest other point shrinks as "
                         f"the set grows); got {len(fake)} samples and {len(held_out)} real images")
    return {"fake": float(np.median(nearest_other(fake))), "held_out": float(np.median(nearest_other(held_out)))}
