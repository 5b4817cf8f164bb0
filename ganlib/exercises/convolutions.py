"""Checks of lesson 07's exercises (the convolutional GAN): the output side of a transposed convolution, how
many kernel taps land on each output position (the checkerboard's cause), an experiment on what a D with
BatchNorm learns from batches that are all real or all fake, and the derivation of how far a convolution's
gain exceeds the σ that spectral normalisation divides by."""

import functools
from collections.abc import Callable

import torch
import torch.nn.functional as F
from torch import nn

from ..data import load_bundled_mnist, to_gan_range
from ..gan.gain import conv_operator_norm
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
                   vi=f"sai với cạnh {side}, bộ lọc {kernel}, sải bước {stride}, phần đệm {padding}")
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


BATCH = 64
TRAIN_STEPS = 40


def _faint(images: torch.Tensor) -> torch.Tensor:
    """The "fakes" of exercise 3: the same digits with half the contrast, pulled towards black (x/2 − 1/2 in
    [−1, 1]): they differ from real digits in brightness and contrast only."""
    return images / 2 - 0.5


def _batch_accuracies(model: str, options: dict, digits: torch.Tensor) -> tuple[float, float]:
    """Train a fresh seeded D of ``model`` (built with ``options``) for TRAIN_STEPS Adam steps to tell real
    digits (label 1) from :func:`_faint` ones (label 0), shown as in GAN training in separate batches of 64,
    one all real and one all faint; then, in training mode, its accuracy on such separate batches and on a
    mixed batch of 32 real and 32 faint digits it never saw."""
    with torch.random.fork_rng(devices=[]):  # seeded weights; the caller's global generator is untouched
        torch.manual_seed(0)
        _, discriminator = build_gan(model, discriminator=options)
        rng = torch.Generator().manual_seed(0)
        optimizer = torch.optim.Adam(discriminator.parameters(), lr=1e-3, betas=(0.5, 0.999))
        discriminator.train()
        for _ in range(TRAIN_STEPS):
            index = torch.randint(len(digits) - 2 * BATCH, (2 * BATCH,), generator=rng)  # the last 128 stay out
            real, faint = digits[index[:BATCH]], _faint(digits[index[BATCH:]])
            loss = (F.binary_cross_entropy_with_logits(discriminator(real), torch.ones(BATCH))
                    + F.binary_cross_entropy_with_logits(discriminator(faint), torch.zeros(BATCH)))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        real, faint = digits[-BATCH:], _faint(digits[-2 * BATCH:-BATCH])  # digits kept out of training
        half = BATCH // 2
        with torch.no_grad():
            separate = ((discriminator(real) > 0).float().mean() + (discriminator(faint) <= 0).float().mean()) / 2
            mixed = discriminator(torch.cat([real[:half], faint[:half]]))
            together = ((mixed[:half] > 0).float().mean() + (mixed[half:] <= 0).float().mean()) / 2
    return float(separate), float(together)


@functools.cache
def _both_accuracies() -> tuple[tuple[float, float], tuple[float, float]]:
    """:func:`_batch_accuracies` with BatchNorm ("dcgan-bn") and without normalisation, measured once per
    process (seeded: the same numbers every time)."""
    digits = to_gan_range(load_bundled_mnist().images)
    return _batch_accuracies("dcgan-bn", {}, digits), _batch_accuracies("dcgan", {"norm": "none"}, digits)


def experiment_batch_statistics(prediction: str) -> None:
    """Lesson 07, exercise 3: a D with BatchNorm ("dcgan-bn") and the same D without normalisation ("dcgan"
    with norm "none") each learn to tell real digits from fainter copies, from separate all-real and all-faint
    batches; the outcome is their accuracy on a mixed batch. (a) both about as good as on separate batches
    (≥ 0.9); (b) the BatchNorm D below 0.9 while the other stays at or above it; (c) both below 0.9. Seeded,
    CPU, a few seconds."""
    def measure() -> tuple[str, str]:
        (bn_separate, bn_mixed), (plain_separate, plain_mixed) = _both_accuracies()
        outcome = "a" if bn_mixed >= 0.9 and plain_mixed >= 0.9 else ("b" if plain_mixed >= 0.9 else "c")
        return outcome, tr(
            en=f"accuracy on separate batches {bn_separate:.2f} with BatchNorm, {plain_separate:.2f} without; on "
               f"a mixed batch {bn_mixed:.2f} with BatchNorm, {plain_mixed:.2f} without",
            vi=f"độ chính xác (accuracy) trên các batch riêng: {bn_separate:.2f} khi có BatchNorm, "
               f"{plain_separate:.2f} khi không có; trên một batch trộn lẫn: {bn_mixed:.2f} khi có BatchNorm, "
               f"{plain_mixed:.2f} khi không có")
    _experiment(tr(en="experiment: separate batches, then a mixed one",
                   vi="thí nghiệm: batch riêng rồi batch trộn lẫn"), prediction, measure,
                why=dict(en="in training mode BatchNorm normalises each batch with its own mean and variance, so a "
                            "D that only ever saw all-real and all-faint batches computed one function on each; a "
                            "mixed batch has statistics it never met, and each image's score now depends on its "
                            "companions",
                         vi="ở chế độ huấn luyện, BatchNorm chuẩn hóa mỗi batch bằng trung bình và phương sai của "
                            "chính batch đó, nên một D chỉ từng gặp batch toàn ảnh thật và batch toàn ảnh nhạt đã tính "
                            "hai hàm khác nhau trên hai loại batch; batch trộn lẫn có thống kê mà D chưa từng gặp, và điểm "
                            "của mỗi ảnh giờ phụ thuộc vào các ảnh đi cùng"))


