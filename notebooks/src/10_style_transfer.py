# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# # 10 — Chuyển phong cách ảnh không cần Internet, và cách GAN chuyển đổi ảnh sang ảnh
#
# Bài học gốc của khóa này dạy chuyển phong cách ảnh (*style transfer*) ngay sau GAN: vẽ lại một bức ảnh chụp theo
# "nét vẽ" của một bức tranh. Mọi hướng dẫn quen thuộc (của PyTorch, của d2l, của TensorFlow, và của chính bài học
# gốc) đều tải trọng số VGG-19 từ Internet, khoảng 550 MB. Trên laptop không có mạng, trong kiểm thử tự động (CI)
# của khóa học hay trong một lớp học có mạng yếu, không hướng dẫn nào chạy được. Bài này thì chạy được, vì dùng một
# mạng **bộ lọc ngẫu nhiên** không cần tải gì, và đo xem mạng ấy làm được gì, bỏ sót gì.
#
# Phần sau của bài nối chuyển phong cách trở lại với GAN: thay vì tối ưu từng bức ảnh một, ta huấn luyện một bộ sinh
# (*generator*) để chuyển đổi ảnh sang ảnh (*image-to-image translation*), với một mất mát đối kháng giữ cho kết quả
# sắc nét (pix2pix).

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# # 10 — Style transfer, offline, and the GAN way to translate images
#
# The lesson this course grew from teaches style transfer right after GANs: repaint a photo with the "brushwork"
# of a painting. Every well-known tutorial of it (PyTorch's, d2l's, TensorFlow's and the original lesson's own)
# downloads VGG-19's weights from the internet, about 550 MB. On a laptop offline, in the course's automated tests
# (CI) or in a classroom with a weak network, none of them runs. This lesson does: it uses a network of **random
# filters** that needs no download, and measures what that network gets right and what it misses.
#
# The second half links style transfer back to GANs: instead of optimising one picture at a time, we train a
# generator to translate images, with an adversarial loss that keeps the results sharp (pix2pix).

# %% slideshow={"slide_type": "skip"} tags=["colab"]
# notebooks/build.py writes here the cell that installs ganlib where it is missing and picks the language

# %% slideshow={"slide_type": "skip"}
import torch

from ganlib.data import thumbnail_pairs, to_gan_range
from ganlib.gan import train_translation, translate
from ganlib.metrics import split_digits
from ganlib.metrics.translation import translation_scores
from ganlib.plots.paintings import show_painting_losses, show_pictures
from ganlib.plots.training import show_digits
from ganlib.style import (content_loss, feature_network, gram_matrix, load_image, style_loss, stylize,
                          total_variation_loss)
from ganlib.style.examples import big_discs, brush_strokes, sample_photo
from ganlib.toys.seeds import format_spread, verdict_line

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Quy mô tính toán
#
# Ở chế độ đầy đủ, các bức ảnh được vẽ ở 128 px (cạnh dài), mỗi lần vẽ 150 bước; phần pix2pix huấn luyện 3 × 3 bộ sinh
# nhỏ trên 3000 chữ số. Cả bài chạy khoảng 8 phút trên một nhân CPU. `GANLIB_QUICK=1` (kiểm thử tự động) thu nhỏ xuống
# còn 64 px, 30 bước cho mỗi bức và vài chục bước huấn luyện, nên các con số đo từ việc vẽ và huấn luyện đổi theo chế
# độ; nbval chỉ so sánh đầu ra của những ô không phụ thuộc vào chế độ.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Compute scale
#
# In full mode the pictures are painted at 128 px (longer side), 150 steps each; the pix2pix part trains 3 × 3
# small generators on 3000 digits. The whole lesson takes about 8 minutes on one CPU core. `GANLIB_QUICK=1`
# (automated tests) shrinks this to 64 px, 30 steps per painting and a few dozen training steps, so the numbers
# measured from painting and training depend on the mode; nbval compares only the cells that do not.

# %% slideshow={"slide_type": "fragment"}
QUICK = ganlib.is_quick()
SCALE = {"size": 64 if QUICK else 128, "steps": 30 if QUICK else 150,
         "seeds": 2 if QUICK else 3, "train_steps": 40 if QUICK else 600, "n": 200 if QUICK else 1000}
torch.set_num_threads(1)  # every number below was measured on one core
network = feature_network()  # VGG-19 where its weights are already on this machine, else random filters


