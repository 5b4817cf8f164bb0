"""Sliders for lessons 01, 03 and 08, built on the figures of :mod:`ganlib.plots.densities` and
:mod:`ganlib.plots.conditional`.

ipywidgets is imported inside each function, so ``import ganlib`` works without it. Each widget
redraws a Figure-returning plot function; the notebook shows the same figure statically first,
so the lesson still reads where widgets do not run (GitHub, a PDF).
"""

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import torch
from scipy import stats

from ..i18n import tr
from ..toys.counterfeiter import GameSnapshot
from .conditional import plot_walk_point
from .densities import plot_game_round, plot_shift


def _slider_with_figure(slider: object, draw: Callable[[float], plt.Figure]) -> object:
    """A VBox of ``slider`` and an output area that shows ``draw(slider.value)`` whenever the value changes."""
    return _controls_with_figure([slider], draw)


def _controls_with_figure(controls: Sequence[object], draw: Callable[..., plt.Figure]) -> object:
    """A VBox of ``controls`` and an output area that shows ``draw(*values)`` (one value per control,
    in order) whenever a value changes."""
    import ipywidgets as widgets
    from IPython.display import display

    output = widgets.Output()

    def redraw(change: dict | None = None) -> None:
        with output:
            output.clear_output(wait=True)
            figure = draw(*(control.value for control in controls))
            display(figure)
            plt.close(figure)  # shown once, by display; the inline backend must not show it again

    for control in controls:
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([*controls, output])


def game_round_widget(history: Sequence[GameSnapshot], real: object) -> object:
    """A slider over the rounds of a 1-D game (from :func:`ganlib.toys.play_counterfeiter_game`),
    drawing :func:`ganlib.plots.densities.plot_game_round`. Lesson 01."""
    import ipywidgets as widgets

    if len(history) == 0:
        raise ValueError("history is empty: play the game first (play_counterfeiter_game)")
    slider = widgets.IntSlider(value=0, min=0, max=len(history) - 1, step=1,
                               description=tr(en="round", vi="vòng"), continuous_update=False)
    return _slider_with_figure(slider, lambda index: plot_game_round(history[index], real))


def shift_widget(*, max_shift: float = 30.0, start: float = 2.0) -> object:
    """A slider over μ in [0, max_shift] drawing p = N(0, 1), q = N(μ, 1), their mixture, JSD and W1
    (:func:`ganlib.plots.densities.plot_shift`). Lesson 03."""
    import ipywidgets as widgets

    if not 0 <= start <= max_shift:
        raise ValueError(f"start must lie in [0, max_shift] = [0, {max_shift}], got {start}")
    slider = widgets.FloatSlider(value=start, min=0.0, max=max_shift, step=0.5, description="μ",
                                 continuous_update=False)
    p = stats.norm(0, 1)
    return _slider_with_figure(slider, lambda mu: plot_shift(p, stats.norm(mu, 1), x_range=(-5, max_shift + 5)))


def digit_walk_widget(generator: torch.nn.Module, *, z_start: torch.Tensor, z_end: torch.Tensor) -> object:
    """A digit slider (0–9) and a slider t ∈ [0, 1] along the noise path of
    :func:`ganlib.plots.conditional.walk_noise`, drawing :func:`ganlib.plots.conditional.plot_walk_point`
    for a conditional ``generator``: the sample and what the classifier reads. Lesson 08."""
    import ipywidgets as widgets

    digit = widgets.IntSlider(value=4, min=0, max=9, step=1, description=tr(en="digit", vi="chữ số"),
                              continuous_update=False)
    position = widgets.FloatSlider(value=0.0, min=0.0, max=1.0, step=0.05, description="t", continuous_update=False)
    return _controls_with_figure([digit, position], lambda d, t: plot_walk_point(
        generator, digit=d, z_start=z_start, z_end=z_end, t=t))
