"""How every exercise check runs and reports: one line, ✓ or ✗, in the notebook's language.

A check calls the student's function on cases with known answers. It must never crash the
notebook and never give the solution away, so :func:`run_check` catches everything the student's
code may raise (``NotImplementedError`` from an untouched stub included) and turns it into a
one-line ✗ with a hint. Warnings (the student's log 0 or overflow, torch's note on a tensor that
still requires grad) are silenced during the whole check, so that it prints exactly one line: the
check reports the problem itself. Used by the exercise cells of lessons 01–10.
"""

import warnings
from collections.abc import Callable

import numpy as np
import torch

from ..i18n import tr

RIGHT, WRONG = "✓", "✗"


class Wrong(Exception):
    """Raised by a check when the student's answer is wrong; the message is the hint, already translated."""


class NotDone(Exception):
    """Raised when the answer is still the stub's placeholder (``...`` or ``NotImplementedError``)."""


def not_done() -> str:
    return tr(en="not done yet", vi="chưa làm")


def hint(*, en: str, vi: str) -> Wrong:
    """A :class:`Wrong` whose message is ``en`` or ``vi``, whichever the notebook speaks."""
    return Wrong(tr(en=en, vi=vi))


def answer(value: object) -> object:
    """``value`` unless it is still the stub's placeholder ``...``, in which case raise :class:`NotDone`."""
    if value is Ellipsis or value is None:
        raise NotDone
    return value


def call(function: Callable, *args, **kwargs) -> object:
    """Call the student's ``function`` (inside :func:`run_check`, so with warnings silenced); a stub
    (``...``, ``NotImplementedError``) raises :class:`NotDone`."""
    if not callable(function):
        raise hint(en=f"expected a function, got {type(function).__name__}",
                   vi=f"cần một hàm, nhận được {type(function).__name__}")
    result = function(*args, **kwargs)
    if result is Ellipsis:
        raise NotDone
    return result


def as_float(value: object, *, what: str) -> float:
    """A Python float from a number, a 0-d array or a one-element tensor; a clear ✗ otherwise."""
    if isinstance(value, torch.Tensor):
        if value.numel() != 1:
            raise hint(en=f"{what} should be one number, got a tensor of shape {tuple(value.shape)}",
                       vi=f"{what} phải là một số, nhận được tensor có kích thước {tuple(value.shape)}")
        value = value.item()
    try:
        return float(value)
    except (TypeError, ValueError):
        raise hint(en=f"{what} should be a number, got {type(value).__name__}",
                   vi=f"{what} phải là một số, nhận được {type(value).__name__}") from None


def as_array(value: object, *, shape: tuple, what: str) -> np.ndarray:
    """A float64 NumPy array of ``shape`` from an array, a tensor (detached) or a number; a clear ✗ otherwise."""
    if isinstance(value, torch.Tensor):
        value = value.detach().cpu().double().numpy()
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise hint(en=f"{what} should be numbers, got {type(value).__name__}",
                   vi=f"{what} phải là các số, nhận được {type(value).__name__}") from None
    if array.shape != shape:
        raise hint(en=f"{what} should have shape {shape}, got {array.shape}",
                   vi=f"{what} phải có kích thước {shape}, nhận được {array.shape}")
    return array


def finite(array: np.ndarray, *, where: str) -> None:
    """Raise a ✗ naming ``where`` if ``array`` holds a NaN or an infinity."""
    if not np.all(np.isfinite(array)):
        raise hint(en=f"nan or inf at {where}: compute in logs (logsumexp, softplus), not with raw densities "
                      "or probabilities",
                   vi=f"ra nan hoặc inf tại {where}: hãy tính trong miền log (logsumexp, softplus), đừng dùng "
                      "trực tiếp mật độ hay xác suất")


def close(got: float | np.ndarray, want: float | np.ndarray, *, rtol: float = 1e-4, atol: float = 1e-6) -> bool:
    """Whether ``got`` equals ``want`` to the tolerances, elementwise (NaN never matches)."""
    return bool(np.all(np.isclose(got, want, rtol=rtol, atol=atol)))


def run_check(title: str, check: Callable[[], str | None]) -> bool:
    """Run ``check`` and print one line: "✓ title: <what it returned>" or "✗ title: <hint>".

    ``check`` returns a short confirmation (or None) when the answer is right and raises
    :class:`Wrong` with a hint when it is not; anything else it raises (the student's own errors)
    becomes a ✗ naming the exception. Warnings are silenced, so that this line is all the check prints.
    Returns True for ✓, so that tests can read the verdict.
    """
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            confirmation = check()
    except NotDone:
        print(f"{WRONG} {title}: {not_done()}")
        return False
    except NotImplementedError:
        print(f"{WRONG} {title}: {not_done()}")
        return False
    except Wrong as wrong:
        print(f"{WRONG} {title}: {wrong}")
        return False
    except Exception as error:  # the student's code raised: report it, never crash the notebook
        message = str(error).splitlines()[0] if str(error) else ""
        print(f"{WRONG} {title}: " + tr(en=f"your code raised {type(error).__name__}: {message}",
                                        vi=f"code của bạn báo lỗi {type(error).__name__}: {message}"))
        return False
    print(f"{RIGHT} {title}" + (f": {confirmation}" if confirmation else ""))
    return True

