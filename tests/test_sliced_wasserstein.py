"""The weights-free distance of lesson 09 (sliced Wasserstein distance over Laplacian-pyramid patches): its
parts against independent computations, its floor and degradation ladder on MNIST, its blind spot, its errors."""

import numpy as np
import pytest
import scipy.ndimage
import scipy.stats
import torch

from ganlib.data import colour_digits, to_gan_range
from ganlib.metrics import split_digits
from ganlib.metrics import sliced_wasserstein as swd
from ganlib.metrics.sliced_wasserstein import sliced_wasserstein_distance

N = 200  # digits per set: enough for a clear ladder, small enough for one core
FAST = {"patches_per_image": 32, "directions": 128}


def test_one_dimension_is_the_wasserstein_distance_of_scipy():
    rng = np.random.default_rng(0)
    a, b = rng.normal(0.0, 1.0, size=(500, 1)), rng.gamma(2.0, 1.0, size=(500, 1))
    expected = scipy.stats.wasserstein_distance(a[:, 0], b[:, 0])
    assert swd.sliced_wasserstein(a, b, directions=4, rng=rng) == pytest.approx(expected, rel=1e-12)


def test_each_direction_is_a_one_dimensional_wasserstein_distance():
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=(300, 5)), rng.normal(0.5, 2.0, size=(300, 5))
    value = swd.sliced_wasserstein(a, b, directions=3, rng=np.random.default_rng(7))
    units = np.random.default_rng(7).standard_normal((5, 3))
    units /= np.linalg.norm(units, axis=0)
    expected = np.mean([scipy.stats.wasserstein_distance(a @ u, b @ u) for u in units.T])
    assert value == pytest.approx(expected, rel=1e-10)


@pytest.mark.parametrize("side, sides", [(32, [32, 16]), (64, [64, 32, 16]), (28, [28]), (33, [33, 17])])
def test_the_pyramid_has_the_paper_s_levels_and_adds_back_to_the_images(side, sides):
    images = np.random.default_rng(2).uniform(-1, 1, size=(3, 2, side, side)).astype(np.float32)
    pyramid = swd.laplacian_pyramid(images, swd.pyramid_levels(side))
    assert [level.shape[2] for level in pyramid] == sides
    rebuilt = pyramid[-1]
    for level in pyramid[-2::-1]:
        rebuilt = swd.blur_up(rebuilt, level.shape) + level
    np.testing.assert_allclose(rebuilt, images, atol=1e-5)
    coarsest = images
    for _ in sides[1:]:  # the coarsest level is the image blurred and halved, each time
        coarsest = scipy.ndimage.convolve(coarsest, np.outer([1, 4, 6, 4, 1], [1, 4, 6, 4, 1])[None, None] / 256,
                                          mode="mirror")[:, :, ::2, ::2]
    np.testing.assert_allclose(pyramid[-1], coarsest, atol=1e-5)


def test_a_constant_image_has_no_details_and_stays_constant_through_the_pyramid():
    flat = np.full((2, 3, 32, 32), 0.25, dtype=np.float32)
    fine, coarse = swd.laplacian_pyramid(flat, 2)
    np.testing.assert_allclose(fine, 0.0, atol=1e-6)
    np.testing.assert_allclose(swd.blur_up(coarse, flat.shape), flat, atol=1e-6)


def test_patches_are_the_pixels_at_their_places_and_are_normalised_per_channel():
    level = np.random.default_rng(3).normal(size=(4, 3, 16, 20)).astype(np.float32)
    places = swd.patch_places(4, 16, 20, per_image=5, rng=np.random.default_rng(4))
    patches = swd.patch_descriptors(level, places)
    for (image, row, column), patch in zip(places, patches):
        np.testing.assert_array_equal(patch, level[image, :, row:row + 7, column:column + 7])
    assert places[:, 1].max() <= 16 - 7 and places[:, 2].max() <= 20 - 7
    flat = swd.normalise(patches * np.array([1.0, 5.0, 0.1], dtype=np.float32)[None, :, None, None] + 3.0)
    by_channel = flat.reshape(len(flat), 3, -1)
    np.testing.assert_allclose(by_channel.mean(axis=(0, 2)), 0.0, atol=1e-5)
    np.testing.assert_allclose(by_channel.std(axis=(0, 2)), 1.0, atol=1e-5)


