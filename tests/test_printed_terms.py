"""The tables and summaries ganlib prints for lessons 05-07 read as Vietnamese under vi: the kept terms
(precision, recall, seed, epoch, instance noise; GLOSSARY.md) stay, every word around them is Vietnamese."""

import re
from pathlib import Path

import torch

import ganlib
from ganlib.cli.train import summary
from ganlib.gan.benchmark import format_table as benchmark_table
from ganlib.toys import recipes, remedies

# English words that never belong in a Vietnamese printed line (the kept terms and code names are not here).
ENGLISH = {"the", "of", "and", "with", "per", "over", "seeds", "epochs", "mean", "std", "last", "samples",
           "covered", "remedy", "recipe", "against", "each", "all", "training", "wrote", "scores", "classes",
           "modes", "share", "lower", "better", "standard", "deviation", "speed", "compiled", "model", "accuracy"}


def english_lines(text: str) -> list[str]:
    """The lines with an English word outside file names and code names (samples.pt, loss_D)."""
    return [line for line in text.splitlines()
            if ENGLISH & set(re.findall(r"[a-z]+", re.sub(r"\S*[._]\S*", " ", line.lower())))]


def scores(fd: float) -> dict:
    return {"fd": fd, "classes_covered": 9, "kl_class": 0.1, "precision": 0.8, "recall": 0.5, "n": 1000}


def recipe_runs() -> list[recipes.RecipeRun]:
    return [recipes.RecipeRun(recipe, seed, {"sampler": scores(fd), "generator": scores(fd + 5)}, 0.6, 0.3,
                              {"config": {"ema_decay": 0.999}},
                              torch.zeros(1, 1, 28, 28))
            for recipe, fds in (("course", (20.0, 22.0)), ("blog", (40.0, 45.0))) for seed, fd in enumerate(fds)]


def ring_runs() -> list[remedies.RingRun]:
    ring = {"modes_covered": 3, "high_quality": 0.4, "kl_modes": 1.2}
    return [remedies.RingRun(remedy, seed, {"generator": ring, "average": ring}, {}, {})
            for remedy in ("vanilla", "instance noise") for seed in (0, 1)]


def printed(language: str) -> dict[str, str]:
    history = {"epoch": [3], "loss_D": [1.3], "loss_G": [0.8], "D_real": [0.6], "D_fake": [0.4], "seconds": [1.0],
               "metrics": {"epoch": [3], "n": [1000], "fd": [30.0], "classes_covered": [9], "precision": [0.8],
                           "recall": [0.5]}}
    bench = [{"model": "mlp", "batch_size": 64, "ganlib_s": 1.0, "compiled_s": None, "blog_s": 1.4, "ratio": 1.4,
              "compiled_ratio": None}]
    with ganlib.language(language):
        return {"recipes": recipes.format_table(recipe_runs()), "remedies": remedies.format_table(ring_runs()),
                "train summary": summary(history, Path("runs/mlp"), 1000), "bench": benchmark_table(bench)}


def test_vietnamese_tables_keep_the_terms_and_say_the_rest_in_vietnamese():
    for name, text in printed("vi").items():
        assert not english_lines(text), f"{name} prints English under vi: {english_lines(text)}"
    vietnamese = "\n".join(printed("vi").values())
    assert all(term in vietnamese for term in ("precision", "recall", "seed", "epoch", "instance noise"))
    assert "seeds" not in vietnamese and "epochs" not in vietnamese.replace("s/epoch", "")


def test_the_english_tables_are_caught_by_the_same_check():
    """The check can fail: every English table has at least one line it flags."""
    for name, text in printed("en").items():
        assert english_lines(text), f"{name}: the English-word check found nothing to flag"
