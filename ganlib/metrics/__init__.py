"""How good generated samples are, measured offline: the course's MNIST classifier and the scores
built on it (Fréchet distance, classifier score, class coverage, precision and recall) for lessons
05–08, the conditional scores of lesson 08 (does the classifier read the digit asked for?), and the
ring-of-Gaussians coverage for lesson 06, and for lesson 09 a distance that needs no pretrained network
(the sliced Wasserstein distance between Laplacian-pyramid patches), for pictures of any kind, and for
lesson 10 the sharpness of translated digits.

The names below are imported on first use, as ``ganlib``'s own are, so that reading
:mod:`ganlib.metrics.ranges` (``python -m ganlib score`` parsing its options) does not import torch.
"""

from ..lazy import lazy_exports

_API = {
    "classifier": ["MnistClassifier", "shipped_classifier", "split_digits"],
    "conditional": ["real_conditional_scores", "score_conditional"],
    "images": ["reference_scores", "score_report", "score_samples"],
    "neighbours": ["copying_report", "spread_report"],
    "ring": ["mode_coverage"],
    "sliced_wasserstein": ["sliced_wasserstein_distance"],
    "translation": ["sharpness", "translation_scores"],
}
__all__ = sorted(name for names in _API.values() for name in names)
__getattr__, __dir__ = lazy_exports(__name__, _API)
