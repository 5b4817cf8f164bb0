"""Checks of lesson 10's exercises (style transfer): which changes of a feature map leave its Gram matrix as it
was, the Gram matrix and the total-variation loss written by the student, and an experiment on the style weight.

The references are computed here on their own, in float64 NumPy (the Gram matrix as an explicit sum over
positions, the total variation from its definition); the experiment runs ganlib's :func:`~ganlib.style.stylize`
on the lesson's pictures at 64 pixels."""

import functools
from collections.abc import Callable

import numpy as np
import torch

from ..i18n import tr
from ..runtime import one_torch_thread
from ..style import feature_network, stylize
from ..style.examples import brush_strokes, sample_photo
from .core import answer, as_array, as_float, call, close, hint, run_check
from .experiments import _experiment

# ---------------------------------------------------------------------------------------------- exercise 1

FEATURE_SHAPE = (6, 5, 4)  # C, H, W of the feature map the changes are tried on


def _changes() -> dict[str, Callable[[np.ndarray], np.ndarray]]:
    """The five changes of exercise 1, each a function of a C×H×W feature map (seeded where random)."""
    channels, height, width = FEATURE_SHAPE
    order = np.random.default_rng(1).permutation(height * width)
    per_channel = [np.random.default_rng(2 + c).permutation(height * width) for c in range(channels)]
    swap = np.arange(channels)
    swap[[0, 1]] = swap[[1, 0]]
    return {
        "a": lambda f: f.reshape(channels, -1)[:, order].reshape(f.shape),  # one shuffle of positions for all channels
        "b": lambda f: f[:, :, ::-1],  # mirror left-right
        "c": lambda f: f[swap],  # swap channels 0 and 1
        "d": lambda f: 2 * f,  # every feature doubled
        "e": lambda f: np.stack([f[c].reshape(-1)[per_channel[c]] for c in range(channels)]).reshape(f.shape),
    }


def _gram(features: np.ndarray) -> np.ndarray:
    """C×C Gram matrix of a C×H×W feature map, as a mean over positions (float64)."""
    flat = features.reshape(features.shape[0], -1)
    return flat @ flat.T / flat.shape[1]


def _invariant() -> set[str]:
    """The letters whose change leaves the Gram matrix of a random non-negative feature map unchanged."""
    features = np.abs(np.random.default_rng(0).standard_normal(FEATURE_SHAPE))
    return {letter for letter, change in _changes().items() if np.allclose(_gram(change(features)), _gram(features))}


WHY_CHANGE = {
    "a": dict(en="moves whole columns of F, the same permutation P for every channel: (FP)(FP)ᵀ = F P Pᵀ Fᵀ = FFᵀ",
              vi="dời nguyên các cột của F, cùng một hoán vị P cho mọi kênh: (FP)(FP)ᵀ = F P Pᵀ Fᵀ = FFᵀ"),
    "b": dict(en="is a permutation of the positions too (column j goes to W−1−j), the same for every channel",
              vi="cũng là một hoán vị các vị trí (cột j sang cột W−1−j), như nhau cho mọi kênh"),
    "c": dict(en="permutes the rows of F, so rows and columns of the Gram matrix trade places",
              vi="hoán vị các hàng của F, nên các hàng và cột của ma trận Gram đổi chỗ cho nhau"),
    "d": dict(en="multiplies every product of two features by 4",
              vi="nhân mọi tích của hai đặc trưng lên 4 lần"),
    "e": dict(en="shuffles each channel on its own, so two channels no longer meet at the same positions and "
                 "their correlation changes (only the diagonal stays)",
              vi="xáo mỗi kênh theo một cách riêng, nên hai kênh không còn gặp nhau ở cùng vị trí và tương quan "
                 "giữa chúng thay đổi (chỉ đường chéo giữ nguyên)"),
}


