"""The tables and summaries ganlib prints for lessons 05-07 read as Vietnamese under vi: the kept terms
(precision, recall, seed, epoch, instance noise; GLOSSARY.md) stay, every word around them is Vietnamese."""

import ast
import json
import re
from pathlib import Path

import torch

import ganlib
from ganlib.cli.train import summary
from ganlib.gan.benchmark import format_table as benchmark_table
from ganlib.toys import recipes, remedies

ROOT = Path(__file__).resolve().parent.parent
# English words that never belong in a Vietnamese printed line (the kept terms and code names are not here).
ENGLISH = {"the", "of", "and", "with", "per", "over", "seeds", "epochs", "mean", "std", "last", "samples",
           "covered", "remedy", "recipe", "against", "each", "all", "training", "wrote", "scores", "classes",
           "modes", "share", "lower", "better", "standard", "deviation", "speed", "compiled", "model", "accuracy",
           "accuracies", "penalty", "is", "are", "not", "from", "for", "your", "this", "that", "should", "must",
           "got", "expected", "wrong", "right"}


def english_words(text: str) -> set[str]:
    """The words of ENGLISH in ``text``, outside code (samples.pt, loss_D, BCE-with-logits, `x`, f(x))."""
    prose = re.sub(r"\S*[-._()\[\]=']\S*", " ", re.sub(r"`[^`]*`", " ", text.lower()))
    return ENGLISH & {word for word in re.findall(r"\w+", prose) if word.isascii()}


def english_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if english_words(line)]


def vietnamese_strings() -> dict[str, str]:
    """Every literal vi= of a call with en= and vi= in ganlib (the text of an f-string without its fields), and
    every "vi" of the quiz files."""
    found = {}
    for path in sorted((ROOT / "ganlib").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            keywords = {k.arg: k.value for k in node.keywords} if isinstance(node, ast.Call) else {}
            if "en" in keywords and isinstance(keywords.get("vi"), (ast.Constant, ast.JoinedStr)):
                parts = keywords["vi"].values if isinstance(keywords["vi"], ast.JoinedStr) else [keywords["vi"]]
                text = " ".join(str(part.value) for part in parts if isinstance(part, ast.Constant))
                found[f"{path.relative_to(ROOT)}:{node.lineno}"] = text
    for path in sorted((ROOT / "ganlib").rglob("*.json")):
        items = [json.loads(path.read_text(encoding="utf-8"))]
        while items:
            item = items.pop()
            if isinstance(item, dict) and isinstance(item.get("vi"), str):
                found[f"{path.relative_to(ROOT)}: {item['en'][:40]}"] = item["vi"]
            items += list(item.values()) if isinstance(item, dict) else item if isinstance(item, list) else []
    return found


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


def test_vietnamese_strings_of_ganlib_carry_no_english_phrases():
    """Hints, check messages, quizzes, tables: a phrase like what="the penalty" or "per-digit accuracies" inside a
    Vietnamese line is caught, code names are not."""
    strings = vietnamese_strings()
    assert len(strings) > 300 and any(".json" in name for name in strings)
    english = {name: sorted(english_words(text)) for name, text in strings.items() if english_words(text)}
    assert not english, f"English inside Vietnamese strings: {english}"
    assert english_words("mức phạt của the penalty; các per-digit accuracies") == {"the", "penalty", "accuracies"}
    assert not english_words("BCE-with-logits, zero_grad(), `the`, phóng to, toàn bộ, tính toán, loss_D, seed, epoch")
