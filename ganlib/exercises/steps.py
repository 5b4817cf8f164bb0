"""Checks of the training-step exercises: the police's k-step loop (lesson 01) and one
discriminator step on MNIST-shaped data (lesson 05).

The check runs the student's step on fixed batches with plain SGD, so the right answer is one
exact set of weights, computed here by an independent loop; it counts optimizer steps and
batches drawn (off-by-one in k), and looks for gradients that leak into the generator
(a missing ``detach``) and for stale gradients (a missing ``zero_grad``).
"""

import copy
from collections.abc import Callable

import torch
import torch.nn.functional as F
from torch import nn

from ..toys.counterfeiter import Counterfeiter, Police, police_loss
from ..i18n import tr
from .core import call, hint, run_check

LR = 0.2


def _counting_sgd(module: nn.Module, *, lr: float) -> tuple[torch.optim.SGD, list]:
    optimizer = torch.optim.SGD(module.parameters(), lr=lr)
    steps: list = []
    optimizer.register_step_post_hook(lambda *_: steps.append(1))
    return optimizer, steps


def _leaked(module: nn.Module) -> bool:
    return any(p.grad is not None and p.grad.abs().max() > 0 for p in module.parameters())


def _moved(before: list[torch.Tensor], module: nn.Module) -> bool:
    """Whether any parameter of ``module`` differs from its copy in ``before``."""
    return any(not torch.equal(a, b) for a, b in zip(before, module.parameters()))


def _players() -> tuple[Police, Counterfeiter, torch.Tensor, torch.Tensor]:
    police = Police(center=3.0, width=0.75)
    with torch.no_grad():
        police.linear.weight.copy_(torch.tensor([[0.3, -0.4]]))
        police.linear.bias.fill_(0.1)
    generator = torch.Generator().manual_seed(0)
    real = 3.0 + 0.75 * torch.randn(64, generator=generator)
    noise = torch.randn(64, generator=generator)
    return police, Counterfeiter(scale=1.5, shift=0.0), real, noise


def _reference_police(k: int, *, zero_grad: bool) -> torch.Tensor:
    police, counterfeiter, real, noise = _players()
    optimizer = torch.optim.SGD(police.parameters(), lr=LR)
    for _ in range(k):
        if zero_grad:
            optimizer.zero_grad()
        police_loss(police, real, counterfeiter(noise).detach()).backward()
        optimizer.step()
    return torch.cat([p.detach().flatten() for p in police.parameters()])


def _count_hint(k: int, steps: int, *, moved: bool) -> None:
    """Raise the hint for ``steps`` calls of the given optimizer's step() where ``k`` were due; ``moved``:
    whether the weights changed all the same (an optimizer of the student's own)."""
    if steps == 0 and moved:
        raise hint(en="the weights changed but the optimizer passed in never stepped: use that optimizer, not one "
                      "made inside the function",
                   vi="trọng số đã đổi nhưng optimizer được truyền vào chưa chạy step() lần nào: hãy dùng chính "
                      "optimizer đó, đừng tạo optimizer mới bên trong hàm")
    if steps == 0:
        raise hint(en="the weights did not change: each step ends with optimizer.step()",
                   vi="trọng số không đổi: mỗi bước phải kết thúc bằng optimizer.step()")
    if steps == 1 and k > 1:
        raise hint(en=f"k = {k} but the weights were updated once: zero_grad, backward and step belong inside the "
                      "loop",
                   vi=f"k = {k} nhưng trọng số chỉ được cập nhật một lần: zero_grad, backward và step phải nằm "
                      "trong vòng lặp")
    raise hint(en=f"k = {k} but optimizer.step() ran {steps} times: an off-by-one in the loop?",
               vi=f"k = {k} nhưng optimizer.step() chạy {steps} lần: vòng lặp lệch một bước?")


