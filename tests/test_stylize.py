"""Style transfer offline (lesson 10, ``python -m ganlib stylize``): the Gram matrix against a
computation by hand and its exact indifference to where features sit, the total-variation loss in
closed form, the losses at their zero, a loop that lowers the loss, a network that never downloads,
and the command: a picture of the right size, one-line errors for bad input, the same bytes for the
same seed."""

import numpy as np
import pytest
import torch
from PIL import Image

from ganlib.cli import main
from ganlib.style import (RandomFeatures, cached_vgg19, content_loss, feature_network, gram_matrix, load_image,
                          save_image, style_loss, stylize, total_variation_loss)


def integer_features(shape, seed=0):
    """Small whole numbers as float64: every product and sum of them is exact, whatever the order."""
    return torch.randint(-4, 5, shape, generator=torch.Generator().manual_seed(seed)).double()


def test_gram_matrix_matches_a_sum_over_positions_by_hand():
    features = integer_features((2, 3, 4, 5))
    n, c, h, w = features.shape
    by_hand = np.zeros((n, c, c))
    for image in range(n):
        for i in range(c):
            for j in range(c):
                by_hand[image, i, j] = sum(features[image, i, y, x].item() * features[image, j, y, x].item()
                                           for y in range(h) for x in range(w)) / (h * w)
    assert gram_matrix(features).shape == (n, c, c)
    np.testing.assert_allclose(gram_matrix(features).numpy(), by_hand, rtol=0, atol=1e-12)


def test_gram_matrix_forgets_where_features_sit_exactly():
    features = integer_features((1, 6, 8, 8))
    shuffled = features.reshape(1, 6, 64)[:, :, torch.randperm(64, generator=torch.Generator().manual_seed(1))]
    assert torch.equal(gram_matrix(shuffled.reshape(1, 6, 8, 8)), gram_matrix(features))
    assert not torch.equal(shuffled.reshape(1, 6, 8, 8), features)


def test_gram_matrix_is_a_mean_so_sizes_compare():
    tile = integer_features((1, 4, 3, 3))
    assert torch.equal(gram_matrix(tile.repeat(1, 1, 2, 2)), gram_matrix(tile))


def test_total_variation_in_closed_form():
    ramp = torch.arange(4.0).repeat(1, 1, 3, 1) * 0.25  # each row 0, .25, .5, .75: horizontal steps of 0.25
    assert total_variation_loss(ramp).item() == pytest.approx(0.5 * (0 + 0.25))
    assert total_variation_loss(ramp.transpose(2, 3)).item() == pytest.approx(0.5 * (0.25 + 0))
    checker = (torch.arange(3).view(3, 1) + torch.arange(3).view(1, 3)) % 2  # every neighbour differs by 1
    assert total_variation_loss(checker.float().view(1, 1, 3, 3)).item() == pytest.approx(1.0)
    assert total_variation_loss(torch.full((1, 3, 5, 5), 0.3)).item() == 0


def test_content_and_style_losses_vanish_for_the_same_image_only():
    network = RandomFeatures(seed=0)
    image, other = torch.rand(2, 1, 3, 32, 32, generator=torch.Generator().manual_seed(0))
    (content, style), (content_other, style_other) = network(image), network(other)
    grams = [gram_matrix(f) for f in style]
    assert style_loss(style, grams).item() == 0 and content_loss(content, content).item() == 0
    assert style_loss(style_other, grams).item() > 1e-3 and content_loss(content_other, content).item() > 1e-2


def test_the_random_network_is_drawn_from_its_seed():
    image = torch.rand(1, 3, 32, 32, generator=torch.Generator().manual_seed(0))
    style = [network(image)[1] for network in (RandomFeatures(seed=3), RandomFeatures(seed=3), RandomFeatures(seed=4))]
    assert all(torch.equal(a, b) for a, b in zip(style[0], style[1]))
    assert not torch.equal(style[0][0], style[2][0])
    assert [f.shape[-1] for f in style[0]] == [32, 16, 8, 4]


@pytest.mark.parametrize("optimizer, init", [("adam", "content"), ("adam", "noise"), ("lbfgs", "content")])
def test_the_loop_lowers_the_loss_and_keeps_pixels_in_range(optimizer, init):
    pictures = torch.rand(2, 1, 3, 32, 32, generator=torch.Generator().manual_seed(1))
    content, style = pictures[0], pictures[1, :, :, ::4, ::4].repeat_interleave(4, -1).repeat_interleave(4, -2)
    painting = stylize(content, style, RandomFeatures(seed=0), steps=8, init=init, optimizer=optimizer,
                       progress=False)
    history = painting.history
    assert all(len(values) == 9 for values in history.values())
    assert history["total"][-1] < 0.7 * history["total"][0], history["total"]
    assert history["style"][-1] < history["style"][0]
    assert painting.image.shape == content.shape and 0 <= painting.image.min() and painting.image.max() <= 1


