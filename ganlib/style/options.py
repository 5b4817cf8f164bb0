"""What style transfer accepts (sizes, starting images, optimisers), without torch, so that
``python -m ganlib stylize`` offers these choices and refuses a bad --size before importing it. Lesson 10.
"""

from ..i18n import tr

MIN_SIZE, MAX_SIZE = 32, 1024  # pixels of the longer side
MIN_SIDE = 16  # pixels of the shorter side: the feature network halves the image 3 times
INITS = ("content", "noise")  # the images the loop may start from
OPTIMIZERS = ("adam", "lbfgs")
# The defaults: a visible stylisation of a 256-pixel picture in about a minute on one CPU core.
STEPS, CONTENT_WEIGHT, STYLE_WEIGHT, TV_WEIGHT = 150, 1.0, 10.0, 0.1


def check_size(size: int) -> None:
    """ValueError, saying what to do, unless ``size`` is from :data:`MIN_SIZE` to :data:`MAX_SIZE`."""
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise ValueError(tr(en=f"the size (--size) must be from {MIN_SIZE} to {MAX_SIZE} pixels, the longer side, "
                               f"got {size}; 256 takes about a minute on a CPU",
                            vi=f"kích thước (--size) phải từ {MIN_SIZE} đến {MAX_SIZE} điểm ảnh, tính theo cạnh dài "
                               f"hơn, nhận được {size}; với 256, một lần chạy mất khoảng một phút trên CPU"))


def check_shape(width: int, height: int, *, name: str) -> None:
    """ValueError, saying what to do, when the picture ``name``, resized to ``width``×``height``, has a
    side shorter than :data:`MIN_SIDE` pixels."""
    if min(width, height) < MIN_SIDE:
        raise ValueError(tr(en=f"{name} is too narrow: {width}×{height} pixels at this size, and both sides must be "
                               f"at least {MIN_SIDE}; crop it or choose a larger --size",
                            vi=f"{name} quá hẹp: ở kích thước này ảnh chỉ còn {width}×{height} điểm ảnh, trong khi cả "
                               f"hai cạnh phải từ {MIN_SIDE} trở lên; hãy cắt bớt ảnh hoặc chọn --size lớn hơn"))
