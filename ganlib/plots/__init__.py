"""Figures by subject, each a function that takes data and returns a matplotlib Figure labelled in the
notebook's language, and the widgets built on them: ``densities`` (lessons 01–03), ``losses`` (04),
``training`` (digits, losses and scores of a run: 00, 05–08), ``collapse`` and ``games`` (06),
``conditional`` (08), ``paintings`` (10), ``widgets``; ``titles`` stores each figure's titles in its PNG for the website.
"""

from . import collapse, conditional, densities, games, losses, paintings, titles, training, widgets
from .conditional import plot_digit_walk, plot_walk_point, show_conditional_grid, show_conditional_scores
from .training import (show_class_histograms, show_digits, show_discriminator_outputs, show_grid_files, show_losses,
                       show_metrics)

__all__ = ["plot_digit_walk", "plot_walk_point", "show_class_histograms", "show_conditional_grid",
           "show_conditional_scores", "show_digits", "show_discriminator_outputs", "show_grid_files", "show_losses",
           "show_metrics"]

titles.store_titles_in_png()
