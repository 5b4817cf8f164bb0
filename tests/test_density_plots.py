"""ganlib.density_plots and ganlib.widgets: every figure draws in both languages; the sliders redraw."""

import math

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy import stats

import ganlib
from ganlib.plots import densities as density_plots
from ganlib.plots import widgets
from ganlib.toys.counterfeiter import play_counterfeiter_game
from ganlib.theory import fit_gaussian, two_gaussian_mixture

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def history():
    return play_counterfeiter_game(rounds=10)


def texts(fig: plt.Figure) -> str:
    """Every title, axis label and legend entry of a figure, joined."""
    found = []
    for ax in fig.axes:
        found += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        legend = ax.get_legend()
        if legend is not None:
            found += [t.get_text() for t in legend.get_texts()]
    return " | ".join(found)


@pytest.mark.parametrize("lang, word", [("en", "round"), ("vi", "vòng")])
def test_game_figures_speak_the_notebook_language(history, lang, word):
    ganlib.set_language(lang)
    real = stats.norm(3.0, 0.75)
    rounds = density_plots.plot_game_rounds(history, real, rounds=[0, 5, 10])
    assert len(rounds.axes) == 3 and word in texts(rounds)
    assert f"{word} 10" in rounds.axes[2].get_title()
    progress = density_plots.plot_game_progress(history, real_mean=3.0, real_std=0.75)
    assert word in texts(progress)
    one = density_plots.plot_game_round(history[3], real)
    assert isinstance(one, plt.Figure) and word in texts(one)


def test_game_round_draws_the_police_and_both_densities(history):
    real = stats.norm(3.0, 0.75)
    fig = density_plots.plot_game_round(history[10], real, x_range=(0.0, 6.0))
    lines = fig.axes[0].get_lines()
    x, police = lines[2].get_data()
    np.testing.assert_allclose(police, history[10](x))
    np.testing.assert_allclose(lines[0].get_data()[1], real.pdf(x))


@pytest.mark.parametrize("lang, word", [("en", "density"), ("vi", "mật độ")])
def test_lesson_02_and_03_figures_draw(lang, word):
    ganlib.set_language(lang)
    p_data, p_g = stats.norm(0, 1), stats.norm(2, 0.5)
    assert len(density_plots.plot_pointwise_maximum([(1, 1), (2, 1)]).axes) == 1
    assert word in texts(density_plots.plot_optimal_discriminator(p_data, p_g, trained=lambda x: 0.5 + 0 * x))
    assert "JSD" in texts(density_plots.plot_value_against_jsd([0.1, 0.5], [-1.186, -0.386]))
    mix = two_gaussian_mixture()
    fits = density_plots.plot_gaussian_fits(mix, forward=stats.norm(0, math.sqrt(10)), reverse=stats.norm(3, 1))
    assert word in texts(fits)
    far = density_plots.plot_far_apart(stats.norm(0, 1), [stats.norm(20, 1), stats.norm(30, 1)])
    assert "0.693147" in texts(far)
    shifts = np.linspace(0, 10, 5)
    curves = density_plots.plot_divergence_against_shift(shifts, np.zeros(5), np.full(5, 1e-3), shifts)
    assert len(curves.axes) == 3
    assert "0.693147" in texts(density_plots.plot_shift(stats.norm(0, 1), stats.norm(25, 1)))


def test_optimal_discriminator_figure_overlays_d_star():
    p_data, p_g = stats.norm(0, 1), stats.norm(2, 0.5)
    fig = density_plots.plot_optimal_discriminator(p_data, p_g, x_range=(-3, 4))
    x, d = fig.axes[1].get_lines()[0].get_data()
    np.testing.assert_allclose(d, p_data.pdf(x) / (p_data.pdf(x) + p_g.pdf(x)), rtol=1e-10)


def drawn(fig: plt.Figure) -> tuple:
    """What a figure shows: every line's data and every text, as plain numbers and strings."""
    lines = tuple(tuple(np.round(np.concatenate(line.get_data()).astype(float), 9)) for ax in fig.axes
                  for line in ax.get_lines())
    return lines, texts(fig)


@pytest.fixture
def shown(monkeypatch):
    """The figures a widget hands to IPython's display, recorded as :func:`drawn` when shown."""
    import IPython.display

    record = []
    monkeypatch.setattr(IPython.display, "display", lambda fig: record.append(drawn(fig)))
    return record


def test_game_widget_redraws_the_round_the_slider_points_at(history, shown):
    real = stats.norm(3.0, 0.75)
    box = widgets.game_round_widget(history, real)
    slider = box.children[0]
    assert (slider.min, slider.max, slider.value) == (0, len(history) - 1, 0)
    assert shown == [drawn(density_plots.plot_game_round(history[0], real))]
    slider.value = 7
    assert len(shown) == 2 and shown[1] != shown[0]
    assert shown[1] == drawn(density_plots.plot_game_round(history[7], real))
    with pytest.raises(ValueError, match="empty"):
        widgets.game_round_widget([], real)


def test_shift_widget_redraws_for_the_new_mu(shown):
    box = widgets.shift_widget(max_shift=30.0, start=2.0)
    slider = box.children[0]
    assert (slider.min, slider.max, slider.value) == (0.0, 30.0, 2.0)
    slider.value = 25.0
    assert len(shown) == 2 and shown[1] != shown[0]
    p, q = stats.norm(0, 1), stats.norm(25.0, 1)
    assert shown[1] == drawn(density_plots.plot_shift(p, q, x_range=(-5, 35)))
    with pytest.raises(ValueError, match="start"):
        widgets.shift_widget(max_shift=5.0, start=10.0)


def test_fits_used_by_the_figure_are_the_kl_fits():
    mix = two_gaussian_mixture()
    forward = fit_gaussian(mix, direction="forward")
    fig = density_plots.plot_gaussian_fits(mix, forward=forward, reverse=stats.norm(3, 1))
    x, y = fig.axes[0].get_lines()[1].get_data()
    np.testing.assert_allclose(y, stats.norm(0, math.sqrt(10)).pdf(x), rtol=1e-4)
