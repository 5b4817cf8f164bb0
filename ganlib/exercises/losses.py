"""Checks of the loss exercises: the police's cross-entropy on logits (lesson 01), the
non-saturating loss, the slope ratio and the gradient penalty (lesson 04).

Expected values are computed here in float64 from softplus, or by autograd on critics whose
gradient is known in closed form, independently of the student's code and of ganlib's losses.
"""

import math
from collections.abc import Callable

import numpy as np
import torch
import torch.nn.functional as F

from ..i18n import tr
from .core import Wrong, answer, as_array, as_float, call, close, finite, hint, run_check

# float32 logits from "D is sure they are fake" to "D is sure they are real": ±200 make
# sigmoid round to exactly 0 or 1, so log(sigmoid(·)) gives −inf there.
EXTREME_LOGITS = (-200.0, -30.0, -2.0, 0.0, 1.5, 30.0, 200.0)
WRITE_WITH_LOGITS = dict(
    en="torch.sigmoid(−200) rounds to 0 in float32 and its log is −inf: write the loss on logits "
       "(F.softplus or F.binary_cross_entropy_with_logits)",
    vi="torch.sigmoid(−200) làm tròn thành 0 trong float32 và log của nó là −inf: hãy viết mất mát trên "
       "logit (F.softplus hoặc F.binary_cross_entropy_with_logits)")


def _police_terms(real: torch.Tensor, fake: torch.Tensor) -> tuple[float, float]:
    """(−mean log σ(real), −mean log(1 − σ(fake))) in float64."""
    return float(F.softplus(-real.double()).mean()), float(F.softplus(fake.double()).mean())


def _pooled(real: torch.Tensor, fake: torch.Tensor) -> tuple[float, float]:
    """The pooled-average convention of lesson 01, −V/2: the mean of the two terms, and the mean of the
    cross-entropy over the concatenated batch (the same when the two batches have the same size)."""
    real_term, fake_term = _police_terms(real, fake)
    return (real_term + fake_term) / 2, (len(real) * real_term + len(fake) * fake_term) / (len(real) + len(fake))


def _police_hint(got: float, real: torch.Tensor, fake: torch.Tensor, *, first: bool) -> Wrong:
    """The hint for a wrong ``got`` on (real, fake) logits; ``first``: the case where every logit is 0."""
    real_term, fake_term = _police_terms(real, fake)
    want = real_term + fake_term
    same = dict(rtol=1e-5, atol=1e-5)
    if close(got, -want, **same):
        return hint(en="sign: a loss the police minimise is −V, which is ≥ 0",
                    vi="sai dấu: mất mát mà cảnh sát cực tiểu hóa là −V, luôn ≥ 0")
    if close(got, sum(_police_terms(fake, real)), **same):
        return hint(en="labels swapped: real notes have label 1, counterfeits label 0",
                    vi="nhầm nhãn: tiền thật có nhãn 1, tiền giả có nhãn 0")
    if close(got, real_term + float(F.softplus(-fake.double()).mean()), **same):
        return hint(en="the counterfeits are scored as real notes: their term is −log(1 − D(G(z)))",
                    vi="tiền giả đang được chấm như tiền thật: số hạng của chúng là −log(1 − D(G(z)))")
    if close(got, float(F.softplus(real.double()).mean()) + fake_term, **same):
        return hint(en="the real notes are scored as counterfeits: their term is −log D(x)",
                    vi="tiền thật đang được chấm như tiền giả: số hạng của chúng là −log D(x)")
    if len(real) == len(fake) and close(got, len(real) * want, **same):
        return hint(en="a sum instead of a mean: the loss must not grow with the batch size",
                    vi="lấy tổng thay vì trung bình: mất mát không được tăng theo kích thước batch")
    if first:
        return hint(en="at logits 0 (D = 1/2 everywhere) the loss is log 4: the arguments are logits, not "
                       "probabilities",
                    vi="khi mọi logit bằng 0 (D = 1/2 ở mọi nơi) mất mát bằng log 4: tham số truyền vào là logit, "
                       "không phải xác suất")
    shown = [round(v, 2) for v in real.tolist()[:3]]
    return hint(en=f"right at logits 0 but wrong for real logits {shown}…: check each term by hand at one other logit",
                vi=f"đúng khi mọi logit bằng 0 nhưng sai với logit của tiền thật {shown}…: hãy tính tay từng số "
                   "hạng tại một logit khác")


