"""Mode collapse on the ring of Gaussians, measured: the remedies of lesson 06 over several seeds.

Every remedy is a few :class:`ganlib.gan.config.TrainConfig` fields changed from one base run,
:data:`RING_BASE`. :func:`compare_remedies` trains each (remedy, seed) pair with
:func:`ganlib.gan.train.train_gan` on its own sample of the ring, with the same budget (the same
number of discriminator steps), and scores it with :func:`ganlib.metrics.ring.mode_coverage`: the
VEEGAN/PacGAN protocol of 2500 samples, modes covered, share of high-quality samples and KL of the
mode histogram. Each run is scored twice: samples of G itself, and samples of the moving average
of G's weights (``ema_decay``, the sampler ``train_gan`` returns). :func:`summarise` gives the mean
and the spread over seeds (:mod:`ganlib.toys.seeds`, the harness shared with the recipes). Used by lesson 06.
"""

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace

import torch

from ..data.ring import sample_ring
from ..gan.config import TrainConfig
from ..gan.train import train_gan
from ..i18n import tr
from ..metrics.ring import mode_coverage
from .seeds import format_spread, mean_and_spread, over_seeds, sample_both

N_SCORED = 2500  # samples per score, as in the VEEGAN/PacGAN protocol
METRICS = ("modes_covered", "high_quality", "kl_modes")
NETWORKS = ("generator", "average")
STEPS_PER_EPOCH = 100

# Adam on both networks, 30 epochs of 100 steps: 3000 discriminator steps per run.
RING_BASE = TrainConfig(model="toy2d", epochs=30, batch_size=256, lr_g=1e-3, lr_d=1e-3, betas=(0.5, 0.999),
                        ema_decay=0.999, eval_every=5, n_eval=N_SCORED)

# Each remedy with the settings of its paper, changed from RING_BASE and nothing else.
REMEDIES = {
    "vanilla": {},
    "TTUR": {"lr_d": 4e-3},  # D learns 4 times faster than G (Heusel et al. 2017)
    "label smoothing": {"label_smoothing": 0.1},  # real target 0.9 (Salimans et al. 2016)
    "instance noise": {"instance_noise": 0.1},  # 5 times the modes' σ, annealed towards 0 (Sønderby et al. 2017)
    "WGAN-GP": {"loss": "wgan-gp", "k": 5, "betas": (0.5, 0.9)},  # λ = 10 (Gulrajani et al. 2017)
    "PacGAN": {"pack": 2},  # D judges pairs of samples (Lin et al. 2018)
}


def remedy_label(remedy: str) -> str:
    """The name of ``remedy`` (a key of :data:`REMEDIES`) in the notebook's language."""
    labels = {"vanilla": tr(en="vanilla GAN", vi="GAN gốc"),
              "label smoothing": tr(en="label smoothing", vi="làm mượt nhãn"),
              "instance noise": tr(en="instance noise", vi="instance noise (nhiễu đầu vào)")}
    return labels.get(remedy, remedy)


def network_label(network: str) -> str:
    """"generator" → G itself, "average" → the moving average of its weights, in the notebook's language."""
    return {"generator": tr(en="G", vi="G"),
            "average": tr(en="moving average of G (EMA)", vi="trung bình trượt của G (EMA)")}[network]


@dataclass
class RingRun:
    """One trained (remedy, seed) pair. ``scores`` and ``samples`` map "generator" (G itself) and
    "average" (the moving average of G's weights) to the :func:`ganlib.metrics.ring.mode_coverage` dict
    and to the ``N_SCORED`` scored points (an N×2 tensor). ``history`` is the run's history: its
    ``metrics`` hold the average's coverage every ``eval_every`` epochs."""

    remedy: str
    seed: int
    scores: dict[str, dict]
    samples: dict[str, torch.Tensor]
    history: dict


def ring_data(seed: int, *, n: int = STEPS_PER_EPOCH * RING_BASE.batch_size) -> torch.Tensor:
    """The training set of seed ``seed``: n points (n×2) drawn from the ring with that seed."""
    return sample_ring(n, generator=torch.Generator().manual_seed(seed))


def remedy_config(remedy: str, *, seed: int, base: TrainConfig = RING_BASE) -> TrainConfig:
    """``base`` with the fields of ``REMEDIES[remedy]`` and ``seed``."""
    if remedy not in REMEDIES:
        raise ValueError(f"unknown remedy {remedy!r}; choose one of: {', '.join(REMEDIES)}")
    return replace(base, **REMEDIES[remedy], seed=seed)


