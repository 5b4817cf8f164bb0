"""How good generated samples are, measured offline: the course's MNIST classifier and the scores
built on it (Fréchet distance, classifier score, class coverage, precision and recall) for lessons
05–08, the conditional scores of lesson 08 (does the classifier read the digit asked for?), and the
ring-of-Gaussians coverage for lesson 06.
"""

from .classifier import MnistClassifier, shipped_classifier, split_digits
from .conditional import real_conditional_scores, score_conditional
from .images import reference_scores, score_report, score_samples
from .ring import mode_coverage

__all__ = ["MnistClassifier", "mode_coverage", "real_conditional_scores", "reference_scores", "score_conditional",
           "score_report", "score_samples", "shipped_classifier", "split_digits"]
