"""Nearest neighbours as the memorisation and collapse checks of lessons 07 and 09 (ganlib.metrics.neighbours)."""

import numpy as np
import pytest

from ganlib.metrics import neighbours


def brute_nearest(points, others):
    """The nearest row of ``others`` for each row of ``points``, by a loop (an independent computation)."""
    found = [min(range(len(others)), key=lambda j: np.linalg.norm(p - others[j])) for p in points]
    return np.array(found), np.array([np.linalg.norm(p - others[j]) for p, j in zip(points, found)])


def test_nearest_and_nearest_other_agree_with_a_loop():
    rng = np.random.default_rng(0)
    points, others = rng.normal(size=(30, 5)), rng.normal(size=(40, 5))
    index, distance = neighbours.nearest(points, others)
    expected_index, expected_distance = brute_nearest(points, others)
    np.testing.assert_array_equal(index, expected_index)
    np.testing.assert_allclose(distance, expected_distance, atol=1e-9)
    others_of = [np.delete(points, i, axis=0) for i in range(len(points))]
    np.testing.assert_allclose(neighbours.nearest_other(points),
                               [brute_nearest(points[i:i + 1], others_of[i])[1][0] for i in range(len(points))],
                               atol=1e-9)


def test_copies_of_the_training_set_are_caught_and_new_points_are_not():
    rng = np.random.default_rng(1)
    train, held_out, new = rng.normal(size=(200, 8)), rng.normal(size=(200, 8)), rng.normal(size=(200, 8))
    copied = neighbours.copying_report(train[:100] + 1e-3 * rng.normal(size=(100, 8)), train, held_out)
    assert copied["closer"] == 1.0 and copied["fake"] < 0.01 < copied["held_out"]
    fresh = neighbours.copying_report(new, train, held_out)
    assert fresh["closer"] < 0.15 and fresh["fake"] == pytest.approx(fresh["held_out"], rel=0.2)


def test_a_collapsed_set_is_tighter_than_the_real_one_and_sizes_must_match():
    rng = np.random.default_rng(2)
    real = rng.normal(size=(100, 8))
    collapsed = real[np.arange(100) % 5] + 1e-2 * rng.normal(size=(100, 8))
    report = neighbours.spread_report(collapsed, real)
    assert report["fake"] < 0.1 * report["held_out"]
    with pytest.raises(ValueError, match="same size"):
        neighbours.spread_report(collapsed[:50], real)