def train_on_ring(remedy: str, *, seed: int, base: TrainConfig = RING_BASE) -> RingRun:
    """Train ``remedy`` with ``seed`` on ``ring_data(seed)`` and score G and its average on the
    same fixed noise. Used by lesson 06."""
    run = train_gan(ring_data(seed), remedy_config(remedy, seed=seed, base=base), score=mode_coverage,
                    progress=False)
    samples = sample_both(run, N_SCORED, seed=seed)
    scores = {network: mode_coverage(points) for network, points in samples.items()}
    return RingRun(remedy, seed, scores, samples, run.history)


def compare_remedies(remedies: Sequence[str] = tuple(REMEDIES), *, seeds: Sequence[int] = range(5),
                     base: TrainConfig = RING_BASE, progress: bool = True) -> list[RingRun]:
    """Train every remedy with every seed; a seed fixes the data, the initial weights and the noise,
    the same for every remedy. Runs one after the other (every seed of a remedy before the next remedy),
    each on one CPU thread. Used by lesson 06."""
    return over_seeds(lambda remedy, seed: train_on_ring(remedy, seed=seed, base=base), remedies, seeds,
                      progress=progress)


def summarise(runs: Sequence[RingRun], *, network: str = "average") -> dict[str, dict[str, tuple[float, float]]]:
    """For each remedy (in order of appearance) and metric: (mean, standard deviation) over its
    seeds, for the samples of ``network`` ("generator" or "average"). The standard deviation is the
    sample one (ddof = 1), 0 for a single seed. Used by lesson 06."""
    if network not in NETWORKS:
        raise ValueError(f"network must be one of {NETWORKS}, got {network!r}")
    return {remedy: {metric: mean_and_spread(_values(runs, remedy, network, metric)) for metric in METRICS}
            for remedy in dict.fromkeys(run.remedy for run in runs)}


def _values(runs: Sequence[RingRun], remedy: str, network: str, metric: str) -> list[float]:
    return [run.scores[network][metric] for run in runs if run.remedy == remedy]


def format_table(runs: Sequence[RingRun]) -> str:
    """The remedies as a Markdown table: per remedy, each metric as mean ± standard deviation over
    the seeds (:func:`ganlib.toys.seeds.format_spread`), for G and for its average (G / average). Used by
    lesson 06."""
    digits = {"modes_covered": 1, "high_quality": 2, "kl_modes": 2}
    seeds = len({run.seed for run in runs})
    lines = [tr(en="| remedy | modes covered (of 8) | high-quality share | KL of the modes (nats) |",
                vi="| cách khắc phục | số mode bao phủ (trên 8) | tỉ lệ mẫu chất lượng cao | KL của các mode (nat) |"),
             "|---|---|---|---|"]
    for remedy in dict.fromkeys(run.remedy for run in runs):
        cells = [" / ".join(format_spread(_values(runs, remedy, network, metric), digits=decimals)
                            for network in NETWORKS) for metric, decimals in digits.items()]
        lines.append(f"| {remedy_label(remedy)} | " + " | ".join(cells) + " |")
    lines.append(tr(en=f"\nEach cell: G / its moving average (EMA), mean ± standard deviation over {seeds} seeds.",
                    vi=f"\nMỗi ô: G / trung bình trượt của G (EMA), trung bình ± độ lệch chuẩn trên {seeds} seed."))
    return "\n".join(lines)


def snapshots(remedy: str, *, seed: int, epochs: Sequence[int],
              base: TrainConfig = RING_BASE) -> dict[str, list[torch.Tensor]]:
    """The ``N_SCORED`` points (N×2) of G ("generator") and of its average ("average") after each
    of ``epochs`` (increasing) of one run of ``remedy``.

    The run pauses at each epoch asked for and resumes from its checkpoint, exactly as if never
    stopped, so the last snapshot is the final state of ``train_on_ring(remedy, seed=seed)`` when
    the last epoch is ``base.epochs`` (for instance noise only approximately: its annealing follows
    the number of epochs asked for). Used by lesson 06.
    """
    epochs = list(epochs)
    if not epochs or epochs != sorted(set(epochs)) or epochs[0] < 1:
        raise ValueError(f"epochs must be increasing positive numbers, got {epochs}")
    config = remedy_config(remedy, seed=seed, base=base)
    points: dict[str, list[torch.Tensor]] = {network: [] for network in NETWORKS}
    with tempfile.TemporaryDirectory() as folder:
        for index, epoch in enumerate(epochs):
            run = train_gan(ring_data(seed), replace(config, epochs=epoch), out_dir=folder, resume=index > 0,
                            progress=False)
            for network, samples in sample_both(run, N_SCORED, seed=seed).items():
                points[network].append(samples)
    return points
