"""Folders of pictures (lesson 09): any layout and format read as RGB, bad files skipped and counted, clear
errors, a fixed dealt order, a cache that follows the folder, and the colour digits written as a folder."""

import json
import os
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from ganlib import language
from ganlib.cli import main
from ganlib.data import colour_digits, colour_split, load_folder, write_colour_digits
from ganlib.data import folders as folders_module

RED, GREEN, BLUE = (255, 0, 0), (0, 255, 0), (0, 0, 255)


def solid(mode: str, size: tuple[int, int], colour) -> Image.Image:
    return Image.new(mode, size, colour)


def make_folder(root):
    """A folder as a user keeps it: classes in sub-folders (one nested deeper), pictures at the top, every
    mode and both formats, mixed sizes, and four files that are not readable pictures."""
    (root / "cats" / "old").mkdir(parents=True)
    (root / "dogs").mkdir()
    solid("RGB", (40, 30), RED).save(root / "cats" / "red.png")
    solid("L", (50, 50), 128).save(root / "cats" / "grey.png")  # grayscale
    solid("RGBA", (20, 20), (0, 0, 255, 0)).save(root / "cats" / "old" / "clear.png")  # fully transparent
    palette = solid("P", (33, 33), 0)
    palette.putpalette([0, 255, 0] + [0] * 765)
    palette.save(root / "dogs" / "palette.png")
    solid("RGB", (64, 48), BLUE).save(root / "dogs" / "blue.jpg", quality=95)
    solid("RGB", (32, 32), GREEN).save(root / "top.bmp")  # BMP: the size never depends on the colour
    (root / "dogs" / "empty.png").write_bytes(b"")
    (root / "dogs" / "notes.txt").write_text("my dogs", encoding="utf-8")
    good = (root / "cats" / "red.png").read_bytes()
    (root / "cats" / "broken.png").write_bytes(good[: len(good) // 2])  # truncated
    (root / "cats" / "fake.jpg").write_bytes(b"\xff\xd8\xff" + b"\0" * 200)  # a JPEG header, nothing else
    (root / ".DS_Store").write_bytes(b"\0\1")  # hidden: not tried, not counted
    return root


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GANLIB_DATA_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "folders"


def by_name(folder):
    """Each readable picture's colour at its centre, by file stem, decoded in file order."""
    decoded = folders_module.decode_folder(folder, folders_module.picture_files(folder), image_size=32)
    readable = [p for p in folders_module.picture_files(folder)
                if p.relative_to(folder).as_posix() not in decoded.skipped]
    return {path.stem: tuple(decoded.images[i, :, 16, 16].tolist()) for i, path in enumerate(readable)}


def test_any_layout_and_mode_becomes_rgb_and_bad_files_are_skipped_and_counted(tmp_path, cache, capsys):
    folder = make_folder(tmp_path / "pets")
    pictures = load_folder(folder, min_images=1)
    assert pictures.images.shape == (6, 3, 32, 32) and pictures.images.dtype == torch.uint8
    assert pictures.classes == (".", "cats", "dogs")
    assert sorted(np.bincount(pictures.labels.numpy()).tolist()) == [1, 2, 3]
    assert sorted(pictures.skipped) == ["cats/broken.png", "cats/fake.jpg", "dogs/empty.png", "dogs/notes.txt"]
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Skipped 4 file(s) that are not readable pictures:")
    colours = by_name(folder)
    assert colours["red"] == RED and colours["top"] == GREEN and colours["palette"] == GREEN
    assert colours["grey"] == (128, 128, 128)
    assert colours["clear"] == (255, 255, 255)  # transparency over white, not the hidden blue
    assert max(abs(a - b) for a, b in zip(colours["blue"], BLUE)) <= 3  # JPEG is lossy


def test_the_skip_line_speaks_vietnamese(tmp_path, cache, capsys):
    with language("vi"):
        load_folder(make_folder(tmp_path / "pets"), min_images=1)
    assert capsys.readouterr().err.startswith("Đã bỏ qua 4 tệp không phải ảnh hoặc không đọc được:")


@pytest.mark.parametrize("size, stripes, expected", [
    ((96, 32), "columns", GREEN),   # wide: the middle third survives
    ((32, 96), "rows", GREEN),      # tall: the same
])
def test_the_shorter_side_is_resized_and_the_centre_cropped(tmp_path, cache, size, stripes, expected):
    folder = tmp_path / "wide"
    folder.mkdir()
    picture = np.zeros((size[1], size[0], 3), dtype=np.uint8)
    third = max(size) // 3
    for i, colour in enumerate((RED, GREEN, BLUE)):
        if stripes == "columns":
            picture[:, i * third:(i + 1) * third] = colour
        else:
            picture[i * third:(i + 1) * third] = colour
    Image.fromarray(picture).save(folder / "stripes.png")
    image = load_folder(folder, min_images=1, image_size=64, verbose=False).images[0]
    assert image.shape == (3, 64, 64)
    assert (image[:, 4:-4, 4:-4] == torch.tensor(expected, dtype=torch.uint8)[:, None, None]).all()


def test_the_order_is_fixed_by_the_seed_and_dealt(tmp_path, cache):
    folder = write_colour_digits(tmp_path / "digits", n=200)
    first = load_folder(folder, seed=0, verbose=False)
    again = load_folder(folder, seed=0, cache=False, verbose=False)
    other = load_folder(folder, seed=1, verbose=False)
    assert torch.equal(first.images, again.images) and torch.equal(first.labels, again.labels)
    assert not torch.equal(first.labels, other.labels)
    assert torch.bincount(first.labels[:100], minlength=10).tolist() == [10] * 10  # every prefix in proportion


def test_the_cache_is_reused_while_the_folder_is_unchanged_and_rebuilt_when_it_changes(tmp_path, cache, monkeypatch):
    folder = make_folder(tmp_path / "pets")
    first = load_folder(folder, min_images=1, verbose=False)
    assert len(list(cache.glob("pets-*-32px.npz"))) == 1
    monkeypatch.setattr(folders_module, "decode_picture", lambda *args, **kwargs: pytest.fail("decoded again"))
    cached = load_folder(folder, min_images=1, verbose=False)
    assert torch.equal(cached.images, first.images) and cached.skipped == first.skipped
    monkeypatch.undo()
    monkeypatch.setenv("GANLIB_DATA_DIR", str(cache.parent))
    solid("RGB", (32, 32), BLUE).save(folder / "dogs" / "new.png")
    assert len(load_folder(folder, min_images=1, verbose=False).labels) == 7
    top = folder / "top.bmp"
    size = top.stat().st_size
    solid("RGB", (32, 32), RED).save(top)  # the same name and size, new contents: only the time tells
    assert top.stat().st_size == size
    os.utime(top, ns=(10**18, 10**18))
    changed = load_folder(folder, min_images=1, verbose=False)
    assert tuple(changed.images[changed.labels == 0][0, :, 16, 16].tolist()) == RED
    assert len(list(cache.glob("*.npz"))) == 1  # one file per folder and size, replaced


def test_a_damaged_cache_is_rebuilt_and_cache_false_writes_nothing(tmp_path, cache):
    folder = make_folder(tmp_path / "pets")
    load_folder(folder, min_images=1, cache=False, verbose=False)
    assert not cache.exists()
    first = load_folder(folder, min_images=1, verbose=False)
    [path] = cache.glob("*.npz")
    path.write_bytes(b"not a cache")
    assert torch.equal(load_folder(folder, min_images=1, verbose=False).images, first.images)


@pytest.mark.parametrize("case, message", [
    ("missing", "does not exist; give the folder that holds your pictures"),
    ("file", "is a file, not a folder"),
    ("empty", "holds no files; put your pictures"),
    ("only bad files", "holds 0 readable pictures (2 files skipped); training needs at least 64: add pictures"),
    ("too few", "holds 3 readable pictures (0 files skipped); training needs at least 64: add pictures"),
    ("size", "image_size must be one of (32, 64), got 48"),
])
def test_bad_folders_get_one_clear_line(tmp_path, cache, case, message):
    folder = tmp_path / "mine"
    if case == "file":
        folder.write_text("x", encoding="utf-8")
    elif case != "missing":
        folder.mkdir()
        (folder / ".hidden.png").write_bytes(b"")
    if case == "only bad files":
        (folder / "a.png").write_bytes(b"")
        (folder / "b.txt").write_text("b", encoding="utf-8")
    if case == "too few":
        for i in range(3):
            solid("RGB", (8, 8), RED).save(folder / f"{i}.png")
    with pytest.raises(ValueError, match=r"^[^\n]*$") as error:
        load_folder(folder, image_size=48 if case == "size" else 32, verbose=False)
    assert message in str(error.value)


def test_the_colour_digits_are_a_folder_that_reads_back_exactly(tmp_path, cache):
    folder = write_colour_digits(tmp_path / "colour", n=100, seed=3)
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [str(d) for d in range(10)]
    images, labels = colour_digits(n=100, seed=3)
    read = folders_module.decode_folder(folder, folders_module.picture_files(folder), image_size=32)
    order = np.argsort(labels, kind="stable")  # the files are sorted by class folder, then index
    assert read.skipped == () and np.array_equal(read.images.numpy(), images[order].transpose(0, 3, 1, 2))
    assert write_colour_digits(folder, n=100, seed=3) == folder  # the same set: nothing to do
    with pytest.raises(ValueError, match="exists and holds other files"):
        write_colour_digits(folder, n=100, seed=4)
    assert not list(tmp_path.glob(".colour.*.partial"))


def test_colour_picture_i_is_the_same_whatever_n_is(cache):
    """Lesson 09 trains on the folder of the first 3000 pictures and measures against the next ones: that
    holds only if picture i does not depend on how many are made."""
    small, small_labels = colour_digits(n=300, seed=0)
    large, large_labels = colour_digits(n=5000, seed=0)
    assert np.array_equal(small, large[:300]) and np.array_equal(small_labels, large_labels[:300])


def test_colour_split_is_the_held_out_protocol(cache):
    split = colour_split()
    images, labels = colour_digits(n=5000, seed=0)
    as_tensor = torch.from_numpy(images).permute(0, 3, 1, 2)
    for part, (start, stop) in zip(split, ((0, 3000), (3000, 4000), (4000, 5000))):
        assert part.dtype == torch.uint8 and part.shape == (stop - start, 3, 32, 32) and part.is_contiguous()
        assert torch.equal(part, as_tensor[start:stop])
        counts = np.bincount(labels[start:stop], minlength=10)
        assert counts.max() - counts.min() <= 2  # every class equally, ±1
    assert torch.equal(split.train, torch.from_numpy(colour_digits(n=3000)[0]).permute(0, 3, 1, 2))


def test_colour_tells_the_class_as_shape_does(cache):
    """A nearest-mean classifier on two colours alone (the brightest and the darkest pixel) reads the class
    of most pictures: the generator has to get colour and shape to agree."""
    images, labels = colour_digits(n=1000, seed=0)
    flat = images.reshape(len(images), -1, 3).astype(np.float64)
    brightness = flat.sum(axis=2)
    ink = flat[np.arange(len(flat)), brightness.argmax(axis=1)]
    background = flat[np.arange(len(flat)), brightness.argmin(axis=1)]
    features = np.concatenate([ink, background], axis=1)
    train, test = slice(0, 500), slice(500, None)
    means = np.stack([features[train][labels[train] == c].mean(axis=0) for c in range(10)])
    guess = np.linalg.norm(features[test][:, None] - means[None], axis=2).argmin(axis=1)
    assert (guess == labels[test]).mean() > 0.9
    assert len({tuple(c) for c in images[:, 0, 0].tolist()}) > 900  # and every picture varies its colours


def test_score_against_a_folder_prints_the_distance_and_its_floor(tmp_path, cache, capsys):
    """``python -m ganlib score FILE --against FOLDER`` (lesson 09), in this process: JSON on stdout, the
    skipped files in one warning line on stderr; samples from the folder's own distribution score near
    the floor, noise far above it."""
    folder = write_colour_digits(tmp_path / "colour", n=200)
    (folder / "3" / "broken.png").write_bytes(b"")
    real = torch.from_numpy(colour_digits(n=100, seed=9)[0][-40:]).permute(0, 3, 1, 2).float() / 127.5 - 1
    torch.save(real, tmp_path / "real.pt")
    torch.save(torch.rand(40, 3, 32, 32) * 2 - 1, tmp_path / "noise.pt")
    reports = {}
    for name in ("real", "noise"):
        assert main(["score", str(tmp_path / f"{name}.pt"), "--range=-1,1", "--against", str(folder)]) == 0
        out, err = capsys.readouterr()
        reports[name] = json.loads(out)
        assert err.strip().splitlines() == ["ganlib score: warning: Skipped 1 file(s) that are not readable "
                                            "pictures: 3/broken.png"]
    assert reports["real"]["n"] == 40 and reports["real"]["distance_name"].startswith("SWD")
    assert set(reports["real"]["levels"]) == {"32", "16"}
    assert reports["real"]["distance"] < 1.5 * reports["real"]["floor"] < reports["noise"]["distance"] / 2


@pytest.mark.parametrize("samples, against, message", [
    (torch.zeros(20, 1, 28, 28), "colour", "--against compares colour pictures N×3×32×32 or N×3×64×64, got "
                                           "(20, 1, 28, 28)"),
    (torch.zeros(20, 1, 32, 32), "colour", "--against compares colour pictures N×3×32×32 or N×3×64×64, got "
                                           "(20, 1, 32, 32)"),
    (torch.zeros(20, 3, 32, 32), "nowhere", "does not exist; give the folder that holds your pictures"),
    (torch.full((20, 3, 32, 32), 2.0), "colour", "outside the declared range"),
])
def test_score_against_refuses_bad_input_in_one_line(tmp_path, cache, capsys, samples, against, message):
    write_colour_digits(tmp_path / "colour", n=100)
    torch.save(samples, tmp_path / "samples.pt")
    assert main(["score", str(tmp_path / "samples.pt"), "--against", str(tmp_path / against)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and message in err, err


def test_the_cache_line_shows_home_as_a_tilde(tmp_path, monkeypatch):
    from ganlib.data.folders import shown_path
    monkeypatch.setenv("HOME", str(tmp_path))
    assert shown_path(tmp_path / ".cache" / "ganlib" / "x.npz") == str(Path("~") / ".cache" / "ganlib" / "x.npz")
    assert shown_path(Path("/elsewhere/x.npz")) == "/elsewhere/x.npz"
