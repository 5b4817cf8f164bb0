# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# # 09 — GAN trên ảnh của chính bạn: một thư mục ảnh màu, đo chất lượng không cần mạng huấn luyện sẵn
#
# Câu hỏi đầu tiên sau MNIST thường là: "làm sao huấn luyện trên ảnh của tôi?". Bài học gốc của khóa này cũng
# kết thúc bằng bài tập ấy. Bài này đi từ chữ số của khóa học tới ảnh của bạn: biến một thư mục ảnh thành một tensor,
# điều gì thay đổi khi ảnh có màu, đo chất lượng bằng một khoảng cách **không cần mạng huấn luyện sẵn** (*pretrained
# network*), 64 px tốn thêm bao nhiêu, một ý tưởng của StyleGAN đặt cạnh DCGAN của bài 07 với **cùng thời gian huấn
# luyện**, và điều gì xảy ra khi chỉ có một trăm ảnh. Bài này cũng là cây cầu sang bài 10 (chuyển phong cách ảnh,
# *style transfer*).

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# # 09 — A GAN on your own pictures: a folder of colour images, measured without a pretrained network
#
# The first question after MNIST is usually "how do I train it on my pictures?". The lesson this course grew
# from ends with that very assignment. This lesson goes from the course's digits to your pictures: from a
# folder of images to a tensor, what changes when pictures have colour, measuring quality with a distance that
# needs **no pretrained network**, what 64 px costs, one idea from StyleGAN next to lesson 07's DCGAN for **the
# same training time**, and what happens with only a hundred pictures. It is also the bridge to lesson 10
# (style transfer).

# %% slideshow={"slide_type": "skip"} tags=["colab"]
# notebooks/build.py writes here the cell that installs ganlib where it is missing and picks the language

# %% slideshow={"slide_type": "skip"}
import tempfile
from dataclasses import replace
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import scipy.ndimage
import torch
from PIL import Image
from torch.utils.flop_counter import FlopCounterMode

from ganlib import load_folder, show_digits, write_colour_digits
from ganlib.data import colour_split, to_gan_range
from ganlib.data.folders import decode_picture
from ganlib.gan import (TrainConfig, build_gan, count_parameters, discriminator_step, fixed_noise, generate,
                        generator_step, load_generator, train_gan)
from ganlib.gan.config import image_options, model_defaults
from ganlib.gan.timing import seconds_per_epoch
from ganlib.metrics import score_samples, sliced_wasserstein_distance, split_digits
from ganlib.metrics.neighbours import copying_report, nearest, spread_report
from ganlib.toys.seeds import format_spread, verdict_line

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Quy mô tính toán
#
# Mọi lần huấn luyện trong bài dùng 3000 chữ số màu (ta sẽ tạo chúng ngay sau đây) ở 32×32 px. 1000 ảnh khác
# làm mốc tham chiếu (*reference*) để đo, 1000 ảnh nữa làm ảnh thật "mới" cho mức sàn (*floor*); cả hai nhóm không
# bao giờ được dùng để huấn luyện. Mỗi thí nghiệm lặp lại với 3 seed (*hạt giống ngẫu nhiên*). Cả bài chạy khoảng 25
# phút trên một nhân CPU. `GANLIB_QUICK=1` (kiểm thử tự động) thu nhỏ mọi thứ xuống 2 seed, vài trăm ảnh và vài giây
# mỗi lần chạy, nên các con số từ những lần huấn luyện và từ các phép đo trên 1000 ảnh đổi theo chế độ; nbval chỉ so
# sánh đầu ra của những ô không phụ thuộc vào chế độ.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Compute scale
#
# Every run in this lesson trains on 3000 colour digits (made right below) at 32×32 px. 1000 other pictures
# are the reference we measure against, and 1000 more are "fresh" real pictures for the floor; neither group
# is ever trained on. Every experiment is repeated with 3 seeds. The whole lesson takes about 25 minutes on
# one CPU core. `GANLIB_QUICK=1` (automated tests) shrinks everything to 2 seeds, a few hundred pictures and
# seconds per run, so the numbers of training runs and of measurements on 1000 pictures depend on the mode;
# nbval compares only the cells that do not.

# %% slideshow={"slide_type": "fragment"}
QUICK = ganlib.is_quick()
SCALE = {"pictures": 300 if QUICK else 3000, "n": 200 if QUICK else 1000, "seeds": 2 if QUICK else 3,
         "few": 64 if QUICK else 100, "epochs": {"dcgan": 1, "dcgan-style": 1} if QUICK else
         {"dcgan": 12, "dcgan-style": 8}}
N = SCALE["n"]
parts = colour_split()  # uint8 N×3×32×32: train 3000, reference 1000, fresh 1000, none shared
train_pictures = parts.train[:SCALE["pictures"]]
reference, fresh = to_gan_range(parts.reference[:N]), to_gan_range(parts.fresh[:N])  # in [−1, 1], as G's output
workdir = Path(tempfile.mkdtemp())
torch.set_num_threads(1)  # the timings below compare models on one core, side by side

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Từ một thư mục thành một tensor
#
# Người ta giữ ảnh trong thư mục. `ganlib` nhận thư mục theo hai cách sắp xếp: phẳng (mọi ảnh nằm ngay trong
# thư mục), hoặc mỗi lớp một thư mục con như `ImageFolder` của torchvision (`meo/001.jpg`, `cho/002.png`). Thư mục
# con cấp đầu tiên chứa ảnh cho biết lớp của ảnh; GAN ở đây không dùng lớp để huấn luyện, nhưng nhờ lớp mà khi chỉ
# lấy một phần ảnh, ta vẫn giữ đúng tỉ lệ giữa các lớp. Để thấy quy ước này trước khi dùng ảnh của mình, ta ghi chữ
# số màu của khóa học ra một thư mục ảnh PNG bằng một hàm, `write_colour_digits`, rồi đọc lại bằng `load_folder` như
# với bất kỳ thư mục nào.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## From a folder to a tensor
#
# People keep pictures in folders. `ganlib` takes a folder in either of two layouts: flat (every picture
# directly in the folder), or one sub-folder per class as torchvision's `ImageFolder` expects (`cat/001.jpg`,
# `dog/002.png`). A picture's first sub-folder is its class; the GAN here does not train on classes, but they
# keep every class in proportion when we take a part of the pictures. To see the convention before using your
# own, we write the course's colour digits out as a folder of PNG files with one function,
# `write_colour_digits`, and read them back with `load_folder` as we would any folder.

# %% slideshow={"slide_type": "fragment"}
folder = write_colour_digits(workdir / "colour_digits", n=SCALE["pictures"])
files = sorted(path.relative_to(workdir).as_posix() for path in folder.rglob("*.png"))
print(*files[:3], "…", files[-1], sep="\n")
pictures = load_folder(folder, image_size=32)
print(ganlib.tr(en=f"images: {tuple(pictures.images.shape)} {pictures.images.dtype}, classes: {pictures.classes}",
                vi=f"ảnh: {tuple(pictures.images.shape)} {pictures.images.dtype}, các lớp: {pictures.classes}"))

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# `load_folder` giải mã (*decode*) mọi ảnh **một lần** rồi lưu kết quả vào bộ nhớ đệm (*cache*), một tệp `.npz`
# trong `~/.cache/ganlib/folders/` (hoặc trong `$GANLIB_DATA_DIR/folders/` nếu biến đó được đặt). Lần đọc sau dùng
# lại tệp này chừng nào các tệp trong thư mục (đường dẫn, dung lượng, thời điểm sửa) và cỡ ảnh yêu cầu không đổi;
# thêm hay sửa một ảnh thì bộ nhớ đệm được tạo lại. Muốn xóa, chỉ cần xóa thư mục `folders` đó. Kết quả là một tensor
# `uint8` cỡ N×3×S×S (giá trị 0..255), cùng dạng với MNIST của các bài trước nhưng có 3 kênh màu.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# `load_folder` decodes every picture **once** and caches the result, one `.npz` file in
# `~/.cache/ganlib/folders/` (or in `$GANLIB_DATA_DIR/folders/` when that is set). Later reads reuse it as long
# as the folder's files (their paths, sizes and modification times) and the size asked for stay the same;
# adding or editing a picture rebuilds it. To clear it, delete that `folders` directory. The result is a `uint8`
# tensor N×3×S×S (values 0..255), like the MNIST of earlier lessons but with 3 colour channels.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Thu nhỏ, cắt giữa và màu
#
# Ảnh thật không vuông, không cùng cỡ và không cùng kiểu màu. Mỗi ảnh đi qua ba bước: chuyển sang RGB (ảnh xám
# lặp một kênh thành ba; phần trong suốt của ảnh RGBA được đặt lên nền trắng; ảnh dùng bảng màu (*palette*) được
# tra ra màu thật), đổi cỡ sao cho **cạnh ngắn** bằng S, rồi **cắt lấy hình vuông ở giữa**. Ô dưới đây tạo một
# thư mục nhỏ có bốn tệp: một dải ảnh xám nằm ngang gồm ba chữ số, một ảnh RGBA cao với nền trong suốt, một ảnh GIF
# dùng bảng màu, và một tệp văn bản không phải ảnh.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Resizing, cropping and colour
#
# Real pictures are not square, not of one size and not of one colour mode. Each picture goes through three
# steps: to RGB (a grey picture repeats its one channel three times; the transparent parts of an RGBA picture
# go over white; a palette picture is looked up into its real colours), resized so that its **shorter side** is
# S, then **centre-cropped** to a square. The cell below makes a small folder of four files: a wide grey strip
# of three digits, a tall RGBA picture on a transparent background, a GIF that uses a palette, and a text file
# that is not a picture.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
odd = workdir / "odd_pictures"
odd.mkdir()
grey_digits = ganlib.load_bundled_mnist().images[:3, 0].numpy()  # three 28×28 digits, dealt: 3 classes
Image.fromarray(255 - np.concatenate(list(grey_digits), axis=1), mode="L").save(odd / "wide_grey.png")
colour = parts.train[:2].permute(0, 2, 3, 1).numpy()  # two colour digits, 32×32×3
alpha = np.zeros((96, 32), dtype=np.uint8)
alpha[32:64] = 255  # opaque in the middle third, transparent above and below
tall = np.concatenate([np.tile(colour[1], (3, 1, 1)), alpha[..., None]], axis=-1)
Image.fromarray(tall, mode="RGBA").save(odd / "tall_transparent.png")
Image.fromarray(colour[0]).resize((80, 48)).convert("P", palette=Image.Palette.ADAPTIVE, colors=16).save(odd / "palette.gif")
(odd / "notes.txt").write_text("not a picture")
for path in sorted(odd.iterdir()):
    try:
        with Image.open(path) as picture:
            before = f"{picture.mode:>4} {picture.width}×{picture.height}"
    except OSError:
        before = ganlib.tr(en="not a picture", vi="không phải ảnh")
    after = decode_picture(path, image_size=32)
    shape = ganlib.tr(en="skipped", vi="bị bỏ qua") if after is None else "×".join(map(str, after.shape))
    print(f"{path.name:<21} {before:<14} → {shape}")

