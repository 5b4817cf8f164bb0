"""The two open challenges, one per part of the course, and the calls that score them.

Theory (lessons 01–04), stated in lesson 04: keep the minimax loss and the far start of lesson 04
(counterfeits at N(−6, 1.5²), real notes N(3, 0.75²)) and change only how the game is played
(learning rates, police steps, batch size, seed, at most 1000 rounds) so that the counterfeiter
ends within W1 ≤ 0.1 of the real notes. :func:`score_game_challenge` plays and scores it.

Practice (lessons 05–08), stated in lesson 06: without PacGAN (``pack`` = 1) and within the budget
of the lesson (30 epochs of 100 discriminator steps, batch ≤ 256), make the GAN on the ring of 8
Gaussians cover at least 7.5 modes, mean over seeds 0–4, with the moving average of G.
:func:`score_ring_challenge` trains and scores it.
"""

from dataclasses import replace

from scipy import stats

from ..i18n import tr
from ..gan import TrainConfig
from ..theory import wasserstein_1
from ..toys import play_counterfeiter_game
from ..toys.remedies import RING_BASE, train_on_ring
from ..toys.seeds import format_spread, mean_and_spread
from .core import hint, run_check

GAME_RULES = dict(real_mean=3.0, real_std=0.75, start_scale=1.5, start_shift=-6.0, loss="minimax")
GAME_SETTINGS = ("rounds", "police_steps", "batch_size", "police_lr", "counterfeiter_lr", "seed")
MAX_ROUNDS = 1000
GAME_GOAL_W1 = 0.1
RING_GOAL_MODES = 7.5
RING_SEEDS = tuple(range(5))


def score_game_challenge(**settings: object) -> None:
    """Play the minimax game from −6 with ``settings`` (only those in :data:`GAME_SETTINGS`; rounds ≤ 1000)
    and print one line: ✓ if W1(p_g, N(3, 0.75²)) ≤ 0.1 at the end, with p_g and that W1. Returns nothing, so
    that the cell shows only that line."""

    def check() -> str:
        changed_rules = sorted(set(settings) - set(GAME_SETTINGS))
        if changed_rules:
            raise hint(en=f"the challenge fixes {', '.join(changed_rules)}; change only {', '.join(GAME_SETTINGS)}",
                       vi=f"thử thách giữ cố định {', '.join(changed_rules)}; chỉ được đổi {', '.join(GAME_SETTINGS)}")
        if settings.get("rounds", 300) > MAX_ROUNDS:
            raise hint(en=f"at most {MAX_ROUNDS} rounds", vi=f"tối đa {MAX_ROUNDS} vòng")
        last = play_counterfeiter_game(**GAME_RULES, **settings)[-1]
        distance = wasserstein_1(last.fake_distribution(), stats.norm(3.0, 0.75))
        where = f"p_g = N({last.fake_mean:.2f}, {last.fake_std:.2f}²), W1 = {distance:.3f}"
        if distance > GAME_GOAL_W1:
            raise hint(en=f"{where}; the goal is W1 ≤ {GAME_GOAL_W1}", vi=f"{where}; mục tiêu là W1 ≤ {GAME_GOAL_W1}")
        return where
    run_check(tr(en="theory challenge", vi="thử thách phần lý thuyết"), check)


def score_ring_challenge(config: TrainConfig = RING_BASE, *, seeds: tuple[int, ...] = RING_SEEDS) -> None:
    """Train the ring GAN with ``config`` for each seed (seeds 0–4 for the challenge) and print one line: ✓ if
    the moving average of G covers ≥ 7.5 modes on average. Rejects PacGAN and configs over the lesson's
    budget. A few minutes on a CPU for five seeds. Returns nothing: the line says mean ± spread over the seeds."""

    def check() -> str:
        if config.model != RING_BASE.model or config.pack != 1:
            raise hint(en="the challenge is the toy2d GAN without PacGAN: model='toy2d', pack=1",
                       vi="thử thách là GAN toy2d không dùng PacGAN: model='toy2d', pack=1")
        if config.epochs > RING_BASE.epochs or config.batch_size > RING_BASE.batch_size:
            raise hint(en=f"over budget: at most {RING_BASE.epochs} epochs and batches of {RING_BASE.batch_size}",
                       vi=f"vượt ngân sách: tối đa {RING_BASE.epochs} epoch và batch {RING_BASE.batch_size}")
        modes = [train_on_ring("vanilla", seed=seed, base=replace(config, seed=seed)).scores["average"]["modes_covered"]
                 for seed in seeds]
        mean = mean_and_spread(modes)[0]
        where = tr(en=f"{format_spread(modes)} modes over {len(modes)} seeds",
                   vi=f"{format_spread(modes)} mode trên {len(modes)} seed")
        if tuple(seeds) != RING_SEEDS:
            raise hint(en=f"{where}; the challenge is scored on seeds 0–4", vi=f"{where}; thử thách chấm trên seed 0–4")
        if mean < RING_GOAL_MODES:
            raise hint(en=f"{where}; the goal is ≥ {RING_GOAL_MODES}", vi=f"{where}; mục tiêu là ≥ {RING_GOAL_MODES}")
        return where
    run_check(tr(en="practice challenge", vi="thử thách phần thực hành"), check)
