"""ganlib: the helpers of the bilingual GAN course. Each function's docstring names the lessons that use it."""

from .data import Digits, from_gan_range, load_bundled_mnist, load_mnist, to_gan_range
from .i18n import get_language, set_language, tr
from .plots import show_digits
from .runtime import is_quick, pick_device, print_setup, seed_everything

__version__ = "0.1.0"