# %% slideshow={"slide_type": "fragment"}
decoded = {path.name: decode_picture(path, image_size=32) for path in sorted(odd.glob("*.*"))}
shown = [name for name, picture in decoded.items() if picture is not None]
fig, axes = plt.subplots(2, len(shown), figsize=(2.4 * len(shown), 4.4))
for column, name in enumerate(shown):
    with Image.open(odd / name) as picture:
        axes[0, column].imshow(picture.convert("RGBA"))
    axes[1, column].imshow(decoded[name].transpose(1, 2, 0), interpolation="nearest")
    axes[0, column].set_title(name, fontsize=9)
for ax in axes.flat:
    ax.set_xticks([])
    ax.set_yticks([])
axes[0, 0].set_ylabel(ganlib.tr(en="the file", vi="tệp gốc"))
axes[1, 0].set_ylabel(ganlib.tr(en="what G sees, 32×32", vi="ảnh mà G thấy, 32×32"))
fig.tight_layout()

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Cắt giữa giữ được phần giữa và bỏ hai đầu của cạnh dài: dải ba chữ số chỉ còn chữ số ở giữa, ảnh cao chỉ còn
# phần không trong suốt ở giữa. Nếu phần quan trọng trong ảnh của bạn nằm lệch về một phía, hãy tự cắt trước. Đổi cỡ
# làm mất mọi chi tiết nhỏ hơn một điểm ảnh của ảnh đích: ở 32 px, một khuôn mặt chỉ còn vài điểm ảnh cho mỗi mắt.
# Khi đọc cả thư mục, tệp văn bản bị bỏ qua và được đếm trong một dòng thông báo, chứ không làm dừng lần chạy:

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# Centre-cropping keeps the middle and drops both ends of the long side: the strip of three digits keeps only
# its middle digit, the tall picture only its opaque middle. If what matters in your pictures sits off to one
# side, crop them yourself first. Resizing loses every detail smaller than a pixel of the target: at 32 px a
# face has a few pixels per eye. The text file is skipped and counted in one line when the whole folder is
# read, and it does not stop the run:

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
odd_pictures = load_folder(odd, image_size=32, min_images=1, cache=False)

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Chữ số màu: màu đi cùng hình dạng
#
# Mỗi lớp chữ số có màu mực và màu nền riêng (mỗi ảnh lệch đi một chút quanh màu của lớp), nên màu cho biết lớp
# cũng như hình dạng cho biết lớp. Bộ sinh (*generator*) phải học **màu cùng với hình dạng**, điều MNIST không đòi
# hỏi: một chữ số 3 mang màu của số 7 là một lỗi mà lưới ảnh cho thấy ngay. Mỗi hàng dưới đây gồm mười ảnh của thư
# mục; các ảnh được chia lần lượt theo từng lớp, nên hàng nào cũng có đủ mười lớp.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The colour digits: colour goes with shape
#
# Each digit class has its own ink and background colours (each picture varies a little around its class's),
# so the colour tells the class as the shape does. The generator must learn **colour together with shape**,
# which MNIST does not ask for: a 3 in the 7's colours is a mistake a grid shows at a glance. Each row below is
# ten pictures of the folder, dealt class by class, so every row holds all ten classes.

# %% slideshow={"slide_type": "fragment"}
show_digits(pictures.images[:50], title=ganlib.tr(en="the colour digits (32×32 px)", vi="chữ số màu (32×32 px)"));

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Một khoảng cách không cần mạng huấn luyện sẵn
#
# Khoảng cách Fréchet (*Fréchet distance*, FD) của các bài 05–08 đo trong không gian đặc trưng của bộ phân loại chữ số
# mà khóa học huấn luyện; FID quen thuộc đo trong không gian đặc trưng của Inception, một mạng phải tải từ Internet.
# Với ảnh của bạn, không có bộ phân loại nào của khóa học hiểu chúng, và có thể không tải được mạng huấn luyện sẵn nào
# (máy không có Internet). Karras và cộng sự (2018) dùng cho GAN tăng dần (*progressive GAN*) một khoảng cách chỉ cần
# chính các điểm ảnh: **khoảng cách Wasserstein cắt lát** (*sliced Wasserstein distance*, SWD) giữa các mảnh nhỏ của
# hai tập ảnh.
#
# - Mỗi ảnh được biến thành một **tháp Laplace** (*Laplacian pyramid*): tầng mịn nhất giữ những chi tiết mà ảnh thu nhỏ
#   một nửa (đã làm mờ) không có, và các tầng đi xuống tới tầng nhỏ nhất là 16 px. Ảnh 32 px có hai tầng (32 và 16).
# - Ở mỗi tầng, lấy 128 mảnh 7×7 ở những vị trí ngẫu nhiên của mỗi ảnh; mỗi mảnh là một vector $3 \cdot 49 = 147$
#   số, mỗi kênh màu được chuẩn hóa về trung bình 0, độ lệch chuẩn 1.
# - Chiếu hai đám vector lên 512 hướng ngẫu nhiên. Trên một đường thẳng, khoảng cách Wasserstein giữa hai tập, mỗi
#   tập $n$ số, là trung bình khoảng cách giữa các giá trị **sau khi sắp xếp**:
#   $W_1 = \frac1n \sum_i |a_{(i)} - b_{(i)}|$. SWD là trung bình của nó qua các hướng và các tầng, nhân $10^3$.
#
# Càng nhỏ càng tốt. Hai mẫu lấy từ *cùng* một tập ảnh không cho SWD bằng 0: mức sàn là SWD giữa ảnh thật và ảnh thật
# mới ở cùng N, và như FD, giá trị phụ thuộc N, nên chỉ so các tập ở cùng N.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## A distance without a pretrained network
#
# The FD of lessons 05–08 measures in the feature space of the digit classifier the course trained; the usual
# FID measures in the features of Inception, a network downloaded from the internet. For your pictures, no
# classifier of the course understands them, and a pretrained network may be out of reach (no internet). For
# progressive GANs, Karras et
# al. (2018) used a distance that needs only the pixels: the **sliced Wasserstein distance** (SWD) between the
# small patches of two image sets.
#
# - Each image becomes a **Laplacian pyramid**: the finest level keeps the details that the image halved (and
#   blurred) lacks, down to the smallest level of 16 px. A 32 px image has two levels (32 and 16).
# - At each level, 128 patches of 7×7 at random places of each image; each patch is a vector of
#   $3 \cdot 49 = 147$ numbers, every colour channel normalised to mean 0 and standard deviation 1.
# - Both clouds of vectors are projected on 512 random directions. On a line, the Wasserstein distance
#   between two sets of $n$ numbers is the mean gap between their values **once sorted**:
#   $W_1 = \frac1n \sum_i |a_{(i)} - b_{(i)}|$. The SWD is its mean over directions and levels, times $10^3$.
#
# Lower is better. Two samples of the *same* pictures do not give 0: the floor is the SWD of real against
# fresh real pictures at the same N, and, as for FD, the value depends on N, so compare sets only at the same N.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## SWD có đáng tin không?
#
# Một thước đo chỉ đáng tin khi nó xếp đúng thứ tự những thứ mà ta đã biết chắc thứ tự. Trên chữ số màu, ta đo mức
# sàn (ảnh thật mới) và bốn tập bị làm hỏng theo những cách đã biết: chính 1000 ảnh huấn luyện (một "bộ sinh" chép
# lại dữ liệu), mọi ảnh tối đi 30%, ảnh mất màu (xám), và nhiễu phân phối đều. Rồi trên MNIST, ta đặt SWD cạnh FD của
# bộ phân loại trên một thang hỏng dần: ảnh thật mới, ảnh thêm nhiễu ($\sigma = 0.3$), ảnh làm mờ ($\sigma = 1$ px),
# và 1000 ảnh chỉ lặp lại 10 chữ số, tức là sụp đổ mode (*mode collapse*).

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Can we trust the SWD?
#
# A measure earns trust when it orders things whose order we know. On the colour digits we measure the floor
# (fresh real pictures) and four sets broken in known ways: the 1000 training pictures themselves (a
# "generator" that copies its data), every picture 30% darker, the pictures without colour (grey), and uniform
# noise. Then on MNIST we put the SWD next to the classifier's FD on a ladder of damage: fresh real digits,
# digits with noise ($\sigma = 0.3$), blurred digits ($\sigma = 1$ px), and 1000 images that repeat only 10
# digits (mode collapse).