def check_police_steps(police_steps: Callable) -> None:
    """Exercise of lesson 01: ``police_steps(police, counterfeiter, optimizer, *, k, sample_real, sample_noise)``
    makes k police updates, each on a fresh batch ``sample_real()`` and detached fakes
    ``counterfeiter(sample_noise())``, with ``police_loss``."""
    def check() -> str:
        for k in (1, 3, 5):
            police, counterfeiter, real, noise = _players()
            optimizer, steps = _counting_sgd(police, lr=LR)
            drawn = {"real": 0, "noise": 0}

            def sample(kind: str, batch: torch.Tensor) -> Callable[[], torch.Tensor]:
                def draw() -> torch.Tensor:
                    drawn[kind] += 1
                    return batch.clone()
                return draw

            before = [p.detach().clone() for p in police.parameters()]
            call(police_steps, police, counterfeiter, optimizer, k=k, sample_real=sample("real", real),
                 sample_noise=sample("noise", noise))
            if len(steps) != k:
                _count_hint(k, len(steps), moved=_moved(before, police))
            for kind, function in (("real", "sample_real()"), ("noise", "sample_noise()")):
                if drawn[kind] != k:
                    raise hint(en=f"k = {k} but {function} was called {drawn[kind]} times: draw a fresh batch in "
                                  "each step",
                               vi=f"k = {k} nhưng {function} được gọi {drawn[kind]} lần: mỗi bước cần một batch mới")
            if _leaked(counterfeiter):
                raise hint(en="the police's loss left gradients on the counterfeiter: detach the counterfeits",
                           vi="mất mát của cảnh sát để lại gradient trên kẻ làm tiền giả: hãy detach tiền giả")
            got = torch.cat([p.detach().flatten() for p in police.parameters()])
            if torch.allclose(got, _reference_police(k, zero_grad=True), rtol=1e-5, atol=1e-6):
                continue
            if k > 1 and torch.allclose(got, _reference_police(k, zero_grad=False), rtol=1e-5, atol=1e-6):
                raise hint(en="gradients pile up from step to step: call optimizer.zero_grad() in every step",
                           vi="gradient cộng dồn qua các bước: hãy gọi optimizer.zero_grad() ở mỗi bước")
            raise hint(en=f"after k = {k} steps the police's weights are not those of {k} SGD steps on police_loss: "
                          "is the loss police_loss(police, real, fake)?",
                       vi=f"sau k = {k} bước, trọng số cảnh sát không khớp với {k} bước SGD trên police_loss: mất "
                          "mát có phải là police_loss(police, real, fake) không?")
        return tr(en="k updates, fresh batches, nothing leaks into the counterfeiter",
                  vi="đúng k lần cập nhật, batch mới mỗi bước, không gì rò sang kẻ làm tiền giả")
    run_check(tr(en="the police's k steps", vi="k bước của cảnh sát"), check)


def _tiny_gan() -> tuple[nn.Module, nn.Module, torch.Tensor, torch.Tensor]:
    torch_generator = torch.Generator().manual_seed(0)
    generator, discriminator = nn.Linear(3, 4), nn.Linear(4, 1)
    with torch.no_grad():
        for module in (generator, discriminator):
            for parameter in module.parameters():
                parameter.copy_(0.5 * torch.randn(parameter.shape, generator=torch_generator))
    real = torch.randn(16, 4, generator=torch_generator) + 1.0
    noise = torch.randn(16, 3, generator=torch_generator)
    return generator, discriminator, real, noise


def _reference_discriminator(*, labels: tuple[float, float] = (1.0, 0.0), squash: bool = False,
                             stale: bool = False, pooled: bool = False) -> tuple[torch.Tensor, float]:
    """D's weights after one SGD step on BCE(real → 1, fake → 0) on logits, and the loss before it;
    ``labels``, ``squash`` (sigmoid before BCE-with-logits), ``stale`` (no zero_grad) and ``pooled`` (one
    mean over the concatenated batch, half the course's sum) give the typical wrong variants."""
    generator, discriminator, real, noise = _tiny_gan()
    optimizer = torch.optim.SGD(discriminator.parameters(), lr=LR)
    if stale:
        for parameter in discriminator.parameters():
            parameter.grad = torch.ones_like(parameter)
    else:
        optimizer.zero_grad()
    real_logits, fake_logits = discriminator(real), discriminator(generator(noise).detach())
    if squash:
        real_logits, fake_logits = torch.sigmoid(real_logits), torch.sigmoid(fake_logits)
    loss = (F.binary_cross_entropy_with_logits(real_logits, torch.full_like(real_logits, labels[0]))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.full_like(fake_logits, labels[1])))
    if pooled:
        loss = loss / 2
    loss.backward()
    optimizer.step()
    return torch.cat([p.detach().flatten() for p in discriminator.parameters()]), float(loss.detach())


