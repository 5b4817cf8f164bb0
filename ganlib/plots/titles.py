"""Figures that carry their titles: in IPython (Jupyter, Colab) each figure's PNG gets a "Title" text chunk
made of its suptitle and its axes' titles, which the course website turns into the image's alt text.
Used by every lesson that draws."""

import io

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.figure import Figure


def figure_title(figure: Figure) -> str:
    """The figure's suptitle and its axes' titles (left, centre, right), in order, joined by " · "; "" if none."""
    titles = [figure.get_suptitle()] + [axes.get_title(loc) for axes in figure.axes
                                         for loc in ("left", "center", "right")]
    return " · ".join(dict.fromkeys(" ".join(title.split()) for title in titles if title.strip()))


def titled_png(figure: Figure) -> bytes:
    """The figure's PNG as IPython's inline backend writes it (tight bounding box, the figure's colours),
    with its titles in the "Title" text chunk."""
    buffer = io.BytesIO()
    figure.canvas.print_figure(buffer, format="png", bbox_inches="tight", facecolor=figure.get_facecolor(),
                               edgecolor=figure.get_edgecolor(), metadata={"Title": figure_title(figure)})
    return buffer.getvalue()


def store_titles_in_png() -> None:
    """Make IPython's display of a Figure write its titles into the PNG; nothing outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    plt.switch_backend(matplotlib.get_backend())  # load the inline backend first: its PNG formatter is replaced
    shell.display_formatter.formatters["image/png"].for_type(Figure, titled_png)