# %% slideshow={"slide_type": "fragment"}
def swd(images: torch.Tensor, against: torch.Tensor = reference) -> float:
    """The SWD (×10³) of ``images`` (N×C×H×W in [−1, 1]) from ``against`` (default: the reference pictures)."""
    return sliced_wasserstein_distance(images, against)["distance"]


noise_generator = torch.Generator().manual_seed(0)
grey = fresh.mean(dim=1, keepdim=True).expand_as(fresh)
colour_ladder = {
    ganlib.tr(en="fresh real pictures (floor)", vi="ảnh thật mới (mức sàn)"): fresh,
    ganlib.tr(en="copies of training pictures", vi="bản sao ảnh huấn luyện"): to_gan_range(parts.train[:N]),
    ganlib.tr(en="30% darker", vi="tối đi 30%"): (fresh + 1) * 0.7 - 1,
    ganlib.tr(en="grey (colour lost)", vi="xám (mất màu)"): grey,
    ganlib.tr(en="uniform noise", vi="nhiễu đều"): torch.rand(fresh.shape, generator=noise_generator) * 2 - 1,
}
for name, images in colour_ladder.items():
    print(f"{name:<30} SWD {swd(images):6.1f}")

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Cách đọc: ảnh xám và nhiễu cao hơn hẳn mức sàn, đúng như mong đợi. Hai dòng còn lại là **điểm mù** có sẵn trong cách
# tính. Bản sao ảnh huấn luyện cho điểm ngang ảnh thật mới: SWD chỉ so thống kê của các mảnh, không biết mảnh nào
# thuộc ảnh nào, nên không phân biệt được một bộ sinh học thuộc lòng dữ liệu với một bộ sinh tạo ảnh mới (muốn vậy
# phải dùng láng giềng gần nhất, xem phần "Bao nhiêu ảnh là đủ?"). Ảnh tối đi 30% cũng cho điểm như ảnh thật, vì bước
# chuẩn hóa từng kênh xóa mọi thay đổi độ sáng hay độ tương phản chung của cả tập. Bài tập 3 đo thêm một điểm mù nữa.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# How to read it: grey pictures and noise sit far above the floor, as they should. The other two lines are
# **blind spots** built into the computation. Copies of training pictures score like fresh real ones: the SWD
# compares patch statistics only and does not know which patch belongs to which image, so it cannot tell a
# generator that memorised its data from one that makes new pictures (that takes nearest neighbours, in "How
# many pictures are enough?"). Pictures 30% darker also score like real ones, because the per-channel
# normalisation removes any change of brightness or contrast shared by the whole set. Exercise 3 measures one
# more blind spot.

# %% slideshow={"slide_type": "fragment"}
split = split_digits()
digits_fresh = to_gan_range(split.fresh.images[:N])
digits_reference = to_gan_range(split.reference.images[:N])
mnist_ladder = {
    ganlib.tr(en="real", vi="thật"): digits_fresh,
    ganlib.tr(en="noisy", vi="thêm nhiễu"): (digits_fresh + 0.3 * torch.randn(digits_fresh.shape,
                                                                          generator=noise_generator)).clamp(-1, 1),
    ganlib.tr(en="blurred", vi="làm mờ"): torch.from_numpy(scipy.ndimage.gaussian_filter(digits_fresh.numpy(),
                                                                                        sigma=(0, 0, 1, 1))),
    ganlib.tr(en="collapsed onto 10", vi="sụp về 10 ảnh"): digits_fresh[torch.arange(N) % 10],
}
ladder = {name: {"SWD": swd(images, digits_reference), "FD": score_samples(images)["fd"]}
          for name, images in mnist_ladder.items()}
rank = {measure: sorted(ladder, key=lambda name: ladder[name][measure]) for measure in ("SWD", "FD")}
print(f"{'MNIST':<18} {'SWD':>5}  {'FD':>6}")
for name, values in ladder.items():
    print(f"{name:<18} {values['SWD']:5.1f}  {values['FD']:6.1f}")
for measure, names in rank.items():
    print(ganlib.tr(en=f"{measure} orders them: {' < '.join(names)}", vi=f"{measure} xếp: {' < '.join(names)}"))
pairs = [(a, b) for i, a in enumerate(ladder) for b in list(ladder)[i + 1:]]
agree = sum((ladder[a]["SWD"] < ladder[b]["SWD"]) == (ladder[a]["FD"] < ladder[b]["FD"]) for a, b in pairs)
print(ganlib.tr(en=f"pairs ordered the same way by both: {agree} of {len(pairs)}",
                vi=f"số cặp được cả hai xếp cùng thứ tự: {agree} trên {len(pairs)}"))

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# So hai dòng thứ tự. Hai thước đo cùng đặt ảnh thật đứng đầu và cùng xếp ảnh nhiễu trước ảnh mờ. Chỗ chúng khác
# nhau là tập **sụp đổ mode**: FD, vốn nhìn cả chữ số qua bộ phân loại, thấy 10 ảnh lặp đi lặp lại khác xa dữ liệu
# thật; SWD nhìn các mảnh 7×7, tức cỡ một nét bút, và mỗi mảnh của 10 chữ số ấy vẫn là một mảnh thật. Đây là điểm mù
# thứ ba: SWD ít nhạy với sụp đổ mode. Vì thế, bên cạnh SWD, bài này luôn xem lưới ảnh và đo khoảng cách từ mỗi mẫu
# tới mẫu khác gần nó nhất.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# Compare the two order lines. Both measures put the real digits first and both rank noise before blur. Where
# they part is the **collapsed** set: FD, which sees whole digits through the classifier, finds 10 repeated
# images far from the real data; the SWD sees 7×7 patches, about one stroke, and every patch of those 10
# digits is still a real patch. This is a third blind spot: the SWD reacts little to mode collapse. So next to
# the SWD, this lesson always looks at a grid and measures the distance from each sample to its nearest other
# sample.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Huấn luyện trên thư mục
#
# Vòng lặp, checkpoint, cách tiếp tục huấn luyện, trung bình trượt (EMA) của trọng số $G$ và lịch sử huấn luyện vẫn
# như với MNIST; chỉ dữ liệu là khác. DCGAN của bài 07 được mở rộng cho ảnh màu 32 px: $G$ cho ra 3 kênh, và mỗi mạng
# có thêm một khối tích chập so với khi dùng cho ảnh 28 px. Công thức mặc định cho thư mục ảnh, gồm tốc độ học và số
# epoch (*một lượt qua toàn bộ dữ liệu huấn luyện*), được chọn khi thiết kế bài theo SWD với seed 0, vì công thức của
# MNIST khiến $D$ thắng ngay từ epoch thứ hai trở đi. Với mỗi seed, ta huấn luyện trên cùng 3000 ảnh rồi chấm 1000
# mẫu của bộ sinh dùng trọng số trung bình trượt so với 1000 ảnh tham chiếu.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Training on the folder
#
# Same loop, checkpoints, resuming, moving average (EMA) of $G$'s weights and history as with MNIST; only
# the data differ. Lesson 07's DCGAN grows for 32 px colour pictures: $G$ outputs 3 channels, and each network
# has one more convolution block than for 28 px. The default recipe for a folder of pictures (learning rates,
# epochs) was chosen while designing the lesson by SWD on seed 0, because MNIST's recipe lets $D$ win from the
# second epoch on. Every seed trains on the same 3000 pictures, and we score 1000 samples of the averaged
# generator against the 1000 reference pictures.

# %% slideshow={"slide_type": "fragment"}
recipe = TrainConfig(**model_defaults("dcgan", folder=True))


def train_on(images: torch.Tensor, config: TrainConfig) -> dict:
    """Train one run on ``images`` (uint8 N×3×32×32) without files and return it with its SWD from the reference
    (N samples of the moving-average generator, from the fixed noise, after the last epoch)."""
    run = train_gan(images, replace(config, eval_every=config.epochs, grid_every=0, n_eval=N),
                    score=lambda samples: {"swd": swd(samples)}, progress=False)
    return {"run": run, "swd": run.history["metrics"]["swd"][-1]}


dcgan_runs = [train_on(train_pictures, replace(recipe, epochs=SCALE["epochs"]["dcgan"], seed=seed))
              for seed in range(SCALE["seeds"])]
