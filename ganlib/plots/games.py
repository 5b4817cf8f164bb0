"""Figures of gradient play on the x·y game (lesson 06): paths in the plane and distance to the equilibrium."""

import matplotlib.pyplot as plt
import numpy as np

from ..i18n import tr


def _method_label(method: str) -> str:
    labels = {"simultaneous": tr(en="simultaneous steps", vi="bước đồng thời"),
              "alternating": tr(en="alternating steps", vi="bước luân phiên"),
              "extragradient": tr(en="extragradient", vi="extragradient"),
              "average": tr(en="running average of the alternating steps",
                            vi="trung bình cộng dồn của các bước luân phiên")}
    if method not in labels:
        raise ValueError(f"unknown path {method!r}; name paths by one of: {', '.join(labels)}")
    return labels[method]


def plot_bilinear_play(paths: dict[str, np.ndarray], *, lr: float) -> plt.Figure:
    """Gradient play on f(x, y) = x·y: the paths in the (x, y) plane (left) and their distance to
    the equilibrium (0, 0) per step on a log scale (right), with the closed-form rates √(1 + lr²)
    (simultaneous) and √(1 − lr² + lr⁴) (extragradient) dashed.

    ``paths`` maps "simultaneous", "alternating", "extragradient" or "average" to a (T + 1)×2
    array from :func:`ganlib.toys.bilinear.play_bilinear` (or its running average).
    """
    rates = {"simultaneous": np.sqrt(1 + lr**2), "extragradient": np.sqrt(1 - lr**2 + lr**4)}
    fig, (plane, distance) = plt.subplots(1, 2, figsize=(10, 4.2))
    for method, path in paths.items():
        label = _method_label(method)
        line, = plane.plot(path[:, 0], path[:, 1], linewidth=1, label=label)
        radius = np.hypot(path[:, 0], path[:, 1])
        steps = np.arange(len(path))
        distance.plot(steps, radius, color=line.get_color(), linewidth=1.5, label=label)
        if method in rates:
            distance.plot(steps, radius[0] * rates[method] ** steps, color="black", linestyle="--", linewidth=0.8)
    start = next(iter(paths.values()))[0]
    plane.plot(*start, "o", color="black", markersize=4, label=tr(en="start", vi="điểm xuất phát"))
    plane.plot(0, 0, "*", color="red", markersize=12, label=tr(en="equilibrium (0, 0)", vi="cân bằng (0, 0)"))
    plane.set_aspect("equal")
    plane.set_xlabel(tr(en="x (minimises x·y)", vi="x (cực tiểu hóa x·y)"))
    plane.set_ylabel(tr(en="y (maximises x·y)", vi="y (cực đại hóa x·y)"))
    plane.set_title(tr(en="Paths in the (x, y) plane", vi="Đường đi trong mặt phẳng (x, y)"))
    plane.legend(fontsize=7, loc="upper left")
    plane.grid(alpha=0.3)
    distance.set_yscale("log")
    distance.set_xlabel(tr(en="step", vi="bước"))
    distance.set_ylabel(tr(en="distance to (0, 0)", vi="khoảng cách tới (0, 0)"))
    distance.set_title(tr(en=f"Distance to the equilibrium (η = {lr}; dashed: closed form)",
                          vi=f"Khoảng cách tới cân bằng (η = {lr}; nét đứt: công thức)"))
    distance.grid(alpha=0.3, which="both")
    fig.tight_layout()
    return fig
