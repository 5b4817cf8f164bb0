"""Training recipes compared on MNIST over several seeds: the blog recipe against the course's
(lesson 05) and a G that learns too fast against a balanced one (lesson 06).

Each recipe is a few :class:`ganlib.gan.TrainConfig` fields changed from the course's defaults
(:data:`RECIPES`). :func:`compare_recipes` trains every (recipe, seed) pair with
:func:`ganlib.gan.train_gan` on the same digits and scores, on the same fixed noise, the samples
of the sampler (the moving average of G's weights when the recipe keeps one) and of G itself.
:func:`format_table` gives each row's mean ± standard deviation over the seeds and a verdict
against the course recipe that a spread cannot fake: a row is called better or worse only when
every one of its seeds lies on the same side of every seed of the course recipe. Used by lessons
05 and 06.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import torch

from ..gan import TrainConfig, train_gan
from ..gan.config import BLOG_RECIPE
from ..i18n import tr
from ..metrics import score_samples
from .seeds import format_spread, over_seeds, sample_both

COURSE = "course"
# Each recipe as the TrainConfig fields it changes from the course's defaults.
RECIPES = {
    COURSE: {},
    "blog": BLOG_RECIPE,
    "beta1 = 0.9": {"betas": (0.9, 0.999)},
    "lr_g = 1e-4": {"lr_g": 1e-4},
}
METRICS = ("fd", "classes_covered", "precision", "recall")
RAW_G = "course, G itself"  # the course runs' G without its moving average
KEPT_SAMPLES = 100


def recipe_label(row: str) -> str:
    """The name of a table row (a key of :data:`RECIPES`, or :data:`RAW_G`) in the notebook's
    language; any other name is returned as it is."""
    labels = {COURSE: tr(en="course recipe", vi="cách huấn luyện của khóa học"),
              "blog": tr(en="blog recipe", vi="cách huấn luyện kiểu blog"),
              "beta1 = 0.9": tr(en="course, Adam beta1 = 0.9", vi="khóa học, beta1 của Adam = 0.9"),
              "lr_g = 1e-4": tr(en="course, lr of G = 1e-4", vi="khóa học, tốc độ học của G = 1e-4"),
              RAW_G: tr(en="course, samples from G itself", vi="khóa học, lấy mẫu từ chính G")}
    return labels.get(row, row)


@dataclass
class RecipeRun:
    """One trained (recipe, seed) pair: :func:`ganlib.metrics.score_samples` dicts of the sampler
    ("sampler") and of G itself ("generator") after the last epoch, the last epoch's mean D(x) and
    D(G(z)), the run's history (its ``metrics`` every ``eval_every`` epochs of the base config) and
    the sampler's first :data:`KEPT_SAMPLES` scored samples (float32 100×1×28×28 in [−1, 1])."""

    recipe: str
    seed: int
    scores: dict[str, dict]
    d_real: float
    d_fake: float
    history: dict
    samples: torch.Tensor


def compare_recipes(images: torch.Tensor, *, recipes: Mapping[str, dict] | Sequence[str] = tuple(RECIPES),
                    seeds: Sequence[int] = (0, 1, 2), base: TrainConfig = TrainConfig(), n_eval: int = 1000,
                    device: torch.device | str = "cpu", progress: bool = True) -> list[RecipeRun]:
    """Train every recipe with every seed on ``images`` (uint8 N×1×28×28) for ``base.epochs`` epochs
    and score ``n_eval`` samples from the seed's fixed noise, the same noise for every recipe.

    ``recipes``: names of :data:`RECIPES`, or a mapping name → TrainConfig fields changed from
    ``base`` (lesson 06 compares {"lr_g = lr_d": {}, "lr_g = 50 lr_d": {"lr_g": 1e-2}}). A seed
    fixes the initial weights, the data order and the noise. Used by lessons 05 and 06.
    """
    if not isinstance(recipes, Mapping):
        unknown = [recipe for recipe in recipes if recipe not in RECIPES]
        if unknown:
            raise ValueError(f"unknown recipe(s) {unknown}; choose from {', '.join(RECIPES)} "
                             "or pass a mapping name → TrainConfig fields")
        recipes = {recipe: RECIPES[recipe] for recipe in recipes}

    def train_one(recipe: str, seed: int) -> RecipeRun:
        run = train_gan(images, replace(base, **recipes[recipe], seed=seed, n_eval=n_eval), device=device,
                        score=score_samples, progress=False)
        samples = sample_both(run, n_eval, seed=seed)
        scores = {"sampler": score_samples(samples["average"]), "generator": score_samples(samples["generator"])}
        return RecipeRun(recipe, seed, scores, run.history["D_real"][-1], run.history["D_fake"][-1], run.history,
                         samples["average"][:KEPT_SAMPLES].clone())

    return over_seeds(train_one, recipes, seeds, seed_first=True, progress=progress)


