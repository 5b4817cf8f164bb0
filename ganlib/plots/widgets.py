"""Sliders for lessons 01 and 03, built on the figures of :mod:`ganlib.plots.densities`.

ipywidgets is imported inside each function, so ``import ganlib`` works without it. Each widget
redraws a Figure-returning plot function; the notebook shows the same figure statically first,
so the lesson still reads where widgets do not run (GitHub, a PDF).
"""

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
from scipy import stats

from ..i18n import tr
from ..toys.counterfeiter import GameSnapshot
from .densities import plot_game_round, plot_shift


def _slider_with_figure(slider: object, draw: Callable[[float], plt.Figure]) -> object:
    """A VBox of ``slider`` and an output area that shows ``draw(slider.value)`` whenever the value changes."""
    import ipywidgets as widgets
    from IPython.display import display

    output = widgets.Output()

    def redraw(change: dict | None = None) -> None:
        with output:
            output.clear_output(wait=True)
            figure = draw(slider.value)
            display(figure)
            plt.close(figure)  # shown once, by display; the inline backend must not show it again

    slider.observe(redraw, names="value")
    redraw()
    return widgets.VBox([slider, output])


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
