"""Checks of two exercises on the game at the optimal discriminator D* = p_data/(p_data + p_g): V(G, D*)
summed on a grid (lesson 02, implement) and the two losses at D* when G draws only k of the ten digits
(lesson 05, derive).

The expected values are computed here from the densities with entropy terms (``xlogy``), never from the
student's expression, and tests/test_exercise_banks.py holds them to ganlib.theory's −log 4 + 2·JSD.
"""

import math
from collections.abc import Callable

import numpy as np
from scipy import special, stats

from ..i18n import tr
from .core import Wrong, answer, as_float, call, close, hint, run_check

# The grid of lesson 02's exercise: spacing 0.01 on [−10, 40], wide enough that every density below is 0 at
# one end or both, where a literal 0·log 0 gives nan.
GRID = np.linspace(-10.0, 40.0, 5001)
GRID_DX = float(GRID[1] - GRID[0])
GRID_PAIRS = ((stats.norm(0, 1), stats.norm(1, 1), "N(0, 1)", "N(1, 1)"),
              (stats.norm(0, 1), stats.norm(0, 2), "N(0, 1)", "N(0, 2²)"),
              (stats.uniform(0, 1), stats.uniform(0.5, 1), "U(0, 1)", "U(0.5, 1.5)"),
              (stats.norm(0, 1), stats.norm(30, 1), "N(0, 1)", "N(30, 1)"),
              (stats.norm(0, 1), stats.norm(0, 1), "N(0, 1)", "N(0, 1)"))


def grid_density(distribution: stats.rv_continuous) -> np.ndarray:
    """The density of ``distribution`` on :data:`GRID`, rescaled so that its Riemann sum (· dx) is exactly 1.
    Values below 1e-300 are set to 0: halving a subnormal number can round it to 0, and then the mixture
    (p_data + p_g)/2 of a right answer would be 0 where p_data is not."""
    density = distribution.pdf(GRID)
    density[density < 1e-300] = 0.0
    return density / (density.sum() * GRID_DX)


def grid_value(p_data: np.ndarray, p_g: np.ndarray, *, dx: float) -> float:
    """Σ [p_data log D* + p_g log(1 − D*)] dx with D* = p_data/(p_data + p_g), written as
    p log p + q log q − (p + q) log(p + q) so that 0·log 0 = 0 and points where both densities are 0 add 0."""
    return float((special.xlogy(p_data, p_data) + special.xlogy(p_g, p_g)
                  - special.xlogy(p_data + p_g, p_data + p_g)).sum() * dx)


def _grid_hint(got: float, p_data: np.ndarray, p_g: np.ndarray, where: str) -> Wrong:
    """The hint for a wrong ``got`` on the pair named ``where``, after the typical mistakes."""
    want = grid_value(p_data, p_g, dx=GRID_DX)
    real_term = float((special.xlogy(p_data, p_data) - special.xlogy(p_data, p_data + p_g)).sum() * GRID_DX)
    if not math.isfinite(got):
        return hint(en=f"nan or inf for {where}: where a density is 0 its term is 0 (0·log 0 = 0), also where both "
                       "are 0 and D* is 0/0; scipy.special.xlogy(p, ·) gives 0 when p = 0",
                    vi=f"ra nan hoặc inf với {where}: nơi một mật độ bằng 0 thì số hạng của nó bằng 0 (0·log 0 = 0), "
                       "kể cả nơi cả hai mật độ bằng 0 và D* có dạng 0/0; scipy.special.xlogy(p, ·) cho 0 khi p = 0")
    if close(got, want / GRID_DX, rtol=1e-4):
        return hint(en="a sum over the grid approximates the integral only once multiplied by the spacing dx",
                    vi="tổng trên lưới chỉ xấp xỉ tích phân sau khi nhân với khoảng cách dx giữa hai điểm lưới")
    if close(got, want / math.log(2), rtol=1e-4):
        return hint(en="that is in bits (log base 2); the course works in nats (natural log)",
                    vi="kết quả đang tính bằng bit (log cơ số 2); khóa học dùng nat (log tự nhiên)")
    if close(got, (want + math.log(4)) / 2, rtol=1e-4, atol=1e-6):
        return hint(en=f"for {where} that is the JSD; the value of the game is V(G, D*) = −log 4 + 2·JSD",
                    vi=f"với {where}, kết quả này là JSD; giá trị của trò chơi là V(G, D*) = −log 4 + 2·JSD")
    if close(got, -math.log(4), rtol=1e-4):
        return hint(en=f"−log 4 for {where}: D* = 1/2 only where p_g = p_data; compute D* = p_data/(p_data + p_g) "
                       "at every grid point",
                    vi=f"ra −log 4 với {where}: D* = 1/2 chỉ ở nơi p_g = p_data; hãy tính D* = p_data/(p_data + "
                       "p_g) tại từng điểm lưới")
    if close(got, real_term, rtol=1e-4, atol=1e-6):
        return hint(en="only E_{p_data}[log D*]: V also has E_{p_g}[log(1 − D*)], an expectation over the "
                       "generator's density",
                    vi="bạn mới tính E_{p_data}[log D*]: V còn có E_{p_g}[log(1 − D*)], kỳ vọng theo mật độ của bộ sinh")
    if got > 1e-9:
        return hint(en=f"{got:.4f} for {where}: V(G, D*) is a sum of expected logs of numbers ≤ 1, so it cannot be "
                       "positive",
                    vi=f"ra {got:.4f} với {where}: V(G, D*) là tổng các kỳ vọng của log các số ≤ 1, nên không thể "
                       "dương")
    return hint(en=f"wrong for {where}: V = Σ [p_data·log D* + p_g·log(1 − D*)]·dx over the grid",
                vi=f"sai với {where}: V = Σ [p_data·log D* + p_g·log(1 − D*)]·dx trên lưới")


