"""The two open challenges, one per part of the course, and the calls that score them.

Theory (lessons 01–04), stated in lesson 04: keep the minimax loss and the far start of lesson 04
(counterfeits at N(−6, 1.5²), real notes N(3, 0.75²)) and change only how the game is played
(learning rates, police steps, batch size, seed, at most 1000 rounds) so that the counterfeiter
ends within W1 ≤ 0.1 of the real notes. :func:`score_game_challenge` plays and scores it.

Practice (lessons 05–08), stated in lesson 06: without PacGAN (``pack`` = 1) and within the budget
of the lesson (3000 discriminator steps, as 30 epochs of 100 steps with batches of 256; batch ≤ 256),
make the GAN on the ring of 8 Gaussians cover at least 7.5 modes, mean over seeds 0–4, with the moving
average of G. :func:`score_ring_challenge` trains and scores it. The budget counts steps, not epochs:
an epoch of batches of 64 is 400 steps.

Settings the scorer cannot play get a ✗ that says which one and why, never "your code raised": the
error would be the scorer's, not the student's. ``tests/test_challenge_references.py`` plays a
reference solution of each challenge.
"""

from dataclasses import replace

from scipy import stats

from ..i18n import tr
from ..gan import TrainConfig
from ..gan.train import TrainingDiverged
from ..theory import wasserstein_1
from ..toys import play_counterfeiter_game
from ..toys.remedies import RING_BASE, STEPS_PER_EPOCH, ring_data, train_on_ring
from ..toys.seeds import format_spread, mean_and_spread
from .core import Wrong, hint, run_check

GAME_RULES = dict(real_mean=3.0, real_std=0.75, start_scale=1.5, start_shift=-6.0, loss="minimax")
GAME_SETTINGS = ("rounds", "police_steps", "batch_size", "police_lr", "counterfeiter_lr", "seed")
MAX_ROUNDS = 1000
GAME_GOAL_W1 = 0.1
WHOLE_SETTINGS = ("rounds", "police_steps", "batch_size", "seed")
RING_STEPS = RING_BASE.epochs * STEPS_PER_EPOCH  # 3000 discriminator steps
RING_GOAL_MODES = 7.5
RING_SEEDS = tuple(range(5))


def _check_game_settings(settings: dict) -> None:
    """Raise a ✗ naming the first setting the game cannot be played with."""
    for name, value in settings.items():
        whole = isinstance(value, int) and not isinstance(value, bool)
        if name in WHOLE_SETTINGS and not (whole and (value >= 0 if name == "seed" else value >= 1)):
            least = 0 if name == "seed" else 1
            raise hint(en=f"{name} must be a whole number ≥ {least}, got {value!r}",
                       vi=f"{name} phải là một số nguyên ≥ {least}, nhận được {value!r}")
        if name not in WHOLE_SETTINGS and not (isinstance(value, (int, float)) and 0 <= value < float("inf")):
            raise hint(en=f"{name} must be a learning rate ≥ 0, got {value!r}",
                       vi=f"{name} phải là một tốc độ học ≥ 0, nhận được {value!r}")
    if settings.get("rounds", 0) > MAX_ROUNDS:
        raise hint(en=f"at most {MAX_ROUNDS} rounds", vi=f"tối đa {MAX_ROUNDS} vòng")


def score_game_challenge(**settings: object) -> None:
    """Play the minimax game from −6 with ``settings`` (only those in :data:`GAME_SETTINGS`; rounds ≤ 1000)
    and print one line: ✓ if W1(p_g, N(3, 0.75²)) ≤ 0.1 at the end, with p_g and that W1. Returns nothing, so
    that the cell shows only that line."""

    def check() -> str:
        changed_rules = sorted(set(settings) - set(GAME_SETTINGS))
        if changed_rules:
            raise hint(en=f"the challenge fixes {', '.join(changed_rules)}; change only {', '.join(GAME_SETTINGS)}",
                       vi=f"thử thách giữ cố định {', '.join(changed_rules)}; chỉ được đổi {', '.join(GAME_SETTINGS)}")
        _check_game_settings(settings)
        try:
            last = play_counterfeiter_game(**GAME_RULES, **settings)[-1]
        except FloatingPointError as diverged:  # its message is already in the notebook's language
            raise Wrong(str(diverged)) from None
        distance = wasserstein_1(last.fake_distribution(), stats.norm(3.0, 0.75))
        where = f"p_g = N({last.fake_mean:.2f}, {last.fake_std:.2f}²), W1 = {distance:.3f}"
        if distance > GAME_GOAL_W1:
            raise hint(en=f"{where}; the goal is W1 ≤ {GAME_GOAL_W1}", vi=f"{where}; mục tiêu là W1 ≤ {GAME_GOAL_W1}")
        return where
    run_check(tr(en="theory challenge", vi="thử thách phần lý thuyết"), check)


