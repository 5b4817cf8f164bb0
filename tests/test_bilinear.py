"""Gradient play on f(x, y) = x·y against the closed forms of each update."""

import numpy as np
import pytest

from ganlib.toys.bilinear import METHODS, play_bilinear, running_average


@pytest.mark.parametrize("lr", [0.05, 0.2])
def test_simultaneous_steps_spiral_out_at_the_predicted_rate(lr):
    path = play_bilinear("simultaneous", lr=lr, steps=50)
    radius = np.hypot(*path.T)
    assert np.allclose(radius, radius[0] * (1 + lr**2) ** (np.arange(51) / 2), rtol=1e-12)


@pytest.mark.parametrize("lr", [0.05, 0.2])
def test_extragradient_spirals_in_at_the_predicted_rate(lr):
    path = play_bilinear("extragradient", lr=lr, steps=50)
    radius = np.hypot(*path.T)
    assert np.allclose(radius, radius[0] * (1 - lr**2 + lr**4) ** (np.arange(51) / 2), rtol=1e-12)


def test_alternating_steps_orbit_on_a_conserved_ellipse():
    lr = 0.1
    x, y = play_bilinear("alternating", lr=lr, steps=500).T
    invariant = x**2 + y**2 - lr * x * y
    assert np.ptp(invariant) < 1e-12
    assert np.hypot(x, y).max() < 1.5


def test_averaging_an_orbit_converges_to_the_equilibrium():
    path = play_bilinear("alternating", lr=0.1, steps=5000)
    assert np.hypot(*running_average(path)[-1]) < 0.01 < np.hypot(*path[-1])
    assert np.allclose(running_average(np.array([[1.0, 2.0], [3.0, 4.0]])), [[1.0, 2.0], [2.0, 3.0]])


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="method must be one of"):
        play_bilinear("adam")
    with pytest.raises(ValueError, match="lr must be positive"):
        play_bilinear(METHODS[0], lr=0.0)