def check_value_at_optimum(value_at_optimum: Callable[..., float]) -> None:
    """Exercise of lesson 02 (implement): ``value_at_optimum(p_data, p_g, *, dx)`` = V(G, D*) as a Riemann
    sum, from two densities sampled on one evenly spaced grid (NumPy arrays of the same shape, ≥ 0, each
    summing to 1/dx) and the spacing ``dx``; in nats, finite where a density is 0."""
    def check() -> str:
        for data, generated, data_name, generated_name in GRID_PAIRS:
            p_data, p_g = grid_density(data), grid_density(generated)
            where = f"p_data = {data_name}, p_g = {generated_name}"
            got = as_float(call(value_at_optimum, p_data.copy(), p_g.copy(), dx=GRID_DX),
                           what="value_at_optimum(...)")
            if not close(got, grid_value(p_data, p_g, dx=GRID_DX), rtol=1e-4, atol=1e-6):
                raise _grid_hint(got, p_data, p_g, where)
        return tr(en="−log 4 where p_g = p_data, close to 0 where they barely overlap",
                  vi="bằng −log 4 khi p_g = p_data, gần 0 khi hai phân phối hầu như không chồng lên nhau")
    run_check(tr(en="V(G, D*) on a grid", vi="V(G, D*) trên lưới"), check)


DIGITS = 10
COVERED = (10, 1, 2, 5, 9)  # k = 10 first: there the answer is the lesson's log 4 and log 2


def collapsed_losses(k: int) -> tuple[float, float]:
    """(L_D, L_G) at D* when p_data holds ten digits on separate regions, 1/10 each, and p_g draws only the
    first k of them, 1/k each, each as p_data draws it: computed on the ten regions as weights, not in closed
    form. L_D = −E_data log D* − E_g log(1 − D*), L_G = −E_g log D* (non-saturating)."""
    p_data = np.full(DIGITS, 1 / DIGITS)
    p_g = np.where(np.arange(DIGITS) < k, 1 / k, 0.0)
    d_star = p_data / (p_data + p_g)
    loss_d = -(special.xlogy(p_data, d_star).sum() + special.xlogy(p_g, 1 - d_star).sum())
    return float(loss_d), float(-special.xlogy(p_g, d_star).sum())