def check_police_loss(police_loss: Callable[[torch.Tensor, torch.Tensor], torch.Tensor]) -> None:
    """Exercise of lesson 01: ``police_loss(real_logits, fake_logits)`` = −mean log D(real) − mean log(1 − D(fake))
    with D = sigmoid(logits), a scalar tensor, finite for logits of ±200 in float32. Lesson 01 also presents
    the pooled average (−V/2, log 2 at D = 1/2); an answer that keeps to it throughout passes, with a note."""
    def check() -> str:
        generator = torch.Generator().manual_seed(0)
        cases = [(torch.zeros(8), torch.zeros(8)),
                 (torch.randn(16, generator=generator), torch.randn(16, generator=generator) - 1),
                 (torch.randn(5, generator=generator) + 2, torch.randn(7, generator=generator)),
                 (torch.tensor(EXTREME_LOGITS), torch.tensor(EXTREME_LOGITS[::-1]))]
        conventions = set()
        for index, (real, fake) in enumerate(cases):
            got = as_float(call(police_loss, real.clone(), fake.clone()), what="police_loss(...)")
            if close(got, sum(_police_terms(real, fake)), rtol=1e-5, atol=1e-5):
                conventions.add("sum")
            elif any(close(got, pooled, rtol=1e-5, atol=1e-5) for pooled in _pooled(real, fake)):
                conventions.add("pooled")
            elif not math.isfinite(got) or index == len(cases) - 1:
                raise hint(**WRITE_WITH_LOGITS)  # right for moderate logits, wrong or infinite at ±200
            else:
                raise _police_hint(got, real, fake, first=index == 0)
        if conventions == {"pooled"}:
            return tr(en="the pooled average −V/2 (log 2 at D = 1/2), finite at logits ±200; the course adds the "
                         "two means instead, −V, twice as large",
                      vi="trung bình trên tập gộp −V/2 (bằng log 2 khi D = 1/2), hữu hạn với logit ±200; khóa học "
                         "thì cộng hai trung bình, tức −V, lớn gấp đôi")
        if len(conventions) > 1:
            raise hint(en="the sum −V for some batches and the pooled average −V/2 for others: keep to one "
                          "convention, the course's sum of the two means",
                       vi="có batch cho tổng −V, có batch cho trung bình trên tập gộp −V/2: hãy giữ một quy ước, "
                          "quy ước tổng hai trung bình của khóa học")
        return tr(en="log 4 at D = 1/2, finite at logits ±200", vi="bằng log 4 khi D = 1/2, hữu hạn với logit ±200")
    run_check(tr(en="the police's loss on logits", vi="mất mát của cảnh sát trên logit"), check)


