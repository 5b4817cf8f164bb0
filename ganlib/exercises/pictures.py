"""Checks of lesson 09's exercises (a GAN on a folder of pictures): the sliced Wasserstein distance between two
point sets, StyleGAN2's demodulation scale derived from the variance of a sum, and an experiment on what the SWD
of lesson 09 cannot see: colour digits drawn in another class's colours.

The references are computed here on their own: the sliced distance with ``scipy.stats.wasserstein_distance`` per
direction and with ganlib's :func:`~ganlib.metrics.sliced_wasserstein.sliced_wasserstein`, the demodulation
scale with NumPy and, for the ✓ line, measured through ``conv2d`` on unit-variance noise. Nothing here imports
the generator's own demodulation, so that the check stays independent of it."""

import functools
from collections.abc import Callable

import numpy as np
import torch
import torch.nn.functional as F
from scipy import stats

from ..data import colour_digits
from ..i18n import tr
from ..metrics.sliced_wasserstein import sliced_wasserstein, sliced_wasserstein_distance
from .core import as_array, as_float, call, close, hint, run_check
from .experiments import _experiment

# ---------------------------------------------------------------------------------------------- exercise 1


def _units(dimension: int, count: int, *, seed: int) -> np.ndarray:
    """dimension×count random unit columns, drawn as ganlib's ``sliced_wasserstein`` draws them from
    ``np.random.default_rng(seed)`` (count ≤ 128)."""
    units = np.random.default_rng(seed).standard_normal((dimension, count))
    return units / np.linalg.norm(units, axis=0, keepdims=True)


def _distance_cases() -> list[tuple[str, np.ndarray, np.ndarray, np.ndarray]]:
    """(name, a, b, directions), float64, N = 40 points in D = 5 dimensions, K = 7 directions (D ≠ K, so that
    directions used as rows fail): two different clouds, a centred cloud against itself stretched ×2 (equal
    means), a cloud against a shifted copy, and a cloud against a reordering of itself."""
    rng = np.random.default_rng(0)
    a = rng.standard_normal((40, 5))
    centred = a - a.mean(axis=0)
    shift = np.array([0.5, -1.0, 0.25, 2.0, 0.0])
    return [("clouds", a, rng.normal(0.5, 1.5, size=(40, 5)), _units(5, 7, seed=1)),
            ("stretched", centred, 2.0 * centred, _units(5, 7, seed=2)),
            ("shifted", a, a + shift, _units(5, 7, seed=3)),
            ("reordered", a, a[rng.permutation(40)], _units(5, 7, seed=4))]


def _scipy_distance(a: np.ndarray, b: np.ndarray, directions: np.ndarray) -> float:
    """The mean over directions of scipy's 1-D Wasserstein distance between the two projections."""
    return float(np.mean([stats.wasserstein_distance(a @ unit, b @ unit) for unit in directions.T]))


