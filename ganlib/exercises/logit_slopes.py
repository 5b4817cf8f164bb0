"""Check of the derive exercise on the slopes of the police's loss with respect to its logits: lesson 01.

The expected slopes come from autograd on the loss written with softplus in float64, never from the
closed form the student is asked to derive, so the check compares two independent computations.
"""

from collections.abc import Callable

import numpy as np
import torch
import torch.nn.functional as F

from ..i18n import tr
from .core import Wrong, as_array, call, close, hint, run_check

# (real logits, fake logits): batches of different sizes (so that a divisor taken from the wrong batch
# shows), then logits where D is sure and right or sure and wrong. Not all logits 0: there a flipped sign
# and swapped labels give the same slopes.
SLOPE_CASES = (([1.5, -0.5, 2.0, 0.3, -1.2], [-2.0, 0.7, 1.1]),
               ([30.0, -30.0, 4.0], [-30.0, 30.0, -4.0, 0.5, 2.5, -0.1]))


def _slopes(real: np.ndarray, fake: np.ndarray, *, scale: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Autograd's ∂/∂logit of scale · (mean softplus(−real) + mean softplus(fake)) = scale · L_D, in float64."""
    real_t = torch.tensor(real, dtype=torch.float64, requires_grad=True)
    fake_t = torch.tensor(fake, dtype=torch.float64, requires_grad=True)
    loss = scale * (F.softplus(-real_t).mean() + F.softplus(fake_t).mean())
    real_slopes, fake_slopes = torch.autograd.grad(loss, (real_t, fake_t))
    return real_slopes.numpy(), fake_slopes.numpy()


def _pooled(real: np.ndarray, fake: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """The slopes of the two pooled conventions lesson 01 presents, −V/2 and the BCE over the concatenated
    batch: (D − y)/(2m) and (D − y)/(m_real + m_fake); the same when the two batches have the same size."""
    sizes = len(real) + len(fake)
    concatenated = tuple(slopes * len(batch) / sizes for slopes, batch in zip(_slopes(real, fake), (real, fake)))
    return [_slopes(real, fake, scale=0.5), concatenated]


def _matches(got: tuple[np.ndarray, np.ndarray], want: tuple[np.ndarray, np.ndarray]) -> bool:
    return all(close(g, w, rtol=1e-5, atol=1e-9) for g, w in zip(got, want))


def _sigmoid(logits: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-logits))


def _slopes_hint(got: tuple[np.ndarray, np.ndarray], real: np.ndarray, fake: np.ndarray) -> Wrong:
    """The hint for wrong slopes ``got`` on the logits (real, fake), after the typical mistakes."""
    want = _slopes(real, fake)
    d_real, d_fake = _sigmoid(real), _sigmoid(fake)
    m_real, m_fake = len(real), len(fake)
    if _matches(got, (-want[0], -want[1])):
        return hint(en="sign: those are the slopes of V; the police descend L_D = −V, so raising a real note's "
                       "logit must lower their loss",
                    vi="sai dấu: đó là độ dốc của V; cảnh sát đi theo hướng làm giảm L_D = −V, nên tăng logit của một "
                       "tờ tiền thật phải làm mất mát của họ giảm")
    if _matches(got, (d_real / m_real, (d_fake - 1) / m_fake)):
        return hint(en="labels swapped: a real note's target is 1 and a counterfeit's is 0",
                    vi="nhầm nhãn: nhãn của tiền thật là 1, của tiền giả là 0")
    if _matches(got, (want[0] * m_real, want[1] * m_fake)):
        return hint(en="each slope is missing the 1/m of its batch's mean: L_D averages over the batch",
                    vi="mỗi độ dốc thiếu thừa số 1/m của phép lấy trung bình: L_D là trung bình trên batch")
    if _matches(got, (want[0] * m_real / m_fake, want[1] * m_fake / m_real)):
        return hint(en="divisors swapped: each term's mean divides by the size of its own batch",
                    vi="nhầm mẫu số: trung bình của mỗi số hạng chia cho kích thước batch của chính nó")
    if _matches(got, (-d_real * (1 - d_real) / m_real, d_fake * (1 - d_fake) / m_fake)):
        return hint(en="that is the slope of D = σ(l) itself; the loss takes its log: differentiate log σ(l), "
                       "using σ′(l) = σ(l)(1 − σ(l))",
                    vi="đó là độ dốc của chính D = σ(l); mất mát lấy log của nó: hãy lấy đạo hàm của log σ(l), "
                       "dùng σ′(l) = σ(l)(1 − σ(l))")
    return hint(en="write −log σ(l) = log(1 + e^{−l}) and −log(1 − σ(l)) = log(1 + e^{l}), differentiate each, "
                   "and keep the 1/m of each mean",
                vi="viết −log σ(l) = log(1 + e^{−l}) và −log(1 − σ(l)) = log(1 + e^{l}), lấy đạo hàm từng "
                   "biểu thức, và giữ thừa số 1/m của mỗi trung bình")


def _pair(value: object, real: np.ndarray, fake: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The student's (real slopes, fake slopes) as float64 arrays of the logits' shapes; a clear ✗ otherwise."""
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise hint(en="return a pair: (slopes of the real logits, slopes of the fake logits)",
                   vi="hãy trả về một cặp: (độ dốc theo logit thật, độ dốc theo logit giả)")
    return (as_array(value[0], shape=real.shape, what=tr(en="the real logits' slopes", vi="độ dốc theo logit thật")),
            as_array(value[1], shape=fake.shape, what=tr(en="the fake logits' slopes", vi="độ dốc theo logit giả")))


def check_police_slopes(police_slopes: Callable[[torch.Tensor, torch.Tensor], tuple]) -> None:
    """Exercise of lesson 01 (derive): ``police_slopes(real_logits, fake_logits)`` = the pair of ∂L_D/∂l for
    every real and every fake logit, where L_D = −mean log σ(real) − mean log(1 − σ(fake)); the logits are
    float64 tensors of shape (m_real,) and (m_fake,), the slopes may be tensors, arrays or lists of those shapes.
    The pooled convention (−V/2, or the BCE over both batches together) passes with a note when kept to."""
    def check() -> str:
        conventions = set()
        for real, fake in SLOPE_CASES:
            real, fake = np.array(real), np.array(fake)
            got = _pair(call(police_slopes, torch.tensor(real), torch.tensor(fake)), real, fake)
            if _matches(got, _slopes(real, fake)):
                conventions.add("sum")
            elif any(_matches(got, pooled) for pooled in _pooled(real, fake)):
                conventions.add("pooled")
            else:
                raise _slopes_hint(got, real, fake)
        if len(conventions) > 1:
            raise hint(en="the slopes of the sum −V for some batches and of a pooled average for others: keep to "
                          "one convention, the course's sum of the two means",
                       vi="có batch cho độ dốc của tổng −V, có batch lại cho độ dốc của trung bình trên tập gộp: hãy "
                          "giữ một quy ước duy nhất, đó là tổng hai trung bình mà khóa học dùng")
        if conventions == {"pooled"}:
            return tr(en="right for the pooled average; the course adds the two means, which doubles every slope "
                         "when the batches have the same size",
                      vi="đúng với quy ước trung bình trên tập gộp; khóa học cộng hai trung bình, nên khi hai batch "
                         "cùng kích thước thì mọi độ dốc lớn gấp đôi")
        return tr(en="each slope is (D − label)/m: a note the police already judge rightly barely moves them",
                  vi="mỗi độ dốc bằng (D − nhãn)/m: tờ tiền mà cảnh sát đã đánh giá đúng hầu như không làm họ "
                     "thay đổi")
    run_check(tr(en="slopes of the police's loss on logits", vi="độ dốc của mất mát cảnh sát theo logit"), check)
