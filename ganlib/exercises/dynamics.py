"""Checks of the game-dynamics exercises on f(x, y) = x·y (lesson 06), against the iterates of
:func:`ganlib.toys.play_bilinear`."""

import math
from collections.abc import Callable

import numpy as np

from ..toys import play_bilinear
from ..i18n import tr
from .core import as_array, as_float, call, close, hint, run_check

# Agreement asked of an answer: loose enough for float32 arithmetic (8e-6 relative for (1 + lr²)^500 in the
# case lr = 0.01, steps = 1000), tight enough to tell the typical wrong answers apart
# (5e-5 relative at the least: one step too many at lr = 0.01).
SAME = dict(rtol=1e-5, atol=1e-6)
RADIUS_CASES = ((0.1, 100, (1.0, 1.0)), (0.5, 7, (2.0, -1.0)), (0.01, 1000, (0.0, 3.0)), (0.3, 1, (1.0, 0.0)))


def check_spiral_radius(spiral_radius: Callable[..., float]) -> None:
    """Exercise of lesson 06: ``spiral_radius(lr, steps, start)`` = distance from (0, 0) after ``steps``
    simultaneous gradient steps on x·y from ``start``, in closed form."""
    def check() -> str:
        for lr, steps, start in RADIUS_CASES:
            got = as_float(call(spiral_radius, lr, steps, start), what="spiral_radius(...)")
            want = float(np.hypot(*play_bilinear("simultaneous", lr=lr, steps=steps, start=start)[-1]))
            if close(got, want, **SAME):
                continue
            r0 = math.hypot(*start)
            case = f"lr = {lr:g}, steps = {steps}"
            if close(got, r0 * (1 + lr ** 2) ** steps, **SAME):
                raise hint(en=f"{case}: (1 + lr²) is the growth of the squared radius; the radius grows by its "
                              "square root",
                           vi=f"{case}: (1 + lr²) là hệ số tăng của bình phương bán kính; bán kính tăng theo hệ số bằng căn "
                              "bậc hai của nó")
            if any(close(got, r0 * (1 + lr ** 2) ** ((steps + d) / 2), **SAME) for d in (-1, 1)):
                raise hint(en=f"{case}: off by one step", vi=f"{case}: lệch một bước")
            raise hint(en=f"wrong for {case}: write one step as a matrix and take its determinant",
                       vi=f"sai với {case}: viết một bước dưới dạng ma trận rồi tính định thức")
        return tr(en="√(1 + lr²) per step, so smaller steps only slow the spiral",
                  vi="mỗi bước nhân bán kính với √(1 + lr²), nên bước nhỏ hơn chỉ làm vòng xoắn chậm lại")
    run_check(tr(en="radius of simultaneous play", vi="bán kính khi chơi đồng thời"), check)


STEP_CASES = (((1.0, 1.0), 0.1), ((2.0, -1.0), 0.5), ((0.0, 3.0), 0.05), ((-1.5, 0.5), 1.0))


def check_extragradient_step(extragradient_step: Callable[..., tuple[float, float]]) -> None:
    """Exercise of lesson 06: ``extragradient_step(x, y, *, lr)`` returns the next (x, y) of extragradient play
    on x·y: a look-ahead step, then a step from (x, y) with the gradients at the look-ahead point."""
    def check() -> str:
        for (x, y), lr in STEP_CASES:
            got = as_array(call(extragradient_step, x, y, lr=lr), shape=(2,), what="extragradient_step(...)")
            want = play_bilinear("extragradient", lr=lr, steps=1, start=(x, y))[1]
            if close(got, want, **SAME):
                continue
            case = f"(x, y) = ({x:g}, {y:g}), lr = {lr:g}"
            if close(got, play_bilinear("simultaneous", lr=lr, steps=1, start=(x, y))[1], **SAME):
                raise hint(en=f"{case}: that is a plain simultaneous step; extragradient first looks ahead",
                           vi=f"{case}: đó là một bước đồng thời thường; extragradient nhìn trước một bước")
            if close(got, play_bilinear("alternating", lr=lr, steps=1, start=(x, y))[1], **SAME):
                raise hint(en=f"{case}: that is an alternating step", vi=f"{case}: đó là một bước luân phiên")
            ahead = play_bilinear("simultaneous", lr=lr, steps=1, start=(x, y))[1]
            if close(got, play_bilinear("simultaneous", lr=lr, steps=1, start=tuple(ahead))[1], **SAME):
                raise hint(en=f"{case}: the second step starts from (x, y), not from the look-ahead point; only the "
                              "gradients come from there",
                           vi=f"{case}: bước thứ hai xuất phát từ (x, y), không phải từ điểm nhìn trước; chỉ gradient "
                              "mới được lấy tại điểm đó")
            raise hint(en=f"wrong for {case}: x descends on ∂f/∂x = y, y ascends on ∂f/∂y = x",
                       vi=f"sai với {case}: x đi xuống theo ∂f/∂x = y, y đi lên theo ∂f/∂y = x")
        return tr(en="matches play_bilinear('extragradient')", vi="khớp với play_bilinear('extragradient')")
    run_check(tr(en="one extragradient step", vi="một bước extragradient"), check)
