"""The range of pixel values a set of images declares: parsed, and checked for plausibility.

Without torch, so that ``python -m ganlib score`` can parse its --range option before loading it.
Used by :mod:`ganlib.metrics.images` (lessons 05–08) and ``python -m ganlib score``.
"""

import math

from ..i18n import tr

GAN_RANGE = (-1.0, 1.0)
PLAUSIBLE_SHARE = 0.99  # the share of values that may sit in one half of the range before it is doubted


def parse_range(value_range: tuple[float, float]) -> tuple[float, float]:
    """``value_range`` as two floats (low, high) with low < high, both finite; ValueError otherwise."""
    try:
        low, high = (float(v) for v in value_range)
    except (TypeError, ValueError):
        raise ValueError(f"value_range must be two numbers (low, high), got {value_range!r}") from None
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise ValueError(f"value_range must satisfy low < high, got {value_range!r}")
    return low, high


def range_warning(images, value_range: tuple[float, float]) -> str | None:
    """A one-line warning when the images (a torch tensor, any shape, values inside ``value_range``)
    cannot plausibly use ``value_range``; None when they can.

    Digits are mostly background at one end of their range, with ink reaching the other end, so
    their values fill both halves of it. When 99% of the values sit in one half (say [0, 1] images
    declared as -1,1, where the classifier would see grey digits on a grey background) the
    declared range is most likely wrong and the scores would mean nothing.
    """
    low, high = parse_range(value_range)
    middle = (low + high) / 2
    values = images.detach().float().flatten()
    k = max(1, math.ceil((1 - PLAUSIBLE_SHARE) * len(values)))
    bottom, top = values.kthvalue(k).values.item(), values.kthvalue(len(values) + 1 - k).values.item()
    if bottom < middle < top:
        return None
    half = tr(en="upper", vi="trên") if bottom >= middle else tr(en="lower", vi="dưới")
    return tr(en=f"{PLAUSIBLE_SHARE:.0%} of the values lie in [{bottom:.3g}, {top:.3g}], the {half} half of the "
                 f"declared range [{low:g}, {high:g}]; digits fill both halves, so the range is probably wrong "
                 "(tanh output: -1,1; from_gan_range or ToTensor output: 0,1) and the scores would mean nothing",
              vi=f"{PLAUSIBLE_SHARE:.0%} giá trị nằm trong [{bottom:.3g}, {top:.3g}], nửa {half} của khoảng đã "
                 f"khai báo [{low:g}, {high:g}]; ảnh chữ số trải trên cả hai nửa, nên có lẽ khoảng đã khai báo sai "
                 "(đầu ra tanh: -1,1; đầu ra from_gan_range hoặc ToTensor: 0,1) và các điểm số sẽ vô nghĩa")
