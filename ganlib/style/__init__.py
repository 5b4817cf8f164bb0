"""Neural style transfer (Gatys et al. 2016), offline: Gram matrices, the content, style and
total-variation losses, a feature network that needs no download, and the loop that paints an image.
Lesson 10 and ``python -m ganlib stylize``.

The names below are imported on first use, so ``python -m ganlib`` parses its options before torch.
"""

from ..lazy import lazy_exports

_API = {
    "losses": ["content_loss", "gram_matrix", "style_loss", "total_variation_loss"],
    "features": ["RandomFeatures", "VGG19Features", "cached_vgg19", "feature_network"],
    "images": ["load_image", "save_image"],
    "transfer": ["Painting", "stylize"],
}
__all__ = sorted(name for names in _API.values() for name in names)
__getattr__, __dir__ = lazy_exports(__name__, _API)