def table_rows(runs: Sequence[RecipeRun]) -> dict[str, list[dict]]:
    """Each row's score dicts, one per seed in seed order: every recipe's sampler, then, when the
    course recipe samples from a moving average, its G itself as the row :data:`RAW_G`."""
    rows: dict[str, list[dict]] = {}
    for recipe in dict.fromkeys(run.recipe for run in runs):
        rows[recipe] = [run.scores["sampler"] for run in sorted(runs, key=lambda r: r.seed) if run.recipe == recipe]
    course = [run for run in runs if run.recipe == COURSE]
    if course and course[0].history["config"]["ema_decay"] > 0:
        rows[RAW_G] = [run.scores["generator"] for run in sorted(course, key=lambda r: r.seed)]
    return rows


def verdict(values: Sequence[float], reference: Sequence[float], *, lower_is_better: bool = True) -> str:
    """"better" / "worse" when every value lies beyond every reference value (the seeds' ranges do
    not overlap), "overlap" otherwise, "too few seeds" with fewer than two of either."""
    if len(values) < 2 or len(reference) < 2:
        return "too few seeds"
    if max(values) < min(reference):
        return "better" if lower_is_better else "worse"
    if min(values) > max(reference):
        return "worse" if lower_is_better else "better"
    return "overlap"


def _verdict_label(word: str) -> str:
    return {"better": tr(en="better in every seed", vi="tốt hơn ở mọi seed"),
            "worse": tr(en="worse in every seed", vi="kém hơn ở mọi seed"),
            "overlap": tr(en="seeds overlap: no claim", vi="các seed chồng lấn: không kết luận"),
            "too few seeds": tr(en="too few seeds: no claim", vi="quá ít seed: không kết luận")}[word]


def format_table(runs: Sequence[RecipeRun]) -> str:
    """The rows of :func:`table_rows` as a Markdown table: FD, classes covered, KL of the class
    shares, precision and recall as mean ± standard deviation (:func:`ganlib.toys.seeds.format_spread`), FD seed by
    seed, the FD verdict (:func:`verdict`) against the first recipe of ``runs`` (the reference row)
    and the last epoch's D(x) / D(G(z)) averaged over the seeds (the training run's, so the same
    for a recipe's sampler and G). Used by lessons 05 and 06."""
    rows = table_rows(runs)
    first = runs[0].recipe
    seeds = sorted({run.seed for run in runs})
    digits = {"fd": 1, "classes_covered": 1, "kl_class": 2, "precision": 2, "recall": 2}
    lines = [tr(en="| recipe | FD | classes covered | KL of classes | precision | recall | FD seed by seed "
                   f"| FD against “{recipe_label(first)}” | D(x) / D(G(z)), last epoch |",
                vi="| cách huấn luyện | FD | số lớp có mặt | KL của các lớp | precision | recall | FD theo từng seed "
                   f"| FD so với “{recipe_label(first)}” | D(x) / D(G(z)), epoch cuối |"),
             "|---|---|---|---|---|---|---|---|---|"]
    outputs = {recipe: [(run.d_real, run.d_fake) for run in runs if run.recipe == recipe] for recipe in rows}
    reference = [scores["fd"] for scores in rows[first]]
    for row, scores in rows.items():
        cells = [format_spread([s[metric] for s in scores], digits=decimals) for metric, decimals in digits.items()]
        fds = [s["fd"] for s in scores]
        judged = "—" if row == first else _verdict_label(verdict(fds, reference))
        pairs = outputs.get(row, [])
        seen = (f"{np.mean([p[0] for p in pairs]):.2f} / {np.mean([p[1] for p in pairs]):.2f}" if pairs else "—")
        lines.append(f"| {recipe_label(row)} | " + " | ".join(cells)
                     + f" | {', '.join(f'{v:.0f}' for v in fds)} | {judged} | {seen} |")
    lines.append(tr(en=f"\nMean ± standard deviation over {len(seeds)} seeds ({', '.join(map(str, seeds))}), "
                       f"{runs[0].scores['sampler']['n']} samples each; lower FD and KL are better.",
                    vi=f"\nTrung bình ± độ lệch chuẩn trên {len(seeds)} seed ({', '.join(map(str, seeds))}), "
                       f"mỗi lần {runs[0].scores['sampler']['n']} mẫu; FD và KL càng nhỏ càng tốt."))
    return "\n".join(lines)