def print_table(header: list[str], rows: list[list[str]]) -> None:
    """Print ``rows`` of strings under ``header``, each column as wide as its widest cell."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    for line in (header, *rows):
        print(" | ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Ba bức ảnh được phép dùng
#
# Bài chỉ dùng những bức ảnh có giấy phép cho ta dùng. Ảnh nội dung (*content image*) là chân dung Grace Hopper, nhà
# khoa học máy tính đã xây dựng một trong những trình biên dịch đầu tiên: một ảnh của Hải quân Hoa Kỳ, thuộc phạm vi
# công cộng (*public domain*), được cài sẵn cùng matplotlib (`sample_data/grace_hopper.jpg`; matplotlib đưa nó vào năm
# 2012 chính vì lý do đó). Hai ảnh phong cách (*style image*) do khóa học tự vẽ bằng Pillow: những nét cọ ngắn hướng
# theo một vòng xoáy, dài khoảng 10–25 điểm ảnh, và năm hình tròn tô phẳng một màu, mỗi hình có đường kính hơn 80 điểm
# ảnh ở cỡ 256 px.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Three pictures we may use
#
# The lesson uses only pictures whose licence allows it. The content image is a portrait of Grace Hopper, the
# computer scientist who built one of the first compilers: a U.S. Navy photograph in the public domain, installed with
# matplotlib (`sample_data/grace_hopper.jpg`; matplotlib added it in 2012 for that very reason). The two style
# images are drawn by the course itself with Pillow: short brush strokes turning along a swirl, about 10–25
# pixels long, and five flat discs, each wider than 80 pixels at 256 px.

# %% slideshow={"slide_type": "fragment"}
photo = sample_photo(size=SCALE["size"])  # 1×3×H×W in [0, 1]
strokes, discs = brush_strokes(size=SCALE["size"]), big_discs(size=256)  # discs drawn at 256 px in every mode
show_pictures([photo, strokes, discs], [ganlib.tr(en="content: the photo", vi="nội dung: ảnh chụp"),
                                        ganlib.tr(en="style: brush strokes", vi="phong cách: nét cọ"),
                                        ganlib.tr(en="style: big discs", vi="phong cách: hình tròn lớn")]);

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Nội dung và phong cách qua mắt một mạng tích chập
#
# Gatys, Ecker và Bethge (2016) đưa ảnh qua một mạng tích chập và đọc các bản đồ đặc trưng (*feature map*) của nó. Gọi
# $F^\ell(\mathbf x)$ là bản đồ đặc trưng ở tầng $\ell$ của ảnh $\mathbf x$, viết thành ma trận $C_\ell \times
# (H_\ell W_\ell)$: mỗi hàng là một kênh, mỗi cột là một vị trí.
#
# - **Nội dung** là chính bản đồ đặc trưng ở một tầng khá sâu: nó giữ bố cục, tức cái gì nằm ở đâu.
# - **Phong cách** là ma trận Gram (*Gram matrix*) ở nhiều tầng, tức tương quan giữa các kênh:
#
# $$G^\ell(\mathbf x) = \frac{1}{H_\ell W_\ell} F^\ell(\mathbf x)\, F^\ell(\mathbf x)^\top, \qquad
#   G^\ell_{ij} = \frac{1}{H_\ell W_\ell} \sum_{p} F^\ell_{ip} F^\ell_{jp}.$$
#
# $G^\ell_{ij}$ lớn khi kênh $i$ và kênh $j$ thường cùng kích hoạt mạnh ở những vị trí giống nhau (ví dụ "nét xanh"
# đi cùng "cạnh chéo"). Tổng lấy qua mọi vị trí $p$, nên $G$ quên mất mỗi đặc trưng nằm ở đâu: đó là thống kê của kết
# cấu, không phải của bố cục.
#
# Mạng của bài là `RandomFeatures`: bốn khối, mỗi khối gồm hai tầng tích chập 3×3 với ReLU, ảnh được thu nhỏ một nửa
# giữa hai khối liền nhau, trọng số được rút ngẫu nhiên một lần với seed (*hạt giống ngẫu nhiên*) 0 và không bao giờ
# được huấn luyện. He, Wang và Hopcroft (2016) đã chuyển phong cách bằng những mạng trọng số ngẫu nhiên như vậy. Các bộ
# lọc ngẫu nhiên vẫn phản hồi với cạnh, màu và tổ hợp của chúng ở nhiều kích cỡ, và đó chính là điều ma trận Gram tóm
# tắt. Nếu trọng số ImageNet của VGG-19 đã có sẵn trong bộ nhớ đệm của torchvision, `feature_network()` dùng VGG-19 và
# dòng in ra ở trên cho biết điều đó; hàm này không bao giờ tải gì xuống.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Content and style through the eyes of a convolutional network
#
# Gatys, Ecker and Bethge (2016) pass a picture through a convolutional network and read its feature maps. Write
# $F^\ell(\mathbf x)$ for the feature map at layer $\ell$ of picture $\mathbf x$, as a $C_\ell \times
# (H_\ell W_\ell)$ matrix: one row per channel, one column per position.
#
# - **Content** is the feature map itself at a fairly deep layer: it keeps the layout, what is where.
# - **Style** is the Gram matrix at several layers, the correlations between channels:
#
# $$G^\ell(\mathbf x) = \frac{1}{H_\ell W_\ell} F^\ell(\mathbf x)\, F^\ell(\mathbf x)^\top, \qquad
#   G^\ell_{ij} = \frac{1}{H_\ell W_\ell} \sum_{p} F^\ell_{ip} F^\ell_{jp}.$$
#
# $G^\ell_{ij}$ is large when channels $i$ and $j$ tend to fire at the same places (say "blue stroke" with
# "diagonal edge"). The sum runs over every position $p$, so $G$ forgets where each feature sits: it is a statistic
# of texture, not of layout.
#
# The lesson's network is `RandomFeatures`: four blocks of two 3×3 convolutions with ReLU, the picture halved
# between blocks, weights drawn once from seed 0 and never trained. He, Wang and Hopcroft (2016) transferred style
# with such random-weight networks. Random filters still respond to edges, colours and their combinations at
# several scales, which is what Gram matrices summarise. Where VGG-19's ImageNet weights are already in
# torchvision's cache, `feature_network()` uses VGG-19 and the line printed above says so; it never downloads.

# %% slideshow={"slide_type": "fragment"}
content_maps, style_maps = network(photo)
print(ganlib.tr(en="content layer:", vi="tầng nội dung:"), [tuple(f.shape[1:]) for f in content_maps])
print(ganlib.tr(en="style layers: ", vi="các tầng phong cách:"), [tuple(f.shape[1:]) for f in style_maps])
print(ganlib.tr(en="Gram matrices:", vi="các ma trận Gram:"), [tuple(gram_matrix(f).shape[1:]) for f in style_maps])

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Ma trận Gram quên vị trí: xáo các mảnh ảnh
#
# Hãy kiểm tra điều đó. Cắt ảnh chụp thành các mảnh vuông rồi xáo thứ tự chúng: bố cục bị phá hủy, nhưng bên trong mỗi
# mảnh mọi thứ giữ nguyên. Ta đo hai mất mát của bài (định nghĩa ở phần sau), mất mát nội dung (*content loss*) và mất
# mát phong cách (*style loss*), giữa ảnh bị xáo và ảnh gốc, rồi so với trường hợp một bức ảnh hoàn toàn khác: bức
# nét cọ. Cả hai mất mát đều là sai số tương đối: 0 là giống hệt, 1 là xa bằng một ảnh có mọi đặc trưng bằng 0.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The Gram matrix forgets where: shuffling patches
#
# Let us check it. Cut the photo into square patches and shuffle them: the layout is destroyed, but inside each
# patch everything stays. We measure both of the lesson's losses (defined in the next section) between the
# shuffled photo and the original, and compare with an altogether different picture, the brush strokes. Both
# losses are relative errors: 0 is identical, 1 is as far as a picture whose features are all zero.

# %% slideshow={"slide_type": "fragment"}
def shuffle_patches(image: torch.Tensor, patch: int, *, seed: int = 0) -> torch.Tensor:
    """``image`` (1×3×H×W) cropped to whole patch×patch squares, the squares put back in a random order."""
    _, c, h, w = image.shape
    rows, cols = h // patch, w // patch
    squares = image[:, :, :rows * patch, :cols * patch].reshape(c, rows, patch, cols, patch).permute(1, 3, 0, 2, 4)
    order = torch.randperm(rows * cols, generator=torch.Generator().manual_seed(seed))
    squares = squares.reshape(rows * cols, c, patch, patch)[order]
    return squares.reshape(rows, cols, c, patch, patch).permute(2, 0, 3, 1, 4).reshape(1, c, rows * patch, cols * patch)


def losses_against(image: torch.Tensor, target: torch.Tensor) -> tuple[float, float]:
    """(content loss, style loss) of ``image`` with ``target`` as both the content and the style image."""
    (image_content, image_style), (target_content, target_style) = network(image), network(target)
    return (float(content_loss(image_content, target_content)),
            float(style_loss(image_style, [gram_matrix(f) for f in target_style])))


patch = SCALE["size"] // 8
cropped = photo[:, :, :patch * 8, :patch * (photo.shape[3] // patch)]  # whole patches only
shuffled = shuffle_patches(cropped, patch)
other = strokes[:, :, :cropped.shape[2], :cropped.shape[3]]
rows = {ganlib.tr(en=f"patches of {patch} px shuffled", vi=f"xáo các mảnh {patch} px"): shuffled,
        ganlib.tr(en=f"patches of {patch // 2} px shuffled", vi=f"xáo các mảnh {patch // 2} px"):
            shuffle_patches(cropped, patch // 2),
        ganlib.tr(en="another picture (strokes)", vi="một ảnh khác (nét cọ)"): other}
print_table([ganlib.tr(en="against the photo", vi="mất mát so với ảnh chụp"),
             ganlib.tr(en="content loss", vi="nội dung"), ganlib.tr(en="style loss", vi="phong cách")],
            [[name, *(f"{value:.4f}" for value in losses_against(image, cropped))] for name, image in rows.items()])
show_pictures([cropped, shuffled, other], [ganlib.tr(en="photo", vi="ảnh chụp"), list(rows)[0], list(rows)[2]]);

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Đọc bảng theo từng cột. Với mất mát nội dung, ảnh bị xáo xa ảnh gốc gần bằng một bức ảnh hoàn toàn khác: bố cục
# đã mất. Với mất mát phong cách, ảnh bị xáo gần ảnh gốc hơn bức nét cọ hàng chục lần, và mảnh càng lớn thì càng gần:
# các đường cắt giữa các mảnh là thứ duy nhất ma trận Gram còn thấy. Bài tập 1 chứng minh chặt chẽ điều này trên
# chính bản đồ đặc trưng.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# Read the table column by column. For the content loss the shuffled photo is nearly as far from the original as
# an altogether different picture: the layout is gone. For the style loss the shuffled photo is tens of times
# closer to the original than the strokes are, and the larger the patches the closer: the seams between patches
# are all the Gram matrix still sees. Exercise 1 proves this exactly, on the feature map itself.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Ba mất mát và trọng số của chúng
#
# Gọi $\mathbf c$ là ảnh nội dung, $\mathbf s$ là ảnh phong cách, $\mathbf x$ là bức ảnh đang vẽ. Ba mất mát là:
#
# $$\mathcal L_\text{content}(\mathbf x) = \frac{\|F^{\ell_c}(\mathbf x) - F^{\ell_c}(\mathbf c)\|^2}{\|F^{\ell_c}(\mathbf c)\|^2},
#   \qquad
#   \mathcal L_\text{style}(\mathbf x) = \frac{1}{L}\sum_{\ell=1}^{L}
#   \frac{\|G^\ell(\mathbf x) - G^\ell(\mathbf s)\|^2}{\|G^\ell(\mathbf s)\|^2},$$
#
# $$\mathcal L_\text{TV}(\mathbf x) = \tfrac12\Bigl(\operatorname{mean}\,|x_{i+1,j} - x_{i,j}|
#   + \operatorname{mean}\,|x_{i,j+1} - x_{i,j}|\Bigr),$$
#
# với $\operatorname{mean}$ là trung bình lấy theo mọi cặp điểm ảnh kề nhau và mọi kênh. Mất mát nội dung
# ($\mathcal L_\text{content}$) giữ bố cục của ảnh chụp; mất mát phong cách ($\mathcal L_\text{style}$) kéo tương quan
# giữa các kênh về gần tương quan của bức tranh; biến phân toàn phần (*total variation*, TV) phạt những điểm ảnh lệch
# khỏi các điểm ảnh lân cận, tức nhiễu hạt mà hai mất mát kia để lại. Ta tối thiểu hóa theo chính các điểm ảnh của
# $\mathbf x$:
#
# $$\mathcal L(\mathbf x) = \alpha\,\mathcal L_\text{content} + \beta\,\mathcal L_\text{style} + \gamma\,\mathcal L_\text{TV},
#   \qquad \alpha = 1,\ \beta = 10,\ \gamma = 0.1 \text{ (mặc định)}.$$
#
# Gatys và cộng sự chia sai số ở mỗi tầng cho các hằng số phụ thuộc vào kích thước các tầng của VGG-19, nên trọng số của
# họ chỉ có nghĩa với mạng ấy. Ở đây mỗi sai số được chia cho độ lớn của chính mục tiêu của nó, nên một trọng số mang
# cùng một nghĩa với mọi mạng đặc trưng: $\beta = 10$ nghĩa là một phần trăm sai lệch về phong cách nặng bằng mười phần
# trăm sai lệch về nội dung.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The three losses and their weights
#
# Let $\mathbf c$ be the content image, $\mathbf s$ the style image and $\mathbf x$ the picture being painted. The
# three losses are:
#
# $$\mathcal L_\text{content}(\mathbf x) = \frac{\|F^{\ell_c}(\mathbf x) - F^{\ell_c}(\mathbf c)\|^2}{\|F^{\ell_c}(\mathbf c)\|^2},
#   \qquad
#   \mathcal L_\text{style}(\mathbf x) = \frac{1}{L}\sum_{\ell=1}^{L}
#   \frac{\|G^\ell(\mathbf x) - G^\ell(\mathbf s)\|^2}{\|G^\ell(\mathbf s)\|^2},$$
#
# $$\mathcal L_\text{TV}(\mathbf x) = \tfrac12\Bigl(\operatorname{mean}\,|x_{i+1,j} - x_{i,j}|
#   + \operatorname{mean}\,|x_{i,j+1} - x_{i,j}|\Bigr),$$
#
# the means running over every pair of neighbouring pixels and every channel. The content loss keeps the photo's
# layout; the style loss pulls the correlations between channels towards the painting's; the total variation (TV)
# punishes pixels that stray from their neighbours, the grain the other two leave. We minimise over the pixels of
# $\mathbf x$ themselves:
#
# $$\mathcal L(\mathbf x) = \alpha\,\mathcal L_\text{content} + \beta\,\mathcal L_\text{style} + \gamma\,\mathcal L_\text{TV},
#   \qquad \alpha = 1,\ \beta = 10,\ \gamma = 0.1 \text{ (the defaults)}.$$
#
# Gatys et al. divide each layer by constants that depend on VGG-19's sizes, so their weights mean something for
# that network only. Here each error is divided by the size of its own target, so a weight means the same with any
# feature network: $\beta = 10$ says one per cent of style error weighs as much as ten per cent of content error.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Vẽ: Adam hay L-BFGS, bắt đầu từ nhiễu hay từ ảnh nội dung
#
# Bài học gốc bắt đầu từ nhiễu và dùng một bộ tối ưu dựa trên gradient; Gatys và cộng sự dùng L-BFGS, một phương
# pháp tựa Newton (*quasi-Newton*) ghi nhớ các bước gần đây để ước lượng độ cong. Ta vẽ bốn lần, cùng số bước, cùng
# trọng số: 2 ảnh xuất phát × 2 bộ tối ưu. Mỗi bước của L-BFGS có thể gọi mạng nhiều lần, vì phương pháp này
# tìm kiếm theo đường thẳng (*line search*): dò độ dài bước dọc theo hướng đã chọn. Vì vậy bảng đếm cả số lần gọi mạng.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Painting: Adam or L-BFGS, from noise or from the content image
#
# The original lesson starts from noise and uses a gradient optimiser; Gatys et al. used L-BFGS, a quasi-Newton
# method that remembers recent steps to estimate the curvature. We paint four times, with the same steps and the
# same weights: two starting images times two optimisers. One step of L-BFGS may call the network several times
# (its line search), so the table counts the network's calls too.

# %% slideshow={"slide_type": "fragment"}
class Counted(torch.nn.Module):
    """``network``, counting the batches of images it has been given."""

    def __init__(self, network: torch.nn.Module):
        super().__init__()
        self.network, self.calls = network, 0

    def forward(self, images: torch.Tensor) -> tuple[list, list]:
        self.calls += 1
        return self.network(images)


paintings, calls = {}, {}
for init in ("content", "noise"):
    for optimizer in ("adam", "lbfgs"):
        counted = Counted(network)
        start = ganlib.tr(en=init, vi="ảnh nội dung" if init == "content" else "nhiễu")
        name = ganlib.tr(en=f"{optimizer}, from {start}", vi=f"{optimizer}, từ {start}")
        paintings[name] = stylize(photo, strokes, counted, steps=SCALE["steps"], init=init, optimizer=optimizer,
                                  seed=0, progress=False)
        calls[name] = counted.calls - 2  # the two calls that read the targets are not steps
print_table([ganlib.tr(en=f"{SCALE['steps']} steps", vi=f"{SCALE['steps']} bước"),
             ganlib.tr(en="content", vi="nội dung"), ganlib.tr(en="style", vi="phong cách"), "TV",
             ganlib.tr(en="total", vi="tổng"), ganlib.tr(en="calls of the network", vi="số lần gọi mạng")],
            [[name, *(f"{painting.history[part][-1]:.4f}" for part in ("content", "style", "tv", "total")),
              str(calls[name])] for name, painting in paintings.items()])
show_pictures([p.image for p in paintings.values()], list(paintings));

# %% slideshow={"slide_type": "fragment"}
show_painting_losses({name: p.history for name, p in paintings.items()});

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Ở chế độ đầy đủ, đồ thị các đường cong mất mát cho thấy, tính theo số bước, mất mát của L-BFGS giảm nhanh hơn của
# Adam (mỗi bước của L-BFGS gọi mạng khoảng hai lần), rồi vọt lên ở bước cuối. Lý do: L-BFGS để giá trị các điểm ảnh
# vượt ra ngoài khoảng [0, 1] trong lúc tối ưu, vì cắt chúng về khoảng này giữa các bước sẽ làm hỏng thông tin độ cong
# mà nó ghi nhớ; bức ảnh nào cuối cùng cũng phải được cắt về [0, 1], và lần cắt ấy xóa mất phần lớn những gì L-BFGS đã
# đạt được. Adam cắt sau mỗi bước nên không phải trả giá ở cuối. Với Adam, hai ảnh xuất phát cho mất mát cuối cùng gần
# nhau (xuất phát từ nhiễu còn cho mất mát thấp hơn một chút), nhưng hai bức vẽ khác nhau rõ rệt: bắt đầu từ nhiễu,
# khuôn mặt chỉ hiện ra lờ mờ. Mất mát nội dung ở đây đo trên một tầng có độ phân giải bằng một phần tư ảnh, nên nó
# bỏ qua các chi tiết nhỏ mà mắt ta dựa vào để nhận ra khuôn mặt; bắt đầu từ ảnh nội dung thì những chi tiết ấy có sẵn
# từ đầu. Vì vậy ở các phần sau ta bắt đầu từ ảnh nội dung với Adam, như mặc định của lệnh `stylize`.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# In full mode, the loss curves show L-BFGS falling faster than Adam per step (each of its steps calls the network
# about twice), then its losses jump at the last step. The reason: L-BFGS lets the pixels leave [0, 1] while it
# optimises, since clipping them between its steps would spoil the curvature it remembers; every picture must end
# clipped to [0, 1], and that clip wipes out most of what L-BFGS had gained. Adam clips after every step, so it pays
# nothing at the end. Adam's two starting images end with close losses (from noise even slightly lower), yet the two
# pictures differ plainly: from noise, the face only half emerges. The content loss here reads a layer at a quarter
# of the picture's resolution, so it misses the fine details our eyes use to see a face; starting from the content
# image, those details are there from the start. So the rest of the lesson starts from the content image with Adam,
# as the `stylize` command does by default.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Có và không có biến phân toàn phần
#
# Ta vẽ lại với $\gamma = 0$ (không có TV) và $\gamma = 1$ (gấp mười lần mặc định), mọi thứ khác giữ nguyên, rồi đặt
# cạnh bức vẽ mặc định ($\gamma = 0.1$, Adam, từ ảnh nội dung) ở phần trên.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## With and without the total variation
#
# We paint again with $\gamma = 0$ (no TV) and $\gamma = 1$ (ten times the default), everything else unchanged,
# next to the default painting ($\gamma = 0.1$, Adam, from the content image) above.

# %% slideshow={"slide_type": "fragment"}
by_tv = {0.0: stylize(photo, strokes, network, steps=SCALE["steps"], tv_weight=0.0, seed=0, progress=False),
         0.1: list(paintings.values())[0],
         1.0: stylize(photo, strokes, network, steps=SCALE["steps"], tv_weight=1.0, seed=0, progress=False)}
print_table(["gamma", ganlib.tr(en="TV of the painting", vi="TV của bức vẽ"), ganlib.tr(en="content", vi="nội dung"),
             ganlib.tr(en="style", vi="phong cách")],
            [[str(gamma), *(f"{painting.history[part][-1]:.4f}" for part in ("tv", "content", "style"))]
             for gamma, painting in by_tv.items()])
print(ganlib.tr(en=f"the photo's own TV: {float(total_variation_loss(photo)):.3f}",
                vi=f"TV của chính ảnh chụp: {float(total_variation_loss(photo)):.3f}"))
show_pictures([p.image for p in by_tv.values()], [f"γ = {gamma}" for gamma in by_tv]);

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Giữa $\gamma = 0$ và mức mặc định 0.1, khác biệt rất nhỏ: bức vẽ không có TV chỉ lấm tấm hơn một chút. Với
# $\gamma = 1$, TV của bức vẽ giảm khoảng một nửa, các mảng màu mịn hẳn, và cái giá phải trả hiện ra ở hai cột kia:
# cả mất mát nội dung lẫn mất mát phong cách đều tăng một chút. TV của chính ảnh chụp là một mốc để so sánh: ngay cả
# với $\gamma = 1$, bức vẽ vẫn thô ráp hơn ảnh chụp, vì bản thân các nét cọ của ảnh phong cách đã thô ráp.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# Between $\gamma = 0$ and the default 0.1 the difference is slight: the painting without TV is only a little more
# speckled. With $\gamma = 1$ its TV drops by about half, the patches of colour are plainly smoother, and the price
# shows in the other two columns: both the content and the style loss rise a little. The photo's own TV is a
# yardstick: even with $\gamma = 1$ the painting stays rougher than the photo, since the style image's strokes are
# rough themselves.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Mạng ngẫu nhiên làm được gì, bỏ sót gì
#
# Một đơn vị ở tầng phong cách sâu nhất chỉ nhìn thấy một cửa sổ của ảnh, gọi là vùng tiếp nhận (*receptive field*).
# Ta đo nó trực tiếp: lan truyền ngược (*backpropagation*) từ một đơn vị ở giữa tầng ấy về ảnh, rồi đếm những điểm
# ảnh có gradient khác 0. Một mẫu hình rộng hơn cửa sổ này không thể hiện ra trong bất kỳ ma trận Gram nào
# của mạng. Để thấy hệ quả, ta vẽ ảnh chụp theo phong cách những hình tròn lớn.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## What the random network gets right, and what it misses
#
# A unit of the deepest style layer sees only a window of the picture, its receptive field. We measure it
# directly: backpropagate from one unit in the middle of that layer to the picture, and count which pixels get a
# non-zero gradient. A pattern wider than this window cannot show in any of the network's Gram matrices. To see
# what follows, we paint the photo in the style of the big discs.

# %% slideshow={"slide_type": "fragment"}
probe = torch.rand(1, 3, 128, 128, generator=torch.Generator().manual_seed(0), requires_grad=True)
deepest = network(probe)[1][-1]
deepest[0, :, deepest.shape[2] // 2, deepest.shape[3] // 2].sum().backward()
seen = probe.grad.abs().sum(dim=(0, 1)) > 0
width, height = int(seen.any(dim=0).sum()), int(seen.any(dim=1).sum())  # columns and rows with a non-zero gradient
print(ganlib.tr(en=f"the deepest style layer sees a window of {width} × {height} pixels",
                vi=f"tầng phong cách sâu nhất nhìn thấy một cửa sổ {width} × {height} điểm ảnh"))
disc_painting = stylize(photo, discs, network, steps=SCALE["steps"], seed=0, progress=False)
strokes_painting = list(paintings.values())[0]
print_table([ganlib.tr(en="style image", vi="ảnh phong cách"),
             ganlib.tr(en="style loss at the start", vi="mất mát phong cách lúc đầu"),
             ganlib.tr(en="at the end", vi="lúc cuối")],
            [[name, f"{painting.history['style'][0]:.4f}", f"{painting.history['style'][-1]:.4f}"]
             for name, painting in ((ganlib.tr(en="strokes", vi="nét cọ"), strokes_painting),
                                    (ganlib.tr(en="big discs", vi="hình tròn lớn"), disc_painting))])
show_pictures([discs, disc_painting.image, strokes, strokes_painting.image],
              [ganlib.tr(en="style", vi="phong cách"), ganlib.tr(en="painted", vi="bức vẽ"),
               ganlib.tr(en="style", vi="phong cách"), ganlib.tr(en="painted", vi="bức vẽ")]);

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Ở cả hai bức, mất mát phong cách giảm hơn 70 lần: theo đúng thước đo của mạng, bức vẽ đã có phong cách của ảnh
# phong cách. Với nét cọ, mắt ta cũng thấy điều đó: màu, độ dày và hướng của các nét, những mẫu hình nhỏ hơn cửa sổ
# của mạng. Với hình tròn lớn, bức vẽ lấy đúng bảng màu và những mảng màu phẳng lớn, nhưng không có hình tròn nào:
# mỗi hình tròn rộng hơn cửa sổ mà tầng sâu nhất nhìn thấy, nên không ma trận Gram nào chứa nó, và mất mát cũng không
# thể đòi bức vẽ phải có nó. VGG-19 có các tầng sâu hơn, nhìn thấy những cửa sổ rộng hơn nhiều, và được huấn luyện để
# nhận ra đồ vật; bài không đo VGG-19 (trọng số của nó không có sẵn ở đây), nên ta chỉ có thể nói: mạng ngẫu nhiên
# bắt được màu và kết cấu nhỏ, và bỏ sót mọi mẫu hình lớn hơn cửa sổ của nó.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# In both paintings the style loss falls more than 70-fold: by the network's own measure the painting has the style
# image's style. With the strokes we see it: the colours, thickness and direction of the strokes, patterns smaller
# than the network's window. With the big discs the painting takes the palette and the large flat patches of
# colour, but not one disc: each disc is wider than the window of the deepest layer, so no Gram matrix holds it,
# and the loss cannot ask for it. VGG-19 has deeper layers that see much wider windows and was trained to recognise
# objects; this lesson does not measure it (its weights are not here), so all we can say is: the random network
# catches colours and small-scale texture, and misses every pattern larger than its window.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Thử thách: ảnh của chính bạn
#
# Đây là bài tập cuối của phần chuyển phong cách trong bài học gốc. Chọn một ảnh chụp của bạn và một bức tranh hay
# hoa văn mà bạn có quyền dùng, rồi chạy từ thư mục gốc của khóa học:
#
# ```
# python -m ganlib stylize --content my_photo.jpg --style painting.jpg --out result.png --size 256
# ```
#
# Ở 256 px, lệnh chạy khoảng một phút trên một nhân CPU, có thanh tiến trình, và chỉ ghi `result.png` khi đã vẽ xong.
# Hãy thử `--style-weight` (mặc định 10), `--tv-weight` (0.1), `--init noise` và `--optimizer lbfgs`, và báo cáo mất
# mát phong cách lúc cuối mà lệnh in ra. Muốn làm ngay trong notebook, hãy thay các đường dẫn trong ô dưới đây rồi
# bỏ dấu `#`. Ảnh phong cách có những mẫu hình nhỏ (nét cọ, hoa văn vải, lá cây) hợp với mạng ngẫu nhiên hơn những
# hình lớn.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Challenge: your own pictures
#
# This is the assignment the original lesson's style-transfer part ends with. Pick a photo of yours and a painting
# or pattern you may use, then run from the course's root folder:
#
# ```
# python -m ganlib stylize --content my_photo.jpg --style painting.jpg --out result.png --size 256
# ```
#
# At 256 px it takes about a minute on one CPU core, shows a progress bar, and writes `result.png` only once the
# painting is done. Try `--style-weight` (default 10), `--tv-weight` (0.1), `--init noise` and `--optimizer
# lbfgs`, and report the final style loss the command prints. To do it in the notebook, put your paths in the cell
# below and remove the `#`. Style images with small patterns (brush strokes, fabric, leaves) suit the random
# network better than large shapes.

# %% slideshow={"slide_type": "fragment"}
# mine = stylize(load_image("my_photo.jpg", size=256), load_image("painting.jpg", size=256), network, seed=0)
# show_pictures([mine.image], ["mine"]);

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Cách của GAN: chuyển đổi ảnh sang ảnh với pix2pix
#
# Chuyển phong cách tối ưu lại từ đầu cho từng bức ảnh. Isola và cộng sự (2017) làm khác: huấn luyện một bộ sinh $G$ một
# lần trên các **cặp ảnh** (ảnh vào $\mathbf x$, ảnh đích $\mathbf y$); sau đó chỉ cần một lượt truyền xuôi
# $G(\mathbf x)$ là chuyển đổi được một ảnh mới. Mất mát tự nhiên nhất là L1, $\mathcal L_{L1}(G) = \mathbb E\,\|\mathbf
# y - G(\mathbf x)\|_1$. Nhưng khi ảnh vào không xác định trọn vẹn ảnh đích, L1 chọn cho **từng điểm ảnh riêng rẽ**
# giá trị trung vị của nó giữa mọi đáp án có thể; kết quả không phải là đáp án nào cả, và trông nhòe. pix2pix thêm
# một bộ phân biệt (*discriminator*) có điều kiện $D(\mathbf x, \mathbf y)$, chấm cả cặp (ảnh vào, ảnh ra) như GAN có
# điều kiện của bài 08:
#
# $$\min_G \max_D\ \mathbb E_{\mathbf x, \mathbf y}\log D(\mathbf x, \mathbf y)
#   + \mathbb E_{\mathbf x}\log\bigl(1 - D(\mathbf x, G(\mathbf x))\bigr) + \lambda\,\mathcal L_{L1}(G),
#   \qquad \lambda = 100.$$
#
# Khi cài đặt, $G$ dùng mất mát không bão hòa ("ns") của bài 04, như mọi GAN của khóa học. Bộ phân biệt là một
# PatchGAN: thay vì chấm một điểm cho cả ảnh, nó cho một lưới điểm, mỗi điểm chấm một mảnh nhỏ, nên nó phạt đúng thứ
# mà L1 để lọt: những nét nhòe trong từng vùng nhỏ.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The GAN way: translating images with pix2pix
#
# Style transfer optimises again from scratch for every picture. Isola et al. (2017) do otherwise: train a
# generator $G$ once on **pairs of pictures** (input $\mathbf x$, target $\mathbf y$); then $G(\mathbf x)$
# translates a new picture in one forward pass. The most natural loss is L1, $\mathcal L_{L1}(G) =
# \mathbb E\,\|\mathbf y - G(\mathbf x)\|_1$. But when the input does not settle the whole target, L1 picks for
# **each pixel on its own** its median over all the possible answers; the result is none of the answers, and looks
# blurred. pix2pix adds a conditional discriminator $D(\mathbf x, \mathbf y)$ that judges the pair (input, output),
# like lesson 08's conditional GAN:
#
# $$\min_G \max_D\ \mathbb E_{\mathbf x, \mathbf y}\log D(\mathbf x, \mathbf y)
#   + \mathbb E_{\mathbf x}\log\bigl(1 - D(\mathbf x, G(\mathbf x))\bigr) + \lambda\,\mathcal L_{L1}(G),
#   \qquad \lambda = 100.$$
#
# In code $G$ uses lesson 04's non-saturating ("ns") loss, as every GAN of the course does. The discriminator is a
# PatchGAN: instead of one score for the whole picture it gives a grid of scores, each judging a small patch, so
# it punishes exactly what L1 lets through: blurred strokes in each small region.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Một bài toán có cặp ảnh, dựng từ dữ liệu đi kèm: từ ảnh thu nhỏ 7×7 tới chữ số
#
# Ta dựng cặp ảnh từ các chữ số của khóa học: ảnh vào là chữ số thu nhỏ 4 lần, còn 7×7 điểm ảnh, rồi phóng to trở lại
# 28×28 thành những khối vuông; ảnh đích là chính chữ số ấy. Nhiều chữ số sắc nét có chung một ảnh thu nhỏ, nên đây đúng
# là trường hợp L1 có thể cho ra ảnh nhòe. Ba bộ sinh giống hệt nhau được huấn luyện với cùng số bước, cùng batch, cùng
# tốc độ học và cùng 3 seed: một bộ chỉ với L1; một bộ với L1 cộng mất mát đối kháng theo đúng tỉ lệ của pix2pix,
# $\lambda = 100$; một bộ với mất mát đối kháng nặng gấp 20 lần, tức $\lambda = 5$. Bộ phân biệt PatchGAN ở đây cho
# ra một lưới 7×7 điểm số, mỗi điểm số chấm một mảnh 18×18 điểm ảnh. Ta đo trên 1000 chữ số tham chiếu chưa từng được
# dùng để huấn luyện: sai số L1 so với ảnh đích, độ sắc nét (độ lớn trung bình của gradient theo không gian của ảnh,
# tính bằng phần trăm so với giá trị tương ứng của chữ số thật: 100 nghĩa là sắc như chữ số thật), và tỉ lệ ảnh mà bộ
# phân loại của bài 05 đọc ra đúng chữ số của ảnh vào.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## A paired task from the shipped data: from a 7×7 thumbnail to the digit
#
# We build pairs from the course's digits: the input is the digit shrunk 4 times to 7×7 pixels, then blown back up
# to 28×28 as blocks; the target is the digit itself. Many sharp digits share one thumbnail, so this is exactly
# where L1 may blur. Three identical generators train with the same steps, batch, learning rate and 3 seeds: one
# with L1 alone; one with L1 plus the adversarial loss in pix2pix's own proportion, $\lambda = 100$; one with the
# adversarial loss 20 times heavier, that is $\lambda = 5$. The PatchGAN discriminator here gives a 7×7 grid of
# scores, each seeing an 18×18-pixel patch. We measure on 1000 reference digits never trained on: the L1 error
# to the target, the sharpness (the mean size of the image's gradient, as a percentage of that of real digits:
# 100 is as sharp as real digits), and the share that lesson 05's classifier reads as the digit of the input.

# %% slideshow={"slide_type": "fragment"}
split = split_digits()  # bundled digits: train 3000 / reference 1000 / fresh 1000, dealt by class
train_inputs, train_targets = thumbnail_pairs(to_gan_range(split.train.images))  # in [−1, 1], as G's output
test_inputs, test_targets = thumbnail_pairs(to_gan_range(split.reference.images[:SCALE["n"]]))
test_labels = split.reference.labels[:SCALE["n"]]
ADVERSARIAL = {"L1": 0.0, "GAN λ=100": 1.0, "GAN λ=5": 20.0}  # the weight of G's "ns" loss; L1's weight is 100
runs = {name: [train_translation(train_inputs, train_targets, adversarial_weight=weight, steps=SCALE["train_steps"],
                                 seed=seed) for seed in range(SCALE["seeds"])]
        for name, weight in ADVERSARIAL.items()}


def scores_in_percent(outputs: torch.Tensor) -> dict:
    """L1 error ×100, sharpness in % of the real digits', % read as the intended digit, of outputs in [−1, 1]."""
    scores = translation_scores(outputs, test_targets, test_labels)
    return {"l1": 100 * scores["l1"], "sharpness": 100 * scores["sharpness_ratio"],
            "read": 100 * scores["reads_intended"]}


