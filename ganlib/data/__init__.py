"""The data the lessons train on: MNIST (downloaded where the network allows, else the bundled
5000 digits, loudly) and the ring of Gaussians. Lessons 00, 05–08 (MNIST) and 06 (the ring).
"""

from .mnist import SOURCES, Digits, default_cache_dir, from_gan_range, load_bundled_mnist, load_mnist, to_gan_range
from .ring import ring_centres, sample_ring

__all__ = ["SOURCES", "Digits", "default_cache_dir", "from_gan_range", "load_bundled_mnist", "load_mnist",
           "ring_centres", "sample_ring", "to_gan_range"]