def check_discriminator_step(discriminator_step: Callable) -> None:
    """Exercise of lesson 05: ``discriminator_step(generator, discriminator, optimizer, real, noise)`` makes
    one update of D on BCE of its logits (real → 1, fake → 0) with the fakes detached, and returns the loss."""
    def check() -> str:
        generator, discriminator, real, noise = _tiny_gan()
        g_before = [p.detach().clone() for p in generator.parameters()]
        d_before = [p.detach().clone() for p in discriminator.parameters()]
        optimizer, steps = _counting_sgd(discriminator, lr=LR)
        for parameter in discriminator.parameters():  # stale gradients from an earlier generator step
            parameter.grad = torch.ones_like(parameter)
        returned = call(discriminator_step, generator, discriminator, optimizer, real, noise)
        got = torch.cat([p.detach().flatten() for p in discriminator.parameters()])
        if _leaked(generator):
            raise hint(en="D's loss left gradients on G: detach the fakes in D's step",
                       vi="mất mát của D để lại gradient trên G: hãy detach ảnh giả trong bước của D")
        if any(not torch.equal(a, b) for a, b in zip(g_before, generator.parameters())):
            raise hint(en="G's weights changed in D's step", vi="trọng số của G đã đổi trong bước của D")
        if not steps:
            _count_hint(1, 0, moved=_moved(d_before, discriminator))
        if len(steps) != 1:
            raise hint(en=f"optimizer.step() ran {len(steps)} times; one step of D is one update",
                       vi=f"optimizer.step() chạy {len(steps)} lần; một bước của D là một lần cập nhật")
        want, want_loss = _reference_discriminator()
        if not torch.allclose(got, want, rtol=1e-5, atol=1e-6):
            for wrong, message in (
                    (dict(stale=True), dict(en="stale gradients were added in: call optimizer.zero_grad() before "
                                               "backward()",
                                            vi="gradient cũ bị cộng vào: hãy gọi optimizer.zero_grad() trước "
                                               "backward()")),
                    (dict(labels=(0.0, 1.0)), dict(en="labels swapped: real images are 1, fakes 0",
                                                   vi="nhầm nhãn: ảnh thật là 1, ảnh giả là 0")),
                    (dict(squash=True), dict(en="probabilities where logits are due: BCE-with-logits takes D's raw "
                                                "output, no sigmoid before it",
                                             vi="dùng xác suất thay cho logit: BCE-with-logits nhận đầu ra thô của "
                                                "D, không qua sigmoid")),
                    (dict(pooled=True), dict(en="one mean over real and fake pooled is half the loss this exercise "
                                                "asks for: add the mean BCE of the real batch and that of the fakes",
                                             vi="lấy một trung bình chung trên tập gộp ảnh thật và ảnh giả chỉ "
                                                "cho một nửa mất mát mà bài này yêu cầu: hãy cộng BCE trung bình "
                                                "của batch thật với BCE trung bình của batch giả"))):
                if torch.allclose(got, _reference_discriminator(**wrong)[0], rtol=1e-5, atol=1e-6):
                    raise hint(**message)
            raise hint(en="D's new weights are not one SGD step on BCE(real → 1) + BCE(fake → 0) of its logits",
                       vi="trọng số mới của D không khớp với một bước SGD trên BCE(thật → 1) + BCE(giả → 0) của logit")
        try:
            loss = float(returned)
        except (TypeError, ValueError, RuntimeError):
            raise hint(en="return D's loss (a number or a one-element tensor)",
                       vi="hãy trả về mất mát của D (một số hoặc tensor một phần tử)") from None
        if abs(loss - want_loss) > 1e-5 * max(1.0, abs(want_loss)):
            raise hint(en="the weights are right but the returned loss is not the one the step minimised",
                       vi="trọng số đúng nhưng mất mát trả về không phải mất mát mà bước đó cực tiểu hóa")
        return tr(en="one update of D, fakes detached, stale gradients cleared",
                  vi="một lần cập nhật D, ảnh giả đã detach, gradient cũ đã xóa")
    run_check(tr(en="one discriminator step", vi="một bước của bộ phân biệt"), check)
