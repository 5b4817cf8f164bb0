"""The one harness over seeds and the one "mean ± standard deviation" (ganlib.toys.seeds), and the one blog recipe."""

import statistics

import pytest

from ganlib.gan import benchmark
from ganlib.gan.config import BLOG_RECIPE, TrainConfig
from ganlib.toys import recipes, seeds


def test_mean_and_spread_is_the_sample_standard_deviation():
    values = [16.64, 18.2, 14.9]
    assert seeds.mean_and_spread(values) == pytest.approx((statistics.fmean(values), statistics.stdev(values)))
    assert seeds.mean_and_spread([3]) == (3.0, 0.0)


def test_format_spread_shows_mean_and_spread_and_the_mean_alone_for_one_seed():
    assert seeds.format_spread([16.64, 18.2, 14.9]) == "16.6 ± 1.7"
    assert seeds.format_spread([0.6961, 0.7, 0.71], digits=2) == "0.70 ± 0.01"
    assert seeds.format_spread([16.64]) == "16.6"


def test_over_seeds_runs_every_pair_once_in_the_order_asked():
    seen = seeds.over_seeds(lambda name, seed: (name, seed), ["a", "b"], range(2), progress=False)
    assert seen == [("a", 0), ("a", 1), ("b", 0), ("b", 1)]
    seen = seeds.over_seeds(lambda name, seed: (name, seed), ["a", "b"], range(2), seed_first=True, progress=False)
    assert seen == [("a", 0), ("b", 0), ("a", 1), ("b", 1)]
    with pytest.raises(ValueError, match="at least one"):
        seeds.over_seeds(lambda name, seed: None, ["a"], [], progress=False)


def test_the_blog_recipe_is_written_once_and_is_the_blogs():
    """Lesson 05's table and the benchmark train the same recipe: the blog's Adam, learning rates and no average."""
    assert recipes.RECIPES["blog"] is BLOG_RECIPE and benchmark.BLOG_CONFIG == TrainConfig(**BLOG_RECIPE)
    config = benchmark.BLOG_CONFIG
    assert (config.batch_size, config.lr_g, config.lr_d, config.betas) == (64, 1e-4, 2e-4, (0.9, 0.999))
    assert (config.ema_decay, config.dropout, config.k, config.loss) == (0.0, 0.0, 1, "ns")
