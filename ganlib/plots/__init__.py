"""Figures by subject, each a function that takes data and returns a matplotlib Figure labelled in the
notebook's language, and the widgets built on them: ``densities`` (lessons 01–03), ``losses`` (04),
``training`` (digits, losses and scores of a run: 00, 05–08), ``collapse`` and ``games`` (06), ``widgets``.
"""

from . import collapse, densities, games, losses, training, widgets
from .training import (show_class_histograms, show_digits, show_discriminator_outputs, show_grid_files, show_losses,
                       show_metrics)

__all__ = ["show_class_histograms", "show_digits", "show_discriminator_outputs", "show_grid_files", "show_losses",
           "show_metrics"]
