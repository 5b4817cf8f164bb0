"""Experiments over several seeds: the one harness and the one "mean ± standard deviation".

:func:`over_seeds` trains every variant (a recipe, a remedy) with every seed, one run after the other;
:func:`sample_both` draws G itself and the moving average of its weights from the same fixed noise;
:func:`mean_and_spread` and :func:`format_spread` summarise a number over seeds, and
:func:`paired_difference` compares two variants run with the same seeds and :func:`verdict_line` says
its verdict in one line. Used by the recipes on MNIST (lessons 05 and 06), the remedies on the ring
(lesson 06), its challenge and figures, and the tables and verdicts of lessons 07 and 09.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import numpy as np
import torch
from scipy import stats
from tqdm.auto import tqdm

from ..gan.sampling import fixed_noise, generate
from ..gan.train import GANRun
from ..i18n import tr

Run = TypeVar("Run")


def over_seeds(train_one: Callable[[str, int], Run], names: Iterable[str], seeds: Iterable[int], *,
               seed_first: bool = False, progress: bool = True) -> list[Run]:
    """``train_one(name, seed)`` for every name and every seed, one run after the other, in that order:
    every seed of a name before the next name, or with ``seed_first`` every name of a seed before the
    next seed (an interrupted comparison then holds every name). ValueError when either is empty."""
    names, seeds = list(names), list(seeds)
    if not names or not seeds:
        raise ValueError(f"give at least one variant and at least one seed, got {names} and {seeds}")
    pairs = ([(name, seed) for seed in seeds for name in names] if seed_first
             else [(name, seed) for name in names for seed in seeds])
    return [train_one(name, seed) for name, seed in tqdm(pairs, disable=not progress,
                                                         desc=tr(en="runs", vi="lần chạy"))]


def sample_both(run: GANRun, n: int, *, seed: int) -> dict[str, torch.Tensor]:
    """``n`` samples of G itself ("generator") and of the moving average of its weights ("average",
    ``run.sampler``; G itself when the run keeps no average), from the same fixed noise of ``seed``."""
    noise = fixed_noise(n, run.generator.latent_dim, seed=seed)
    return {"generator": generate(run.generator, noise), "average": generate(run.sampler, noise)}


def mean_and_spread(values: Sequence[float]) -> tuple[float, float]:
    """The mean and the sample standard deviation (ddof = 1) of ``values`` over seeds; the spread of a
    single value is 0."""
    values = np.asarray(values, dtype=float)
    return float(values.mean()), float(values.std(ddof=1)) if len(values) > 1 else 0.0


def format_spread(values: Sequence[float], *, digits: int = 1) -> str:
    """"mean ± standard deviation" of ``values`` (:func:`mean_and_spread`) with ``digits`` decimals,
    "16.6 ± 2.0"; the mean alone for a single value, which has no spread to show."""
    mean, spread = mean_and_spread(values)
    return f"{mean:.{digits}f} ± {spread:.{digits}f}" if len(values) > 1 else f"{mean:.{digits}f}"


def paired_difference(first: Sequence[float], second: Sequence[float], *, confidence: float = 0.95) -> dict:
    """Compare two variants run with the same seeds through their per-seed differences first[i] − second[i].

    Returns {"differences", "mean", "spread" (sample standard deviation, ddof = 1), "half_width" (of the
    Student-t interval for the mean difference at ``confidence``: t·spread/√n), "decided" (True when the
    interval mean ± half_width leaves out 0)}. With one seed there is no spread: half_width is infinite
    and nothing is decided. ValueError when the two have different lengths or none. Lessons 07 and 09.
    """
    first, second = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    if first.shape != second.shape or first.ndim != 1 or len(first) == 0:
        raise ValueError(f"give one number per seed for each variant, the same seeds for both; got {len(first)} "
                         f"and {len(second)}")
    differences = first - second
    mean, spread = mean_and_spread(differences)
    count = len(differences)
    half_width = (float(stats.t.ppf((1 + confidence) / 2, df=count - 1)) * spread / np.sqrt(count)
                  if count > 1 else float("inf"))
    return {"differences": differences.tolist(), "mean": mean, "spread": spread, "half_width": half_width,
            "decided": bool(abs(mean) > half_width)}


def verdict_line(name_a: str, values_a: Sequence[float], name_b: str, values_b: Sequence[float], *,
                 what: str = "FD") -> str:
    """One line, in the notebook's language, of :func:`paired_difference` of ``values_a`` − ``values_b``
    (a score where lower is better, e.g. "FD" or "SWD", one value per seed, the same seeds for both):
    the per-seed differences, their mean ± the half-width of the 95% interval, and which of the two is
    lower, or that the interval holds 0 and nothing is decided. Lessons 07, 09 and 10."""
    paired = paired_difference(values_a, values_b)
    differences = ", ".join(f"{d:+.1f}" for d in paired["differences"])
    interval = f"{paired['mean']:+.1f} ± {paired['half_width']:.1f}"
    if paired["decided"]:
        lower = name_a if paired["mean"] < 0 else name_b
        return tr(en=f"{what} {name_a} − {name_b} per seed: {differences}; mean {interval} (95%): {lower} is lower",
                  vi=f"{what} {name_a} − {name_b} theo từng seed: {differences}; trung bình {interval} (95%): "
                     f"{lower} thấp hơn")
    return tr(en=f"{what} {name_a} − {name_b} per seed: {differences}; mean {interval} (95%): the interval holds 0, "
                 "not decided",
              vi=f"{what} {name_a} − {name_b} theo từng seed: {differences}; trung bình {interval} (95%): khoảng này "
                 "chứa 0, chưa phân định")