scores = {name: [scores_in_percent(translate(run.generator, test_inputs)) for run in group]
          for name, group in runs.items()}
print(ganlib.tr(en=f"{SCALE['train_steps']} steps of batch 64, {SCALE['seeds']} seeds, {SCALE['n']} reference digits",
                vi=f"{SCALE['train_steps']} bước, batch 64, {SCALE['seeds']} seed, {SCALE['n']} chữ số tham chiếu"))
rows = {**scores, ganlib.tr(en="thumbnail", vi="ảnh thu nhỏ"): [scores_in_percent(test_inputs)],
        ganlib.tr(en="real digit", vi="chữ số thật"): [scores_in_percent(test_targets)]}
print_table([ganlib.tr(en="generator", vi="bộ sinh"), ganlib.tr(en="L1 error ×100", vi="sai số L1 ×100"),
             ganlib.tr(en="sharpness (% of real)", vi="độ sắc nét (% chữ số thật)"),
             ganlib.tr(en="read as intended (%)", vi="đọc đúng chữ số (%)")],
            [[name, *(format_spread([s[key] for s in group]) for key in ("l1", "sharpness", "read"))]
             for name, group in rows.items()])
for name in ("GAN λ=100", "GAN λ=5"):
    for key, what in (("sharpness", ganlib.tr(en="sharpness", vi="độ sắc nét")),
                      ("read", ganlib.tr(en="read as intended", vi="đọc đúng chữ số")),
                      ("l1", ganlib.tr(en="L1 error", vi="sai số L1"))):
        print(verdict_line(name, [s[key] for s in scores[name]], "L1", [s[key] for s in scores["L1"]], what=what))

