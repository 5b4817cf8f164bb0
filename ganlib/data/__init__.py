"""The data the lessons train on: MNIST (downloaded where the network allows, else the bundled
5000 digits, loudly) and the ring of Gaussians. Lessons 00, 05–08 (MNIST) and 06 (the ring).

The names below are imported on first use, as ``ganlib``'s own are, so that reading
:data:`SOURCES` (``python -m ganlib`` parsing its options) does not import torch.
"""

from ..lazy import lazy_exports

_API = {
    "sources": ["SOURCES"],
    "mnist": ["Digits", "deal_classes", "dealt_order", "default_cache_dir", "from_gan_range", "load_bundled_mnist", "load_mnist", "to_gan_range"],
    "ring": ["ring_centres", "sample_ring"],
}
__all__ = sorted(name for names in _API.values() for name in names)
__getattr__, __dir__ = lazy_exports(__name__, _API)