def check_ns_loss(ns_generator_loss: Callable[[torch.Tensor], torch.Tensor]) -> None:
    """Exercise of lesson 04: ``ns_generator_loss(logits)`` = −log sigmoid(logits) elementwise (same shape),
    finite and with slope ≈ −1 at logit −200 in float32."""
    def check() -> str:
        logits = torch.tensor(EXTREME_LOGITS, requires_grad=True)
        value = call(ns_generator_loss, logits)
        if not isinstance(value, torch.Tensor):
            raise hint(en="return a torch tensor, so that autograd can take its gradient",
                       vi="hãy trả về một tensor torch để autograd lấy được gradient")
        got = as_array(value, shape=tuple(logits.shape), what="ns_generator_loss(logits)")
        want = F.softplus(-logits.detach().double()).numpy()
        if not np.all(np.isfinite(got)):
            raise hint(**WRITE_WITH_LOGITS)
        if not close(got, want, rtol=1e-5, atol=1e-5):
            if close(got, -F.softplus(logits.detach().double()).numpy(), rtol=1e-5, atol=1e-5):
                raise hint(en="that is the minimax loss log(1 − D); the non-saturating one is −log D",
                           vi="đó là mất mát minimax log(1 − D); mất mát không bão hòa là −log D")
            if close(got, -want, rtol=1e-5, atol=1e-5):
                raise hint(en="sign: −log D is positive and falls as D(G(z)) rises",
                           vi="sai dấu: −log D dương và giảm khi D(G(z)) tăng")
            raise hint(en="wrong values; at logit 0 (D = 1/2) the loss is log 2",
                       vi="giá trị sai; tại logit 0 (D = 1/2) mất mát bằng log 2")
        if value.grad_fn is None:
            raise hint(en="the result is cut from the graph: no .detach(), .item() or NumPy inside",
                       vi="kết quả bị cắt khỏi đồ thị tính toán: đừng dùng .detach(), .item() hay NumPy bên trong")
        (slope,) = torch.autograd.grad(value.sum(), logits)
        slope = slope.double().numpy()
        finite(slope, where=tr(en="the gradient", vi="gradient"))
        # Logit 0 is left out: stable forms built on |l| or clamp have a kink there, where autograd picks a
        # one-sided slope (−1 or 0 instead of −1/2); the loss is still right.
        away = logits.detach().numpy() != 0
        wrong = ~np.isclose(slope, -torch.sigmoid(-logits.detach().double()).numpy(), rtol=1e-4, atol=1e-6) & away
        if wrong.any():
            where = float(logits.detach()[np.flatnonzero(wrong)[0]])
            raise hint(en=f"right values but a wrong gradient at logit {where:g}: is part of the expression "
                          "detached or computed outside autograd? At logit −200 the slope must be −1",
                       vi=f"giá trị đúng nhưng gradient sai tại logit {where:g}: có phần nào của biểu thức bị "
                          "detach hay tính ngoài autograd không? Tại logit −200 độ dốc phải bằng −1")
        return tr(en="finite at logit −200, where its slope is still −1",
                  vi="hữu hạn tại logit −200, nơi độ dốc vẫn bằng −1")
    run_check(tr(en="the non-saturating loss", vi="mất mát không bão hòa"), check)


SLOPE_RATIO_LOGIT = -10.0


def check_slope_ratio(ratio: float) -> None:
    """Exercise of lesson 04: the number |d ns / dl| / |d minimax / dl| at logit l = −10 (it is e^{10})."""
    def check() -> str:
        got = as_float(answer(ratio), what="ratio")
        d = 1 / (1 + math.exp(-SLOPE_RATIO_LOGIT))
        want = (1 - d) / d
        if close(got, want, rtol=1e-3):
            return tr(en=f"{want:.0f}: the minimax gradient is that many times weaker",
                      vi=f"{want:.0f}: gradient minimax yếu hơn chừng ấy lần")
        if close(got, 1 / want, rtol=1e-3):
            raise hint(en="upside down: which of the two slopes dies out when D rejects the fakes?",
                       vi="tỉ số bị đảo ngược: độ dốc nào tắt dần khi D bác bỏ tiền giả?")
        raise hint(en="write both slopes with σ(l) and divide; σ(−l) = 1 − σ(l)",
                   vi="viết cả hai độ dốc theo σ(l) rồi chia; σ(−l) = 1 − σ(l)")
    run_check(tr(en="ratio of the two slopes at logit −10", vi="tỉ số hai độ dốc tại logit −10"), check)


class _Linear(torch.nn.Module):
    """f(x) = Σ w·x per sample: its gradient is w everywhere, so ‖∇f‖ = ‖w‖ whatever the mixing weights."""

    def __init__(self, weight: torch.Tensor) -> None:
        super().__init__()
        self.weight = torch.nn.Parameter(weight)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return (x * self.weight).reshape(x.shape[0], -1).sum(dim=1)


