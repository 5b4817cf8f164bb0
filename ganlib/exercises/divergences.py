"""Checks of the derive-and-compute exercises on D*, V, KL and JSD: lessons 02 and 03.

Every expected value comes from :mod:`ganlib.theory` (numerical integration of log densities) or
from SciPy, never from the closed form the student is asked to find, so a check compares two
independent computations.
"""

import math
from collections.abc import Callable

import numpy as np
from scipy import stats
from scipy.spatial import distance

from ..i18n import tr
from ..theory import js_divergence, kl_divergence, optimal_discriminator
from .core import Wrong, answer, as_array, as_float, call, close, finite, hint, run_check

# x where D* is tested: the middle, both tails, and x = 40 where every density underflows to 0.
D_STAR_X = np.array([-3.0, -1.0, 0.0, 0.5, 1.0, 2.0, 5.0, 40.0])
D_STAR_MUS = (1.0, -2.0, 0.0, 30.0)


def check_d_star_logit(d_star_logit: Callable[[np.ndarray, float], np.ndarray]) -> None:
    """Exercise of lesson 02: ``d_star_logit(x, mu)`` = log D*(x) − log(1 − D*(x)) for
    p_data = N(0, 1), p_g = N(mu, 1), elementwise on a NumPy array x, finite even for mu = 30."""
    def check() -> str:
        for mu in D_STAR_MUS:
            got = as_array(call(d_star_logit, D_STAR_X.copy(), mu), shape=D_STAR_X.shape, what="d_star_logit(x, mu)")
            want = optimal_discriminator(stats.norm(0, 1), stats.norm(mu, 1)).logit(D_STAR_X)
            finite(got, where=f"mu = {mu:g}")
            if close(got, want, rtol=1e-6, atol=1e-8):
                continue
            if mu != 0 and close(got, -want, rtol=1e-6, atol=1e-8):
                raise hint(en="sign: the logit is log p_data − log p_g, positive where the real data are denser",
                           vi="sai dấu: logit là log p_data − log p_g, dương ở nơi mật độ dữ liệu thật lớn hơn")
            if np.all((got >= 0) & (got <= 1)) and close(got, 1 / (1 + np.exp(-want)), rtol=1e-4, atol=1e-8):
                raise hint(en="you returned D*(x), a probability; the exercise asks for its logit log(D*/(1 − D*))",
                           vi="bạn trả về D*(x), một xác suất; bài tập cần logit của nó, log(D*/(1 − D*))")
            raise hint(en=f"wrong for mu = {mu:g}; check: at x = mu/2 both densities are equal, so the logit is 0 there",
                       vi=f"sai với mu = {mu:g}; gợi ý: tại x = mu/2 hai mật độ bằng nhau nên logit bằng 0")
        return tr(en="right for mu up to 30 and x up to 40", vi="đúng với mu đến 30 và x đến 40")
    run_check(tr(en="logit of D*", vi="logit của D*"), check)


def uniform_pair_value() -> float:
    """V(G, D*) for p_data = U(0, 1), p_g = U(0.5, 1.5), from the JSD computed by ganlib.theory."""
    return -math.log(4) + 2 * js_divergence(stats.uniform(0, 1), stats.uniform(0.5, 1))