floor, per_seed = swd(fresh), ", ".join(f"{r['swd']:.1f}" for r in dcgan_runs)
print(ganlib.tr(en=f"dcgan, {SCALE['epochs']['dcgan']} epoch{'s' * (SCALE['epochs']['dcgan'] > 1)} on {len(train_pictures)} pictures: SWD per seed "
                   f"{per_seed} (floor {floor:.1f})",
                vi=f"dcgan, {SCALE['epochs']['dcgan']} epoch trên {len(train_pictures)} ảnh: SWD theo từng seed "
                   f"{per_seed} (mức sàn {floor:.1f})"))
show_digits(generate(dcgan_runs[0]["run"].sampler, fixed_noise(50, 100, seed=0)), value_range=(-1.0, 1.0),
            title=ganlib.tr(en="dcgan, seed 0", vi="dcgan, seed 0"));

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Nhìn lưới ảnh trước: màu nền và màu mực có đi đúng cặp với nhau không, và chữ số có đúng màu của lớp nó không?
# Rồi đọc SWD so với mức sàn: khoảng cách giữa hai con số là phần bộ sinh còn thiếu so với ảnh thật, tính trên
# thống kê của các mảnh. Bộ sinh huấn luyện sẵn đi kèm khóa học đến từ một lần chạy dài hơn với cùng công thức; ô
# sau chấm nó theo cùng cách, trên cùng 1000 ảnh tham chiếu, để bạn không phải chờ.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# Look at the grid first: do background and ink colours come in the right pairs, and is each digit in its
# class's colours? Then read the SWD against the floor: the gap between the two is what the generator still
# lacks next to real pictures, in patch statistics. The pretrained generator that ships with the course comes
# from a longer run of the same recipe; the next cell scores it the same way, on the same 1000 reference
# pictures, so you need not wait.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
shipped, shipped_history = load_generator(model="dcgan-colour")
shipped_samples = generate(shipped, fixed_noise(1000, 100, seed=0))
all_reference = to_gan_range(parts.reference)
shipped_swd, full_floor = swd(shipped_samples, all_reference), swd(to_gan_range(parts.fresh), all_reference)
shipped_epochs = shipped_history["config"]["epochs"]
print(ganlib.tr(en=f"the shipped colour generator, {shipped_epochs} epochs: SWD {shipped_swd:.1f} at N = 1000 "
                   f"(floor {full_floor:.1f})",
                vi=f"bộ sinh ảnh màu đi kèm khóa học, {shipped_epochs} epoch: SWD {shipped_swd:.1f} ở N = 1000 "
                   f"(mức sàn {full_floor:.1f})"))