class _Recording(torch.nn.Module):
    """f(x) = Σ x² per sample, remembering the points it was evaluated at."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[torch.Tensor] = []

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.seen.append(x.detach().clone())
        return (x * x).reshape(x.shape[0], -1).sum(dim=1)


def _penalty(gradient_penalty: Callable, critic: Callable, real: torch.Tensor, fake: torch.Tensor,
             seed: int = 0) -> torch.Tensor:
    value = call(gradient_penalty, critic, real, fake, generator=torch.Generator().manual_seed(seed))
    if not isinstance(value, torch.Tensor) or value.numel() != 1:
        raise hint(en="return the penalty as a one-number torch tensor (a mean over the batch)",
                   vi="hãy trả về mức phạt dưới dạng một tensor torch một phần tử (trung bình trên batch)")
    return value


def _linear_critic_hint(got: np.ndarray, norms: np.ndarray) -> None:
    """Raise the hint for penalties ``got`` of linear critics with gradient norms ``norms`` (2×2 images),
    unless they are the right (‖w‖ − 1)²."""
    want = (norms - 1) ** 2
    if close(got, want, rtol=1e-5):
        return
    factor = got[0] / want[0]
    if close(got, factor * want, rtol=1e-5):
        raise hint(en=f"every penalty is {factor:.4g} times too large: return the penalty alone; its weight λ "
                      "multiplies it in the critic's loss",
                   vi=f"mức phạt luôn lớn gấp {factor:.4g} lần giá trị đúng: hãy chỉ trả về mức phạt; việc nhân "
                      "với trọng số λ thuộc về mất mát của critic")
    for wrong, message in (
            ((norms ** 2 - 1) ** 2, dict(en="(‖∇f‖² − 1)²: the penalty uses the norm, not its square",
                                     vi="(‖∇f‖² − 1)²: mức phạt dùng chuẩn, không dùng bình phương của chuẩn")),
            (np.abs(norms - 1), dict(en="|‖∇f‖ − 1|: square the distance from 1",
                                     vi="|‖∇f‖ − 1|: hãy bình phương khoảng cách tới 1")),
            (np.maximum(norms - 1, 0) ** 2, dict(en="a critic with ‖w‖ = 1/2 gets no penalty: the two-sided penalty "
                                                    "also pulls norms below 1 up to 1",
                                                 vi="critic có ‖w‖ = 1/2 không bị phạt: mức phạt hai phía cũng kéo "
                                                    "các chuẩn nhỏ hơn 1 lên 1"))):
        if close(got, wrong, rtol=1e-5):
            raise hint(**message)
    raise hint(en=f"a linear critic with ‖w‖ = 3 on 2×2 images must get (3 − 1)² = 4, not {got[0]:.4g}: take "
                  "the norm of each sample's whole gradient (all dimensions but the first), then the mean",
               vi=f"một critic tuyến tính với ‖w‖ = 3 trên ảnh 2×2 phải nhận mức phạt (3 − 1)² = 4, không phải "
                  f"{got[0]:.4g}: lấy chuẩn của toàn bộ gradient từng mẫu (mọi chiều trừ chiều đầu), rồi lấy "
                  "trung bình")


def check_gradient_penalty(gradient_penalty: Callable) -> None:
    """Exercise of lesson 04: ``gradient_penalty(critic, real, fake, *, generator)`` = mean over the batch of
    (‖∇f(x̂)‖ − 1)², x̂ = ε·real + (1 − ε)·fake with one ε ∼ U(0, 1) per sample drawn from ``generator``;
    it must reach the critic's weights (create_graph) and not the fakes (detach)."""
    def check() -> str:
        generator = torch.Generator().manual_seed(1)
        # 1. Linear critics on 2×2 images: ‖∇f‖ = ‖w‖ for every sample, so the penalty is (‖w‖ − 1)²,
        # whatever the mixing weights: 4, 1 and 1/4 for ‖w‖ = 3, 2 and 1/2.
        weight = torch.tensor([[[1.0, 2.0], [2.0, 0.0]]])
        real, fake = torch.randn(6, 1, 2, 2, generator=generator), torch.randn(6, 1, 2, 2, generator=generator)
        norms = np.array([3.0, 2.0, 0.5])
        got = np.array([as_float(_penalty(gradient_penalty, _Linear(weight * norm / 3.0), real, fake),
                                 what=tr(en="the penalty", vi="mức phạt")) for norm in norms])
        _linear_critic_hint(got, norms)
        critic = _Linear(weight.clone())
        # 2. It must reach the critic's weight: d/dw (‖w‖ − 1)² = 2(‖w‖ − 1)·w/‖w‖.
        critic.zero_grad()
        penalty = _penalty(gradient_penalty, critic, real, fake)
        if not penalty.requires_grad:
            raise hint(en="the penalty does not reach the critic's weights: autograd.grad needs create_graph=True",
                       vi="mức phạt không đến được trọng số của critic: autograd.grad cần create_graph=True")
        penalty.backward()
        want = 2 * (3.0 - 1.0) * weight / 3.0
        if critic.weight.grad is None or not torch.allclose(critic.weight.grad, want, rtol=1e-4, atol=1e-6):
            raise hint(en="the penalty's gradient with respect to the critic's weights is wrong: is create_graph=True "
                          "set?",
                       vi="gradient của mức phạt theo trọng số critic bị sai: đã đặt create_graph=True chưa?")
        # 3. It must not reach the generator: fakes that require grad get none (a quadratic critic, whose
        # slope depends on where it is taken, so that a leak would show).
        fake_leaf = fake.clone().requires_grad_(True)
        _penalty(gradient_penalty, _Recording(), real, fake_leaf).backward()
        if fake_leaf.grad is not None and fake_leaf.grad.abs().max() > 0:
            raise hint(en="the penalty sends gradients into the fakes, that is into G: detach the mixed points",
                       vi="mức phạt gửi gradient vào ảnh giả, tức là vào G: hãy detach các điểm trộn")
        # 4. One ε per sample, between the two points: each x̂ lies on the segment from fake to real.
        real2, fake2 = torch.randn(64, 2, generator=generator), torch.randn(64, 2, generator=generator)
        recording = _Recording()
        penalty = as_float(_penalty(gradient_penalty, recording, real2, fake2), what=tr(en="the penalty",
                                                                                         vi="mức phạt"))
        if not recording.seen:
            raise hint(en="the critic was never called", vi="critic chưa hề được gọi")
        mixed = recording.seen[-1]
        if mixed.shape != real2.shape:
            raise hint(en="evaluate the critic on the batch of mixed points, of the same shape as real",
                       vi="hãy gọi critic trên batch các điểm trộn, có cùng kích thước với real")
        t = ((mixed - fake2) * (real2 - fake2)).sum(1) / ((real2 - fake2) ** 2).sum(1)
        off_segment = (mixed - fake2 - t[:, None] * (real2 - fake2)).norm(dim=1)
        if off_segment.max() > 1e-4 or t.min() < -1e-6 or t.max() > 1 + 1e-6:
            raise hint(en="the mixed points are not on the segments between real and fake: draw one ε ∈ [0, 1] per "
                          "sample (shape (N,), broadcast over the other dimensions)",
                       vi="các điểm trộn không nằm trên đoạn nối thật và giả: hãy rút một ε ∈ [0, 1] cho mỗi mẫu "
                          "(kích thước (N,), broadcast theo các chiều còn lại)")
        if t.max() - t.min() < 1e-6:
            raise hint(en="every mixed point sits at the same fraction of its segment: one ε for the whole batch; "
                          "draw one ε per sample (shape (N,), broadcast over the other dimensions)",
                       vi="mọi điểm trộn nằm ở cùng một vị trí tương đối trên đoạn thẳng của nó: cả batch dùng chung "
                          "một ε; hãy rút một ε cho mỗi mẫu (kích thước (N,), broadcast theo các chiều còn lại)")
        want = float(((2 * mixed.norm(dim=1) - 1) ** 2).mean())
        if not close(penalty, want, rtol=1e-4):
            raise hint(en="wrong value on a quadratic critic f(x) = ‖x‖², whose gradient norm is 2‖x‖",
                       vi="sai giá trị với critic bậc hai f(x) = ‖x‖², có chuẩn gradient bằng 2‖x‖")
        again = as_float(_penalty(gradient_penalty, _Recording(), real2, fake2), what=tr(en="the penalty",
                                                                                          vi="mức phạt"))
        if again != penalty:
            raise hint(en="two calls with equally seeded generators differ: draw ε from the generator argument",
                       vi="hai lần gọi với generator cùng seed cho kết quả khác nhau: hãy rút ε từ tham số generator")
        return tr(en="(3 − 1)² = 4 for a linear critic; reaches the critic, not G",
                  vi="(3 − 1)² = 4 với critic tuyến tính; số hạng phạt đến được critic nhưng không đến G")
    run_check(tr(en="the gradient penalty", vi="phạt gradient"), check)
