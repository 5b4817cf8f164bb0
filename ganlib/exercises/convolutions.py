"""Checks of lesson 07's exercises (the convolutional GAN): the output side of a transposed convolution, how
many kernel taps land on each output position (the checkerboard's cause), and an experiment showing that
BatchNorm in D makes an image's score depend on the rest of its batch."""

import copy
from collections.abc import Callable

import torch
from torch import nn

from ..data import load_bundled_mnist, to_gan_range
from ..gan.models import build_gan
from ..i18n import tr
from .core import as_array, as_float, call, close, hint, run_check
from .experiments import _experiment

# (side, kernel, stride, padding): the lesson's 7 → 14 → 28, kernel 3 with stride 2, stride 1, stride 3, padding 2
SIDE_CASES = ((7, 4, 2, 1), (14, 4, 2, 1), (4, 3, 2, 1), (5, 3, 1, 0), (3, 5, 3, 0), (6, 3, 2, 0), (10, 5, 2, 2))
# (side, kernel, stride): kernel a multiple of the stride (4/2, 6/3, any/1) or not (3/2, 5/2, 2/3)
OVERLAP_CASES = ((4, 3, 2), (4, 4, 2), (5, 3, 1), (6, 5, 2), (4, 6, 3), (3, 2, 3))


def _torch_side(side: int, kernel: int, stride: int, padding: int) -> int:
    layer = nn.ConvTranspose2d(1, 1, kernel_size=kernel, stride=stride, padding=padding)
    with torch.no_grad():
        return layer(torch.zeros(1, 1, side, side)).shape[-1]


# Typical wrong formulas for the side, each with its hint; a formula is named only when it gives the student's
# number in every case, so that a coincidence in one case (side·stride − 2·padding + kernel equals
# (side − 1)·stride + kernel when stride = 2·padding, as in 7 → 14) never picks the wrong hint.
SIDE_MISTAKES = (
    (lambda side, kernel, stride, padding: (side + 2 * padding - kernel) // stride + 1,
     dict(en="that is the side after an ordinary convolution, which shrinks the image; a transposed convolution goes "
             "the other way",
          vi="đó là cạnh ảnh sau một phép tích chập thường, vốn thu nhỏ ảnh; tích chập chuyển vị đi theo chiều ngược "
             "lại")),
    (lambda side, kernel, stride, padding: side * stride,
     dict(en="side·stride holds only for some kernels: follow the last input pixel's kernel to where it ends",
          vi="side·stride chỉ đúng với một số bộ lọc: hãy lần theo bộ lọc của điểm ảnh đầu vào cuối cùng xem nó kết "
             "thúc ở đâu")),
    (lambda side, kernel, stride, padding: side * stride - 2 * padding + kernel,
     dict(en="one stride too many: side input pixels are side − 1 strides apart, so the last one starts at "
             "(side − 1)·stride",
          vi="thừa một sải bước: side điểm ảnh đầu vào nằm cách nhau tổng cộng side − 1 sải bước, nên bộ lọc của "
             "điểm cuối cùng bắt đầu tại (side − 1)·stride")),
    (lambda side, kernel, stride, padding: (side - 1) * stride + kernel,
     dict(en="padding crops the output of a transposed convolution, on both sides",
          vi="phần đệm (padding) cắt bớt đầu ra của tích chập chuyển vị, ở cả hai phía")),
    (lambda side, kernel, stride, padding: (side - 1) * stride - padding + kernel,
     dict(en="padding crops the output of a transposed convolution, on both sides",
          vi="phần đệm (padding) cắt bớt đầu ra của tích chập chuyển vị, ở cả hai phía")),
)


def check_transposed_side(transposed_side: Callable) -> None:
    """Exercise 1 of lesson 07: ``transposed_side(side, kernel, stride, padding)`` returns the side of the
    square output of a transposed convolution on a side×side input, compared with nn.ConvTranspose2d."""
    def check() -> str:
        got = [as_float(call(transposed_side, *case), what="transposed_side(...)") for case in SIDE_CASES]
        if any(value != round(value) for value in got):
            raise hint(en="a side is a whole number of pixels", vi="cạnh ảnh phải là một số nguyên (số điểm ảnh)")
        wrong = [case for case, value in zip(SIDE_CASES, got) if value != _torch_side(*case)]
        if not wrong:
            return tr(en=f"matches nn.ConvTranspose2d in {len(SIDE_CASES)} cases, 7 → 14 → 28 included",
                      vi=f"khớp với nn.ConvTranspose2d trong {len(SIDE_CASES)} trường hợp, có cả 7 → 14 → 28")
        for formula, message in SIDE_MISTAKES:
            if all(value == formula(*case) for case, value in zip(SIDE_CASES, got)):
                raise hint(**message)
        side, kernel, stride, padding = wrong[0]
        raise hint(en=f"wrong for side {side}, kernel {kernel}, stride {stride}, padding {padding}",
                   vi=f"sai với cạnh {side}, bộ lọc {kernel}, sải bước {stride}, đệm {padding}")
    run_check(tr(en="side of a transposed convolution", vi="cạnh ảnh sau tích chập chuyển vị"), check)


def _torch_overlaps(side: int, kernel: int, stride: int) -> torch.Tensor:
    """nn.ConvTranspose1d with all weights 1 and bias 0 on an input of ones: the taps per output position."""
    layer = nn.ConvTranspose1d(1, 1, kernel_size=kernel, stride=stride)
    with torch.no_grad():
        nn.init.ones_(layer.weight)
        nn.init.zeros_(layer.bias)
        return layer(torch.ones(1, 1, side))[0, 0].round().long()


