"""The ring of Gaussians and its mode-coverage numbers."""

import math

import pytest
import torch

from ganlib.data.ring import ring_centres, sample_ring
from ganlib.metrics.ring import mode_coverage


def test_centres_lie_on_the_circle_evenly_spaced():
    centres = ring_centres(modes=8, radius=2.0)
    assert torch.allclose(centres.norm(dim=1), torch.full((8,), 2.0))
    gaps = (centres - centres.roll(1, dims=0)).norm(dim=1)
    assert torch.allclose(gaps, torch.full((8,), 2 * 2.0 * math.sin(math.pi / 8)))


def test_real_samples_cover_every_mode():
    samples = sample_ring(20000, generator=torch.Generator().manual_seed(0))
    scores = mode_coverage(samples)
    assert scores["modes_covered"] == 8 and scores["n"] == 20000
    # Within 3σ of a 2-D Gaussian's centre: 1 − exp(−9/2) of its mass.
    assert scores["high_quality"] == pytest.approx(1 - math.exp(-4.5), abs=0.003)
    assert scores["kl_modes"] < 0.002


def test_a_collapsed_generator_is_flagged():
    on_two = torch.cat([ring_centres()[:1].repeat(1500, 1), ring_centres()[3:4].repeat(1000, 1)])
    scores = mode_coverage(on_two)
    assert scores["modes_covered"] == 2 and scores["high_quality"] == 1.0
    assert scores["kl_modes"] == pytest.approx(0.6 * math.log(0.6 * 8) + 0.4 * math.log(0.4 * 8))
    assert mode_coverage(ring_centres()[:1].repeat(100, 1))["kl_modes"] == pytest.approx(math.log(8))


def test_off_ring_samples_are_not_high_quality():
    scores = mode_coverage(torch.zeros(2500, 2))
    assert scores["high_quality"] == 0.0 and scores["modes_covered"] == 0


def test_bad_samples_are_refused():
    with pytest.raises(ValueError, match="N×2"):
        mode_coverage(torch.zeros(10, 3))
    with pytest.raises(ValueError, match="diverged"):
        mode_coverage(torch.full((10, 2), float("nan")))
