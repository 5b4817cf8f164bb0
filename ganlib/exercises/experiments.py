"""The experiment exercises: predict first (one letter), then the check runs the experiment and
says whether the measurement agrees. One experiment per lesson 01–06, each a few seconds on a CPU
and deterministic (fixed seeds), so its line reads the same in quick and full mode.

The student's prediction is asked before anything is measured: with the placeholder ``...`` the
check prints "not done yet" and runs nothing.
"""

import math
from collections.abc import Callable

import numpy as np
from scipy import stats

from ..data import to_gan_range
from ..i18n import tr
from ..metrics import reference_scores, score_samples, split_digits
from ..theory import js_divergence_shift_slope, optimal_discriminator, two_gaussian_mixture
from ..toys import play_bilinear, play_counterfeiter_game, train_density_classifier
from .core import answer, hint, run_check

CHOICES = ("a", "b", "c")


def _experiment(title: str, prediction: str, measure: Callable[[], tuple[str, str]], why: dict) -> None:
    """Compare ``prediction`` ("a", "b" or "c") with the letter ``measure()`` returns beside its description."""
    def check() -> str:
        guess = answer(prediction)
        if not isinstance(guess, str) or guess.strip().lower() not in CHOICES:
            raise hint(en=f"write your prediction as one letter, 'a', 'b' or 'c', not {guess!r}",
                       vi=f"hãy ghi dự đoán bằng một chữ cái, 'a', 'b' hoặc 'c', không phải {guess!r}")
        outcome, description = measure()
        if guess.strip().lower() == outcome:
            return tr(en=f"you predicted it: {description}", vi=f"bạn đoán đúng: {description}")
        raise hint(en=f"measured {description}, not ({guess}); {why['en']}",
                   vi=f"đo được {description}, không phải ({guess}); {why['vi']}")
    run_check(title, check)


def experiment_police_steps(prediction: str) -> None:
    """Lesson 01: the game of the lesson with k = 1 police step per round instead of 5, 200 rounds."""
    def measure() -> tuple[str, str]:
        last = play_counterfeiter_game(police_steps=1, rounds=200)[-1]
        arrived = abs(last.fake_mean - 3.0) < 0.05 and abs(last.fake_std - 0.75) < 0.05
        outcome = "a" if arrived else ("c" if abs(last.fake_mean) < 0.1 else "b")
        return outcome, f"(k = 1) p_g = N({last.fake_mean:.2f}, {last.fake_std:.2f}²) " + tr(
            en="after 200 rounds", vi="sau 200 vòng")
    _experiment(tr(en="experiment with k = 1", vi="thí nghiệm với k = 1"), prediction, measure, why=dict(
        en="in 1-D the police's quadratic form catches up within a step, so even k = 1 gives a useful signal",
        vi="trong một chiều, dạng bậc hai của cảnh sát bắt kịp chỉ sau một bước, nên k = 1 vẫn cho tín hiệu "
           "hữu ích"))


def experiment_tiny_classifier(prediction: str) -> None:
    """Lesson 02: the density classifier with hidden=1 instead of 16, against D* of the lesson's pair."""
    def measure() -> tuple[str, str]:
        p_data = stats.norm(0, 1)
        p_g = two_gaussian_mixture(weight=0.5, mean1=-2.0, std1=0.5, mean2=2.0, std2=0.5)
        x = np.linspace(-3, 3, 121)
        trained = train_density_classifier(p_data, p_g, samples=10_000, hidden=1, steps=300, lr=0.03, seed=0)
        gap = float(np.abs(trained(x) - optimal_discriminator(p_data, p_g)(x)).max())
        outcome = "a" if gap < 0.05 else ("b" if gap > 0.3 else "c")
        return outcome, tr(en=f"max |D − D*| on [−3, 3] = {gap:.2f} with hidden=1",
                           vi=f"max |D − D*| trên [−3, 3] = {gap:.2f} với hidden=1")
    _experiment(tr(en="experiment with hidden=1", vi="thí nghiệm với hidden=1"), prediction, measure, why=dict(
        en="with one unit per layer the network is a monotone function of x, but D* rises and falls twice",
        vi="với một đơn vị mỗi tầng, mạng là một hàm đơn điệu của x, còn D* lên xuống hai lần"))