def check_gram_invariance(invariant_changes: object) -> None:
    """Lesson 10, exercise 1 (derive): ``invariant_changes`` is the set of letters among "a"–"e" whose change of a
    feature map leaves its Gram matrix exactly as it was. The answer is measured on a random feature map, not
    stored; a wrong letter gets the reason for that letter."""
    def check() -> str:
        given = answer(invariant_changes)
        if isinstance(given, str):
            given = set(given.replace(",", " ").split())
        if not isinstance(given, (set, frozenset, list, tuple)) or not all(isinstance(x, str) for x in given):
            raise hint(en=f"write a set of letters, e.g. {{'a', 'c'}}, not {given!r}",
                       vi=f"hãy ghi một tập các chữ cái, ví dụ {{'a', 'c'}}, không phải {given!r}")
        letters = {x.strip().lower() for x in given}
        unknown = sorted(letters - set(_changes()))
        if unknown:
            raise hint(en=f"the changes are 'a' to 'e'; {unknown} is not one of them",
                       vi=f"các thay đổi là từ 'a' đến 'e'; {unknown} không nằm trong số đó")
        want = _invariant()
        wrong = sorted(letters ^ want)
        if wrong:
            letter = wrong[0]
            verdict = (tr(en="leaves it unchanged", vi="giữ nguyên ma trận Gram") if letter in want
                       else tr(en="changes it", vi="làm ma trận Gram thay đổi"))
            raise hint(en=f"({letter}) {verdict}: it {WHY_CHANGE[letter]['en']}",
                       vi=f"({letter}) {verdict}: thay đổi này {WHY_CHANGE[letter]['vi']}")
        return tr(en="a Gram matrix forgets where features sit, as long as every channel moves the same way",
                  vi="ma trận Gram quên mất đặc trưng nằm ở đâu, miễn là mọi kênh được dời theo cùng một cách")
    run_check(tr(en="what the Gram matrix forgets", vi="điều ma trận Gram quên"), check)


# ---------------------------------------------------------------------------------------------- exercise 2


def _feature_cases() -> list[torch.Tensor]:
    """Float32 feature maps N×C×H×W: C ≠ H·W and H ≠ W (so transposes and axis mix-ups change shapes or
    values), a batch of 3 with different images, and a small one countable by hand."""
    rng = torch.Generator().manual_seed(0)
    hand = torch.tensor([[[[1.0, 2.0], [0.0, 1.0]], [[0.0, 1.0], [3.0, 0.0]]]])  # 1×2×2×2
    return [hand, torch.rand(3, 4, 5, 6, generator=rng), torch.relu(torch.randn(2, 7, 3, 4, generator=rng))]


def _want_gram(features: torch.Tensor) -> np.ndarray:
    """N×C×C, Σ over positions of the products, divided by H·W, in float64."""
    array = features.double().numpy()
    n, c, h, w = array.shape
    return np.einsum("ncp,ndp->ncd", array.reshape(n, c, -1), array.reshape(n, c, -1)) / (h * w)


GRAM_MISTAKES = (
    (lambda f: _want_gram(f) * f.shape[2] * f.shape[3],
     dict(en="divide the sum over positions by H·W: the lesson's Gram matrix is a mean, so that pictures of "
             "different sizes compare",
          vi="hãy chia tổng theo các vị trí cho H·W: ma trận Gram của bài là một giá trị trung bình, để so được "
             "các ảnh khác cỡ")),
    (lambda f: _want_gram(f) / f.shape[1],
     dict(en="divide by H·W only (the number of positions), not by C·H·W",
          vi="chỉ chia cho H·W (số vị trí), không chia cho C·H·W")),
    (lambda f: _want_gram(f) / f.shape[0],
     dict(en="divide by the positions of one picture, H·W, not by N·H·W: each picture of the batch has its own "
             "Gram matrix",
          vi="hãy chia cho số vị trí của một ảnh, H·W, không chia cho N·H·W: mỗi ảnh trong batch có ma trận Gram "
             "riêng")),
)