def test_the_network_never_downloads(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path))
    assert cached_vgg19() is None
    assert isinstance(feature_network(seed=2), RandomFeatures)
    assert "random filters, seed 2" in capsys.readouterr().out
    (tmp_path / "checkpoints").mkdir()
    (tmp_path / "checkpoints" / "vgg19-dcbb9e9d.pth").write_bytes(b"")
    assert cached_vgg19() == tmp_path / "checkpoints" / "vgg19-dcbb9e9d.pth"
    assert isinstance(feature_network(use_vgg19=False, verbose=False), RandomFeatures)


def test_pictures_round_trip_through_pillow(tmp_path):
    pixels = np.random.default_rng(0).integers(0, 256, (40, 64, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(tmp_path / "wide.png")
    image = load_image(tmp_path / "wide.png", size=64)
    assert image.shape == (1, 3, 40, 64) and image.dtype == torch.float32
    save_image(image, tmp_path / "copy.png")
    assert np.array_equal(np.asarray(Image.open(tmp_path / "copy.png")), pixels)
    assert load_image(tmp_path / "wide.png", size=32).shape == (1, 3, 20, 32)


# the command


@pytest.fixture
def pictures(tmp_path):
    """A tall 'photo' and a striped 'painting', and a text file posing as a picture."""
    rng = np.random.default_rng(0)
    Image.fromarray(rng.integers(0, 256, (80, 60, 3), dtype=np.uint8)).save(tmp_path / "photo.jpg")
    stripes = np.zeros((50, 50, 3), dtype=np.uint8)
    stripes[::4] = (250, 200, 40)
    Image.fromarray(stripes).save(tmp_path / "painting.png")
    Image.new("RGB", (200, 5)).save(tmp_path / "strip.png")  # 32×1 at --size 32
    (tmp_path / "notes.png").write_text("not a picture", encoding="utf-8")
    return tmp_path


def stylize_args(folder, *extra):
    return ["stylize", "--content", str(folder / "photo.jpg"), "--style", str(folder / "painting.png"),
            "--size", "32", "--steps", "3", "--network", "random", "--no-progress", *extra]


def test_the_command_writes_a_picture_of_the_asked_size(pictures, capsys):
    assert main(stylize_args(pictures, "--out", str(pictures / "out" / "result.png"))) == 0
    with Image.open(pictures / "out" / "result.png") as result:
        assert result.format == "PNG" and result.mode == "RGB" and result.size == (24, 32)  # 60×80 → 24×32
    out = capsys.readouterr().out
    assert "random filters" in out and "wrote" in out and "style loss" in out
    assert [p.name for p in (pictures / "out").iterdir()] == ["result.png"]  # nothing left half-written


def test_the_same_seed_paints_the_same_bytes(pictures):
    """The seed draws the starting noise and the random filters: from the content picture, only the
    filters differ."""
    runs = {"a.png": ("noise", "0"), "b.png": ("noise", "0"), "c.png": ("noise", "1"), "d.png": ("content", "0"),
            "e.png": ("content", "1")}
    for name, (init, seed) in runs.items():
        assert main(stylize_args(pictures, "--init", init, "--seed", seed, "--out", str(pictures / name))) == 0
    read = {name: (pictures / name).read_bytes() for name in runs}
    assert read["a.png"] == read["b.png"] != read["c.png"]
    assert read["d.png"] != read["e.png"]


@pytest.mark.parametrize("change, needles", [
    ({"--content": "missing.jpg"}, ["missing.jpg", "does not exist"]),
    ({"--style": "notes.png"}, ["cannot read", "notes.png", "as a picture"]),
    ({"--style": "."}, ["is a folder"]),
    ({"--size": "0"}, ["--size", "from 32 to 1024", "got 0"]),
    ({"--size": "5000"}, ["--size", "got 5000"]),
    ({"--content": "strip.png"}, ["strip.png", "too narrow", "16"]),
    ({"--steps": "0"}, ["--steps", "1 or more"]),
    ({"--style-weight": "-1"}, ["--style-weight", "0 or more"]),
    ({"--out": "result.txt"}, ["must end in", ".png"]),
    ({"--out": "."}, ["is a folder", "result.png"]),
])
def test_bad_input_gives_one_line_and_writes_nothing(pictures, capsys, change, needles):
    args = stylize_args(pictures, "--out", str(pictures / "result.png"))
    for flag, value in change.items():
        value = str(pictures / value) if flag in ("--content", "--style", "--out") else value
        args += [flag, value] if flag not in args else []
        args[args.index(flag) + 1] = value
    before = sorted(pictures.iterdir())
    assert main(args) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ganlib stylize: error:"), lines
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    assert sorted(pictures.iterdir()) == before


def test_a_failed_write_leaves_the_old_picture_as_it_was(pictures, monkeypatch, capsys):
    out = pictures / "result.png"
    out.write_bytes(b"the old picture")

    def half_then_fail(picture, file, **options):
        file.write(b"\x89PNG half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Image.Image, "save", half_then_fail)
    assert main(stylize_args(pictures, "--out", str(out))) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_bytes() == b"the old picture" and not list(pictures.glob(".*partial"))