def _check_ring_config(config: object, seeds: object) -> None:
    """Raise a ✗ if ``config`` is not a TrainConfig of the toy2d GAN without PacGAN within the step budget,
    or if ``seeds`` is not a non-empty sequence of whole numbers."""
    if not isinstance(config, TrainConfig):
        raise hint(en=f"pass a TrainConfig, e.g. replace(toys.remedies.RING_BASE, lr_d=2e-3), not "
                      f"{type(config).__name__}",
                   vi=f"hãy truyền vào một TrainConfig, ví dụ replace(toys.remedies.RING_BASE, lr_d=2e-3), không "
                      f"phải {type(config).__name__}")
    if config.model != RING_BASE.model or config.pack != 1:
        raise hint(en="the challenge is the toy2d GAN without PacGAN: model='toy2d', pack=1",
                   vi="thử thách là GAN toy2d không dùng PacGAN: model='toy2d', pack=1")
    if config.batch_size > RING_BASE.batch_size:
        raise hint(en=f"over budget: batches of at most {RING_BASE.batch_size}",
                   vi=f"vượt ngân sách: batch tối đa {RING_BASE.batch_size} mẫu")
    per_epoch = len(ring_data(0)) // config.batch_size
    if config.epochs * per_epoch > RING_STEPS:
        raise hint(en=f"over budget: {config.epochs} epochs of {per_epoch} discriminator steps (batches of "
                      f"{config.batch_size}) are {config.epochs * per_epoch} steps; at most {RING_STEPS}, so "
                      f"{RING_STEPS // per_epoch} epochs with this batch size",
                   vi=f"vượt ngân sách: {config.epochs} epoch, mỗi epoch {per_epoch} bước của bộ phân biệt (batch "
                      f"{config.batch_size} mẫu), tổng cộng {config.epochs * per_epoch} bước; tối đa {RING_STEPS} "
                      f"bước, tức {RING_STEPS // per_epoch} epoch với batch này")
    if (isinstance(seeds, (str, bytes)) or not hasattr(seeds, "__len__") or not len(seeds)
            or not all(isinstance(seed, int) and not isinstance(seed, bool) and seed >= 0 for seed in seeds)):
        raise hint(en=f"seeds must be whole numbers ≥ 0, at least one (the challenge: 0–4), got {seeds!r}",
                   vi=f"các seed truyền vào phải là số nguyên ≥ 0 và phải có ít nhất một seed (thử thách dùng seed "
                      f"0–4), nhưng nhận được {seeds!r}")


def _ring_modes(config: TrainConfig, seed: int) -> float:
    """Modes the moving average of G covers after training ``config`` with ``seed``; a run that diverges
    is a ✗ that says so (with the trainer's own message, already in the notebook's language)."""
    try:
        run = train_on_ring("vanilla", seed=seed, base=replace(config, seed=seed))
    except TrainingDiverged as diverged:
        raise hint(en=f"seed {seed}: {diverged}", vi=f"seed {seed}: {diverged}") from None
    return run.scores["average"]["modes_covered"]


def score_ring_challenge(config: TrainConfig = RING_BASE, *, seeds: tuple[int, ...] = RING_SEEDS) -> None:
    """Train the ring GAN with ``config`` for each seed (seeds 0–4 for the challenge) and print one line: ✓ if
    the moving average of G covers ≥ 7.5 modes on average. Rejects PacGAN, batches over 256 and configs over
    the lesson's budget of 3000 discriminator steps (epochs × steps per epoch, and an epoch has more steps
    when the batch is smaller). A few minutes on a CPU for five seeds. Returns nothing: the line says
    mean ± spread over the seeds."""

    def check() -> str:
        _check_ring_config(config, seeds)
        modes = [_ring_modes(config, seed) for seed in seeds]
        mean = mean_and_spread(modes)[0]
        where = tr(en=f"{format_spread(modes)} modes over {len(modes)} seeds",
                   vi=f"{format_spread(modes)} mode trên {len(modes)} seed")
        if tuple(seeds) != RING_SEEDS:
            raise hint(en=f"{where}; the challenge is scored on seeds 0–4", vi=f"{where}; thử thách chấm trên seed 0–4")
        if mean < RING_GOAL_MODES:
            raise hint(en=f"{where}; the goal is ≥ {RING_GOAL_MODES}", vi=f"{where}; mục tiêu là ≥ {RING_GOAL_MODES}")
        return where
    run_check(tr(en="practice challenge", vi="thử thách phần thực hành"), check)
