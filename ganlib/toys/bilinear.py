"""The smallest game that will not settle: min over x, max over y of f(x, y) = x·y.

Its only Nash equilibrium is the saddle point (0, 0): there f(0, y) = f(x, 0) = 0, so neither
player gains by moving alone, although f takes larger and smaller values nearby. Gradient play
on it shows in two dimensions what happens to a GAN's two networks. Used by lesson 06.
"""

import numpy as np

METHODS = ("simultaneous", "alternating", "extragradient")


def play_bilinear(method: str, *, lr: float = 0.1, steps: int = 100, start: tuple[float, float] = (1.0, 1.0)) -> np.ndarray:
    """The points (x, y) visited by gradient play on f = x·y: x descends, y ascends.

    method: "simultaneous" (both step from the same point: spirals outward, the radius grows by
    √(1 + lr²) a step), "alternating" (y steps after seeing x's new value: a closed orbit), or
    "extragradient" (each player steps with the gradient at a look-ahead point: spirals in,
    the radius shrinks by √(1 − lr² + lr⁴) a step). Returns an array of shape (steps + 1)×2.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    if not lr > 0 or steps < 1:
        raise ValueError(f"lr must be positive and steps at least 1, got lr={lr!r}, steps={steps!r}")
    path = np.empty((steps + 1, 2))
    path[0] = start
    x, y = start
    for step in range(1, steps + 1):
        # ∂f/∂x = y and ∂f/∂y = x: x goes against its gradient, y along its own.
        if method == "simultaneous":
            x, y = x - lr * y, y + lr * x
        elif method == "alternating":
            x = x - lr * y
            y = y + lr * x
        else:
            x_ahead, y_ahead = x - lr * y, y + lr * x
            x, y = x - lr * y_ahead, y + lr * x_ahead
        path[step] = x, y
    return path


def running_average(path: np.ndarray) -> np.ndarray:
    """The running mean of the points of ``path`` (shape T×2): row t is the mean of rows 0..t.

    Averaging the iterates of an orbit around the equilibrium converges to its centre.
    """
    return np.cumsum(path, axis=0) / np.arange(1, len(path) + 1)[:, None]
