"""Check of the k-NN precision exercise (lesson 05), against :func:`ganlib.metrics.images.precision_recall`
and against point sets whose answer can be counted by hand."""

from collections.abc import Callable

import numpy as np

from ..i18n import tr
from ..metrics.images import neighbour_radii, precision_recall
from .core import as_float, call, hint, run_check


def _cases() -> list[tuple[np.ndarray, np.ndarray, int]]:
    rng = np.random.default_rng(0)
    # Real points 0, 1, ..., 9 on a line: with k = 1 every ball has radius 1, with k = 3 radius 2 or 3.
    line = np.arange(10.0)[:, None]
    by_hand = np.array([[0.5], [9.8], [11.5], [-2.5], [20.0]])
    real, fake = rng.normal(size=(60, 5)), rng.normal(loc=0.7, size=(40, 5))
    return [(line, by_hand, 1), (line, by_hand, 3), (real, fake, 3), (real, fake, 5), (fake, real, 2)]


def _precision(real: np.ndarray, fake: np.ndarray, *, k: int, column: int) -> float:
    """Precision with each real ball reaching column ``column`` of its sorted distances (column 0: the point
    itself; the right answer is column k)."""
    return precision_recall(real, fake, k=k, real_radii=neighbour_radii(real, k=column))[0]


def check_knn_precision(knn_precision: Callable[..., float]) -> None:
    """Exercise of lesson 05: ``knn_precision(real, fake, *, k)`` = the share of fake points (rows) inside the
    ball of at least one real point, each real ball reaching that point's k-th nearest other real point."""
    def check() -> str:
        for real, fake, k in _cases():
            got = as_float(call(knn_precision, real.copy(), fake.copy(), k=k), what="knn_precision(...)")
            want = precision_recall(real, fake, k=k)[0]
            if abs(got - want) < 1e-9:
                continue
            # Balls reaching the (k − 1)-th other point: the point itself counted as a neighbour (radius 0
            # at k = 1); the (k + 1)-th: one neighbour too many skipped.
            if abs(got - _precision(real, fake, k=k, column=k - 1)) < 1e-9:
                raise hint(en=f"with k = {k} your balls reach the {k}-th nearest point counting the point itself, at "
                              "distance 0: leave the point itself out",
                           vi=f"với k = {k}, quả cầu của bạn chạm tới điểm gần thứ {k} khi đếm cả chính tâm của nó "
                              "(khoảng cách 0): hãy bỏ chính tâm ra")
            if abs(got - _precision(real, fake, k=k, column=k + 1)) < 1e-9:
                raise hint(en=f"you get the value of k = {k + 1} when k = {k}: skip only the point itself, not its "
                              "nearest neighbour too",
                           vi=f"kết quả của bạn là giá trị của k = {k + 1} khi k = {k}: chỉ bỏ chính điểm đó, đừng "
                              "bỏ thêm láng giềng gần nhất của nó")
            if abs(got - precision_recall(real, fake, k=k)[1]) < 1e-9:
                raise hint(en="that is the recall: precision asks how many fakes fall inside the real balls",
                           vi="đó là recall: precision hỏi bao nhiêu điểm giả rơi vào các quả cầu của điểm thật")
            raise hint(en=f"wrong for {len(real)} real and {len(fake)} fake points with k = {k}",
                       vi=f"sai với {len(real)} điểm thật và {len(fake)} điểm giả, k = {k}")
        return tr(en="matches ganlib.metrics for k = 1, 2, 3, 5", vi="khớp với ganlib.metrics với k = 1, 2, 3, 5")
    run_check(tr(en="k-NN precision", vi="precision k-NN"), check)