# %% slideshow={"slide_type": "fragment"}
shown = slice(0, 10)
show_digits(torch.cat([test_inputs[shown], translate(runs["L1"][0].generator, test_inputs[shown]),
                       translate(runs["GAN λ=5"][0].generator, test_inputs[shown]), test_targets[shown]]),
            value_range=(-1.0, 1.0),
            title=ganlib.tr(en="rows: thumbnail, L1, L1 + GAN (λ = 5), the real digit (seed 0)",
                            vi="các hàng: ảnh thu nhỏ, L1, L1 + GAN (λ = 5), chữ số thật (seed 0)"));

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Hãy đọc bảng cùng các dòng kết luận in bên dưới. Ở chế độ đầy đủ, với đúng tỉ lệ $\lambda = 100$ của pix2pix và số
# bước huấn luyện này, mất mát đối kháng chỉ làm chữ số sắc hơn một chút (+1.7 ± 1.4 điểm phần trăm: đã phân định
# được, nhưng khác biệt nhỏ), còn sai số L1 và kết quả đọc của bộ phân loại thì không đổi. Với mất mát đối kháng nặng
# gấp 20 lần ($\lambda = 5$), ảnh ra gần sắc như chữ số thật (khoảng 98% so với 92% khi chỉ có L1, phân định được qua
# 3 seed), đổi lại sai số L1 lớn hơn một chút: GAN vẽ một nét sắc ở chỗ mà trong ảnh đích nét ấy có thể lệch đi một
# điểm ảnh, và L1 phạt sự lệch đó. Bộ phân loại đọc đúng chữ số với tỉ lệ như nhau ở cả ba bộ sinh (khoảng 94%, so
# với 98% của chữ số thật và 85% của chính các ảnh thu nhỏ): sắc nét không có nghĩa là đúng. Lưới ảnh cho thấy khác
# biệt ở đây nhỏ đến mức nào: ảnh thu nhỏ 7×7 của một chữ số không để lại nhiều chỗ mơ hồ, nên riêng L1 đã vẽ được
# những nét khá gọn. Isola và cộng sự cho thấy L1 làm ảnh nhòe rõ rệt trên những bài toán mơ hồ hơn hẳn (từ ảnh
# đường viền ra ảnh chụp, từ bản đồ ra ảnh chụp từ trên cao). Một lưu ý về thước đo: độ sắc nét ở đây là độ lớn trung
# bình của gradient, nên nhiễu cũng làm nó tăng; trong bài này nó vẫn dưới mức của chữ số thật ở mọi lần chạy.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# Read the table with the verdict lines under it. In full mode, with pix2pix's own $\lambda = 100$, the adversarial
# loss sharpens the digits only a little at this budget (+1.7 ± 1.4 percentage points: decided, but small), and
# changes neither the L1 error nor the classifier's reading. With the adversarial loss 20 times heavier
# ($\lambda = 5$) the outputs come close to the real digits' sharpness (about 98% against 92% for L1 alone, decided
# over the 3 seeds), at the price of a slightly larger L1 error: the GAN draws a sharp stroke where the target may
# have it one pixel away, and L1 punishes that. The classifier reads the intended digit equally often for all three
# (about 94%, against 98% for real digits and 85% for the thumbnails themselves): sharp is not the same as right. The
# grid shows how small the difference is here: a 7×7 thumbnail of a digit leaves little doubt, so L1 alone already
# draws fairly clean strokes. Isola et al. show L1 blurring plainly on tasks with far more doubt (edges to photos,
# maps to aerial views). A word on the measure: sharpness here is the mean size of the gradient, so noise raises it
# too; here it stays below the real digits' in every run.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Khi không có cặp ảnh: CycleGAN
#
# pix2pix cần từng cặp (ảnh vào, ảnh đích). Với ảnh chụp và tranh Monet, hay ngựa và ngựa vằn, không ai có những cặp như
# vậy. CycleGAN (Zhu và cộng sự, 2017) chỉ cần hai tập ảnh $X$ và $Y$ không ghép cặp. Phương pháp này huấn luyện hai bộ
# sinh, $G: X \to Y$ và $F: Y \to X$, mỗi bộ có một bộ phân biệt riêng ($D_Y$ chấm ảnh thuộc $Y$, $D_X$ chấm ảnh thuộc
# $X$). Chỉ riêng các mất mát đối kháng thì chưa đủ: $G$ có thể biến mọi ảnh ngựa thành cùng một ảnh ngựa vằn đẹp.
# Tính nhất quán chu trình (*cycle consistency*) buộc mỗi ảnh phải quay về được chính nó sau khi đi một vòng:
#
# $$\mathcal L_\text{cyc}(G, F) = \mathbb E_{\mathbf x \sim X}\,\|F(G(\mathbf x)) - \mathbf x\|_1
#   + \mathbb E_{\mathbf y \sim Y}\,\|G(F(\mathbf y)) - \mathbf y\|_1,$$
#
# $$\mathcal L(G, F, D_X, D_Y) = \mathcal L_\text{GAN}(G, D_Y) + \mathcal L_\text{GAN}(F, D_X)
#   + \lambda\,\mathcal L_\text{cyc}(G, F), \qquad \lambda = 10.$$
#
# Vai trò của L1 trong pix2pix (giữ ảnh ra gắn với ảnh vào) giờ do vòng $X \to Y \to X$ đảm nhận, vì không còn ảnh
# đích nào để so.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## When pairs do not exist: CycleGAN
#
# pix2pix needs each pair (input, target). For photos and Monet paintings, or horses and zebras, nobody has such
# pairs. CycleGAN (Zhu et al. 2017) needs only two unpaired sets of pictures, $X$ and $Y$. It trains two
# generators, $G: X \to Y$ and $F: Y \to X$, each with its own discriminator ($D_Y$ judges pictures of $Y$, $D_X$
# pictures of $X$). The adversarial losses alone are not enough: $G$ could turn every horse into the same fine
# zebra. Cycle consistency makes each picture come back to itself after a round trip:
#
# $$\mathcal L_\text{cyc}(G, F) = \mathbb E_{\mathbf x \sim X}\,\|F(G(\mathbf x)) - \mathbf x\|_1
#   + \mathbb E_{\mathbf y \sim Y}\,\|G(F(\mathbf y)) - \mathbf y\|_1,$$
#
# $$\mathcal L(G, F, D_X, D_Y) = \mathcal L_\text{GAN}(G, D_Y) + \mathcal L_\text{GAN}(F, D_X)
#   + \lambda\,\mathcal L_\text{cyc}(G, F), \qquad \lambda = 10.$$
#
# The job of pix2pix's L1 (keeping the output tied to the input) now falls to the round trip $X \to Y \to X$,
# since there is no target to compare with.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Tóm tắt
#
# - Nội dung là bản đồ đặc trưng ở một tầng sâu; phong cách là ma trận Gram $F F^\top / (HW)$ ở nhiều tầng. Ma trận
#   Gram quên vị trí: xáo các mảnh ảnh làm mất mát nội dung tăng vọt mà mất mát phong cách gần như đứng yên.
# - Ba mất mát (nội dung, phong cách, TV) được cộng theo trọng số rồi tối ưu trực tiếp theo các điểm ảnh. Chia mỗi sai
#   số cho độ lớn của mục tiêu giúp trọng số mang cùng một nghĩa với mọi mạng.
# - Ở 150 bước, Adam từ ảnh nội dung cho bức vẽ tốt nhất trong bốn bức; tính theo số bước, mất mát của L-BFGS giảm
#   nhanh hơn, nhưng L-BFGS mất phần lớn lợi thế ấy khi giá trị các điểm ảnh bị cắt về [0, 1] ở cuối. TV làm mịn bức
#   vẽ, đổi lại hai mất mát kia tăng nhẹ.
# - Một mạng bộ lọc ngẫu nhiên, không cần tải gì, bắt được màu và kết cấu nhỏ hơn cửa sổ của nó, và bỏ sót mọi mẫu
#   hình lớn hơn; mất mát thấp không có nghĩa là mọi thứ ta thấy trong ảnh phong cách đã được chép sang.
# - pix2pix huấn luyện một bộ sinh trên các cặp ảnh: L1 giữ ảnh ra gắn với ảnh vào, bộ phân biệt PatchGAN có điều kiện
#   giữ cho nét vẽ sắc. Trên bài toán ảnh thu nhỏ của bài, nét vẽ chỉ sắc hơn rõ rệt khi mất mát đối kháng nặng hơn tỉ
#   lệ của pix2pix, và nét sắc hơn không giúp bộ phân loại đọc đúng hơn. CycleGAN thay các cặp ảnh bằng tính nhất
#   quán chu trình.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Summary
#
# - Content is the feature map at a deep layer; style is the Gram matrix $F F^\top / (HW)$ at several layers. The
#   Gram matrix forgets where: shuffling patches sends the content loss soaring while the style loss barely moves.
# - The three losses (content, style, TV) are weighted, added and minimised over the pixels directly. Dividing
#   each error by the size of its target gives the weights the same meaning with any network.
# - At 150 steps, Adam from the content image gives the best of the four paintings; L-BFGS falls faster per step
#   but loses most of its lead when the pixels are clipped to [0, 1] at the end. TV smooths the painting at a small
#   cost in the other two losses.
# - A network of random filters, downloading nothing, catches colours and texture smaller than its window and
#   misses every larger pattern; a low loss does not mean everything we see in the style image came across.
# - pix2pix trains a generator on pairs of pictures: L1 keeps the output tied to the input, a conditional PatchGAN
#   discriminator keeps the strokes sharp. On the lesson's thumbnails the strokes get clearly sharper only with an
#   adversarial loss heavier than pix2pix's proportion, and sharper does not make the classifier read them better.
#   CycleGAN replaces the pairs with cycle consistency.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Bài tập
#
# Điền vào mỗi ô bài tập, chạy nó, rồi chạy ô kiểm tra ngay sau: `✓` là đúng, `✗` kèm gợi ý là chưa.
# Lời giải nằm trong `solutions/10_style_transfer.ipynb`.
#
# **Bài 1 (suy luận): ma trận Gram quên điều gì.** Viết bản đồ đặc trưng của một ảnh thành ma trận $F$ kích thước
# $C \times P$ ($P = HW$ vị trí) và $G = F F^\top / P$. Hãy chứng minh trên giấy rằng với mọi ma trận hoán vị
# $\Pi$ kích thước $P \times P$, $F\Pi$ có cùng ma trận Gram với $F$. Sau đó hãy cho biết thay đổi nào dưới đây giữ
# nguyên $G$ (với mọi $F$):
#
# - (a) xáo các vị trí, cùng một cách xáo cho mọi kênh;
# - (b) lật bản đồ đặc trưng theo chiều ngang;
# - (c) đổi chỗ kênh 0 và kênh 1;
# - (d) nhân mọi đặc trưng với 2;
# - (e) xáo các vị trí của từng kênh theo một cách riêng.
#
# Ghi đáp án dưới dạng một tập các chữ cái, ví dụ `{"a", "c"}`.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Exercises
#
# Fill in each exercise cell, run it, then run the check right after it: `✓` means right, `✗` comes with
# a hint. Solutions are in `solutions/10_style_transfer.ipynb`.
#
# **Exercise 1 (derive): what a Gram matrix forgets.** Write a picture's feature map as a $C \times P$ matrix $F$
# ($P = HW$ positions) and $G = F F^\top / P$. Show on paper that for any $P \times P$ permutation matrix $\Pi$,
# $F\Pi$ has the same Gram matrix as $F$. Then decide which changes below leave $G$ unchanged (for every $F$):
#
# - (a) shuffling the positions, the same shuffle for every channel;
# - (b) mirroring the feature map left to right;
# - (c) swapping channels 0 and 1;
# - (d) multiplying every feature by 2;
# - (e) shuffling the positions of each channel with its own shuffle.
#
# Write the answer as a set of letters, e.g. `{"a", "c"}`.