def experiment_jsd_slope(prediction: str) -> None:
    """Lesson 03: d JSD(N(0, 1) ‖ N(μ, 1)) / dμ at μ = 5 and at μ = 20."""
    def measure() -> tuple[str, str]:
        near, far = (js_divergence_shift_slope(stats.norm(0, 1), stats.norm(mu, 1)) for mu in (5.0, 20.0))
        orders = math.log10(near / far)
        outcome = "a" if abs(orders) < math.log10(2) else ("b" if orders > 10 else "c")
        return outcome, tr(en=f"slope {near:.1e} at μ = 5 and {far:.1e} at μ = 20",
                           vi=f"độ dốc {near:.1e} tại μ = 5 và {far:.1e} tại μ = 20")
    _experiment(tr(en="experiment on the JSD's slope far away", vi="thí nghiệm về độ dốc của JSD ở xa"), prediction,
                measure, why=dict(en="the JSD only feels the overlap of the two densities, which dies like e^{−μ²/8}",
                                  vi="JSD chỉ cảm nhận phần chồng lên nhau của hai mật độ, phần này tắt dần theo "
                                     "e^{−μ²/8}"))


def experiment_minimax_start(prediction: str) -> None:
    """Lesson 04: the minimax game of lesson 01 from start_shift = −2 instead of 0, 300 rounds."""
    def measure() -> tuple[str, str]:
        last = play_counterfeiter_game(start_shift=-2.0, rounds=300, loss="minimax")[-1]
        outcome = ("a" if abs(last.fake_mean - 3.0) < 0.1 else
                   "c" if abs(last.fake_mean + 2.0) < 0.1 else "b")
        return outcome, tr(en=f"mean of p_g = {last.fake_mean:.2f} after 300 rounds (from −2)",
                           vi=f"trung bình của p_g = {last.fake_mean:.2f} sau 300 vòng (xuất phát từ −2)")
    _experiment(tr(en="minimax experiment from −2", vi="thí nghiệm minimax từ −2"), prediction, measure, why=dict(
        en="D rejects the far counterfeits confidently, and there the minimax slope −σ(l) is small but not yet 0",
        vi="D bác bỏ chắc chắn tiền giả ở xa, và ở đó độ dốc minimax −σ(l) nhỏ nhưng chưa bằng 0"))


def experiment_one_class(prediction: str) -> None:
    """Lesson 05: FD and precision of 100 real digits of one class (1), against the floor and ceiling at N = 100."""
    def measure() -> tuple[str, str]:
        fresh = split_digits().fresh
        ones = to_gan_range(fresh.images[fresh.labels == 1][:100])
        scores, marks = score_samples(ones), reference_scores(len(ones))
        floor, ceiling = marks["floor"]["fd"], marks["ceiling"]["fd"]
        outcome = "a" if scores["fd"] < 2 * floor else ("b" if scores["fd"] > ceiling / 2 else "c")
        return outcome, tr(
            en=f"FD {scores['fd']:.0f} (real digits {floor:.0f}, noise {ceiling:.0f}), precision "
               f"{scores['precision']:.2f}, recall {scores['recall']:.2f}",
            vi=f"FD {scores['fd']:.0f} (chữ số thật {floor:.0f}, nhiễu {ceiling:.0f}), precision "
               f"{scores['precision']:.2f}, recall {scores['recall']:.2f}")
    _experiment(tr(en="experiment with a generator that draws only 1s", vi="thí nghiệm với bộ sinh chỉ vẽ chữ số 1"),
                prediction, measure, why=dict(
                    en="FD compares the whole feature distribution with all ten classes: quality alone is not enough",
                    vi="FD so toàn bộ phân phối đặc trưng với cả mười lớp: mẫu đẹp thôi thì chưa đủ"))


def experiment_smaller_steps(prediction: str) -> None:
    """Lesson 06: simultaneous play on x·y from (1, 1) with lr = 0.05 for 400 steps against lr = 0.1 for 200."""
    def measure() -> tuple[str, str]:
        start = math.hypot(1.0, 1.0)
        big, small = (float(np.hypot(*play_bilinear("simultaneous", lr=lr, steps=steps)[-1]))
                      for lr, steps in ((0.1, 200), (0.05, 400)))
        outcome = "a" if small < start else ("b" if small < big else "c")
        return outcome, tr(en=f"radius {small:.2f} with lr = 0.05, {big:.2f} with lr = 0.1 (start {start:.2f})",
                           vi=f"bán kính {small:.2f} với lr = 0.05, {big:.2f} với lr = 0.1 (ban đầu {start:.2f})")
    _experiment(tr(en="experiment with half the step size", vi="thí nghiệm với độ dài bước giảm một nửa"),
                prediction, measure,
                why=dict(en="each step multiplies the radius by √(1 + lr²) > 1, whatever lr",
                         vi="mỗi bước nhân bán kính với √(1 + lr²) > 1, dù lr bằng bao nhiêu"))


