"""A folder of pictures as a user keeps them → one uint8 tensor of colour images. Lesson 09.

Any folder works: flat, or nested in sub-folders as torchvision's ``ImageFolder`` expects
(``root/cat/001.png``, ``root/dog/x/002.jpg``). Every file whose name does not start with "." is
tried with Pillow, whatever its extension (PNG, JPEG, BMP, GIF, WebP, TIFF, ...): grayscale, RGBA
and palette pictures become RGB (transparent parts over white), phone photos are turned upright
(EXIF), and each picture is resized so that its shorter side is ``image_size``, then centre-cropped
to a square. Files Pillow cannot read (corrupt, empty, not a picture) are skipped and counted in one
printed line; they never stop a run.

The class of a picture is the first sub-folder it lies in ("." for pictures at the top), as in
``ImageFolder``; a flat folder is one class. The pictures come out in a fixed order that depends on
their paths and ``seed`` only, dealt like cards (:func:`ganlib.data.dealt_order`) so that every
prefix holds every class in proportion.

Decoding is done once: the result is cached as
``$GANLIB_DATA_DIR/folders/<folder name>-<hash of its path>-<size>px.npz`` (default
``~/.cache/ganlib/folders/``) and reused while the folder's files (their paths, sizes and
modification times) and ``image_size`` stay the same; a change rebuilds it. To clear the cache,
delete that ``folders`` directory; ``cache=False`` neither reads nor writes it.
"""

import hashlib
import json
import sys
from pathlib import Path
from typing import NamedTuple

import numpy as np
import torch

from ..files import atomic_file
from ..i18n import tr
from .mnist import default_cache_dir, dealt_order

IMAGE_SIZES = (32, 64)  # the sizes the course's colour DCGAN is built for
MIN_IMAGES = 64  # one batch of the default TrainConfig
TOP_CLASS = "."  # the class of pictures that lie directly in the folder
CACHE_VERSION = 1  # bump when the decoding changes, so old caches are rebuilt
SHOWN_NAMES = 3  # skipped files named in the printed line


class Pictures(NamedTuple):
    """The pictures of a folder.

    images: uint8, N×3×S×S, values 0..255 (S = the ``image_size`` asked for).
    labels: int64, N, values 0..len(classes)−1: the index of each picture's class.
    classes: the class names, sorted: the first-level sub-folders ("." for pictures at the top).
    skipped: the relative paths of the files that could not be read as pictures.
    """

    images: torch.Tensor
    labels: torch.Tensor
    classes: tuple[str, ...]
    skipped: tuple[str, ...]


def picture_files(folder: Path) -> list[Path]:
    """Every file under ``folder`` (sub-folders included) whose path has no part starting with ".",
    sorted by relative path (POSIX form), so the order never depends on the file system."""
    files = (path for path in folder.rglob("*") if path.is_file())
    visible = (path for path in files if not any(part.startswith(".") for part in path.relative_to(folder).parts))
    return sorted(visible, key=lambda path: path.relative_to(folder).as_posix())


def class_of(relative: Path) -> str:
    """The class of a picture at ``relative`` (its path inside the folder): its first sub-folder, or "."."""
    return relative.parts[0] if len(relative.parts) > 1 else TOP_CLASS


def upright_rgb(picture):
    """An opened Pillow picture as RGB: EXIF orientation applied (phone photos upright), transparent
    parts over white. Used here and by the style transfer of lesson 10 (:mod:`ganlib.style.images`)."""
    from PIL import Image, ImageOps

    picture = ImageOps.exif_transpose(picture)
    if picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info:
        picture = picture.convert("RGBA")
        picture = Image.alpha_composite(Image.new("RGBA", picture.size, "white"), picture)
    return picture.convert("RGB")