def _projections(a: np.ndarray, b: np.ndarray, directions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The projections N×K of both sets, each column sorted."""
    return np.sort(a @ directions, axis=0), np.sort(b @ directions, axis=0)


def _gaps(a: np.ndarray, b: np.ndarray, directions: np.ndarray) -> np.ndarray:
    """N×K absolute gaps between the sorted projections."""
    return np.abs(np.subtract(*_projections(a, b, directions)))


# Typical wrong answers, each with its hint; a formula is named only when it gives the student's number in every case.
DISTANCE_MISTAKES = (
    (lambda a, b, d: np.abs(a @ d - b @ d).mean(),
     dict(en="the projections are compared point by point in their given order; sort each projection first, so "
             "that a set against a reordering of itself gives 0",
          vi="các hình chiếu đang được so từng điểm theo thứ tự sẵn có; hãy sắp xếp từng hình chiếu trước, để một "
             "tập so với chính nó bị xáo thứ tự cho ra 0")),
    (lambda a, b, d: np.abs(np.sort(a @ d, axis=0) - b @ d).mean(),
     dict(en="sort both projections, not one: the i-th smallest value of one set pairs with the i-th smallest of the "
             "other",
          vi="hãy sắp xếp cả hai hình chiếu chứ không chỉ một: giá trị nhỏ thứ i của tập này được ghép với giá trị nhỏ "
             "thứ i của tập kia")),
    (lambda a, b, d: np.abs(a @ d - np.sort(b @ d, axis=0)).mean(),
     dict(en="sort both projections, not one: the i-th smallest value of one set pairs with the i-th smallest of the "
             "other",
          vi="hãy sắp xếp cả hai hình chiếu chứ không chỉ một: giá trị nhỏ thứ i của tập này được ghép với giá trị nhỏ "
             "thứ i của tập kia")),
    (lambda a, b, d: np.abs((a @ d).mean(axis=0) - (b @ d).mean(axis=0)).mean(),
     dict(en="the gap of the means sees where a set lies but not its spread (a cloud against itself stretched ×2 "
             "gives 0); average the gaps between the sorted values instead",
          vi="khoảng cách giữa hai trung bình chỉ thấy tập điểm nằm ở đâu chứ không thấy độ trải (một đám điểm so "
             "với chính nó giãn ×2 cho ra 0); hãy lấy trung bình các khoảng cách giữa những giá trị đã sắp xếp")),
    (lambda a, b, d: np.subtract(*_projections(a, b, d)).mean(),
     dict(en="take the absolute value of each gap before averaging, or gaps of opposite signs cancel",
          vi="hãy lấy giá trị tuyệt đối của từng khoảng cách trước khi lấy trung bình, nếu không các khoảng cách "
             "trái dấu sẽ triệt tiêu nhau")),
    (lambda a, b, d: (_gaps(a, b, d) ** 2).mean(),
     dict(en="squared gaps lead to the Wasserstein-2 distance; the SWD of the lesson averages the absolute gaps "
             "(Wasserstein-1)",
          vi="bình phương các khoảng cách dẫn tới khoảng cách Wasserstein-2; SWD trong bài lấy trung bình giá trị "
             "tuyệt đối của các khoảng cách (Wasserstein-1)")),
    (lambda a, b, d: np.sqrt((_gaps(a, b, d) ** 2).mean(axis=0)).mean(),
     dict(en="squared gaps lead to the Wasserstein-2 distance; the SWD of the lesson averages the absolute gaps "
             "(Wasserstein-1)",
          vi="bình phương các khoảng cách dẫn tới khoảng cách Wasserstein-2; SWD trong bài lấy trung bình giá trị "
             "tuyệt đối của các khoảng cách (Wasserstein-1)")),
    (lambda a, b, d: _gaps(a, b, d).mean(axis=0).max(),
     dict(en="that is the largest distance over the directions; the sliced distance is their average",
          vi="đó là khoảng cách lớn nhất trong số các hướng; khoảng cách cắt lát lấy trung bình theo các hướng")),
    (lambda a, b, d: _gaps(a, b, d).mean(axis=0).sum(),
     dict(en="a sum over the directions grows with their number; average over them",
          vi="tổng theo các hướng lớn dần khi số hướng tăng; hãy lấy trung bình theo các hướng")),
    (lambda a, b, d: _gaps(a, b, d).sum(axis=0).mean(),
     dict(en="a sum over the points grows with N; the 1-D Wasserstein distance is the mean gap",
          vi="tổng theo các điểm lớn dần theo N; khoảng cách Wasserstein một chiều là trung bình các khoảng cách")),
    (lambda a, b, d: np.abs(np.sort(a, axis=0) - np.sort(b, axis=0)).mean(),
     dict(en="project both sets on the given directions first (a @ directions); sorting each coordinate slices "
             "along the axes only",
          vi="hãy chiếu cả hai tập lên các hướng đã cho trước (a @ directions); sắp xếp từng tọa độ chỉ là cắt lát "
             "theo các trục")),
    (lambda a, b, d: np.abs(np.sort(a, axis=None) - np.sort(b, axis=None)).mean(),
     dict(en="project both sets on the given directions first (a @ directions); sorting all the numbers together "
             "mixes the coordinates",
          vi="hãy chiếu cả hai tập lên các hướng đã cho trước (a @ directions); sắp xếp mọi con số cùng lúc làm lẫn "
             "các tọa độ với nhau")),
)

DISTANCE_CASE_HINTS = {
    "clouds": dict(en="wrong for two different clouds of points",
                   vi="sai với hai đám điểm khác nhau"),
    "stretched": dict(en="wrong for a cloud against itself stretched ×2",
                      vi="sai với một đám điểm so với chính nó giãn ×2"),
    "shifted": dict(en="wrong for a cloud against a shifted copy: every projection moves by the shift's projection, "
                       "and so does every sorted value",
                    vi="sai với một đám điểm so với bản sao tịnh tiến của nó: mỗi hình chiếu dịch đi đúng bằng hình "
                       "chiếu của vector tịnh tiến, mọi giá trị đã sắp xếp cũng vậy"),
    "reordered": dict(en="wrong for a cloud against a reordering of itself, which must give 0",
                      vi="sai với một đám điểm so với chính nó bị xáo thứ tự, trường hợp này phải cho ra 0"),
}


def check_sliced_distance(sliced_distance: Callable) -> None:
    """Lesson 09, exercise 1 (implement): ``sliced_distance(a, b, directions)`` for float tensors a, b of N×D
    points (the same N) and ``directions`` D×K with unit columns returns the sliced Wasserstein distance: the
    mean over the K directions of the mean absolute gap between the sorted projections of a and of b. Compared
    with scipy's 1-D Wasserstein distance per direction and with ganlib's ``sliced_wasserstein`` (the SWD of
    lesson 09 before its ×1000), on four cases, a shifted copy (answer: the mean |projection of the shift|) and
    a reordering (answer 0) among them."""
    def check() -> str:
        cases = _distance_cases()
        got = [as_float(call(sliced_distance, torch.from_numpy(a.copy()), torch.from_numpy(b.copy()),
                             torch.from_numpy(d.copy())), what="sliced_distance(...)") for _, a, b, d in cases]
        right = [close(value, _scipy_distance(a, b, d), rtol=1e-4, atol=1e-6)
                 for value, (_, a, b, d) in zip(got, cases)]
        ganlib = sliced_wasserstein(cases[0][1], cases[0][2], directions=7, rng=np.random.default_rng(1))  # seed 1's
        right[0] = right[0] and close(got[0], ganlib, rtol=1e-4)
        if all(right):
            return tr(en=f"right in {len(cases)} cases: equals scipy's 1-D Wasserstein distance averaged over the "
                         "directions, and ganlib's sliced_wasserstein",
                      vi=f"đúng trong {len(cases)} trường hợp: bằng trung bình theo các hướng của khoảng cách "
                         "Wasserstein một chiều của scipy, và bằng sliced_wasserstein của ganlib")
        for formula, message in DISTANCE_MISTAKES:
            if all(close(value, formula(a, b, d), rtol=1e-4, atol=1e-6) for value, (_, a, b, d) in zip(got, cases)):
                raise hint(**message)
        raise hint(**DISTANCE_CASE_HINTS[cases[right.index(False)][0]])
    run_check(tr(en="sliced Wasserstein distance", vi="khoảng cách Wasserstein cắt lát"), check)


# ---------------------------------------------------------------------------------------------- exercise 2

EPSILON = 1e-8  # inside the square root, as in StyleGAN2: an all-zero output channel gets 1/√ε, not a division by 0
NOISE_SHAPE = (64, 12, 12)  # batch, height, width of the unit-variance input the ✓ line measures through conv2d
STD_TOLERANCE = 0.05  # |measured std − 1| allowed per output channel (about 6400 outputs each, seeded)


def _weights() -> list[torch.Tensor]:
    """Modulated weights O×I×k×k, float32: O ≠ I first (so that the shape of the answer tells which axis was
    summed over), a 1×1 kernel, O = I, and one output channel all zero (the ε case); output channels of different
    sizes, and input channels scaled differently, as modulation scales them."""
    rng = torch.Generator().manual_seed(0)
    shapes = ((4, 3, 3, 3), (3, 5, 1, 1), (3, 3, 3, 3), (2, 4, 3, 3))
    weights = [0.3 * torch.randn(shape, generator=rng) * (0.5 + 2 * torch.rand(shape[0], 1, 1, 1, generator=rng))
               * 2 * torch.rand(1, shape[1], 1, 1, generator=rng) for shape in shapes]  # base weight × style
    weights[-1][1] = 0.0
    return weights


def _want_scale(weight: torch.Tensor) -> np.ndarray:
    squares = weight.double().numpy() ** 2
    return 1.0 / np.sqrt(squares.sum(axis=(1, 2, 3)) + EPSILON)


def _output_std(weight: torch.Tensor, scale: np.ndarray) -> np.ndarray:
    """Per output channel, the std of conv2d (no padding) of seeded unit-variance noise with ``weight`` × ``scale``."""
    noise = torch.randn(NOISE_SHAPE[0], weight.shape[1], *NOISE_SHAPE[1:], generator=torch.Generator().manual_seed(1))
    scaled = weight.double() * torch.from_numpy(scale)[:, None, None, None]
    return F.conv2d(noise.double(), scaled).std(dim=(0, 2, 3)).numpy()


def _per_output(function: Callable, weight: torch.Tensor) -> np.ndarray:
    """Σ over the input channels and the taps of ``function``(w'), one number per output channel."""
    return function(weight.double()).sum(dim=(1, 2, 3)).numpy()


# Typical wrong answers as functions of the weight, each with its hint; named only when right in every case.
SCALE_MISTAKES = (
    (lambda w: 1.0 / (_per_output(torch.square, w) + EPSILON),
     dict(en="that divides by the variance Σw'²; the std is its square root",
          vi="như vậy là chia cho phương sai Σw'²; độ lệch chuẩn là căn bậc hai của nó")),
    (lambda w: np.sqrt(_per_output(torch.square, w) + EPSILON),
     dict(en="that is the std itself; the scale divides by it",
          vi="đó chính là độ lệch chuẩn; hệ số cần tìm là 1 chia cho nó")),
    (lambda w: 1.0 / np.sqrt(w.double().square().mean(dim=(1, 2, 3)).numpy() + EPSILON),
     dict(en="a mean divides by I·k·k; output o is a sum of I·k·k products, and the variances of independent terms "
             "add up",
          vi="lấy trung bình là chia cho I·k·k; đầu ra o là tổng của I·k·k tích, và phương sai của các số hạng độc "
             "lập thì cộng lại")),
    (lambda w: 1.0 / np.sqrt(_per_output(torch.abs, w) + EPSILON),
     dict(en="Var(w·x) = w²·Var(x): square the weights, not their absolute values",
          vi="Var(w·x) = w²·Var(x): hãy bình phương các trọng số chứ không lấy giá trị tuyệt đối")),
    (lambda w: 1.0 / (_per_output(torch.abs, w) + EPSILON),
     dict(en="Var(w·x) = w²·Var(x): square the weights, not their absolute values",
          vi="Var(w·x) = w²·Var(x): hãy bình phương các trọng số chứ không lấy giá trị tuyệt đối")),
    (lambda w: 1.0 / np.sqrt(_per_output(torch.square, w)),
     dict(en="an output channel whose weights are all 0 gives a division by zero: add 1e-8 inside the square root",
          vi="một kênh đầu ra có mọi trọng số bằng 0 sẽ gây chia cho 0: hãy cộng 1e-8 vào bên trong dấu căn")),
    (lambda w: 1.0 / (np.sqrt(_per_output(torch.square, w)) + EPSILON),
     dict(en="an output channel whose weights are all 0 gives a division by zero: add 1e-8 inside the square root",
          vi="một kênh đầu ra có mọi trọng số bằng 0 sẽ gây chia cho 0: hãy cộng 1e-8 vào bên trong dấu căn")),
)


def _same(got: np.ndarray, want: np.ndarray) -> bool:
    """Whether the student's factors equal ``want`` (a formula summed over the wrong axis may give another shape)."""
    return got.shape == want.shape and close(got, want, rtol=1e-4)


def _as_scale(value: object, weight: torch.Tensor) -> np.ndarray:
    """The student's factors as O numbers (shape O, or O×1×1×1 ready to multiply the weight); a hint naming the
    axis when the shape tells which one was summed over."""
    outputs, inputs = weight.shape[:2]
    shape = tuple(value.shape) if isinstance(value, (torch.Tensor, np.ndarray)) else np.shape(value)
    if shape == (outputs, 1, 1, 1):
        value = value.reshape(outputs)
    elif shape == (inputs,) and inputs != outputs:
        raise hint(en=f"one factor per output channel (dim 0 of the weight O×I×k×k, O = {outputs} here), not one per "
                      f"input channel (I = {inputs}): output channel o adds up its own weights w'[o], over the input "
                      "channels and the taps (dims 1, 2, 3)",
                   vi=f"cần một hệ số cho mỗi kênh đầu ra (chiều 0 của trọng số O×I×k×k, ở đây O = {outputs}), không "
                      f"phải mỗi kênh đầu vào một hệ số (I = {inputs}): kênh đầu ra o cộng các trọng số của chính nó, "
                      "w'[o], theo các kênh đầu vào và các vị trí của bộ lọc (chiều 1, 2, 3)")
    elif len(shape) >= 2 and shape[:2] == (outputs, inputs):
        raise hint(en="one factor per output channel, not per (output, input) pair: the I input channels add up in "
                      "the same output, so their squares add before the square root",
                   vi="cần một hệ số cho mỗi kênh đầu ra, không phải cho từng cặp (đầu ra, đầu vào): I kênh đầu vào "
                      "cộng vào cùng một đầu ra, nên bình phương của chúng phải cộng lại trước khi lấy căn")
    elif int(np.prod(shape)) == 1:
        raise hint(en="one number for the whole weight; each output channel o needs its own factor, from its own "
                      "weights w'[o]",
                   vi="bạn trả về một số cho cả bộ trọng số; mỗi kênh đầu ra o cần hệ số riêng, tính từ các trọng "
                      "số w'[o] của chính nó")
    return as_array(value, shape=(outputs,), what="demodulation_scale(weight)")


def check_demodulation_scale(demodulation_scale: Callable) -> None:
    """Lesson 09, exercise 2 (derive): ``demodulation_scale(weight)`` for a modulated convolution weight O×I×k×k
    returns the O factors 1/√(Σ_{i,taps} w'² + 1e-8) that make each output channel's std 1 when the input
    pixels are independent with variance 1 (StyleGAN2's demodulation, Karras et al. 2020). Compared with NumPy
    on four weights (one with an all-zero output channel); the ✓ line adds the std measured through conv2d."""
    def check() -> str:
        weights = _weights()
        got = [_as_scale(call(demodulation_scale, weight.clone()), weight) for weight in weights]
        if all(_same(value, _want_scale(weight)) for value, weight in zip(got, weights)):
            measured = _output_std(weights[0], got[0])
            before = _output_std(weights[0], np.ones(len(got[0])))
            if np.all(np.abs(measured - 1.0) < STD_TOLERANCE):
                return tr(en=f"right for {len(weights)} weights; through conv2d on unit-variance noise each output "
                             f"channel's std is {measured.min():.2f}–{measured.max():.2f} "
                             f"({before.min():.2f}–{before.max():.2f} without the scale)",
                          vi=f"đúng với {len(weights)} bộ trọng số; qua conv2d trên nhiễu có phương sai 1, độ lệch "
                             f"chuẩn của mỗi kênh đầu ra là {measured.min():.2f}–{measured.max():.2f} "
                             f"({before.min():.2f}–{before.max():.2f} khi không nhân hệ số)")
        for formula, message in SCALE_MISTAKES:
            if all(_same(value, formula(weight)) for value, weight in zip(got, weights)):
                raise hint(**message)
        measured = _output_std(weights[0], np.nan_to_num(got[0]))
        raise hint(en=f"through conv2d on unit-variance noise your factors give each output channel a std of "
                      f"{measured.min():.2f}–{measured.max():.2f}, not 1: output o is a sum over i and the k×k taps "
                      "of w'·x; what is its variance?",
                   vi=f"qua conv2d trên nhiễu có phương sai 1, các hệ số của bạn cho mỗi kênh đầu ra độ lệch chuẩn "
                      f"{measured.min():.2f}–{measured.max():.2f}, chứ không phải 1: đầu ra o là tổng theo i và "
                      "k×k vị trí của w'·x; phương sai của nó bằng bao nhiêu?")
    run_check(tr(en="demodulation scale", vi="hệ số giải điều biến (demodulation)"), check)


# ---------------------------------------------------------------------------------------------- exercise 3

N_PICTURES = 1000  # pictures per set, as in the lesson's measurements
SWAP_SHIFT = 5  # each digit of class y drawn in the palette of class y + 5: hues about half the colour wheel away
FAST_SWD = {"patches_per_image": 32, "directions": 128}  # a few seconds on one core; the lesson's SWD uses 128 and 512


def _pictures(images: np.ndarray) -> torch.Tensor:
    """uint8 N×32×32×3 → float32 N×3×32×32 in [−1, 1]."""
    return torch.from_numpy(images).permute(0, 3, 1, 2).float() / 127.5 - 1.0


@functools.cache
def _swap_distances() -> tuple[float, float, float]:
    """SWD ×1000 (N = 1000, 32 patches per image, 128 directions, seed 0) of three variants of the colour digits
    1000–1999 against the colour digits 0–999: as they are (the floor), with every digit in the palette of the
    class five further along (shapes and colours both real, mismatched), and grey (the mean of R, G and B in all
    three channels). Measured once per process; seeded, so the same numbers every time."""
    real = colour_digits(n=2 * N_PICTURES)[0]
    swapped = colour_digits(n=2 * N_PICTURES, palette_shift=SWAP_SHIFT)[0][N_PICTURES:]
    reference, fresh = _pictures(real[:N_PICTURES]), _pictures(real[N_PICTURES:])
    grey = fresh.mean(dim=1, keepdim=True).expand(-1, 3, -1, -1).contiguous()
    return tuple(sliced_wasserstein_distance(images, reference, **FAST_SWD)["distance"]
                 for images in (fresh, _pictures(swapped), grey))


def experiment_swapped_colours(prediction: str) -> None:
    """Lesson 09, exercise 3: the SWD of 1000 colour digits against 1000 others, when every digit is drawn in the
    palette of the class five further along (a 0 in the 5's colours), against the floor (fresh real digits)
    and the grey digits (colour lost). (a) closer to the floor than to the grey set; (b) closer to the grey set,
    but below it; (c) at or above the grey set. Seeded, CPU, a few seconds."""
    def measure() -> tuple[str, str]:
        floor, swapped, grey = _swap_distances()
        outcome = "a" if swapped - floor < grey - swapped else ("c" if swapped >= grey else "b")
        return outcome, tr(
            en=f"SWD ×1000 at N = {N_PICTURES}: fresh real digits {floor:.1f} (the floor), in another class's colours "
               f"{swapped:.1f}, grey {grey:.1f}",
            vi=f"SWD ×1000 với N = {N_PICTURES}: chữ số thật khác {floor:.1f} (mức sàn), chữ số mang màu của lớp khác "
               f"{swapped:.1f}, chữ số xám {grey:.1f}")
    _experiment(tr(en="experiment: digits in another class's colours", vi="thí nghiệm: chữ số mang màu của lớp khác"),
                prediction, measure,
                why=dict(en="every 7×7 patch of a swapped digit is a real patch (a real stroke, a real pair of ink and "
                            "background), and the SWD compares patches, not which colour goes with which digit; "
                            "grey patches, with three equal channels, exist in no real picture",
                         vi="mỗi mảnh 7×7 của một chữ số bị đổi màu vẫn là một mảnh có thật (một nét thật, một cặp màu "
                            "mực và màu nền có thật), mà SWD so các mảnh chứ không xét màu nào đi với chữ số nào; còn "
                            "mảnh xám, với ba kênh bằng nhau, không có trong bất kỳ ảnh thật nào"))