# %% slideshow={"slide_type": "skip"}
from ganlib import exercises

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
invariant_changes = ...  # a set of letters

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi", "solution"]
# *Lời giải.* Ma trận hoán vị là ma trận trực giao: $\Pi\Pi^\top = I$. Vậy $(F\Pi)(F\Pi)^\top / P = F\Pi\Pi^\top F^\top
# / P = F F^\top / P = G$. (a) là $F\Pi$ với một $\Pi$ dùng chung cho mọi hàng, nên giữ nguyên $G$; (b) cũng vậy (vị trí
# $(i, j)$ sang $(i, W-1-j)$ là một hoán vị các cột). (c) là $\Sigma F$ với $\Sigma$ hoán vị các hàng, cho $\Sigma G
# \Sigma^\top$: các hàng và cột của $G$ đổi chỗ. (d) cho $4G$. (e) không viết được thành $F\Pi$: mỗi hàng có hoán vị
# riêng, nên tích $F_{ip}F_{jp}$ của hai kênh khác nhau không còn ghép đúng vị trí; chỉ đường chéo (tổng bình phương của
# từng kênh) giữ nguyên. Đáp án: {a, b}. Lưu ý: lật **ảnh** không giống lật **bản đồ đặc trưng**, vì các bộ lọc không
# đối xứng. Tương tự, xáo các mảnh của **ảnh** chỉ dời nguyên các vị trí của bản đồ đặc trưng ở xa đường cắt; gần đường
# cắt, cửa sổ của mạng nằm vắt qua hai mảnh và nhìn thấy những thứ mới. Vì thế ở phần "xáo các mảnh ảnh", mất mát phong
# cách nhỏ nhưng không bằng đúng 0.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en", "solution"]
# *Solution.* A permutation matrix is orthogonal: $\Pi\Pi^\top = I$. So $(F\Pi)(F\Pi)^\top / P = F\Pi\Pi^\top F^\top /
# P = F F^\top / P = G$. (a) is $F\Pi$ with one $\Pi$ shared by every row, so it leaves $G$ unchanged; so does (b)
# (position $(i, j)$ to $(i, W-1-j)$ is a permutation of the columns). (c) is $\Sigma F$ with $\Sigma$ permuting the
# rows, giving $\Sigma G \Sigma^\top$: rows and columns of $G$ trade places. (d) gives $4G$. (e) cannot be written
# as $F\Pi$: each row has its own permutation, so the products $F_{ip}F_{jp}$ of two different channels no longer
# meet at the same position; only the diagonal (each channel's sum of squares) stays. Answer: {a, b}. Note that
# mirroring the **picture** is not mirroring the **feature map**, since the filters are not symmetric. Likewise,
# shuffling patches of the **picture** moves whole positions of the feature map only away from the seams; near a
# seam the network's window straddles two patches and sees something new. That is why, in "shuffling patches", the
# style loss is small but not exactly 0.