def decode_picture(path: Path, *, image_size: int) -> np.ndarray | None:
    """The picture at ``path`` as uint8 3×S×S (S = ``image_size``): RGB, transparency over white,
    EXIF orientation applied, shorter side resized to S (bicubic, antialiased), centre-cropped.
    None if Pillow cannot read it (corrupt, empty, not a picture)."""
    from PIL import Image, ImageOps

    try:
        with Image.open(path) as picture:
            picture.draft("RGB", (image_size, image_size))  # JPEG: decode at a reduced scale, much faster
            picture = ImageOps.fit(upright_rgb(picture), (image_size, image_size),
                                   method=Image.Resampling.BICUBIC)
            # Contiguous, as the cache reads back: a strided copy would make later convolutions round differently.
            return np.ascontiguousarray(np.asarray(picture, dtype=np.uint8).transpose(2, 0, 1))
    except Exception:  # Pillow raises many kinds (OSError, ValueError, SyntaxError, DecompressionBombError)
        return None


def folder_key(folder: Path, files: list[Path], *, image_size: int) -> str:
    """SHA-256 of what the decoded pictures depend on: each file's relative path, size and modification
    time (ns), ``image_size`` and :data:`CACHE_VERSION`."""
    listing = [[path.relative_to(folder).as_posix(), path.stat().st_size, path.stat().st_mtime_ns] for path in files]
    text = json.dumps({"files": listing, "image_size": image_size, "version": CACHE_VERSION})
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_path(folder: Path, *, image_size: int) -> Path:
    """Where the decoded pictures of ``folder`` are cached (see the module's docstring): one file per
    folder and size, replaced when the folder changes."""
    where = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:12]
    return default_cache_dir() / "folders" / f"{folder.name}-{where}-{image_size}px.npz"


def read_cache(path: Path, key: str) -> Pictures | None:
    """The pictures cached at ``path`` if the file is there, readable and made for ``key``; else None."""
    try:
        with np.load(path, allow_pickle=False) as arrays:
            if str(arrays["key"]) != key:
                return None
            return Pictures(torch.from_numpy(arrays["images"]), torch.from_numpy(arrays["labels"]),
                            tuple(arrays["classes"].tolist()), tuple(arrays["skipped"].tolist()))
    except (OSError, KeyError, ValueError):
        return None


