"""Lesson 06's figures: what they draw matches the data and the closed forms, in both languages."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
import torch

from ganlib import set_language
from ganlib.plots import collapse as collapse_plots
from ganlib.plots import games as game_plots
from ganlib.toys.bilinear import METHODS, play_bilinear, running_average
from ganlib.toys.remedies import RingRun
from ganlib.data.ring import ring_centres


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


def ring_run(remedy: str, seed: int, modes: int) -> RingRun:
    points = ring_centres()[:modes].repeat(10, 1)
    scores = {"modes_covered": modes, "high_quality": modes / 8, "kl_modes": 2.0 / modes, "counts": [25] * 8}
    history = {"metrics": {"epoch": [1, 2], "modes_covered": [0, modes], "kl_modes": [2.0, 2.0 / modes]}}
    return RingRun(remedy, seed, {"generator": scores, "average": {**scores, "high_quality": 1.0}},
                   {"generator": points, "average": points}, history)


RUNS = [ring_run("vanilla", 0, 1), ring_run("vanilla", 1, 3), ring_run("PacGAN", 0, 8), ring_run("PacGAN", 1, 6)]


def test_bilinear_figure_draws_the_paths_and_the_closed_form_rates():
    lr = 0.2
    paths = {method: play_bilinear(method, lr=lr, steps=30) for method in METHODS}
    paths["average"] = running_average(paths["alternating"])
    fig = game_plots.plot_bilinear_play(paths, lr=lr)
    plane, distance = fig.axes
    solid = [line for line in distance.lines if line.get_linestyle() == "-"]
    dashed = [line for line in distance.lines if line.get_linestyle() == "--"]
    assert len(solid) == 4 and len(dashed) == 2
    for path, line in zip(paths.values(), solid):
        assert np.allclose(line.get_ydata(), np.hypot(*path.T))
    # The dashed lines are the closed forms, and the played paths follow them.
    assert np.allclose(dashed[0].get_ydata(), np.hypot(*paths["simultaneous"].T), rtol=1e-10)
    assert np.allclose(dashed[1].get_ydata(), np.hypot(*paths["extragradient"].T), rtol=1e-10)
    with pytest.raises(ValueError, match="unknown path"):
        game_plots.plot_bilinear_play({"adam": paths["alternating"]}, lr=lr)


def test_snapshot_grid_has_a_row_per_network_and_a_column_per_moment():
    frames = {"generator": [torch.zeros(5, 2)] * 3, "average": [torch.ones(5, 2)] * 3}
    fig = collapse_plots.plot_ring_snapshots({"vanilla": frames, "PacGAN": frames}, epochs=[1, 2, 3],
                                             steps_per_epoch=100)
    assert len(fig.axes) == 12
    assert fig.axes[2].get_title() == "300 steps"
    assert np.allclose(fig.axes[0].collections[0].get_offsets(), 0.0)
    with pytest.raises(ValueError, match="2 snapshots for 3 epochs"):
        collapse_plots.plot_ring_snapshots({"vanilla": {"generator": [torch.zeros(5, 2)] * 2}}, epochs=[1, 2, 3],
                                           steps_per_epoch=100)


def test_score_bars_sit_at_the_mean_over_seeds():
    fig = collapse_plots.plot_remedy_scores(RUNS)
    modes = fig.axes[0]
    heights = sorted(round(patch.get_height(), 6) for patch in modes.patches)
    assert heights == [2.0, 2.0, 7.0, 7.0]  # (1 + 3)/2 and (8 + 6)/2, for G and for its average
    assert [t.get_text() for t in modes.get_xticklabels()] == ["vanilla GAN", "PacGAN"]


def test_training_curves_are_the_mean_of_the_seeds():
    fig = collapse_plots.plot_coverage_over_training(RUNS, steps_per_epoch=100)
    thick = [line for line in fig.axes[0].lines if line.get_linewidth() == 2]
    assert np.allclose(thick[0].get_xdata(), [100, 200])
    assert np.allclose(thick[0].get_ydata(), [0, 2]) and np.allclose(thick[1].get_ydata(), [0, 7])


def test_final_samples_show_one_seed_and_refuse_a_missing_one():
    fig = collapse_plots.plot_final_samples(RUNS, seed=1)
    assert len(fig.axes) == 4
    assert fig.axes[0].get_title().startswith("vanilla GAN\n3/8 modes")
    with pytest.raises(ValueError, match="no run with seed 7"):
        collapse_plots.plot_final_samples(RUNS, seed=7)


def test_labels_follow_the_language():
    set_language("vi")
    fig = collapse_plots.plot_final_samples(RUNS, seed=0)
    assert fig.axes[0].get_title().startswith("GAN gốc\n1/8 mode")
    assert "Mẫu cuối cùng" in fig._suptitle.get_text()