def check_overlap_counts(overlap_counts: Callable) -> None:
    """Exercise 2 of lesson 07: ``overlap_counts(side, kernel, stride)`` returns a 1-D integer tensor with,
    for each output position of a transposed convolution without padding on ``side`` inputs, how many
    kernel taps land there; compared with nn.ConvTranspose1d whose weights are all 1."""
    def check() -> str:
        for side, kernel, stride in OVERLAP_CASES:
            want = _torch_overlaps(side, kernel, stride).numpy()
            got = call(overlap_counts, side, kernel, stride)
            length = len(want)
            if isinstance(got, torch.Tensor) and got.shape != (length,):
                raise hint(en=f"one count per output position: {length} for side {side}, kernel {kernel}, stride "
                              f"{stride}, got shape {tuple(got.shape)}",
                           vi=f"cần một số đếm cho mỗi vị trí đầu ra: {length} số với cạnh {side}, bộ lọc {kernel}, "
                              f"sải bước {stride}, nhận được kích thước {tuple(got.shape)}")
            got = as_array(got, shape=(length,), what="overlap_counts(...)")
            if not close(got, got.round(), rtol=0, atol=1e-9):
                raise hint(en="a count is a whole number of taps", vi="số lần phủ phải là số nguyên")
            if close(got, want, rtol=0, atol=1e-9):
                continue
            inner = slice(kernel - 1, (side - 1) * stride + 1)
            if close(got[inner], want[inner], rtol=0, atol=1e-9):
                raise hint(en="the middle is right; look again at the edges, which fewer input pixels reach",
                           vi="phần giữa đã đúng; hãy xem lại hai đầu, nơi ít điểm ảnh đầu vào chạm tới hơn")
            raise hint(en=f"wrong for side {side}, kernel {kernel}, stride {stride}: input pixel i stamps its kernel "
                          "onto the positions i·stride to i·stride + kernel − 1",
                       vi=f"sai với cạnh {side}, bộ lọc {kernel}, sải bước {stride}: điểm ảnh đầu vào thứ i rải bộ lọc "
                          "của nó lên các vị trí từ i·stride đến i·stride + kernel − 1")
        return tr(en=f"matches nn.ConvTranspose1d with all weights 1 in {len(OVERLAP_CASES)} cases: the counts are "
                     "uneven wherever the kernel is not a multiple of the stride",
                  vi=f"khớp với nn.ConvTranspose1d có mọi trọng số bằng 1 trong {len(OVERLAP_CASES)} trường hợp: "
                     "số lần phủ không đều mỗi khi kích thước bộ lọc không chia hết cho sải bước")
    run_check(tr(en="overlap counts", vi="số lần phủ ở mỗi vị trí đầu ra"), check)


def _score_in_batches(model: str, digit: torch.Tensor, companions: list[torch.Tensor]) -> list[float]:
    """The logit that a freshly built, seeded D of ``model``, in training mode, gives ``digit`` (1×1×28×28)
    at the head of a batch with each of ``companions`` (63×1×28×28); a copy of D per batch, so that
    nothing it updates in a forward (power iteration, running statistics) carries over."""
    with torch.random.fork_rng(devices=[]):  # seeded weights; the caller's global generator is untouched
        torch.manual_seed(0)
        _, discriminator = build_gan(model)
    with torch.no_grad():
        return [float(copy.deepcopy(discriminator).train()(torch.cat([digit, others]))[0]) for others in companions]


def experiment_batchnorm_leak(prediction: str) -> None:
    """Lesson 07: one fixed real digit scored by a fresh D in training mode, among 63 other real digits and
    among 63 samples of a fresh G; the change of its logit for "dcgan-bn" (BatchNorm in D) and "dcgan"
    (spectral normalisation). Seeded, CPU, well under a second once the bundled digits are read."""
    def measure() -> tuple[str, str]:
        rng = torch.Generator().manual_seed(0)
        digits = load_bundled_mnist().images
        real = to_gan_range(digits[torch.randperm(len(digits), generator=rng)[:64]])
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(0)
            generator, _ = build_gan("dcgan")
        with torch.no_grad():
            fakes = generator(torch.randn(63, generator.latent_dim, generator=rng))
        batchnorm, spectral = (abs(among_real - among_fakes) for among_real, among_fakes
                               in (_score_in_batches(model, real[:1], [real[1:], fakes])
                                   for model in ("dcgan-bn", "dcgan")))
        outcome = "c" if spectral > 1e-4 else ("b" if batchnorm > 1e-4 else "a")
        return outcome, tr(en=f"a change of {batchnorm:.2f} in the digit's logit with BatchNorm and of {spectral:.2f} "
                              "with spectral normalisation when its 63 companions are fakes instead of real digits",
                           vi=f"logit của chữ số đó thay đổi {batchnorm:.2f} với BatchNorm và {spectral:.2f} với "
                              "chuẩn hóa phổ khi 63 ảnh cùng batch là ảnh giả thay vì chữ số thật")
    _experiment(tr(en="experiment: one digit, two batches", vi="thí nghiệm: một chữ số, hai batch"), prediction,
                measure, why=dict(en="in training mode BatchNorm normalises with the batch's mean and variance, so "
                                     "the other images enter every score; spectral normalisation only rescales the "
                                     "weights, and each image is scored alone",
                                  vi="ở chế độ huấn luyện, BatchNorm chuẩn hóa bằng trung bình và phương sai của "
                                     "batch, nên các ảnh khác góp phần vào điểm của từng ảnh; chuẩn hóa phổ chỉ co "
                                     "giãn trọng số, nên mỗi ảnh được chấm riêng"))