def check_gram_matrix(gram: Callable) -> None:
    """Lesson 10, exercise 2 (implement): ``gram(features)`` for features N×C×H×W returns the N×C×C Gram
    matrices, G[n, i, j] = mean over the H·W positions of channel i times channel j. Compared with an
    explicit float64 sum over positions on three cases, one small enough to count by hand."""
    def check() -> str:
        for features in _feature_cases():
            n, c = features.shape[:2]
            got = call(gram, features.clone())
            shape = tuple(got.shape) if isinstance(got, (torch.Tensor, np.ndarray)) else np.shape(got)
            if shape == (n, features.shape[2] * features.shape[3], features.shape[2] * features.shape[3]):
                raise hint(en="that is FᵀF, H·W × H·W: it compares positions; the Gram matrix compares channels, "
                              "F Fᵀ with F the C×(H·W) matrix",
                           vi="đó là FᵀF, kích thước H·W × H·W: nó so các vị trí với nhau; ma trận Gram so các kênh, "
                              "F Fᵀ với F là ma trận C×(H·W)")
            if shape == (c, c):
                raise hint(en="one C×C matrix per image of the batch: return N×C×C (torch.bmm or @ on N×C×(H·W))",
                           vi="mỗi ảnh trong batch cần một ma trận C×C: hãy trả về N×C×C (torch.bmm hoặc @ trên "
                              "N×C×(H·W))")
            value = as_array(got, shape=(n, c, c), what="gram(features)")
            if close(value, _want_gram(features), rtol=1e-4, atol=1e-6):
                continue
            for formula, message in GRAM_MISTAKES:
                if close(value, formula(features), rtol=1e-4, atol=1e-6):
                    raise hint(**message)
            raise hint(en=f"wrong for features of shape {tuple(features.shape)}: G[n, i, j] is the mean over the "
                          "positions of channel i times channel j",
                       vi=f"sai với đặc trưng có kích thước {tuple(features.shape)}: G[n, i, j] là trung bình theo "
                          "các vị trí của tích kênh i với kênh j")
        return tr(en=f"right in {len(_feature_cases())} cases, one counted by hand",
                  vi=f"đúng trong {len(_feature_cases())} trường hợp, có một trường hợp tính tay được")
    run_check(tr(en="Gram matrix", vi="ma trận Gram"), check)


# ---------------------------------------------------------------------------------------------- exercise 3


def _image_cases() -> list[tuple[str, torch.Tensor]]:
    """Images N×C×H×W in [0, 1] with H ≠ W: a horizontal ramp (answer: half its step), a checkerboard
    (answer 1), vertical stripes, and a random batch of two."""
    ramp = torch.linspace(0, 1, 6).repeat(1, 3, 4, 1)  # 1×3×4×6, step 0.2 along the width
    rows, cols = torch.meshgrid(torch.arange(5), torch.arange(7), indexing="ij")
    checker = ((rows + cols) % 2).float().repeat(1, 3, 1, 1)
    stripes = (cols % 3 == 0).float().repeat(2, 1, 1, 1)
    noise = torch.rand(2, 3, 6, 4, generator=torch.Generator().manual_seed(0))
    return [("ramp", ramp), ("checkerboard", checker), ("stripes", stripes), ("random", noise)]


def _mean_abs(images: np.ndarray, axis: int) -> float:
    return float(np.abs(np.diff(images, axis=axis)).mean())


def _want_tv(images: torch.Tensor) -> float:
    array = images.double().numpy()
    return 0.5 * (_mean_abs(array, 2) + _mean_abs(array, 3))


TV_MISTAKES = (
    (lambda a: _mean_abs(a, 2) + _mean_abs(a, 3),
     dict(en="the lesson's total variation is half the sum of the two means (their average)",
          vi="biến phân toàn phần của bài là một nửa tổng của hai giá trị trung bình (trung bình cộng của chúng)")),
    (lambda a: 0.5 * (float((np.diff(a, axis=2) ** 2).mean()) + float((np.diff(a, axis=3) ** 2).mean())),
     dict(en="take absolute differences, not squared ones (squares barely punish small noise)",
          vi="hãy lấy trị tuyệt đối của hiệu, không lấy bình phương (bình phương gần như không phạt nhiễu nhỏ)")),
    (lambda a: 0.5 * (float(np.abs(np.diff(a, axis=2)).sum()) + float(np.abs(np.diff(a, axis=3)).sum())),
     dict(en="average the differences over every pixel pair, channel and image instead of summing them",
          vi="hãy lấy trung bình các hiệu theo mọi cặp điểm ảnh, mọi kênh và mọi ảnh thay vì cộng chúng")),
    (lambda a: 0.5 * _mean_abs(a, 3),
     dict(en="only horizontal neighbours are counted; add the vertical ones",
          vi="bạn mới tính các cặp láng giềng theo chiều ngang; hãy thêm các cặp theo chiều dọc")),
    (lambda a: 0.5 * _mean_abs(a, 2),
     dict(en="only vertical neighbours are counted; add the horizontal ones",
          vi="bạn mới tính các cặp láng giềng theo chiều dọc; hãy thêm các cặp theo chiều ngang")),
    (lambda a: 0.5 * (float(np.abs(a - np.roll(a, 1, axis=2)).mean())
                      + float(np.abs(a - np.roll(a, 1, axis=3)).mean())),
     dict(en="torch.roll wraps the last row round to the first; compare neighbours inside the picture only, "
             "x[..., 1:, :] − x[..., :-1, :]",
          vi="torch.roll đưa hàng cuối vòng lên làm láng giềng của hàng đầu; chỉ so các cặp láng giềng nằm trong ảnh, "
             "x[..., 1:, :] − x[..., :-1, :]")),
)


