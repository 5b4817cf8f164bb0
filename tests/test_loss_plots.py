"""ganlib.loss_plots: each figure of lesson 04 draws the data it is given, in the notebook's language."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from scipy import stats

import ganlib
from ganlib.gan import losses
from ganlib.plots import losses as loss_plots
from ganlib.toys.counterfeiter import play_counterfeiter_game

matplotlib.use("Agg")

FAR = dict(start_shift=-6.0, police_lr=0.05, counterfeiter_lr=0.03, rounds=12, seed=0)


@pytest.fixture(scope="module")
def runs():
    return {"minimax": play_counterfeiter_game(**FAR, loss="minimax"),
            "ns": play_counterfeiter_game(**FAR, loss="ns"),
            "wgan-gp": play_counterfeiter_game(**{**FAR, "police_lr": 1e-4}, loss="wgan-gp")}


def texts(fig: plt.Figure) -> str:
    """Every title, axis label and legend entry of a figure, joined."""
    found = []
    for ax in fig.axes:
        found += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        legend = ax.get_legend()
        if legend is not None:
            found += [t.get_text() for t in legend.get_texts()]
    return " | ".join(found)


@pytest.mark.parametrize("lang, words", [("en", ("non-saturating", "round", "police", "early training")),
                                         ("vi", ("không bão hòa", "vòng", "cảnh sát", "đầu quá trình huấn luyện"))])
def test_figures_speak_the_notebook_language(runs, lang, words):
    ganlib.set_language(lang)
    shown = " | ".join(texts(fig) for fig in (
        loss_plots.plot_generator_losses(np.linspace(-10, 10, 41)),
        loss_plots.plot_loss_runs(runs, real_mean=3.0),
        loss_plots.plot_police_and_critic(runs["minimax"][-1], runs["wgan-gp"][-1], stats.norm(3.0, 0.75))))
    for word in words:
        assert word in shown


def test_loss_figure_draws_the_losses_and_their_slopes():
    grid = np.linspace(-10, 10, 41)
    fig = loss_plots.plot_generator_losses(grid, early_below=-4.0)
    left, right = fig.axes
    for index, loss in enumerate(("minimax", "ns")):
        x, y = left.get_lines()[index].get_data()
        np.testing.assert_allclose(x, grid)
        np.testing.assert_allclose(y, losses.generator_loss_on_scores(torch.as_tensor(grid), loss=loss).numpy())
        np.testing.assert_allclose(right.get_lines()[index].get_ydata(),
                                   np.abs(losses.generator_loss_slope(grid, loss=loss)))
    assert right.get_yscale() == "log"
    shaded = right.patches[0].get_extents().transformed(right.transData.inverted())
    assert shaded.x0 == pytest.approx(-10.0) and shaded.x1 == pytest.approx(-4.0)


def test_loss_figure_rejects_a_bad_grid():
    with pytest.raises(ValueError, match="grid"):
        loss_plots.plot_generator_losses(np.zeros((3, 3)))


def test_runs_figure_draws_means_and_gradient_norms_with_zeros_on_the_floor(runs):
    fig = loss_plots.plot_loss_runs(runs, real_mean=3.0)
    left, right = fig.axes
    for index, history in enumerate(runs.values()):
        np.testing.assert_allclose(left.get_lines()[index].get_ydata(), [s.fake_mean for s in history])
        norms = np.array([s.gradient_norm for s in history])
        drawn = right.get_lines()[index].get_ydata()
        np.testing.assert_allclose(drawn[norms > 0], norms[norms > 0])
        assert np.all(drawn[norms == 0] == loss_plots.ZERO_FLOOR)
    assert runs["minimax"][1].gradient_norm == 0.0  # so the floor is in use here
    assert "exactly 0 (float32)" in texts(fig)


@pytest.mark.parametrize("bad", [{}, {"hinge": []}])
def test_runs_figure_rejects_bad_runs(bad):
    with pytest.raises(ValueError):
        loss_plots.plot_loss_runs(bad, real_mean=3.0)


def test_police_and_critic_figure_draws_a_probability_and_a_score(runs):
    police, critic = runs["minimax"][-1], runs["wgan-gp"][-1]
    fig = loss_plots.plot_police_and_critic(police, critic, stats.norm(3.0, 0.75), x_range=(-10.0, 6.0))
    left, right = fig.axes[0], fig.axes[1]
    x, d = left.get_lines()[0].get_data()
    np.testing.assert_allclose(d, police(x))
    x, f = right.get_lines()[0].get_data()
    np.testing.assert_allclose(f, critic.logit(x))
    assert left.get_ylim() == pytest.approx((-0.02, 1.02))