# %% slideshow={"slide_type": "skip"} tags=["solution"]
invariant_changes = {"a", "b"}

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_gram_invariance(invariant_changes)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 2 (cài đặt): ma trận Gram.** Viết `gram(features)` nhận một tensor $N \times C \times H \times W$ và trả về
# $N$ ma trận Gram $C \times C$ (kích thước $N \times C \times C$), trong đó $G_{nij}$ là trung bình theo $H \cdot W$
# vị trí của tích kênh $i$ với kênh $j$ của ảnh $n$. Ô kiểm tra có một trường hợp nhỏ, tính tay được.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 2 (implement): the Gram matrix.** Write `gram(features)` for a tensor $N \times C \times H \times W$
# that returns the $N$ Gram matrices $C \times C$ (shape $N \times C \times C$), $G_{nij}$ the mean over the
# $H \cdot W$ positions of channel $i$ times channel $j$ of picture $n$. The check has one case you can count by hand.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def gram(features: torch.Tensor) -> torch.Tensor:
    """N×C×C Gram matrices of N×C×H×W features: the mean over positions of channel i times channel j."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
def gram(features: torch.Tensor) -> torch.Tensor:
    """N×C×C Gram matrices of N×C×H×W features: the mean over positions of channel i times channel j."""
    n, c, h, w = features.shape
    flat = features.reshape(n, c, h * w)  # F, one C×(H·W) matrix per picture
    return flat @ flat.transpose(1, 2) / (h * w)

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_gram_matrix(gram)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 3 (cài đặt): biến phân toàn phần.** Viết `total_variation(images)` cho ảnh $N \times C \times H \times W$,
# trả về một số: một nửa tổng của hai giá trị trung bình, trung bình trị tuyệt đối hiệu giữa các điểm ảnh kề nhau
# theo chiều dọc và trung bình ấy theo chiều ngang, đúng công thức $\mathcal L_\text{TV}$ của bài. Trước
# khi chạy, hãy tự tính: một bàn cờ đen trắng (0 và 1 xen kẽ) cho ra bao nhiêu? Một ảnh sáng dần đều, mỗi cột tăng
# 0.2?

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 3 (implement): the total variation.** Write `total_variation(images)` for images $N \times C \times H
# \times W$ that returns one number: half the sum of the mean absolute difference between vertical neighbours and
# the mean absolute difference between horizontal neighbours, the lesson's $\mathcal L_\text{TV}$. Before running
# it, work out: what does a black-and-white checkerboard (0 and 1 alternating) give? A ramp rising 0.2 per column?

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def total_variation(images: torch.Tensor) -> torch.Tensor:
    """Half the sum of the mean |vertical| and mean |horizontal| differences of neighbours, N×C×H×W → one number."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