def check_total_variation(total_variation: Callable) -> None:
    """Lesson 10, exercise 3 (implement): ``total_variation(images)`` for images N×C×H×W returns one number:
    half the sum of the mean absolute differences between vertical and between horizontal neighbours (as
    :func:`ganlib.style.total_variation_loss`). Closed forms: a ramp of step s along the width gives s/2, a
    checkerboard gives 1; plus stripes and a random batch, against NumPy."""
    def check() -> str:
        for name, images in _image_cases():
            got = as_float(call(total_variation, images.clone()), what="total_variation(images)")
            if close(got, _want_tv(images), rtol=1e-4, atol=1e-6):
                continue
            for formula, message in TV_MISTAKES:
                if close(got, formula(images.double().numpy()), rtol=1e-4, atol=1e-6):
                    raise hint(**message)
            raise hint(en=f"wrong for the {name} case", vi=f"sai với trường hợp {CASE_NAMES_VI[name]}")
        return tr(en="right for a ramp (half its step), a checkerboard (1), stripes and a random batch",
                  vi="đúng với một ảnh sáng dần đều (một nửa mức tăng mỗi cột), một bàn cờ (1), các sọc và một batch "
                     "ngẫu nhiên")
    run_check(tr(en="total variation", vi="biến phân toàn phần"), check)


CASE_NAMES_VI = {"ramp": "ảnh sáng dần đều", "checkerboard": "bàn cờ", "stripes": "các sọc", "random": "ngẫu nhiên"}

# ---------------------------------------------------------------------------------------------- exercise 4

EXPERIMENT = {"size": 64, "steps": 60, "weights": (10.0, 100.0)}  # the lesson's default style weight, then ×10


@functools.cache
def _content_losses() -> tuple[float, float]:
    """The content loss at the end of :data:`EXPERIMENT`'s two paintings (Adam from the content image, network
    seed 0, one torch thread), with the style weight 10 and 100."""
    photo, strokes = sample_photo(size=EXPERIMENT["size"]), brush_strokes(size=EXPERIMENT["size"])
    network = feature_network(use_vgg19=False, verbose=False)
    with one_torch_thread():  # small pictures: a second thread costs ten times the arithmetic on a busy machine
        return tuple(stylize(photo, strokes, network, steps=EXPERIMENT["steps"], style_weight=weight, seed=0,
                             progress=False).history["content"][-1] for weight in EXPERIMENT["weights"])


def experiment_style_weight(prediction: str) -> None:
    """Lesson 10, exercise 4: the lesson's painting at 64 pixels, 60 Adam steps from the content image, with the
    style weight 10 and then 100. Outcome: (a) the content loss moves less than 20%, (b) it rises by 20% up to
    double, (c) it more than doubles."""
    def measure() -> tuple[str, str]:
        low, high = _content_losses()
        ratio = high / low
        outcome = "a" if abs(ratio - 1) < 0.2 else ("b" if ratio <= 2 else "c")
        return outcome, tr(en=f"content loss {low:.3f} → {high:.3f} (×{ratio:.2f})",
                           vi=f"mất mát nội dung {low:.3f} → {high:.3f} (×{ratio:.2f})")
    _experiment(tr(en="experiment with the style weight ×10", vi="thí nghiệm với trọng số phong cách ×10"),
                prediction, measure, why=dict(
                    en="a heavier style pulls the pixels away from the content's features, but the content loss is "
                       "still in the sum, so it gives way only part of the way",
                    vi="phong cách nặng hơn kéo các điểm ảnh ra xa đặc trưng của ảnh nội dung, nhưng mất mát nội dung "
                       "vẫn nằm trong tổng, nên nội dung chỉ nhường đi một phần"))
