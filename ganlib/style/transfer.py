"""The optimisation loop of neural style transfer: paint one image, starting from noise or from the
content image, so that its features match the content image's and its Gram matrices the style image's.
Lesson 10 and ``python -m ganlib stylize``.
"""

import time
from dataclasses import dataclass
from typing import Literal

import torch
from tqdm.auto import tqdm

from ..i18n import tr
from .losses import content_loss, gram_matrix, style_loss, total_variation_loss
from .options import CONTENT_WEIGHT, INITS, OPTIMIZERS, STEPS, STYLE_WEIGHT, TV_WEIGHT


@dataclass
class Painting:
    """What :func:`stylize` returns.

    image: float32 1×3×H×W in [0, 1], the painted image (H×W: the content image's size).
    history: the losses "content", "style", "tv" (unweighted) and "total" (weighted sum), steps + 1 values
        each: at the start, then after each step.
    seconds: wall-clock time of the loop.
    """

    image: torch.Tensor
    history: dict[str, list[float]]
    seconds: float


def starting_image(content: torch.Tensor, *, init: Literal["content", "noise"],
                   generator: torch.Generator) -> torch.Tensor:
    """The image the loop starts from, 1×3×H×W in [0, 1]: a copy of ``content``, or uniform noise drawn
    from ``generator`` (AI-For-Beginners, which this course follows, starts from noise). Lesson 10."""
    if init == "content":
        return content.detach().clone(memory_format=torch.contiguous_format)
    if init == "noise":
        return torch.rand(content.shape, generator=generator, dtype=content.dtype)
    raise ValueError(tr(en=f"init must be one of {INITS}, got {init!r}",
                        vi=f"init phải là một trong {INITS}, nhận được {init!r}"))


def make_optimizer(image: torch.Tensor, *, optimizer: Literal["adam", "lbfgs"],
                   lr: float | None) -> torch.optim.Optimizer:
    """Adam (learning rate ``lr``, default 0.03: pixels are in [0, 1]) or L-BFGS (one iteration per step,
    memory of 20 steps, a strong-Wolfe line search of at most 10 evaluations, ``lr`` default 1) over
    the pixels of ``image``. Lesson 10."""
    if optimizer == "adam":
        return torch.optim.Adam([image], lr=lr or 0.03)
    if optimizer == "lbfgs":
        return torch.optim.LBFGS([image], lr=lr or 1.0, max_iter=1, max_eval=10, history_size=20,
                                 line_search_fn="strong_wolfe")
    raise ValueError(tr(en=f"optimizer must be one of {OPTIMIZERS}, got {optimizer!r}",
                        vi=f"optimizer phải là một trong {OPTIMIZERS}, nhận được {optimizer!r}"))


def stylize(content: torch.Tensor, style: torch.Tensor, network: torch.nn.Module, *, steps: int = STEPS,
            content_weight: float = CONTENT_WEIGHT, style_weight: float = STYLE_WEIGHT, tv_weight: float = TV_WEIGHT,
            init: Literal["content", "noise"] = "content", optimizer: Literal["adam", "lbfgs"] = "adam",
            lr: float | None = None, seed: int = 0, progress: bool = True) -> Painting:
    """Paint ``content`` (1×3×H×W in [0, 1]) in the style of ``style`` (1×3×H'×W' in [0, 1], any size)
    by minimising content_weight·content + style_weight·style + tv_weight·TV over the pixels for
    ``steps`` steps of ``optimizer``, starting from ``init``. Adam's pixels are clipped to [0, 1]
    after each step; L-BFGS's only at the end, as clipping between its steps spoils the curvature it
    remembers (its line search then stalls after one step). The last losses recorded are the clipped
    image's. ``network`` maps images to (content feature maps, style feature maps), two lists of
    N×C×H×W tensors (:mod:`ganlib.style.features`). ``seed`` draws the starting noise. A progress bar
    shows the total loss. Returns a :class:`Painting`. Lesson 10."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        content_targets = network(content)[0]
        style_targets = [gram_matrix(f) for f in network(style)[1]]
    image = starting_image(content, init=init, generator=generator).requires_grad_(True)
    opt = make_optimizer(image, optimizer=optimizer, lr=lr)
    weights = {"content": content_weight, "style": style_weight, "tv": tv_weight}

    def losses() -> dict[str, torch.Tensor]:
        content_features, style_features = network(image)
        parts = {"content": content_loss(content_features, content_targets),
                 "style": style_loss(style_features, style_targets), "tv": total_variation_loss(image)}
        return {"total": sum(weights[name] * value for name, value in parts.items()), **parts}

    history = {name: [] for name in ("total", "content", "style", "tv")}
    evaluated = []  # the losses of each evaluation in this step; the first is at the image before the step

    def closure() -> torch.Tensor:
        opt.zero_grad()
        parts = losses()
        parts["total"].backward()
        evaluated.append({name: value.detach() for name, value in parts.items()})
        return parts["total"]

    def record(parts: dict[str, torch.Tensor]) -> None:
        for name, value in parts.items():
            history[name].append(value.item())

    began = time.perf_counter()
    bar = tqdm(range(steps), disable=not progress, desc=tr(en="steps", vi="bước"), unit=tr(en="step", vi="bước"),
               dynamic_ncols=True)
    for _ in bar:
        evaluated.clear()
        opt.step(closure)
        if optimizer == "adam":
            with torch.no_grad():
                image.clamp_(0, 1)
        record(evaluated[0])
        bar.set_postfix(loss=f"{history['total'][-1]:.4g}")
    with torch.no_grad():
        image.clamp_(0, 1)
        record(losses())
    return Painting(image.detach(), history, time.perf_counter() - began)