def check_uniform_value(value: float) -> None:
    """Exercise of lesson 02: the number V(G, D*) for p_data = U(0, 1) and p_g = U(0.5, 1.5)."""
    def check() -> str:
        got = as_float(answer(value), what="V")
        want = uniform_pair_value()
        if close(got, want, rtol=1e-3, atol=1e-4):
            return tr(en=f"V(G, D*) = {want:.4f}", vi=f"V(G, D*) = {want:.4f}")
        if close(got, -math.log(4), rtol=1e-3, atol=1e-4):
            raise hint(en="−log 4 is V at p_g = p_data; here each distribution has half its mass where the other "
                          "has none: what is D* there?",
                       vi="−log 4 là V khi p_g = p_data; ở đây mỗi phân phối có một nửa khối lượng xác suất nằm ở "
                          "nơi phân phối kia bằng 0: ở đó D* bằng bao nhiêu?")
        if got > 0:
            raise hint(en="V(G, D*) is a sum of expected logs of numbers ≤ 1: it cannot be positive",
                       vi="V(G, D*) là tổng các kỳ vọng của log những số ≤ 1, nên V không thể dương")
        raise hint(en="split the line into [0, 0.5), [0.5, 1) and [1, 1.5) and find D* on each piece",
                   vi="chia trục số thành [0, 0.5), [0.5, 1) và [1, 1.5), rồi tìm D* trên từng đoạn")
    run_check(tr(en="V(G, D*) for two uniform distributions", vi="V(G, D*) cho hai phân phối đều"), check)


KL_CASES = ((0.0, 1.0, 0.0, 1.0), (0.0, 1.0, 1.0, 1.0), (1.0, 0.5, -1.0, 2.0), (0.0, 2.0, 0.0, 1.0),
            (0.0, 1.0, 30.0, 1.0), (-3.0, 0.1, 2.0, 5.0))


def check_kl_gaussians(kl_gaussians: Callable[[float, float, float, float], float]) -> None:
    """Exercise of lesson 03: ``kl_gaussians(m1, s1, m2, s2)`` = KL(N(m1, s1²) ‖ N(m2, s2²)) in nats, in
    closed form; compared with :func:`ganlib.theory.kl_divergence` (numerical integration)."""
    def check() -> str:
        for m1, s1, m2, s2 in KL_CASES:
            got = as_float(call(kl_gaussians, m1, s1, m2, s2), what="kl_gaussians(...)")
            want = kl_divergence(stats.norm(m1, s1), stats.norm(m2, s2))
            if close(got, want, rtol=1e-6, atol=1e-9):
                continue
            case = f"KL(N({m1:g}, {s1:g}²) ‖ N({m2:g}, {s2:g}²))"
            if (m1, s1) == (m2, s2):
                raise hint(en=f"{case} should be 0: a distribution does not diverge from itself (a missing −1/2?)",
                           vi=f"{case} phải bằng 0: một phân phối không phân kỳ khỏi chính nó (thiếu −1/2?)")
            if close(got, kl_divergence(stats.norm(m2, s2), stats.norm(m1, s1)), rtol=1e-6, atol=1e-9):
                raise hint(en=f"you computed KL(q ‖ p) for {case}: the expectation is over the first distribution",
                           vi=f"bạn đã tính KL(q ‖ p) cho {case}: kỳ vọng lấy theo phân phối thứ nhất")
            if got < 0:
                raise hint(en=f"{case} came out negative, but KL ≥ 0 always: look at the signs",
                           vi=f"{case} ra số âm, nhưng KL luôn ≥ 0: xem lại các dấu")
            raise hint(en=f"wrong for {case}; take E_p[log p − log q] term by term, with E_p[(X − m2)²] = "
                          "s1² + (m1 − m2)²",
                       vi=f"sai với {case}; hãy tính E_p[log p − log q] theo từng số hạng, với E_p[(X − m2)²] = "
                          "s1² + (m1 − m2)²")
        return tr(en="right, also at μ = 30 (KL = 450: it never saturates)",
                  vi="đúng, cả khi μ = 30 (KL = 450: KL không bão hòa)")
    run_check(tr(en="KL of two Gaussians", vi="KL của hai phân phối chuẩn"), check)


JS_CASES = (([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]), ([1.0, 0.0], [0.0, 1.0]), ([0.5, 0.5, 0.0], [0.0, 0.5, 0.5]),
            ([0.1, 0.6, 0.3, 0.0], [0.4, 0.1, 0.1, 0.4]), ([0.9, 0.1], [0.5, 0.5]))