# %% slideshow={"slide_type": "fragment"}
show_digits(shipped_samples[:50], value_range=(-1.0, 1.0),
            title=ganlib.tr(en="the shipped colour generator", vi="bộ sinh ảnh màu đi kèm khóa học"));

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## 64 px tốn thêm bao nhiêu
#
# Cạnh gấp đôi thì số điểm ảnh ở mỗi tầng gấp bốn, và DCGAN thêm một khối cho mỗi lần gấp đôi ($G$: 4 → 8 → 16 → 32 →
# 64). Ô đầu đếm tham số và số phép tính của một bước huấn luyện (một bước của $D$ và một bước của $G$, batch 64); ô
# sau đo số giây cho một epoch trên cùng các ảnh, đọc ở cỡ 32 và 64 px, đo xen kẽ nhau trên máy này. Chữ số màu vốn
# chỉ có 32 px, nên ở 64 px chúng được phóng to: ô này đo chi phí, không đo chất lượng.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## What 64 px costs
#
# Doubling the side is four times the pixels at every level, and the DCGAN adds one block per doubling ($G$:
# 4 → 8 → 16 → 32 → 64). The first cell counts parameters and the arithmetic of one training step (one step
# of $D$ and one of $G$, batch 64); the next times an epoch on the same pictures, read at 32 and at 64 px, in
# turns on this machine. The colour digits are only 32 px, so at 64 px they are enlarged: this measures cost,
# not quality.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
def step_flops(model: str, image_size: int, *, batch_size: int = 64) -> int:
    """Floating-point operations of one discriminator step and one generator step on colour pictures."""
    torch.manual_seed(0)
    options = image_options(TrainConfig(model=model, image_size=image_size))
    generator, discriminator = build_gan(model, generator=options, discriminator=options)
    opt_g = torch.optim.Adam(generator.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(discriminator.parameters(), lr=2e-4, betas=(0.5, 0.999))
    real = torch.zeros(batch_size, 3, image_size, image_size)
    with FlopCounterMode(display=False) as counter:
        fake, *_ = discriminator_step(generator, discriminator, opt_d, real, torch.randn(batch_size, 100))
        generator_step(discriminator, opt_g, fake)
    return counter.get_total_flops()


for model, image_size in (("dcgan", 32), ("dcgan", 64), ("dcgan-style", 32)):
    options = image_options(TrainConfig(model=model, image_size=image_size))
    generator, discriminator = build_gan(model, generator=options, discriminator=options)
    print(f"{model:>11} {image_size} px: G {count_parameters(generator):>7} | D {count_parameters(discriminator):>7} "
          f"{ganlib.tr(en='parameters', vi='tham số')} | {step_flops(model, image_size) / 1e9:.2f} GFLOP "
          f"{ganlib.tr(en='per training step', vi='mỗi bước huấn luyện')}")

# %% slideshow={"slide_type": "fragment"}
sizes = {f"{size} px": load_folder(folder, image_size=size, verbose=False).images for size in (32, 64)}
per_epoch = seconds_per_epoch({f"{size} px": replace(recipe, image_size=size) for size in (32, 64)}, sizes)
print(ganlib.tr(en=f"seconds per epoch of {len(train_pictures)} pictures here: 32 px {per_epoch['32 px']:.1f}, "
                   f"64 px {per_epoch['64 px']:.1f} (ratio {per_epoch['64 px'] / per_epoch['32 px']:.1f})",
                vi=f"số giây cho một epoch trên {len(train_pictures)} ảnh ở máy này: 32 px {per_epoch['32 px']:.1f}, "
                   f"64 px {per_epoch['64 px']:.1f} (tỉ số {per_epoch['64 px'] / per_epoch['32 px']:.1f})"))

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Số điểm ảnh gấp bốn nhưng số phép tính thì không: ô đếm cho thấy một bước ở 64 px chỉ tốn khoảng 1.5 lần một
# bước ở 32 px. Lý do nằm ở độ rộng của mạng: ở 64 px, khối thêm vào của $G$ chỉ có 16 kênh, và tầng đầu của $D$
# cũng chỉ có 16 kênh thay vì 32, nên những tầng chạy trên ảnh lớn nhất là những tầng hẹp nhất. Tỉ số thời gian đo ở
# dòng trên là con số thật trên máy này; nó thường lớn hơn tỉ số số phép tính một chút, vì tầng hẹp trên ảnh lớn
# tận dụng CPU kém hơn. Trên GPU, các con số này khác, nhưng bài này không đo được điều đó.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# Four times the pixels, but not four times the arithmetic: the counting cell shows a step at 64 px costing about
# 1.5 times a step at 32 px. The reason is the networks' widths: at 64 px, $G$'s extra block has only 16 channels,
# and so does $D$'s first layer instead of 32, so the layers that run on the largest pictures are the narrowest.
# The time ratio in the line above is the real number on this machine; it is usually a little larger than the
# ratio of arithmetic, since narrow layers on large pictures use a CPU less well. On a GPU these numbers differ,
# but this lesson could not measure that.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Bộ sinh dựa trên phong cách của StyleGAN, bản thu nhỏ
#
# Sau DCGAN, dòng GAN cho ảnh lớn đã đi qua cách tăng dần kích thước mạng (*progressive growing*, Karras và cộng sự
# 2018), gradient đa tỉ lệ (*multi-scale gradients*) rồi StyleGAN (Karras và cộng sự 2019, 2020). Ta lấy hai ý tưởng
# của StyleGAN, viết nhỏ gọn trong `ganlib/gan/modulated.py`, và giữ nguyên $D$ của DCGAN:
#
# - **mạng ánh xạ** (*mapping network*): một MLP biến $\mathbf z$ thành $\mathbf w$; $G$ không nhận $\mathbf z$ ở
#   đầu vào mà bắt đầu từ một tensor hằng số 4×4 học được;
# - **tích chập điều biến** (*modulated convolution*): ở mỗi tầng, một phép biến đổi affine của $\mathbf w$ sinh ra
#   một hệ số $s_i$ cho mỗi kênh đầu vào; trọng số trở thành $w'_{oik} = s_i\, w_{oik}$, rồi được **giải điều biến**
#   (*demodulation*): chia cho $\sqrt{\sum_{i,k} w'^2_{oik} + \epsilon}$, để mỗi kênh đầu ra giữ độ lớn ổn định (bài
#   tập 2 sẽ suy ra vì sao).
#
# "Phong cách" (*style*) ở đây chính là $\mathbf w$, thứ điều khiển các tầng; tên này đến từ chuyển phong cách ảnh,
# chủ đề của bài 10. So sánh công bằng là so ở **cùng thời gian**: ô dưới đây đo số giây cho một epoch của mỗi mô
# hình trên máy này, rồi huấn luyện mỗi mô hình với số epoch cố định, chọn khi viết bài từ tỉ số thời gian đo được
# khi đó, cùng 3 seed. Cả hai dùng cùng công thức mặc định (tốc độ học, batch); không mô hình nào được tinh chỉnh
# riêng. Kết luận được tính từ hiệu số SWD theo từng seed: trung bình của các hiệu, kèm khoảng tin cậy 95% theo phân
# phối Student; nếu khoảng đó chứa 0 thì chưa phân định được bên nào hơn.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## StyleGAN's style-based generator, in small
#
# After DCGAN, the line of GANs for large images went through progressive growing (Karras et al. 2018),
# multi-scale gradients and StyleGAN (Karras et al. 2019, 2020). We take two of StyleGAN's ideas, written small
# in `ganlib/gan/modulated.py`, and keep the DCGAN's $D$:
#
# - a **mapping network**: an MLP turns $\mathbf z$ into $\mathbf w$; $G$ does not take $\mathbf z$ at its input
#   but starts from a learned constant 4×4 tensor;
# - **modulated convolutions**: at each layer, an affine map of $\mathbf w$ gives one scale $s_i$ per input
#   channel; the weights become $w'_{oik} = s_i\, w_{oik}$ and are then **demodulated**: divided by
#   $\sqrt{\sum_{i,k} w'^2_{oik} + \epsilon}$, so that every output channel keeps a steady scale (exercise 2
#   derives why).
#
# The "style" is $\mathbf w$ steering the layers; the name comes from style transfer, lesson 10's subject. A
# fair comparison is at **equal time**: the cell below times an epoch of each model on this machine, then trains
# each for a fixed number of epochs, chosen while writing the lesson from the time ratio measured then, with the
# same 3 seeds. Both use the same default recipe (learning rates, batch); neither was tuned on its own. The
# verdict comes from the per-seed SWD differences: their mean with its 95% Student-t interval; when that
# interval holds 0, nothing is decided.

# %% slideshow={"slide_type": "fragment"}
style_recipe = replace(recipe, model="dcgan-style")
style_time = seconds_per_epoch({"dcgan": recipe, "dcgan-style": style_recipe}, train_pictures)
style_runs = [train_on(train_pictures, replace(style_recipe, epochs=SCALE["epochs"]["dcgan-style"], seed=seed))
              for seed in range(SCALE["seeds"])]
epochs = SCALE["epochs"]
ratio = style_time["dcgan-style"] / style_time["dcgan"]
print(ganlib.tr(en=f"seconds per epoch here: dcgan {style_time['dcgan']:.1f}, dcgan-style {style_time['dcgan-style']:.1f} "
                   f"(ratio {ratio:.2f}); the budget: dcgan {epochs['dcgan']} epoch{'s' * (epochs['dcgan'] > 1)}, dcgan-style "
                   f"{epochs['dcgan-style']}, so equal time here would be {epochs['dcgan'] / ratio:.1f} dcgan-style epochs",
                vi=f"số giây cho một epoch ở máy này: dcgan {style_time['dcgan']:.1f}, dcgan-style "
                   f"{style_time['dcgan-style']:.1f} (tỉ số {ratio:.2f}); ngân sách: dcgan {epochs['dcgan']} epoch, "
                   f"dcgan-style {epochs['dcgan-style']} epoch, nên cùng thời gian ở máy này ứng với "
                   f"{epochs['dcgan'] / ratio:.1f} epoch của dcgan-style"))
for name, runs in (("dcgan", dcgan_runs), ("dcgan-style", style_runs)):
    values = [r["swd"] for r in runs]
    print(f"{name:>11}: SWD {format_spread(values)} ({', '.join(f'{v:.1f}' for v in values)})")
print(verdict_line("dcgan-style", [r["swd"] for r in style_runs], "dcgan", [r["swd"] for r in dcgan_runs],
                   what="SWD"))

# %% slideshow={"slide_type": "fragment"}
show_digits(generate(style_runs[0]["run"].sampler, fixed_noise(50, 100, seed=0)), value_range=(-1.0, 1.0),
            title=ganlib.tr(en="dcgan-style, seed 0", vi="dcgan-style, seed 0"));

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Dòng cuối của ô so sánh là kết luận; bài giảng không đưa ra kết luận nào khác. Hãy so cả hai dòng SWD với mức sàn
# 8.2: với thời gian huấn luyện ngắn như vậy, mẫu của cả hai mô hình còn rất xa ảnh thật, nên đây là phép so hai mô
# hình lúc mới bắt đầu học. Kết luận ấy cũng chỉ đúng ở quy mô này:
# ảnh 32 px, 3000 ảnh, vài phút CPU. StyleGAN được thiết kế cho ảnh 1024 px và hàng chục nghìn ảnh, huấn luyện nhiều
# ngày trên GPU; ở đó mạng ánh xạ giúp tách các yếu tố của ảnh (tư thế, kiểu tóc, màu da) ra khỏi nhau. Ở quy mô nhỏ,
# một ý tưởng tốt ở quy mô lớn có thể chưa kịp phát huy, hoặc còn làm chậm việc học. Điều đáng giữ lại là cách so:
# cùng thời gian, cùng dữ liệu, nhiều seed, kết luận từ hiệu số.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# The last line of the comparison cell is the verdict; the lesson states none of its own. Compare both SWD lines
# with the floor of 8.2: at this short budget both models' samples are still far from real pictures, so this
# compares two models early in their learning. The verdict also speaks only of this scale: 32 px, 3000 pictures, minutes of CPU. StyleGAN was designed for 1024 px and tens of thousands of
# pictures trained for days on GPUs; there the mapping network helps pull the factors of a picture (pose, hair,
# skin tone) apart. At a small scale, an idea that is good at a large one may not have time to pay off, or may
# even slow learning down. What is worth keeping is how we compared: equal time, same data, several seeds, the
# verdict from the differences.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Bao nhiêu ảnh là đủ?
#
# Ta huấn luyện chính DCGAN ấy trên chỉ 100 ảnh (mười ảnh mỗi lớp) với **cùng số bước** như trên 3000 ảnh, cùng 3
# seed, rồi so hai đại lượng với những lần chạy trên 3000 ảnh ở trên. Thứ nhất là SWD so với ảnh tham chiếu. Thứ hai
# là mức **học thuộc lòng** (*memorisation*): với mỗi mẫu, khoảng cách (theo điểm ảnh) tới ảnh huấn luyện gần nhất, so
# với khoảng cách tương ứng của các ảnh tham chiếu (những ảnh thật mà $G$ chưa từng thấy). Nếu $G$ chép lại dữ liệu,
# mẫu của nó nằm gần ảnh huấn luyện hơn hẳn; khi không có gì bị chép, tỉ lệ mẫu nằm gần ảnh huấn luyện hơn 95% ảnh
# tham chiếu chỉ vào khoảng 5% hoặc thấp hơn. Thêm vào đó, khoảng cách từ mỗi mẫu tới mẫu khác gần nó nhất cho biết
# các mẫu có bị **sụp đổ mode** không: khi chỉ lặp lại vài ảnh, các mẫu nằm sát nhau hơn hẳn so với các ảnh thật.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## How many pictures are enough?
#
# We train the same DCGAN on only 100 pictures (ten per class) for **the same number of steps** as on 3000, with
# the same 3 seeds, and compare two things with the 3000-picture runs above. First, the SWD from the reference
# pictures. Second, **memorisation**: for each sample, the distance (in pixels) to its nearest training picture,
# against the same distance for the reference pictures, real pictures $G$ never saw. If $G$ copies its data, its
# samples sit clearly closer to training pictures; the share of samples closer than 95% of the reference pictures
# is about 5% or lower when nothing is copied. On top of that, the distance from each sample to its nearest
# other sample says whether the samples **collapse**: samples that repeat a few pictures sit much closer to
# each other than real pictures do.

# %% slideshow={"slide_type": "fragment"}
few_pictures = train_pictures[:SCALE["few"]]
steps = SCALE["epochs"]["dcgan"] * (len(train_pictures) // recipe.batch_size)
few_epochs = steps // (len(few_pictures) // recipe.batch_size)
few_runs = [train_on(few_pictures, replace(recipe, epochs=few_epochs, seed=seed)) for seed in range(SCALE["seeds"])]


def flat(images: torch.Tensor) -> np.ndarray:
    """N×3×32×32 pictures in [−1, 1] (or uint8) as N×3072 float64 rows, for distances in pixels."""
    images = to_gan_range(images) if images.dtype == torch.uint8 else images
    return images.reshape(len(images), -1).double().numpy()


def neighbour_checks(generator: torch.nn.Module, trained_on: torch.Tensor) -> dict:
    """Memorisation and spread of N samples of ``generator`` (fixed noise of seed 0) against the reference pictures."""
    samples = flat(generate(generator, fixed_noise(N, 100, seed=0)))
    copying = copying_report(samples, flat(trained_on), flat(reference))
    return {**copying, "spread": spread_report(samples, flat(reference))}


checks = {len(few_pictures): [neighbour_checks(r["run"].sampler, few_pictures) for r in few_runs],
          len(train_pictures): [neighbour_checks(r["run"].sampler, train_pictures) for r in dcgan_runs]}
swds = {len(few_pictures): [r["swd"] for r in few_runs], len(train_pictures): [r["swd"] for r in dcgan_runs]}
print(ganlib.tr(en=f"{steps} steps of batch {recipe.batch_size}, {SCALE['seeds']} seeds; distances in pixels of [−1, 1]",
                vi=f"{steps} bước, batch {recipe.batch_size}, {SCALE['seeds']} seed; khoảng cách đo trên điểm ảnh có giá trị trong [−1, 1]"))
print(ganlib.tr(en="pictures | SWD          | to nearest training picture: sample | reference | closer than 95% | "
                   "to nearest other sample | real",
                vi="số ảnh   | SWD          | tới ảnh huấn luyện gần nhất: mẫu     | tham chiếu| gần hơn 95%     | "
                   "tới mẫu khác gần nhất   | ảnh thật"))
for count, results in checks.items():
    print(f"{count:>8} | {format_spread(swds[count]):<12} | {format_spread([r['fake'] for r in results]):>36} | "
          f"{format_spread([r['held_out'] for r in results]):>9} | {format_spread([100 * r['closer'] for r in results]):>13} % | "
          f"{format_spread([r['spread']['fake'] for r in results]):>23} | {results[0]['spread']['held_out']:.1f}")
print(verdict_line(str(len(few_pictures)), swds[len(few_pictures)], str(len(train_pictures)),
                   swds[len(train_pictures)], what="SWD"))
long = neighbour_checks(shipped, parts.train)
print(ganlib.tr(en=f"the shipped generator, {shipped_epochs} epochs on the 3000 pictures: to nearest training picture "
                   f"{long['fake']:.1f} (reference {long['held_out']:.1f}), closer than 95%: {100 * long['closer']:.1f} %, "
                   f"to nearest other sample {long['spread']['fake']:.1f} (real {long['spread']['held_out']:.1f})",
                vi=f"bộ sinh đi kèm khóa học, {shipped_epochs} epoch trên 3000 ảnh: tới ảnh huấn luyện gần nhất "
                   f"{long['fake']:.1f} (ảnh tham chiếu {long['held_out']:.1f}), gần hơn 95%: {100 * long['closer']:.1f} %, "
                   f"tới mẫu khác gần nhất {long['spread']['fake']:.1f} (ảnh thật {long['spread']['held_out']:.1f})"))

# %% slideshow={"slide_type": "fragment"}
samples = generate(few_runs[0]["run"].sampler, fixed_noise(10, 100, seed=0))
index, _ = nearest(flat(samples), flat(few_pictures))
show_digits(torch.cat([(samples + 1) * 127.5, few_pictures[index].float()]), value_range=(0.0, 255.0),
            title=ganlib.tr(en=f"top: trained on {len(few_pictures)}; bottom: the nearest training picture",
                            vi=f"trên: học từ {len(few_pictures)} ảnh; dưới: ảnh huấn luyện gần nhất"));

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Đọc bảng theo từng cột. Nếu $G$ chép lại dữ liệu, mẫu sẽ nằm gần ảnh huấn luyện hơn hẳn so với ảnh tham chiếu, tỉ lệ
# "gần hơn 95%" vượt xa 5%, và lưới ảnh cho thấy mỗi mẫu gần như trùng với một ảnh huấn luyện. Sụp đổ mode thì hiện ra
# ở hai cột cuối: các mẫu nằm gần nhau hơn hẳn so với các ảnh thật. Với số bước huấn luyện ít như ở đây, bảng cho thấy
# sụp đổ mode chứ không phải chép lại, với 100 ảnh cũng như với 3000 ảnh, và SWD chưa phân định được bên nào hơn:
# trong vài trăm bước đầu, $G$ chưa học được đủ từ tập nào để cỡ của tập tạo ra khác biệt. Dòng dưới bảng áp dụng cùng
# các phép kiểm tra cho bộ sinh đi kèm khóa học (100 epoch trên 3000 ảnh): hãy xem độ trải của mẫu có gần với của ảnh
# thật không, và có một phần mẫu nào bị chép lại không. Việc chép lại đến muộn hơn trong quá trình huấn luyện, khi $D$
# đã thấy mỗi ảnh trong một tập nhỏ rất nhiều lần và $G$ có thể lừa nó bằng cách trả lại chính những ảnh ấy; Karras và
# cộng sự (2020) cho thấy với vài nghìn ảnh huấn luyện, $D$ đã bắt đầu quá khớp (*overfitting*). SWD không thấy được
# việc chép lại (điểm mù thứ nhất), nên hãy luôn đo láng giềng gần nhất khi có ít ảnh.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# Read the table column by column. If $G$ copied its data, samples would sit clearly closer to training pictures
# than the reference pictures do, the "closer than 95%" share would be far above 5%, and the grid would show each
# sample nearly on top of a training picture. Collapse shows in the last two columns: samples much closer to each
# other than real pictures are. At this short budget the table shows collapse, not copying, with 100 pictures as
# with 3000, and the SWD does not decide between them: in its first few hundred steps $G$ has not learnt enough
# from either set for their size to matter. The line under the table applies the same checks to the shipped
# generator (100 epochs on the 3000 pictures): see whether its samples are about as spread out as real pictures,
# and whether any share of them is copied. Copying comes later in training, when $D$ has seen each picture of a
# small set many times over and $G$ can fool it by handing those pictures back; Karras et al. (2020) showed $D$
# starting to overfit with a few thousand training pictures. The SWD cannot see copying (the first blind spot),
# so measure nearest neighbours whenever pictures are few.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Ảnh của bạn: có thể dự kiến điều gì
#
# Thời gian một epoch tăng tỉ lệ với số ảnh, nên từ số giây đo được ở trên (3000 ảnh, 32 và 64 px, một nhân CPU), ô
# dưới đây ước lượng thời gian của 100 epoch theo mức cấu hình cho thư mục ảnh (như lần chạy của bộ sinh đi kèm khóa
# học) với 500, 3000 và 30000 ảnh. Đây là ước lượng, không phải phép đo; máy của bạn có thể nhanh hơn khi dùng mọi
# nhân. Trên GPU, mỗi bước nhanh hơn nhiều lần, nhưng bài này không đo được: khi viết bài không có GPU.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Your own pictures: what to expect
#
# An epoch's time grows in proportion to the number of pictures, so from the seconds measured above (3000
# pictures, 32 and 64 px, one CPU core) the cell below estimates the time of the folder tier's 100 epochs (the
# shipped generator's run) for 500, 3000 and 30000 pictures. These are estimates, not measurements; your machine
# may be faster using all its cores. On a GPU each step is many times faster,
# but this lesson could not measure it: no GPU was available when it was written.

# %% slideshow={"slide_type": "fragment"}
print(ganlib.tr(en=f"minutes for the folder tier's {recipe.epochs} epochs, estimated from the seconds per epoch above",
                vi=f"số phút cho {recipe.epochs} epoch của mức cấu hình cho thư mục ảnh, ước lượng từ số giây mỗi epoch ở trên"))
print(ganlib.tr(en="pictures | 32 px | 64 px", vi="số ảnh   | 32 px | 64 px"))
for count in (500, 3000, 30000):
    scale = count / len(train_pictures) * recipe.epochs / 60
    print(f"{count:>8} | {per_epoch['32 px'] * scale:>5.0f} | {per_epoch['64 px'] * scale:>5.0f}")

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Từ các phép đo trong bài, có thể dự kiến như sau; hãy kiểm tra lại trên ảnh của bạn bằng chính những phép đo ấy.
#
# - **Vài trăm ảnh**: $D$ sớm nhớ được mọi ảnh; hãy theo dõi việc chép lại bằng láng giềng gần nhất, và nếu mẫu trùng
#   với ảnh huấn luyện thì dừng sớm hơn hoặc thêm ảnh. Các kỹ thuật tăng cường dữ liệu (*data augmentation*) cho GAN
#   như ADA (Karras và cộng sự 2020) ra đời chính vì vấn đề này. Các lần chạy ngắn trên 100 ảnh của bài này mới cho
#   thấy sụp đổ mode, chưa cho thấy chép lại.
# - **Vài nghìn ảnh** (như bài này): đủ để học màu cùng hình dạng của những ảnh đơn giản ở 32 px với 100 epoch của
#   mức cấu hình cho thư mục ảnh (bộ sinh đi kèm khóa học); các lần chạy ngắn trong bài thì chưa đủ.
# - **Vài chục nghìn ảnh**: đây là quy mô của những bộ dữ liệu như CelebA; trên một nhân CPU, 100 epoch mất hơn một
#   tiếng ở 32 px và lâu hơn nữa ở 64 px (bảng trên), nên hãy dùng GPU.
#
# Có hai kiểu hỏng cần nhận ra: **học thuộc** (láng giềng gần nhất trùng ảnh huấn luyện) và **sụp đổ mode** (lưới ảnh
# lặp lại vài ảnh, các mẫu nằm sát nhau). Ảnh càng đa dạng (ảnh chụp thật, nhiều góc, nhiều nền) thì càng cần nhiều
# ảnh và nhiều bước hơn so với chữ số màu.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# From the measurements in this lesson, expect the following; check it on your pictures with the same
# measurements.
#
# - **A few hundred pictures**: $D$ soon remembers every picture; watch for copying with nearest neighbours, and
#   stop earlier or add pictures if samples match training pictures. GAN data augmentation such as ADA (Karras et
#   al. 2020) was invented for exactly this problem. This lesson's short runs on 100 pictures show collapse, not
#   yet copying.
# - **A few thousand** (as in this lesson): enough to learn colour together with the shape of simple 32 px
#   pictures with the folder tier's 100 epochs (the shipped generator); the lesson's short runs are not enough.
# - **Tens of thousands**: the scale of data sets such as CelebA; on one CPU core, 100 epochs take more than an
#   hour at 32 px and longer at 64 px (table above), so use a GPU.
#
# Two failures to recognise: **memorisation** (nearest neighbours match training pictures) and **collapse** (the
# grid repeats a few pictures, samples sit close together). The more varied the pictures (real photos, many
# angles, many backgrounds), the more pictures and steps they need compared with the colour digits.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Thử thách: huấn luyện trên thư mục ảnh của bạn
#
# Đây là bài tập cuối của bài học gốc. Hãy chọn một thư mục có ít nhất vài trăm ảnh (ảnh chụp của bạn, hình vẽ, biểu
# tượng...), rồi chạy ba lệnh từ thư mục gốc của khóa học:
#
# ```
# python -m ganlib train --model dcgan --data duong/toi/anh_cua_ban --image-size 32 --device cpu --out runs/mine
# python -m ganlib sample --checkpoint runs/mine/checkpoint.pt --n 1000 --out mine.pt
# python -m ganlib score mine.pt --range=-1,1 --against duong/toi/anh_cua_ban
# ```
#
# Lệnh cuối in một dòng JSON: `distance` là SWD (càng nhỏ càng tốt), `floor` là mức sàn ở cùng N (khi thư mục có
# số ảnh ít nhất gấp đôi số mẫu). Hãy báo cáo: số ảnh, cỡ ảnh, số epoch, thời gian, `distance` và `floor`, một lưới
# ảnh (`runs/mine/grid_epoch_*.png`), và kết quả kiểm tra láng giềng gần nhất như ở phần "Bao nhiêu ảnh là đủ?". Lần
# chạy bị ngắt giữa chừng có thể tiếp tục đúng từ chỗ đã dừng nhờ `--resume`.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Challenge: train on a folder of your own
#
# This is the assignment the original lesson ends with. Pick a folder of at least a few hundred pictures (your
# photos, drawings, icons...), then run three commands from the course's root folder:
#
# ```
# python -m ganlib train --model dcgan --data path/to/your_pictures --image-size 32 --device cpu --out runs/mine
# python -m ganlib sample --checkpoint runs/mine/checkpoint.pt --n 1000 --out mine.pt
# python -m ganlib score mine.pt --range=-1,1 --against path/to/your_pictures
# ```
#
# The last one prints one JSON line: `distance` is the SWD (lower is better), `floor` the floor at the same N
# (when the folder holds at least twice as many pictures as samples). Report: how many pictures, their size, the
# epochs, the time, `distance` and `floor`, a grid (`runs/mine/grid_epoch_*.png`), and the nearest-neighbour check
# of "How many pictures are enough?". An interrupted run continues exactly where it stopped with `--resume`.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Tóm tắt
#
# - Một thư mục ảnh được biến thành một tensor `uint8` N×3×S×S: chuyển sang RGB, đổi cỡ theo cạnh ngắn, cắt giữa; tệp
#   hỏng bị bỏ qua và được đếm; kết quả giải mã được lưu vào bộ nhớ đệm.
# - SWD giữa các mảnh của tháp Laplace đo chất lượng mà không cần mạng huấn luyện sẵn; hãy luôn đọc nó cạnh mức sàn ở
#   cùng N. SWD không thấy ảnh bị chép, không thấy thay đổi độ sáng chung của cả tập, và ít nhạy với sụp đổ mode.
# - Gấp đôi cạnh ảnh không nhất thiết gấp bốn chi phí: ở đây các tầng chạy trên ảnh lớn nhất là những tầng hẹp nhất;
#   hãy đếm số phép tính và đo thời gian, như ô đếm và dòng đo thời gian của bài.
# - So một ý tưởng mới với mô hình cũ ở cùng thời gian, nhiều seed, kết luận từ hiệu số; ý tưởng tốt ở quy mô lớn
#   chưa chắc thắng ở quy mô nhỏ.
# - Sụp đổ mode và học thuộc lòng hiện ra qua láng giềng gần nhất, không qua khoảng cách giữa hai tập; khi có ít ảnh,
#   hãy luôn đo láng giềng gần nhất.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Summary
#
# - A folder of pictures becomes a `uint8` tensor N×3×S×S: to RGB, resized by the shorter side, centre-cropped;
#   broken files are skipped and counted; the decoded result is cached.
# - The SWD between Laplacian-pyramid patches measures quality without a pretrained network; always read it
#   next to the floor at the same N. It cannot see copied pictures or a brightness change shared by the set,
#   and it reacts little to collapse.
# - Doubling the side need not quadruple the cost: here the layers that run on the largest pictures are the
#   narrowest; count the arithmetic and time it, as the lesson's counting cell and timing line do.
# - Compare a new idea with the old model at equal time, over several seeds, with the verdict from the
#   differences; an idea that is good at a large scale need not win at a small one.
# - Collapse and memorisation show in nearest neighbours, not in a distance between sets; when pictures are few,
#   always measure them.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Bài tập
#
# Điền vào mỗi ô bài tập, chạy nó, rồi chạy ô kiểm tra ngay sau: `✓` là đúng, `✗` kèm gợi ý là chưa.
# Lời giải nằm trong `solutions/09_your_own_pictures.ipynb`.
#
# **Bài 1 (cài đặt): khoảng cách Wasserstein cắt lát.** SWD trong bài biến các mảnh 7×7 của mỗi ảnh thành những
# điểm trong không gian $C \cdot 49$ chiều, rồi so hai đám điểm dọc theo các hướng ngẫu nhiên. Hãy viết
# `sliced_distance(a, b, directions)` cho bước cuối cùng này: `a` và `b` là hai tensor số thực $N \times D$ (cùng $N$),
# `directions` là ma trận $D \times K$ có các cột là vector đơn vị. Chiếu cả hai tập lên từng hướng, sắp xếp từng hình
# chiếu, rồi lấy trung bình giá trị tuyệt đối của hiệu giữa các giá trị đã sắp xếp (đó là khoảng cách Wasserstein một
# chiều giữa hai mẫu cùng kích thước); trả về trung bình theo $K$ hướng, một số duy nhất. Ô kiểm tra so kết quả của bạn
# với `scipy.stats.wasserstein_distance` trên từng hướng và với `sliced_wasserstein` của ganlib (tức SWD trong bài, khi
# chưa nhân 1000), trong bốn trường hợp, trong đó có một tập so với bản sao tịnh tiến của chính nó và một tập so với
# chính nó bị xáo thứ tự. Trước khi chạy, hãy tự hỏi: hai trường hợp này phải cho ra bao nhiêu?

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Exercises
#
# Fill in each exercise cell, run it, then run the check right after it: `✓` means right, `✗` comes with
# a hint. Solutions are in `solutions/09_your_own_pictures.ipynb`.
#
# **Exercise 1 (implement): the sliced Wasserstein distance.** The lesson's SWD turns the 7×7 patches of each
# picture into points in $C \cdot 49$ dimensions, then compares the two clouds of points along random directions.
# Write `sliced_distance(a, b, directions)` for this last step: `a` and `b` are float tensors $N \times D$ (the
# same $N$), `directions` is a $D \times K$ matrix whose columns are unit vectors. Project both sets on each
# direction, sort each projection, and take the mean absolute gap between the sorted values (the 1-D Wasserstein
# distance between two samples of the same size); return the mean over the $K$ directions, one number. The check
# compares with `scipy.stats.wasserstein_distance` on each direction and with ganlib's `sliced_wasserstein` (the
# lesson's SWD before its ×1000), in four cases, among them a set against a shifted copy of itself and a set
# against a reordering of itself. Before you run it, ask yourself: what must those two cases give?

# %% slideshow={"slide_type": "skip"}
from ganlib import exercises


# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def sliced_distance(a: torch.Tensor, b: torch.Tensor, directions: torch.Tensor) -> torch.Tensor:
    """Sliced Wasserstein distance between two N×D point sets along the unit columns of directions (D×K)."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
def sliced_distance(a: torch.Tensor, b: torch.Tensor, directions: torch.Tensor) -> torch.Tensor:
    """Sliced Wasserstein distance between two N×D point sets along the unit columns of directions (D×K)."""
    projected_a, _ = torch.sort(a @ directions, dim=0)  # N×K, each column (one direction) sorted
    projected_b, _ = torch.sort(b @ directions, dim=0)
    return (projected_a - projected_b).abs().mean()  # N is the same for every direction: mean of the K means

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_sliced_distance(sliced_distance)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 2 (suy luận): phép giải điều biến (*demodulation*) của StyleGAN2.** Trong một tích chập điều biến
# (*modulated convolution*; StyleGAN2, Karras và cộng sự 2020), phong cách co giãn từng kênh đầu vào $i$ của trọng
# số: $w'_{o,i,t} = s_i \, w_{o,i,t}$, với kênh đầu ra $o$, kênh đầu vào $i$ và vị trí $t$ là một trong $k \times k$
# vị trí của bộ lọc. Vì thế phong cách có thể làm một bản đồ đặc trưng lớn hay nhỏ tùy ý. Giả sử các điểm ảnh đầu vào
# độc lập với nhau và có phương sai 1. Trên giấy, hãy tính độ lệch chuẩn của một giá trị đầu ra của kênh $o$,
# $y_o = \sum_i \sum_t w'_{o,i,t} \, x_{i,t}$, rồi viết `demodulation_scale(weight)`: với trọng số kích thước
# $O \times I \times k \times k$, hàm trả về $O$ hệ số đưa độ lệch chuẩn của từng kênh đầu ra về 1, có cộng $10^{-8}$
# dưới dấu căn như StyleGAN2 để một kênh toàn số 0 không gây chia cho 0. Gợi ý: $\mathrm{Var}(w x)$ bằng bao
# nhiêu, và phương sai của một tổng các số hạng độc lập bằng bao nhiêu? Ô kiểm tra thử bốn bộ trọng số, trong đó có
# một bộ với một kênh đầu ra toàn số 0, rồi cho nhiễu có phương sai 1 đi qua `conv2d` với các hệ số của bạn và đo
# độ lệch chuẩn của từng kênh đầu ra. Lời giải viết đầy đủ nằm trong notebook lời giải.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 2 (derive): StyleGAN2's demodulation.** In a modulated convolution (StyleGAN2, Karras et al. 2020)
# the style scales each input channel $i$ of the weight: $w'_{o,i,t} = s_i \, w_{o,i,t}$, for output channel $o$,
# input channel $i$ and tap $t$, one of the kernel's $k \times k$ positions. The style can thus make a feature map
# as large or as small as it likes. Suppose the input pixels are independent of each other, with variance 1. On
# paper, work out the standard deviation of one output value of channel $o$,
# $y_o = \sum_i \sum_t w'_{o,i,t} \, x_{i,t}$, then write `demodulation_scale(weight)`: for a weight of shape
# $O \times I \times k \times k$, return the $O$ factors that bring each output channel's standard deviation back
# to 1, with $10^{-8}$ added under the square root as StyleGAN2 does, so that an all-zero channel does not divide
# by zero. Hint: what is $\mathrm{Var}(w x)$, and what is the variance of a sum of independent terms? The check
# tries four weights, one of them with an all-zero output channel, then passes unit-variance noise through
# `conv2d` with your factors and measures each output channel's standard deviation. The worked solution is in
# the solution notebook.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def demodulation_scale(weight: torch.Tensor) -> torch.Tensor:
    """One factor per output channel of a modulated weight O×I×k×k: unit output std for iid unit-variance input."""
    raise NotImplementedError

# %% [markdown] slideshow={"slide_type": "skip"} tags=["solution", "vi"]
# **Lời giải.** $y_o$ là tổng của $I \cdot k^2$ số hạng $w'_{o,i,t} \, x_{i,t}$. Mỗi số hạng có phương sai
# $\mathrm{Var}(w' x) = w'^2 \, \mathrm{Var}(x) = w'^2$, vì $w'$ là một số cố định. Các số hạng độc lập với nhau vì
# các $x_{i,t}$ độc lập, và phương sai của một tổng các số hạng độc lập bằng tổng các phương sai:
# $\mathrm{Var}(y_o) = \sum_i \sum_t w'^2_{o,i,t}$. Độ lệch chuẩn là căn bậc hai của nó,
# $\sigma_o = \sqrt{\sum_i \sum_t w'^2_{o,i,t}}$, nên chia các trọng số của kênh $o$ cho $\sigma_o$ sẽ đưa độ lệch
# chuẩn về 1: hệ số của kênh $o$ là $1 / \sqrt{\sum_i \sum_t w'^2_{o,i,t} + \varepsilon}$ với
# $\varepsilon = 10^{-8}$. Có hai điểm cần để ý. Tổng chỉ chạy theo các kênh đầu vào và các vị trí của bộ lọc thuộc
# kênh $o$, nên mỗi kênh đầu ra có hệ số riêng. Tổng dùng bình phương chứ không dùng giá trị tuyệt đối, vì nhân một
# biến với $c$ thì phương sai nhân với $c^2$. Vì $w' = s_i \, w$, hệ số này phụ thuộc vào phong cách: phép giải điều
# biến xóa đi độ khuếch đại tổng thể mà phong cách trao cho kênh $o$, bằng cách sửa trọng số chứ không phải bằng cách
# đo các kích hoạt. StyleGAN2 dùng nó thay cho AdaIN của StyleGAN đời đầu, vốn chuẩn hóa thống kê đo được của từng
# bản đồ đặc trưng. Cái giá phải trả là một giả định: bản đồ đặc trưng thật không gồm những điểm ảnh độc lập, nên độ
# lệch chuẩn của chúng chỉ xấp xỉ 1 chứ không đúng bằng 1.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["solution", "en"]
# **Solution.** $y_o$ is a sum of $I \cdot k^2$ terms $w'_{o,i,t} \, x_{i,t}$. Each has variance
# $\mathrm{Var}(w' x) = w'^2 \, \mathrm{Var}(x) = w'^2$, since $w'$ is a fixed number. The terms are independent
# because the $x_{i,t}$ are, and the variance of a sum of independent terms is the sum of their variances:
# $\mathrm{Var}(y_o) = \sum_i \sum_t w'^2_{o,i,t}$. The standard deviation is its square root,
# $\sigma_o = \sqrt{\sum_i \sum_t w'^2_{o,i,t}}$, so dividing channel $o$'s weights by $\sigma_o$ brings the
# standard deviation to 1: channel $o$'s factor is $1 / \sqrt{\sum_i \sum_t w'^2_{o,i,t} + \varepsilon}$ with
# $\varepsilon = 10^{-8}$. Two things to note. The sum runs over the input channels and the taps of channel $o$
# only, so each output channel has its own factor. It adds squares, not absolute values, because multiplying a
# variable by $c$ multiplies its variance by $c^2$. Since $w' = s_i \, w$, the factor depends on the style:
# demodulation undoes the overall gain the style gave to channel $o$, by changing the weights rather than by
# measuring the activations. StyleGAN2 uses it in place of the first StyleGAN's AdaIN, which normalised the
# measured statistics of each feature map. The price is an assumption: real feature maps are not made of
# independent pixels, so their standard deviation is only about 1, not exactly 1.

# %% slideshow={"slide_type": "skip"} tags=["solution"]
def demodulation_scale(weight: torch.Tensor) -> torch.Tensor:
    """One factor per output channel of a modulated weight O×I×k×k: unit output std for iid unit-variance input."""
    return 1.0 / torch.sqrt(weight.pow(2).sum(dim=(1, 2, 3)) + 1e-8)  # Var(y_o) = Σ over inputs and taps of w'²

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_demodulation_scale(demodulation_scale)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 3 (thí nghiệm): hình dạng và màu sắc không đi đôi với nhau.** Trong bộ chữ số màu, mỗi lớp có màu mực và
# màu nền riêng. Ô kiểm tra vẽ 1000 chữ số màu theo ba cách, rồi đo SWD của từng tập so với 1000 chữ số màu khác
# ($N = 1000$; 32 mảnh mỗi ảnh và 128 hướng thay vì 128 và 512 như trong bài, để chỉ mất vài giây): giữ nguyên (mức
# sàn, ảnh thật so với ảnh thật); chuyển sang ảnh xám, lấy trung bình của R, G, B cho cả ba kênh (mất màu); và vẽ mỗi
# chữ số thuộc lớp $y$ bằng màu của lớp $(y + 5) \bmod 10$: số 0 mang màu của số 5, số 3 mang màu của số 8. Ở tập thứ
# ba, mỗi nét và mỗi màu đều có thật, chỉ cách ghép là sai; chỉ cần liếc qua là người xem nhận ra. Hãy dự đoán SWD
# của tập thứ ba:
#
# - (a) gần mức sàn hơn là gần tập ảnh xám;
# - (b) gần tập ảnh xám hơn là gần mức sàn, nhưng vẫn thấp hơn tập ảnh xám;
# - (c) bằng hoặc cao hơn tập ảnh xám.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 3 (experiment): shapes and colours that do not belong together.** In the colour digits, each class
# has its own ink and background colours. The check draws 1000 colour digits in three ways, then measures the SWD
# of each set against 1000 other colour digits ($N = 1000$; 32 patches per picture and 128 directions instead of
# the lesson's 128 and 512, so that it takes a few seconds): as they are (the floor, real against real); in grey,
# the mean of R, G and B in all three channels (the colour lost); and with every digit of class $y$ drawn in the
# colours of class $(y + 5) \bmod 10$: a 0 in the 5's colours, a 3 in the 8's. In the third set every stroke and
# every colour is real, only the pairing is wrong; a person sees it at a glance. Predict the third set's SWD:
#
# - (a) closer to the floor than to the grey set;
# - (b) closer to the grey set than to the floor, but below the grey set;
# - (c) at or above the grey set.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
colour_prediction = ...  # "a", "b" or "c"

# %% slideshow={"slide_type": "skip"} tags=["solution"]
colour_prediction = "a"

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.experiment_swapped_colours(colour_prediction)

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Câu hỏi kiểm tra
#
# Chọn đáp án rồi bấm **Kiểm tra** khi bạn tự chạy notebook; trên GitHub, mở mục **Đáp án**.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Quiz
#
# Pick an answer and press **Check** when you run the notebook; on GitHub, open **Answer**.

# %% slideshow={"slide_type": "-"} tags=["quiz"]
exercises.show_quiz("09")