# (kernel, stride): the lesson's kernel 4 with stride 2 first; then cases that tell the typical mistakes apart
GAIN_CASES = ((4, 2), (3, 1), (6, 2), (5, 2), (4, 4), (3, 2))
GAIN_SIDE = 28  # the side of the image on which the check measures the lesson's case with power iteration

# Typical wrong formulas for the gain, each with its hint; named only when it gives the student's number in every case.
GAIN_MISTAKES = (
    (lambda kernel, stride: 1.0,
     dict(en="σ = 1 bounds the reshaped matrix, that is one output from one patch; but each input pixel sits in "
             "(kernel/stride)² patches, so it reaches that many outputs",
          vi="σ = 1 chỉ chặn ma trận đã định hình lại, tức là một đầu ra tính từ một mảnh; nhưng mỗi điểm ảnh đầu "
             "vào nằm trong (kernel/stride)² mảnh, nên nó góp phần vào chừng ấy đầu ra")),
    (lambda kernel, stride: float(kernel),
     dict(en="each output is kernel, right; but a stride-s convolution keeps only one output position in s × s, so "
             "there are (n/s)² outputs, not n²",
          vi="mỗi đầu ra bằng kernel, đúng; nhưng tích chập sải bước s chỉ giữ một vị trí đầu ra trong mỗi s × s, nên "
             "có (n/s)² đầu ra chứ không phải n²")),
    (lambda kernel, stride: (kernel / stride) ** 2,
     dict(en="that is the ratio of the squared norms, ‖y‖²/‖x‖²: take its square root",
          vi="đó là tỉ số của bình phương các chuẩn, ‖y‖²/‖x‖²: hãy lấy căn bậc hai")),
    (lambda kernel, stride: kernel ** 2 / stride,
     dict(en="each weight is 1/kernel, so an output sums kernel² weights of 1/kernel: it is kernel, not kernel²",
          vi="mỗi trọng số bằng 1/kernel, nên một đầu ra cộng kernel² trọng số 1/kernel: được kernel chứ không phải "
             "kernel²")),
    (lambda kernel, stride: kernel / stride ** 2,
     dict(en="the (n/s)² outputs enter the norm under a square root: ‖y‖ = kernel·n/s",
          vi="(n/s)² đầu ra đi vào chuẩn dưới dấu căn: ‖y‖ = kernel·n/s")),
    (lambda kernel, stride: stride / kernel,
     dict(en="upside down: the output's norm goes on top, the input's below",
          vi="lộn ngược rồi: chuẩn của đầu ra phải ở tử số, chuẩn của đầu vào ở mẫu số")),
)


def _constant_weight_conv(kernel: int, stride: int) -> nn.Conv2d:
    """One channel in and out, a kernel×kernel kernel whose weights are all 1/kernel (reshaped σ = 1), no bias."""
    layer = nn.Conv2d(1, 1, kernel_size=kernel, stride=stride, padding=1, bias=False)
    nn.init.constant_(layer.weight, 1.0 / kernel)
    return layer


def check_conv_gain(constant_gain: Callable) -> None:
    """Lesson 07, exercise 4 (derive): ``constant_gain(kernel, stride)`` is ‖conv(x)‖/‖x‖ for a large constant
    image x (edges ignored) and a one-channel convolution whose kernel×kernel weights are all 1/kernel, so that
    the kernel reshaped into a matrix has σ = 1. Right: kernel/stride. The ✓ line adds the gain that power
    iteration measures for kernel 4, stride 2 on a 28×28 image."""
    def check() -> str:
        got = [as_float(call(constant_gain, *case), what="constant_gain(...)") for case in GAIN_CASES]
        wrong = [case for case, value in zip(GAIN_CASES, got) if not close(value, case[0] / case[1], rtol=1e-3)]
        if not wrong:
            measured = conv_operator_norm(_constant_weight_conv(*GAIN_CASES[0]), side=GAIN_SIDE)
            return tr(en=f"right in {len(GAIN_CASES)} cases; power iteration on kernel 4, stride 2 and a "
                         f"{GAIN_SIDE}×{GAIN_SIDE} image measures a gain of {measured:.2f} (the edges cost a little)",
                      vi=f"đúng trong {len(GAIN_CASES)} trường hợp; phép lặp lũy thừa trên bộ lọc 4, sải bước 2 và "
                         f"ảnh {GAIN_SIDE}×{GAIN_SIDE} đo được độ khuếch đại {measured:.2f} (hai mép làm hụt một chút)")
        for formula, message in GAIN_MISTAKES:
            if all(close(value, formula(*case), rtol=1e-3) for case, value in zip(GAIN_CASES, got)):
                raise hint(**message)
        kernel, stride = wrong[0]
        raise hint(en=f"wrong for kernel {kernel}, stride {stride}: count what one output adds up, then how many "
                      "outputs there are",
                   vi=f"sai với bộ lọc {kernel}, sải bước {stride}: hãy tính xem một đầu ra bằng bao nhiêu, rồi có "
                      "bao nhiêu đầu ra")
    run_check(tr(en="the gain of a convolution with reshaped σ = 1",
                 vi="độ khuếch đại của một tích chập có σ của bộ lọc định hình lại bằng 1"), check)