def total_variation(images: torch.Tensor) -> torch.Tensor:
    """Half the sum of the mean |vertical| and mean |horizontal| differences of neighbours, N×C×H×W → one number."""
    vertical = (images[:, :, 1:, :] - images[:, :, :-1, :]).abs().mean()
    horizontal = (images[:, :, :, 1:] - images[:, :, :, :-1]).abs().mean()
    return 0.5 * (vertical + horizontal)

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_total_variation(total_variation)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 4 (thí nghiệm): phong cách nặng gấp mười.** Ô kiểm tra vẽ ảnh chụp theo phong cách nét cọ ở 64 px, 60 bước
# Adam từ ảnh nội dung, hai lần: với trọng số phong cách $\beta = 10$ (mặc định) rồi $\beta = 100$, và đo mất mát nội
# dung lúc cuối. Hãy dự đoán trước, khi $\beta$ tăng từ 10 lên 100:
#
# - (a) mất mát nội dung thay đổi chưa tới 20%: ảnh vẫn giữ bố cục như cũ;
# - (b) nó tăng trong khoảng từ 20% đến gấp đôi;
# - (c) nó tăng hơn gấp đôi.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 4 (experiment): a style ten times heavier.** The check paints the photo in the style of the brush
# strokes at 64 px, 60 Adam steps from the content image, twice: with the style weight $\beta = 10$ (the default),
# then $\beta = 100$. It measures the final content loss. Predict first, when $\beta$ goes from 10 to 100:
#
# - (a) the content loss changes by less than 20%: the picture keeps its layout as before;
# - (b) it rises by 20% up to double;
# - (c) it more than doubles.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
style_weight_prediction = ...  # "a", "b" or "c"

# %% slideshow={"slide_type": "skip"} tags=["solution"]
style_weight_prediction = "b"

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.experiment_style_weight(style_weight_prediction)

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Câu hỏi kiểm tra
#
# Chọn đáp án rồi bấm **Kiểm tra** khi bạn tự chạy notebook; trên GitHub, mở mục **Đáp án**.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Quiz
#
# Pick an answer and press **Check** when you run the notebook; on GitHub, open **Answer**.

# %% slideshow={"slide_type": "-"} tags=["quiz"]
exercises.show_quiz("10")
