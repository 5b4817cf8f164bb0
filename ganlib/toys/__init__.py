"""Games that train in seconds and show one idea each: the 1-D counterfeiter game (lessons 01, 03, 04),
a density classifier compared with D* (lesson 02), the x·y game and the remedies for mode collapse
on the ring of Gaussians (lesson 06), and training recipes compared on MNIST over several seeds
(lessons 05 and 06: minutes, not seconds). The remedies and the recipes share one harness over
seeds and one "mean ± standard deviation" (``seeds``, also used by lesson 07).
"""

from . import bilinear, counterfeiter, density_classifier, recipes, remedies, seeds
from .bilinear import play_bilinear
from .counterfeiter import Counterfeiter, GameSnapshot, Police, play_counterfeiter_game
from .density_classifier import train_density_classifier

__all__ = ["Counterfeiter", "GameSnapshot", "Police", "play_bilinear", "play_counterfeiter_game",
           "train_density_classifier"]
