"""The data the lessons train on: MNIST (downloaded where the network allows, else the bundled
5000 digits, loudly), any folder of pictures and the colour digits made from the bundled ones, the
ring of Gaussians, and paired pictures for translation. Lessons 00, 05–08 (MNIST), 06 (the ring), 09 (folders,
colour digits) and 10 (thumbnail → digit pairs).

The names below are imported on first use, as ``ganlib``'s own are, so that reading
:data:`SOURCES` (``python -m ganlib`` parsing its options) does not import torch.
"""

from ..lazy import lazy_exports

_API = {
    "sources": ["SOURCES"],
    "mnist": ["Digits", "deal_classes", "dealt_order", "default_cache_dir", "from_gan_range", "load_bundled_mnist", "load_mnist", "to_gan_range"],
    "folders": ["Pictures", "load_folder"],
    "colours": ["ColourSplit", "colour_digits", "colour_split", "write_colour_digits"],
    "ring": ["ring_centres", "sample_ring"],
    "pairs": ["thumbnail_pairs"],
}
__all__ = sorted(name for names in _API.values() for name in names)
__getattr__, __dir__ = lazy_exports(__name__, _API)