def _infinite_hint(js_divergence_discrete: Callable, where: str) -> Wrong:
    """The hint for a NaN or an infinity at ``where``: a 0·log 0 taken literally if the answer is right on
    distributions without zeros, else a divergence of p from q directly (KL, Jeffreys), infinite where one
    of them is 0 and the other is not."""
    p, q = (np.array(v) for v in JS_CASES[-1])
    if close(as_float(call(js_divergence_discrete, p, q), what="js_divergence_discrete(p, q)"),
             distance.jensenshannon(p, q) ** 2, rtol=1e-6, atol=1e-9):
        return hint(en=f"nan or inf for {where}: 0·log 0 is 0 (scipy.special.xlogy or rel_entr know this)",
                    vi=f"ra nan hoặc inf với {where}: 0·log 0 = 0 (scipy.special.xlogy hoặc rel_entr xử lý "
                       "đúng điều này)")
    return hint(en=f"infinite for {where}, and wrong even without zeros: the JSD compares p and q each with the "
                   "mixture m = (p + q)/2, never p with q directly; m is nonzero wherever p or q is, so the JSD "
                   "stays ≤ log 2",
                vi=f"cho kết quả vô cùng với {where}, và sai cả khi không có số 0: JSD so sánh từng phân phối p và q "
                   "với hỗn hợp m = (p + q)/2, chứ không so trực tiếp p với q; m khác 0 ở mọi nơi p hoặc q khác 0, nên "
                   "JSD không vượt quá log 2")


def check_js_divergence(js_divergence_discrete: Callable[[np.ndarray, np.ndarray], float]) -> None:
    """Exercise of lesson 03: ``js_divergence_discrete(p, q)`` = JSD of two probability vectors, in nats,
    with 0·log 0 = 0; compared with SciPy's Jensen–Shannon distance squared."""
    def check() -> str:
        for p, q in JS_CASES:
            p, q = np.array(p), np.array(q)
            want = distance.jensenshannon(p, q) ** 2
            got = as_float(call(js_divergence_discrete, p.copy(), q.copy()), what="js_divergence_discrete(p, q)")
            backwards = as_float(call(js_divergence_discrete, q.copy(), p.copy()), what="js_divergence_discrete(q, p)")
            where = f"p = {p.tolist()}, q = {q.tolist()}"
            if not math.isfinite(got):
                raise _infinite_hint(js_divergence_discrete, where)
            if close(got, want, rtol=1e-6, atol=1e-9) and close(backwards, want, rtol=1e-6, atol=1e-9):
                continue
            if want > 0 and close(got, want / math.log(2), rtol=1e-6):
                raise hint(en="that is in bits (log base 2); the course works in nats (natural log)",
                           vi="kết quả đang tính bằng bit (log cơ số 2); khóa học dùng nat (log tự nhiên)")
            if got > math.log(2) + 1e-9:
                raise hint(en=f"{got:.4f} for {where} is above log 2, the JSD's maximum: is a factor 1/2 missing?",
                           vi=f"{got:.4f} với {where} lớn hơn log 2, giá trị lớn nhất của JSD: có phải bạn quên "
                              "hệ số 1/2 không?")
            if not close(got, backwards, rtol=1e-6, atol=1e-9):
                raise hint(en="JSD(p ‖ q) ≠ JSD(q ‖ p) in your code, but the JSD is symmetric: compare both with "
                              "the mixture m = (p + q)/2",
                           vi="trong code của bạn JSD(p ‖ q) ≠ JSD(q ‖ p), nhưng JSD đối xứng: hãy so cả hai với "
                              "hỗn hợp m = (p + q)/2")
            raise hint(en=f"wrong for {where}", vi=f"sai với {where}")
        return tr(en="right, and log 2 for disjoint supports",
                  vi="đúng, và bằng log 2 khi hai phân phối có giá rời nhau")
    run_check(tr(en="JSD of two discrete distributions", vi="JSD của hai phân phối rời rạc"), check)
