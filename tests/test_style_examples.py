"""Lesson 10's pictures and figures: the public-domain photo matplotlib installs (its size and a clear message when
it is missing), the two paintings the course draws (same seed, same pixels; patterns of the size their docstrings
state), and the figures' guard against a title missing."""

import numpy as np
import pytest
import torch
from scipy import ndimage

from ganlib.plots.paintings import show_painting_losses, show_pictures
from ganlib.style import examples


def test_the_photo_keeps_its_shape_at_any_size():
    for size in (64, 128):
        photo = examples.sample_photo(size=size)
        assert photo.shape == (1, 3, size, round(size * 512 / 600)) and photo.dtype == torch.float32
        assert 0.0 <= float(photo.min()) and float(photo.max()) <= 1.0 and float(photo.std()) > 0.1


def test_a_missing_photo_says_what_to_do(monkeypatch):
    monkeypatch.setattr(examples.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(FileNotFoundError, match="reinstall matplotlib"):
        examples.sample_photo(size=64)


def test_the_paintings_are_drawn_from_their_seed():
    for draw in (examples.brush_strokes, examples.big_discs):
        first, again, other = draw(size=96, seed=0), draw(size=96, seed=0), draw(size=96, seed=1)
        assert first.shape == (1, 3, 96, 96) and torch.equal(first, again) and not torch.equal(first, other)


def _regions(picture: torch.Tensor, colour: tuple[int, int, int]) -> np.ndarray:
    """Sizes in pixels of the connected regions of exactly ``colour``."""
    pixels = np.rint(picture[0].permute(1, 2, 0).numpy() * 255).astype(int)
    labels, count = ndimage.label((pixels == np.array(colour)).all(axis=2))
    return np.bincount(labels.ravel())[1:]


def test_the_discs_are_wider_than_the_random_network_s_window_and_the_strokes_narrower():
    """At 256 px the discs' diameters are 85–128 px (their area at least π·42²), more than the 66-px window of the
    deepest style layer that lesson 10 measures; no stroke of one colour is anywhere near that large."""
    discs = examples.big_discs(size=256)
    largest = max(_regions(discs, colour).max() for colour in examples.PALETTE[:3] if _regions(discs, colour).size)
    assert largest >= np.pi * 42 ** 2 * 0.5  # a disc may be partly off the canvas or covered by another
    strokes = examples.brush_strokes(size=256)
    widest = max(_regions(strokes, colour).max() for colour in examples.PALETTE[1:] if _regions(strokes, colour).size)
    assert widest < largest / 4


def test_a_row_of_pictures_needs_one_title_each():
    picture = torch.rand(1, 3, 20, 30)
    assert len(show_pictures([picture, picture[0]], ["a", "b"]).axes) == 2
    with pytest.raises(ValueError, match="one title per picture"):
        show_pictures([picture, picture], ["only one"])
    history = {"content": [1.0, 0.5], "style": [1.0, 0.1], "tv": [0.1, 0.1]}
    assert len(show_painting_losses({"run": history}, parts=("content", "style", "tv")).axes) == 3