@pytest.fixture(scope="module")
def digits():
    """Reference, fresh and training digits of the metrics split (dealt), N each, in [−1, 1]."""
    split = split_digits()
    return {part: to_gan_range(getattr(split, part).images[:N]) for part in ("reference", "fresh", "train")}


def test_a_set_against_itself_is_zero_and_the_seed_fixes_the_value(digits):
    fresh, reference = digits["fresh"], digits["reference"]
    assert sliced_wasserstein_distance(fresh, fresh, **FAST)["distance"] == 0.0
    first = sliced_wasserstein_distance(fresh, reference, seed=5, **FAST)
    assert sliced_wasserstein_distance(fresh, reference, seed=5, **FAST) == first
    assert sliced_wasserstein_distance(fresh, reference, seed=6, **FAST)["distance"] != first["distance"]
    colour = torch.from_numpy(colour_digits(n=40)[0]).permute(0, 3, 1, 2).float() / 127.5 - 1
    both = sliced_wasserstein_distance(colour[:20], colour[20:], **FAST)
    assert set(both["levels"]) == {32, 16} and both["distance"] == pytest.approx(np.mean(list(both["levels"].values())))


def test_the_larger_set_is_cut_to_the_smaller(digits):
    result = sliced_wasserstein_distance(digits["fresh"][:50], digits["reference"], **FAST)
    assert result["n"] == 50 and result["distance"] > 0


def test_the_floor_is_small_and_the_ladder_is_ordered(digits):
    """Here N = 200 and fewer patches and directions (real 23, collapsed onto 10 images 38, noisy 80,
    blurred 105). At N = 1000 with the defaults: real 5.9, collapsed 30, noisy (σ = 0.3) 69, blurred
    (σ = 1 px) 97, while the classifier FD orders the last three the other way round (noisy 42, blurred
    109, collapsed 266): 7×7 patches barely see a collapse onto a few whole images."""
    fresh, reference = digits["fresh"], digits["reference"]
    g = torch.Generator().manual_seed(0)
    ladder = {
        "real": fresh,
        "collapsed": fresh[torch.arange(N) % 10],
        "noisy": (fresh + 0.3 * torch.randn(fresh.shape, generator=g)).clamp(-1, 1),
        "blurred": torch.from_numpy(scipy.ndimage.gaussian_filter(fresh.numpy(), sigma=(0, 0, 1, 1))),
    }
    values = {name: sliced_wasserstein_distance(x, reference, **FAST)["distance"] for name, x in ladder.items()}
    assert list(values) == sorted(values, key=values.get), values
    assert values["real"] < 0.7 * values["collapsed"], values
    other_real = sliced_wasserstein_distance(digits["train"], reference, **FAST)["distance"]
    assert other_real == pytest.approx(values["real"], rel=0.25)  # the floor is a property of N, not of the set


def test_the_blind_spot_a_change_of_contrast_over_the_whole_set_is_not_seen(digits):
    fresh, reference = digits["fresh"], digits["reference"]
    right = sliced_wasserstein_distance(fresh, reference, **FAST)["distance"]
    faded = sliced_wasserstein_distance(0.5 * fresh - 0.2, reference, **FAST)["distance"]
    assert faded == pytest.approx(right, rel=1e-3)


@pytest.mark.parametrize("a, b, error, message", [
    (torch.zeros(20, 1, 28, 28), torch.zeros(20, 3, 28, 28), ValueError, "same C×H×W"),
    (torch.zeros(20, 2, 28, 28), torch.zeros(20, 2, 28, 28), ValueError, "C = 1 or 3 and H, W ≥ 7"),
    (torch.zeros(20, 1, 6, 28), torch.zeros(20, 1, 6, 28), ValueError, "C = 1 or 3 and H, W ≥ 7"),
    (torch.zeros(9, 1, 28, 28), torch.zeros(20, 1, 28, 28), ValueError, "at least 10 images, got 9"),
    (torch.full((20, 1, 28, 28), 255.0), torch.zeros(20, 1, 28, 28), ValueError, "outside the declared range"),
    (np.zeros((20, 1, 28, 28)), torch.zeros(20, 1, 28, 28), TypeError, "must be a real-valued torch.Tensor"),
])
def test_bad_inputs_get_one_clear_line(a, b, error, message):
    with pytest.raises(error, match=r"^[^\n]*$") as raised:
        sliced_wasserstein_distance(a, b)
    assert message in str(raised.value)