def _collapsed_hint(got: tuple[float, float], k: int) -> Wrong:
    """The hint for wrong losses ``got`` at k covered digits, after the typical mistakes."""
    want_d, want_g = collapsed_losses(k)
    near = dict(rtol=1e-4, atol=1e-6)
    if close(got[0], want_g, **near) and close(got[1], want_d, **near):
        return hint(en="order: return (loss_D, loss_G)", vi="sai thứ tự: hãy trả về (loss_D, loss_G)")
    minimax = math.log(DIGITS / (DIGITS + k))  # E_g log(1 − D*); at k = 10 it is −log 2, the ns value negated
    if close(got[0], want_d, **near) and (close(got[1], minimax, **near) or close(got[1], -minimax, **near)):
        return hint(en="that is the minimax loss of G, built on log(1 − D*); lesson 05 trains G with the "
                       "non-saturating loss −E log D(G(z))",
                    vi="đó là mất mát minimax của G, xây dựng từ log(1 − D*); bài 05 huấn luyện G bằng mất mát không "
                       "bão hòa −E log D(G(z))")
    if got[0] < -1e-9 or got[1] < -1e-9:
        return hint(en="a loss came out negative, but both are cross-entropies, minus expected logs of numbers "
                       "≤ 1: look at the signs",
                    vi="có một mất mát ra số âm, nhưng cả hai đều là entropy chéo, tức là số đối của kỳ vọng của log "
                       "những số ≤ 1: hãy xem lại các dấu")
    if close(got[0], want_d / math.log(2), **near):
        return hint(en="that is in bits (log base 2); the course works in nats (natural log)",
                    vi="kết quả đang tính bằng bit (log cơ số 2); khóa học dùng nat (log tự nhiên)")
    if close(got[0], want_d / 2, **near):
        return hint(en="half of L_D: lesson 05 adds the two terms (log 4 at D = 1/2), it does not average them",
                    vi="chỉ bằng một nửa L_D: bài 05 cộng hai số hạng (bằng log 4 khi D = 1/2), không lấy trung "
                       "bình của chúng")
    if k < DIGITS and close(got, (math.log(4), math.log(2)), **near):
        return hint(en=f"log 4 and log 2 at k = {k}: D = 1/2 only where p_g = p_data; find D* on a digit G draws "
                       "and on a digit it never draws",
                    vi=f"ra log 4 và log 2 khi k = {k}: D = 1/2 chỉ ở nơi p_g = p_data; hãy tìm D* trên một chữ số "
                       "G có vẽ và trên một chữ số G không bao giờ vẽ")
    if k > 1 and close(got[1], math.log(DIGITS + 1), **near):
        return hint(en=f"wrong for k = {k}: G spreads its samples over k digits, so on each its density is 1/k "
                       "of that digit's, while the data's is 1/10",
                    vi=f"sai khi k = {k}: G chia mẫu của nó cho k chữ số, nên trên mỗi chữ số mật độ của G bằng 1/k "
                       "mật độ của chữ số đó, còn của dữ liệu thật là 1/10")
    if k < DIGITS and close(got[0], want_d + (1 - k / DIGITS) * math.log((DIGITS + k) / k), **near):
        return hint(en="the real term averages over all ten digits: only a share k/10 of them lies where G "
                       "draws; on the others D* = 1 and log 1 = 0",
                    vi="số hạng của dữ liệu thật lấy trung bình trên cả mười chữ số: chỉ một tỉ lệ k/10 trong số đó "
                       "nằm ở nơi G có vẽ; trên các chữ số còn lại D* = 1 và log 1 = 0")
    return hint(en=f"wrong for k = {k}: find D* on a digit G draws and on one it never draws, then take each "
                   "expectation over its own distribution",
                vi=f"sai khi k = {k}: hãy tìm D* trên một chữ số G có vẽ và trên một chữ số G không vẽ, rồi "
                   "lấy mỗi kỳ vọng theo đúng phân phối của nó")


def check_collapsed_losses(losses_at_optimum: Callable[[int], tuple]) -> None:
    """Exercise of lesson 05 (derive): ``losses_at_optimum(k)`` = the pair (L_D, L_G) at D* when G draws only k
    of the ten digits (k = 1 … 10), in nats, with lesson 05's losses: L_D the sum of the two cross-entropy
    terms, L_G the non-saturating −E log D(G(z))."""
    def check() -> str:
        for k in COVERED:
            value = answer(call(losses_at_optimum, k))
            if not isinstance(value, (tuple, list)) or len(value) != 2:
                raise hint(en="return a pair: (loss_D, loss_G)", vi="hãy trả về một cặp: (loss_D, loss_G)")
            got = (as_float(value[0], what="loss_D"), as_float(value[1], what="loss_G"))
            if not close(got, collapsed_losses(k), rtol=1e-4, atol=1e-6):
                raise _collapsed_hint(got, k)
        loss_d, loss_g = collapsed_losses(1)
        return tr(en=f"at k = 1, loss_D = {loss_d:.2f} and loss_G = {loss_g:.2f}, against log 4 and log 2 at k = 10",
                  vi=f"khi k = 1, loss_D = {loss_d:.2f} và loss_G = {loss_g:.2f}, so với log 4 và log 2 khi k = 10")
    run_check(tr(en="the losses at D* when G draws k digits", vi="các mất mát tại D* khi G chỉ vẽ k chữ số"), check)