def write_cache(path: Path, key: str, pictures: Pictures) -> None:
    """Cache ``pictures`` at ``path`` for ``key``, atomically (:func:`ganlib.files.atomic_file`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(path) as file:
        np.savez(file, key=np.array(key), images=pictures.images.numpy(), labels=pictures.labels.numpy(),
                 classes=np.array(pictures.classes, dtype=str), skipped=np.array(pictures.skipped, dtype=str))


def decode_folder(folder: Path, files: list[Path], *, image_size: int) -> Pictures:
    """Decode ``files`` (inside ``folder``) into :class:`Pictures`, in the order of ``files``."""
    decoded, names, skipped = [], [], []
    for path in files:
        relative = path.relative_to(folder)
        picture = decode_picture(path, image_size=image_size)
        if picture is None:
            skipped.append(relative.as_posix())
        else:
            decoded.append(picture)
            names.append(class_of(relative))
    classes = tuple(sorted(set(names)))
    labels = torch.tensor([classes.index(name) for name in names], dtype=torch.int64)
    images = torch.from_numpy(np.stack(decoded)) if decoded else torch.empty(0, 3, image_size, image_size,
                                                                              dtype=torch.uint8)
    return Pictures(images, labels, classes, tuple(skipped))


def check_folder(folder: Path, *, image_size: int) -> list[Path]:
    """The candidate files of ``folder``; ValueError (one line, in the notebook's language) if it is not
    a folder, holds no files, or ``image_size`` is not one of :data:`IMAGE_SIZES`."""
    if image_size not in IMAGE_SIZES:
        raise ValueError(tr(en=f"image_size must be one of {IMAGE_SIZES}, got {image_size!r}",
                            vi=f"image_size phải là một trong các giá trị {IMAGE_SIZES}, nhận được {image_size!r}"))
    if not folder.is_dir():
        what = tr(en="does not exist", vi="không tồn tại") if not folder.exists() else tr(
            en="is a file, not a folder", vi="là một tệp, không phải thư mục")
        raise ValueError(tr(en=f"{folder} {what}; give the folder that holds your pictures",
                            vi=f"{folder} {what}; hãy chỉ định thư mục chứa ảnh của bạn"))
    files = picture_files(folder)
    if not files:
        raise ValueError(tr(en=f"{folder} holds no files; put your pictures (PNG, JPEG, ...) in it or in its "
                               "sub-folders",
                            vi=f"{folder} không chứa tệp nào; hãy đặt ảnh của bạn (PNG, JPEG, ...) vào thư mục "
                               "này hoặc vào các thư mục con của nó"))
    return files


def skipped_line(skipped: tuple[str, ...]) -> str:
    """One line saying how many files were skipped, naming the first three (printed by :func:`report`
    and ``python -m ganlib score --against``)."""
    shown = ", ".join(skipped[:SHOWN_NAMES]) + (", …" if len(skipped) > SHOWN_NAMES else "")
    return tr(en=f"Skipped {len(skipped)} file(s) that are not readable pictures: {shown}",
              vi=f"Đã bỏ qua {len(skipped)} tệp không phải ảnh hoặc không đọc được: {shown}")


def shown_path(path: Path) -> str:
    """``path`` as printed to the user: under the home folder as ``~/...`` (the same on every machine)."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def report(folder: Path, pictures: Pictures, *, image_size: int, cache: Path | None) -> None:
    """Print what was read: one line for the pictures, one on stderr for the skipped files (if any)."""
    n, k = len(pictures.labels), len(pictures.classes)
    where = (tr(en=f"; cached in {shown_path(cache)}", vi=f"; đã lưu vào bộ nhớ đệm (cache) tại {shown_path(cache)}")
             if cache else "")
    print(tr(en=f"Read {n} pictures of {image_size}×{image_size} px in {k} class(es) from {folder.name}/{where}.",
             vi=f"Đã đọc {n} ảnh cỡ {image_size}×{image_size} px thuộc {k} lớp từ {folder.name}/{where}."))
    if pictures.skipped:
        print(skipped_line(pictures.skipped), file=sys.stderr)


def load_folder(folder: str | Path, *, image_size: int = 32, seed: int = 0, min_images: int = MIN_IMAGES,
                cache: bool = True, verbose: bool = True) -> Pictures:
    """The pictures of ``folder`` as :class:`Pictures` (uint8 N×3×S×S with S = ``image_size``, 32 or 64),
    read as the module's docstring says, from the cache when the folder is unchanged.

    seed: fixes the dealt order of the pictures (the same folder and seed give the same order).
    min_images: the fewest readable pictures accepted (default 64, one training batch); fewer raise
        ValueError saying how many are needed. So do a path that is not a folder and a folder with no
        files; unreadable files are skipped and counted, never an error.
    cache: False neither reads nor writes the cache. verbose: print what was read and skipped.
    Used by lesson 09 and ``python -m ganlib train --data FOLDER``.
    """
    folder = Path(folder).expanduser()
    files = check_folder(folder, image_size=image_size)
    key = folder_key(folder, files, image_size=image_size)
    where = cache_path(folder, image_size=image_size) if cache else None
    pictures = read_cache(where, key) if where else None
    if pictures is None:
        pictures = decode_folder(folder, files, image_size=image_size)
        if where:
            write_cache(where, key, pictures)
    order = dealt_order(pictures.labels, seed=seed)
    pictures = pictures._replace(images=pictures.images[order], labels=pictures.labels[order])
    if verbose:
        report(folder, pictures, image_size=image_size, cache=where)
    if len(pictures.labels) < min_images:
        raise ValueError(tr(
            en=f"{folder} holds {len(pictures.labels)} readable pictures ({len(pictures.skipped)} files skipped); "
               f"training needs at least {min_images}: add pictures",
            vi=f"{folder} chỉ có {len(pictures.labels)} ảnh đọc được (bỏ qua {len(pictures.skipped)} tệp); "
               f"huấn luyện cần ít nhất {min_images} ảnh: hãy thêm ảnh"))
    return pictures
