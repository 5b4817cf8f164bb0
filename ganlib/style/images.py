"""Pictures in and out of style transfer, through Pillow. Lesson 10 and ``python -m ganlib stylize``.

An image in the loop is a float32 tensor 1×3×H×W with values in [0, 1] (RGB).
"""

from pathlib import Path

import numpy as np
import torch

from ..data.folders import upright_rgb
from ..files import atomic_file
from ..i18n import tr
from .options import check_shape, check_size


def load_image(path: str | Path, *, size: int) -> torch.Tensor:
    """The picture at ``path`` (any format Pillow reads: PNG, JPEG, ...) as float32 1×3×H×W in [0, 1],
    resized (bicubic, antialiased) so that its longer side is ``size`` pixels, keeping its shape;
    EXIF orientation applied, transparency over white. ValueError in one line for a missing file, a
    folder, a file that is not a picture Pillow can read, or a picture too narrow at this size (a side
    under 16 pixels). Lesson 10."""
    from PIL import Image

    check_size(size)
    path = Path(path)
    if not path.is_file():
        what = tr(en="is a folder", vi="là một thư mục") if path.is_dir() else tr(en="does not exist",
                                                                                    vi="không tồn tại")
        raise ValueError(tr(en=f"{path} {what}; give the path of a picture (PNG, JPEG, ...)",
                            vi=f"{path} {what}; hãy đưa đường dẫn tới một tệp ảnh (PNG, JPEG, ...)"))
    try:
        with Image.open(path) as opened:
            picture = upright_rgb(opened)
            scale = size / max(picture.size)
            shape = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
            picture = picture.resize(shape, Image.Resampling.BICUBIC, reducing_gap=3.0)
    except Exception as error:  # Pillow raises many kinds (OSError, ValueError, SyntaxError, DecompressionBombError)
        raise ValueError(tr(en=f"cannot read {path} as a picture ({type(error).__name__}); give a PNG, JPEG or "
                               "another picture Pillow reads",
                            vi=f"không đọc được {path} dưới dạng ảnh ({type(error).__name__}); hãy dùng ảnh PNG, "
                               "JPEG hoặc một định dạng ảnh khác mà Pillow đọc được")) from None
    check_shape(*picture.size, name=path)
    pixels = np.asarray(picture, dtype=np.float32) / 255
    return torch.from_numpy(np.ascontiguousarray(pixels.transpose(2, 0, 1)))[None]


def save_image(image: torch.Tensor, path: str | Path) -> None:
    """Write ``image`` (1×3×H×W or 3×H×W, values in [0, 1], clipped) as an 8-bit RGB picture at ``path``,
    whole or not at all (:func:`ganlib.files.atomic_file`); the format follows the extension (PNG for
    .png, JPEG for .jpg, ...), PNG when there is none. Lesson 10."""
    from PIL import Image

    path = Path(path)
    pixels = image.detach().reshape(3, *image.shape[-2:]).clamp(0, 1).mul(255).round().to(torch.uint8)
    picture = Image.fromarray(pixels.permute(1, 2, 0).cpu().numpy())
    file_format = Image.registered_extensions().get(path.suffix.lower(), "PNG")
    with atomic_file(path) as file:
        picture.save(file, format=file_format)
