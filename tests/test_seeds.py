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


def test_paired_difference_decides_only_when_the_t_interval_leaves_out_zero():
    # Differences 3, 4, 5: mean 4, spread 1, t(0.975, 2) = 4.303, half-width 4.303/√3 = 2.484: decided.
    paired = seeds.paired_difference([13.0, 24.0, 35.0], [10.0, 20.0, 30.0])
    assert paired["differences"] == [3.0, 4.0, 5.0] and paired["mean"] == pytest.approx(4.0)
    assert paired["spread"] == pytest.approx(1.0) and paired["half_width"] == pytest.approx(2.4843, abs=1e-3)
    assert paired["decided"]
    # Differences 1, 4, 7: mean 4, spread 3, half-width 7.45 holds 0: not decided, though each is positive.
    assert not seeds.paired_difference([11.0, 24.0, 37.0], [10.0, 20.0, 30.0])["decided"]
    # The pairing matters: the same numbers unpaired would show a large spread, paired a constant gap.
    assert seeds.paired_difference([100.0, 200.0, 300.0], [99.0, 199.0, 299.5])["decided"]
    one = seeds.paired_difference([5.0], [3.0])
    assert one["half_width"] == float("inf") and not one["decided"]
    with pytest.raises(ValueError, match="one number per seed"):
        seeds.paired_difference([1.0, 2.0], [1.0])


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


def test_verdict_line_says_which_is_lower_only_when_the_interval_leaves_out_zero():
    import ganlib
    with ganlib.language("en"):
        decided = seeds.verdict_line("a", [10.0, 20.0, 30.0], "b", [13.0, 24.0, 35.0], what="SWD")
        open_ = seeds.verdict_line("a", [10.0, 20.0, 30.0], "b", [11.0, 24.0, 37.0], what="SWD")
    assert decided == "SWD a − b per seed: -3.0, -4.0, -5.0; mean -4.0 ± 2.5 (95%): a is lower"
    assert open_.endswith("the interval holds 0, not decided") and "-1.0, -4.0, -7.0" in open_
    with ganlib.language("vi"):
        assert seeds.verdict_line("a", [10.0, 20.0, 30.0], "b", [13.0, 24.0, 35.0]).endswith("a thấp hơn")
