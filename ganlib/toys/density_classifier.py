"""A small network trained to tell samples of two 1-D densities apart: lesson 02 compares it with D*."""

import numpy as np
import torch
import torch.nn.functional as F
from scipy import special
from torch import nn

from ..runtime import one_torch_thread


class TrainedDiscriminator:
    """A trained torch classifier seen as a NumPy discriminator: ``d(x)`` is D(x), ``d.logit(x)`` its logit.

    ``network`` maps standardized inputs u = (x − center)/width, shape (N, 1), to logits, shape (N, 1).
    """

    def __init__(self, network: nn.Module, *, center: float, width: float) -> None:
        self.network, self.center, self.width = network, center, width

    def logit(self, x: np.ndarray) -> np.ndarray:
        """The network's logit at x (any shape), as a float64 array of the same shape."""
        x = np.asarray(x, dtype=float)
        u = torch.as_tensor((x.reshape(-1, 1) - self.center) / self.width, dtype=torch.float32)
        with torch.no_grad():
            return self.network(u).double().numpy().reshape(x.shape)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """D(x) in (0, 1), same shape as x."""
        return special.expit(self.logit(x))


def train_density_classifier(p_data: object, p_g: object, *, samples: int = 10_000, hidden: int = 16,
                             steps: int = 300, lr: float = 0.03, seed: int = 0) -> TrainedDiscriminator:
    """Train a small MLP (1 → hidden → hidden → 1, tanh) to tell ``samples`` draws from p_data
    (label 1) from as many draws from p_g (label 0): binary cross-entropy, full-batch Adam whose
    learning rate decays linearly to 0 over ``steps`` so that training ends settled.

    p_data, p_g: frozen scipy.stats distributions. Returns the classifier as a NumPy callable;
    lesson 02 compares it with D* = p_data / (p_data + p_g). A few seconds on one CPU core.
    """
    for name, value in (("samples", samples), ("hidden", hidden), ("steps", steps)):
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")
    rng = np.random.default_rng(seed)
    x = np.concatenate([p_data.rvs(size=samples, random_state=rng), p_g.rvs(size=samples, random_state=rng)])
    center, width = float(x.mean()), float(x.std())
    inputs = torch.as_tensor((x.reshape(-1, 1) - center) / width, dtype=torch.float32)
    labels = torch.cat([torch.ones(samples, 1), torch.zeros(samples, 1)])
    with torch.random.fork_rng(devices=[]):  # seeded initial weights; the caller's generator is untouched
        torch.manual_seed(seed)
        network = nn.Sequential(nn.Linear(1, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh(),
                                nn.Linear(hidden, 1))
    optimizer = torch.optim.Adam(network.parameters(), lr=lr)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1 - step / steps)
    with one_torch_thread():
        for _ in range(steps):
            loss = F.binary_cross_entropy_with_logits(network(inputs), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
    return TrainedDiscriminator(network, center=center, width=width)
