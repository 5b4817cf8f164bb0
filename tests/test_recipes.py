"""ganlib.recipes: the verdict rule, the table's rows and numbers, determinism and bad input."""

from dataclasses import replace

import numpy as np
import pytest
import torch

from ganlib.gan import TrainConfig
from ganlib.toys import recipes

TINY = replace(TrainConfig(), epochs=1, eval_every=0)


@pytest.fixture(scope="module")
def digits():
    generator = torch.Generator().manual_seed(0)
    return torch.randint(0, 256, (128, 1, 28, 28), dtype=torch.uint8, generator=generator)


@pytest.fixture(scope="module")
def runs(digits):
    return recipes.compare_recipes(digits, recipes=("course", "blog"), seeds=(0, 1), base=TINY, n_eval=100,
                                   progress=False)


def test_verdict_needs_every_seed_beyond_every_reference_seed():
    assert recipes.verdict([30.0, 31.0], [20.0, 29.0]) == "worse"
    assert recipes.verdict([10.0, 19.0], [20.0, 29.0]) == "better"
    assert recipes.verdict([25.0, 31.0], [20.0, 29.0]) == "overlap"  # one seed inside the reference range
    assert recipes.verdict([30.0, 31.0], [20.0, 29.0], lower_is_better=False) == "better"
    assert recipes.verdict([30.0], [20.0, 29.0]) == "too few seeds"


def test_rows_follow_the_runs_and_add_the_raw_generator_of_the_course(runs):
    rows = recipes.table_rows(runs)
    assert list(rows) == ["course", "blog", recipes.RAW_G]
    course = sorted((run for run in runs if run.recipe == "course"), key=lambda run: run.seed)
    assert [s["fd"] for s in rows[recipes.RAW_G]] == [run.scores["generator"]["fd"] for run in course]
    assert [s["fd"] for s in rows["course"]] == [run.scores["sampler"]["fd"] for run in course]


def test_blog_recipe_samples_from_g_itself(runs):
    blog = [run for run in runs if run.recipe == "blog"]
    assert all(run.history["config"]["ema_decay"] == 0.0 for run in blog)
    assert all(run.scores["sampler"] == run.scores["generator"] for run in blog)
    assert all(run.samples.shape == (recipes.KEPT_SAMPLES, 1, 28, 28) for run in runs)


def test_table_shows_mean_and_sample_standard_deviation(runs):
    table = recipes.format_table(runs)
    fds = [run.scores["sampler"]["fd"] for run in runs if run.recipe == "blog"]
    expected = f"{np.mean(fds):.1f} ± {np.std(fds, ddof=1):.1f}"
    blog_line = next(line for line in table.splitlines() if line.startswith(f"| {recipes.recipe_label('blog')} |"))
    assert blog_line.split(" | ")[1] == expected
    assert len(table.splitlines()[0].split("|")) == len(blog_line.split("|"))


def test_same_seed_same_numbers(digits, runs):
    again = recipes.compare_recipes(digits, recipes=("course",), seeds=(1,), base=TINY, n_eval=100, progress=False)
    first = next(run for run in runs if run.recipe == "course" and run.seed == 1)
    assert again[0].scores == first.scores


def test_a_mapping_of_changes_is_a_recipe_too(digits):
    runs = recipes.compare_recipes(digits, recipes={"fast G": {"lr_g": 1e-2}}, seeds=(0,), base=TINY, n_eval=100,
                                   progress=False)
    assert runs[0].history["config"]["lr_g"] == 1e-2 and recipes.recipe_label("fast G") == "fast G"


def test_bad_input_is_refused(digits):
    with pytest.raises(ValueError, match="unknown recipe"):
        recipes.compare_recipes(digits, recipes=("nonsense",), base=TINY, progress=False)
    with pytest.raises(ValueError, match="at least one"):
        recipes.compare_recipes(digits, seeds=(), base=TINY, progress=False)
