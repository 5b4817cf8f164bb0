# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# # 05 — GAN trên MNIST
#
# Phần một của khóa học khép lại bằng một mạng đối sinh (*generative adversarial network*, GAN) thật
# trên chữ số thật: mạng perceptron nhiều tầng (MLP) phổ biến trên các blog và trong kho mã
# PyTorch-GAN. Đây không phải mạng của bài báo gốc (Goodfellow và cộng sự, 2014); mục giới thiệu hai
# mạng ở dưới nói rõ chúng khác mạng của bài báo gốc ở đâu. Bài này đi qua dữ liệu, hai mạng là bộ sinh
# (*generator*) và bộ phân biệt (*discriminator*), một bước huấn luyện, vòng lặp huấn luyện nhanh của
# `ganlib`, cách đọc đường mất mát, cách chấm điểm mẫu, cách lưu và nạp lại. Cuối bài, ta đặt cách
# huấn luyện phổ biến trên các blog cạnh cách huấn luyện của khóa học và đo từng thay đổi trên nhiều
# seed (*hạt giống ngẫu nhiên*).

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# # 05 — A GAN on MNIST
#
# Part one of the course ends with a real generative adversarial network (GAN) on real digits: the
# multilayer perceptron (MLP) common on blogs and in the PyTorch-GAN repository. It is not the network
# of the original paper (Goodfellow et al., 2014); the section on the two networks says where they
# differ. This lesson goes through the data, the two networks, one training step, `ganlib`'s fast
# training loop, how to read the loss curves, how to score samples, and how to save and load. At the
# end we put the training recipe common on blogs next to the course's and measure each change over
# several seeds.

# %% slideshow={"slide_type": "skip"} tags=["colab"]
# notebooks/build.py writes here the cell that installs ganlib where it is missing and picks the language

# %% slideshow={"slide_type": "skip"}
import inspect
import math
import tempfile
from dataclasses import replace

import numpy as np
import scipy.linalg
import torch
import torch.nn.functional as F

from ganlib import (TrainConfig, build_gan, count_parameters, cross_entropy_loss, discriminator_step,
                    fixed_noise, generate, generator_loss, generator_step, load_checkpoint, load_generator,
                    show_class_histograms, show_digits, show_discriminator_outputs, show_grid_files,
                    reference_scores, score_samples, show_losses, show_metrics, train_gan)
from ganlib import metrics, toys
from IPython.display import Markdown

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Ba mức tính toán
#
# Một biến duy nhất, `TIER`, quyết định bài này huấn luyện bao lâu. Thời gian dưới đây đo trên CPU
# 2 nhân dùng chung với người khác:
#
# | `TIER` | dữ liệu | số epoch | thời gian đo được | dùng khi |
# |---|---|---|---|---|
# | `"quick"` | 500 chữ số | 2 | vài giây | kiểm thử tự động (CI), tự bật khi `GANLIB_QUICK=1` |
# | `"laptop"` | 5000 chữ số đi kèm | 50 | khoảng 1 phút (1.1 s mỗi epoch; 100 s khi máy đang bận) | CPU của laptop; mặc định |
# | `"gpu"` | 60000 chữ số của MNIST đầy đủ | 100 | chưa đo: khi viết bài này chưa có GPU | máy có CUDA |
#
# Mức `"laptop"` giống hệt lệnh `python -m ganlib train --model mlp --data bundled --device cpu
# --epochs 50`. Bộ sinh huấn luyện sẵn ở cuối bài được huấn luyện tiếp tới 100 epoch (*một lượt qua toàn bộ
# dữ liệu huấn luyện*) với `--epochs 100`: lệnh đó chạy hết 207 s, trong đó 191 s là các epoch huấn luyện
# (1.1 s mỗi epoch khi máy rảnh).

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Three compute tiers
#
# One setting, `TIER`, decides how long this lesson trains. Times below were measured on a 2-core CPU
# shared with other users:
#
# | `TIER` | data | epochs | measured time | use it for |
# |---|---|---|---|---|
# | `"quick"` | 500 digits | 2 | a few seconds | automated tests (CI), chosen by `GANLIB_QUICK=1` |
# | `"laptop"` | the 5000 bundled digits | 50 | about 1 min (1.1 s per epoch; 100 s while the machine was busy) | a laptop CPU; the default |
# | `"gpu"` | the 60000 digits of full MNIST | 100 | not measured: no GPU was available when this lesson was written | a CUDA machine |
#
# The `"laptop"` tier is the same as `python -m ganlib train --model mlp --data bundled --device cpu
# --epochs 50`. The pretrained generator at the end of the lesson went on to 100 epochs with
# `--epochs 100`: that command took 207 s, 191 s of which were training epochs (1.1 s per epoch when
# the machine was not busy).

# %% slideshow={"slide_type": "skip"}
TIERS = {"quick": {"digits": 500, "epochs": 2},
         "laptop": {"digits": 5000, "epochs": 50},
         "gpu": {"digits": 60000, "epochs": 100}}
TIER = "quick" if ganlib.is_quick() else "laptop"  # set "gpu" on a CUDA machine with full MNIST
device = ganlib.pick_device()

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Dữ liệu và miền $[-1, 1]$
#
# Ảnh MNIST là `uint8` từ 0 (nền đen) đến 255 (nét mực). Bộ sinh kết thúc bằng $\tanh$, nên ảnh giả
# nằm trong $[-1, 1]$. Ảnh thật phải cùng miền đó, nếu không bộ phân biệt $D$ chỉ cần nhìn miền giá
# trị là phân biệt được thật với giả. Ta dùng $x \mapsto x / 127.5 - 1$: nền đen thành
# $-1$, mực đậm thành $1$.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The data and the range $[-1, 1]$
#
# MNIST images are `uint8` from 0 (black background) to 255 (ink). The generator ends with $\tanh$, so
# fakes lie in $[-1, 1]$. Real images must share that range, or the discriminator $D$ could tell real
# from fake by the range alone. We use $x \mapsto x / 127.5 - 1$: the black background becomes $-1$,
# full ink becomes $1$.

# %% slideshow={"slide_type": "fragment"}
digits = ganlib.load_mnist()

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
x = ganlib.to_gan_range(digits.images)
print("x:", tuple(x.shape), x.dtype, ganlib.tr(en=f"min {x.min().item():.1f}, max {x.max().item():.1f}",
                                              vi=f"nhỏ nhất {x.min().item():.1f}, lớn nhất {x.max().item():.1f}"))
print(ganlib.tr(en="background pixel:", vi="điểm ảnh nền:"), x[0, 0, 0, 0].item())

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Bộ sinh và bộ phân biệt
#
# Bộ sinh $G$ biến vector nhiễu $\mathbf z \sim \mathcal N(0, I_{100})$ thành ảnh: 100 → 256 → 512 →
# 1024 → 784, mỗi tầng ẩn gồm Linear, BatchNorm và LeakyReLU(0.2), tầng cuối là $\tanh$. Bộ phân biệt
# $D$ đi theo chiều ngược lại: 784 → 512 → 256 → 1, mỗi tầng ẩn gồm Linear và LeakyReLU(0.2), dropout
# là tùy chọn. $D$ không dùng BatchNorm: điểm của một ảnh không nên phụ thuộc vào các ảnh khác trong
# cùng batch. Trọng số khởi tạo theo mặc định của PyTorch: trọng số và hệ số điều chỉnh (*bias*) của
# `nn.Linear` có phân phối đều trên $(-1/\sqrt{n_\text{in}}, 1/\sqrt{n_\text{in}})$.
#
# Cặp mạng này là MLP quen thuộc của các blog và kho mã PyTorch-GAN, huấn luyện bằng Adam. Mạng MNIST
# trong bài báo của Goodfellow và cộng sự (2014) khác ở gần như mọi điểm:
#
# | | bài báo 2014 | khóa học (MLP kiểu blog) |
# |---|---|---|
# | bộ sinh $G$ | 100 → 1200 → 1200 → 784, ReLU, đầu ra sigmoid | 100 → 256 → 512 → 1024 → 784, BatchNorm và LeakyReLU(0.2), đầu ra $\tanh$ |
# | bộ phân biệt $D$ | mạng maxout, có dropout | 784 → 512 → 256 → 1, LeakyReLU(0.2), không dropout |
# | BatchNorm | không (năm 2014 BatchNorm chưa ra đời) | có, trong $G$ |
# | bộ tối ưu | SGD với momentum | Adam, $\beta_1 = 0.5$ |
#
# Vì vậy, những gì bài này đo được là của MLP kiểu blog, không phải của mạng trong bài báo gốc.
#
# Mọi siêu tham số đều truyền bằng tên: `build_gan("mlp", generator={"latent_dim": 64})`. Một kho
# mã phổ biến viết `nn.BatchNorm1d(n, 0.8)`. Đối số vị trí thứ hai là `eps`, không phải
# `momentum`, nên dòng đó đặt `eps = 0.8` thay vì $10^{-5}$: phép chuẩn hóa gần như bị tắt.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The generator and the discriminator
#
# The generator $G$ turns a noise vector $\mathbf z \sim \mathcal N(0, I_{100})$ into an image:
# 100 → 256 → 512 → 1024 → 784, each hidden layer Linear, BatchNorm and LeakyReLU(0.2), the last one
# $\tanh$. The discriminator $D$ goes the other way: 784 → 512 → 256 → 1, each hidden layer Linear
# and LeakyReLU(0.2), with optional dropout. $D$ has no BatchNorm: an image's score should not depend
# on the other images of its batch. Weights start at PyTorch's default: `nn.Linear` weights and biases uniform on
# $(-1/\sqrt{n_\text{in}}, 1/\sqrt{n_\text{in}})$.
#
# This pair is the familiar MLP of blogs and the PyTorch-GAN repository, trained with Adam. The MNIST
# network of Goodfellow et al. (2014) differs in almost every respect:
#
# | | the 2014 paper | this course (the blog MLP) |
# |---|---|---|
# | generator $G$ | 100 → 1200 → 1200 → 784, ReLU, sigmoid output | 100 → 256 → 512 → 1024 → 784, BatchNorm and LeakyReLU(0.2), $\tanh$ output |
# | discriminator $D$ | a maxout network with dropout | 784 → 512 → 256 → 1, LeakyReLU(0.2), no dropout |
# | BatchNorm | none (it did not exist yet in 2014) | yes, in $G$ |
# | optimiser | SGD with momentum | Adam, $\beta_1 = 0.5$ |
#
# So what this lesson measures belongs to the blog MLP, not to the network of the original paper.
#
# Every hyperparameter is passed by name: `build_gan("mlp", generator={"latent_dim": 64})`. A popular
# repository writes `nn.BatchNorm1d(n, 0.8)`. The second positional argument is `eps`, not `momentum`,
# so that line sets `eps = 0.8` instead of $10^{-5}$: normalisation is all but switched off.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
generator, discriminator = build_gan("mlp")
print(generator)
print(discriminator)
print(ganlib.tr(en=f"G: {count_parameters(generator)} parameters, D: {count_parameters(discriminator)} parameters",
                vi=f"G: {count_parameters(generator)} tham số, D: {count_parameters(discriminator)} tham số"))

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["vi"]
# ### Vì sao $D$ trả về logit
#
# $D(\mathbf x) = \sigma(\ell)$ với $\ell$ là logit. Nếu mạng tự tính $\sigma$ rồi hàm mất mát
# (*loss function*) lấy $\log$, thì khi $D$ quá chắc chắn, $\sigma(\ell)$ bị làm tròn thành đúng 1 và
# $\log(1 - \sigma(\ell)) = -\infty$. `BCELoss` của PyTorch chặn $\log$ ở $-100$: giá trị sai và
# gradient bằng 0. `BCEWithLogitsLoss` tính thẳng từ logit, $\log(1 - \sigma(\ell)) = -\log(1 + e^{\ell})$,
# nên luôn chính xác và hữu hạn. Vì vậy $D$ của ta trả về logit.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["en"]
# ### Why $D$ returns logits
#
# $D(\mathbf x) = \sigma(\ell)$ with $\ell$ the logit. If the network applies $\sigma$ itself and the
# loss then takes a $\log$, a confident $D$ rounds $\sigma(\ell)$ to exactly 1 and
# $\log(1 - \sigma(\ell)) = -\infty$. PyTorch's `BCELoss` clips the $\log$ at $-100$: a wrong value and
# a zero gradient. `BCEWithLogitsLoss` works from the logit, $\log(1 - \sigma(\ell)) = -\log(1 + e^{\ell})$,
# so it stays exact and finite. That is why our $D$ returns logits.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
logit, fake_label = torch.tensor(20.0), torch.tensor(0.0)
print("log(1 - sigmoid(20))      =", torch.log(1 - torch.sigmoid(logit)).item())
print("BCELoss(sigmoid(20), 0)   =", F.binary_cross_entropy(torch.sigmoid(logit), fake_label).item())
print("BCEWithLogitsLoss(20, 0)  =", F.binary_cross_entropy_with_logits(logit, fake_label).item())

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Hàm mất mát và giá trị tại cân bằng
#
# $D$ cực tiểu hóa entropy chéo nhị phân (*binary cross-entropy*): nhãn 1 cho ảnh thật, nhãn 0 cho
# ảnh giả, hai số hạng cộng lại:
#
# $$\mathcal L_D = -\mathbb E_{\mathbf x}\log D(\mathbf x) - \mathbb E_{\mathbf z}\log\bigl(1 - D(G(\mathbf z))\bigr).$$
#
# $G$ mặc định dùng mất mát không bão hòa (*non-saturating loss*)
# $\mathcal L_G = -\mathbb E_{\mathbf z}\log D(G(\mathbf z))$. Mất mát minimax
# $\mathbb E_{\mathbf z}\log(1 - D(G(\mathbf z)))$ là tùy chọn `loss="minimax"`: gradient của nó gần
# bằng 0 đúng lúc $D$ tự tin loại bỏ ảnh giả, tức là lúc đầu huấn luyện.
#
# Tại cân bằng Nash (*Nash equilibrium*) $p_G = p_\text{data}$ và $D = 1/2$ ở mọi nơi. Khi đó mỗi số
# hạng bằng $\log 2$, nên $\mathcal L_D = \log 4 \approx 1.386$ và $\mathcal L_G = \log 2 \approx 0.693$.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Losses and their values at the equilibrium
#
# $D$ minimises the binary cross-entropy: label 1 for real images, label 0 for fakes, the two terms
# added:
#
# $$\mathcal L_D = -\mathbb E_{\mathbf x}\log D(\mathbf x) - \mathbb E_{\mathbf z}\log\bigl(1 - D(G(\mathbf z))\bigr).$$
#
# By default $G$ uses the non-saturating loss $\mathcal L_G = -\mathbb E_{\mathbf z}\log D(G(\mathbf z))$.
# The minimax loss $\mathbb E_{\mathbf z}\log(1 - D(G(\mathbf z)))$ is the option `loss="minimax"`: its
# gradient is near zero exactly when $D$ rejects fakes confidently, that is, early in training.
#
# At the Nash equilibrium $p_G = p_\text{data}$ and $D = 1/2$ everywhere. Then each term is $\log 2$,
# so $\mathcal L_D = \log 4 \approx 1.386$ and $\mathcal L_G = \log 2 \approx 0.693$.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
half = torch.zeros(1000, dtype=torch.float64)  # logit 0 means D = 1/2
at = ganlib.tr(en="at", vi="tại")
print(f"loss_D {at} D = 1/2: {cross_entropy_loss(half, half).item():.6f}    log 4 = {math.log(4):.6f}")
print(f"loss_G (ns) {at} D = 1/2: {generator_loss(half, loss='ns').item():.6f}    log 2 = {math.log(2):.6f}")
print(f"loss_G (minimax) {at} D = 1/2: {generator_loss(half, loss='minimax').item():.6f}    -log 2 = {-math.log(2):.6f}")

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Một bước huấn luyện
#
# Vòng lặp của `ganlib` gọi hai hàm. Đây là mã nguồn của chúng:

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## One training step
#
# `ganlib`'s loop calls two functions. Here is their source:

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
print(inspect.getsource(discriminator_step))
print(inspect.getsource(generator_step))

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Đọc mã bằng tiếng Việt.** Docstring và chú thích trong mã viết bằng tiếng Anh. Đây là nghĩa của
# chúng, theo thứ tự xuất hiện. Với `discriminator_step`:
#
# - *One update of D on a real batch and the fakes G makes from ``noise``, with D's loss ``loss``
#   (:func:`ganlib.gan.losses.discriminator_loss`; ``rng`` draws the gradient penalty's mixing
#   weights).* Một lần cập nhật $D$ trên một batch ảnh thật và các ảnh giả mà $G$ tạo từ `noise`, với
#   mất mát `loss` của $D$ (hàm `ganlib.gan.losses.discriminator_loss`; `rng` rút các trọng số trộn của
#   số hạng phạt gradient).
# - *Returns (fakes still attached to G's graph, loss, real scores, fake scores), the last three
#   detached. Used by the training loop and lesson 05.* Hàm trả về (ảnh giả vẫn gắn với đồ thị tính
#   toán của $G$, mất mát, điểm của ảnh thật, điểm của ảnh giả); ba giá trị sau đã được `detach`. Vòng
#   lặp huấn luyện và bài 05 dùng hàm này.
# - *detach: D's loss must not send gradients into G (G is not D's to change).* `detach`: mất mát của
#   $D$ không được gửi gradient vào $G$ ($G$ không phải thứ $D$ được phép thay đổi).
#
# Với `generator_step`:
#
# - *One update of G through the current D, reusing ``fake`` (attached to G's graph).* Một lần cập nhật
#   $G$ thông qua $D$ hiện tại, dùng lại `fake` (vẫn gắn với đồ thị tính toán của $G$).
# - *D is frozen meanwhile: gradients flow through D to G, but none is stored for D's weights, which
#   saves their computation and leaves D exactly as it was; each weight's ``requires_grad`` is restored
#   afterwards, even if the step fails. Returns the detached loss. Used by the training loop and lesson
#   05.* Trong lúc đó $D$ bị đóng băng: gradient đi xuyên qua $D$ để tới $G$, nhưng không được lưu cho
#   trọng số của $D$; nhờ vậy máy không phải tính chúng và $D$ giữ nguyên như cũ. Sau bước cập nhật,
#   `requires_grad` của từng trọng số được trả lại như trước, kể cả khi bước đó gặp lỗi. Hàm trả về mất
#   mát đã `detach`. Vòng lặp huấn luyện và bài 05 dùng hàm này.
#
# Còn các khối lệnh thì làm như sau. `discriminator_step` chạy $G$ một lần, tính mất mát của $D$ trên ảnh
# thật và ảnh giả đã `detach`, rồi gọi `zero_grad()`, `backward()`, `step()`. `generator_step` ghi lại
# `requires_grad` của từng trọng số của $D$, tắt chúng đi, tính mất mát của $G$ qua $D$ trên chính các ảnh giả đó, cập nhật
# $G$, và trong khối `finally` bật lại `requires_grad` như cũ.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Reading the listing.** `discriminator_step` runs $G$ once, computes $D$'s loss on the real images and
# the detached fakes, then calls `zero_grad()`, `backward()` and `step()`. `generator_step` records the
# `requires_grad` of each of $D$'s weights, switches it off, computes $G$'s loss through $D$ on those
# same fakes, updates $G$, and in its `finally` block switches `requires_grad` back as it was.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Hai chi tiết quyết định tính đúng đắn:
#
# - **Bước của $D$ tách (`detach`) ảnh giả.** Gradient của $\mathcal L_D$ dừng ở ảnh giả và không
#   chảy vào $G$. $G$ không phải là thứ $D$ được phép thay đổi.
# - **Bước của $G$ đóng băng $D$** (`requires_grad_(False)`). Gradient vẫn đi *xuyên qua* $D$ để tới
#   $G$, nhưng không được lưu cho trọng số của $D$. Nhờ vậy $D$ giữ nguyên, và máy không tốn công
#   tính những gradient không ai dùng.
#
# Bước của $G$ dùng lại chính các ảnh giả của bước $D$ ngay trước nó, nên không phải chạy $G$ thêm
# một lần. Ta kiểm tra cả hai điều trên một batch:

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# Two details decide whether it is right:
#
# - **D's step detaches the fakes.** The gradient of $\mathcal L_D$ stops at the fake images and does
#   not flow into $G$. $G$ is not $D$'s to change.
# - **G's step freezes $D$** (`requires_grad_(False)`). Gradients still flow *through* $D$ to $G$, but
#   none is stored for $D$'s weights. So $D$ stays as it is, and no work is spent on gradients nobody
#   uses.
#
# G's step reuses the very fakes of the D step just before it, so $G$ need not run one more time. We
# check both points on one batch:

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
def snapshot(net: torch.nn.Module) -> list[torch.Tensor]:
    return [p.detach().clone() for p in net.parameters()]

def changed(net: torch.nn.Module, before: list[torch.Tensor]) -> str:
    moved = any(not torch.equal(a, b) for a, b in zip(before, net.parameters()))
    return ganlib.tr(en="changed", vi="đã thay đổi") if moved else ganlib.tr(en="unchanged", vi="không đổi")

torch.manual_seed(0)
G, D = build_gan("mlp")
opt_G = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
opt_D = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
G_before, D_before = snapshot(G), snapshot(D)
fake, loss_D, _, _ = discriminator_step(G, D, opt_D, x[:64], torch.randn(64, G.latent_dim))
print(ganlib.tr(en="after D's step:", vi="sau bước của D:"), f" G {changed(G, G_before)} | D {changed(D, D_before)}")
G_before, D_before = snapshot(G), snapshot(D)
loss_G = generator_step(D, opt_G, fake, loss="ns")
print(ganlib.tr(en="after G's step:", vi="sau bước của G:"), f" G {changed(G, G_before)} | D {changed(D, D_before)}")
print(ganlib.tr(en="first losses:", vi="mất mát đầu tiên:"),
      f"loss_D {loss_D.item():.2f} (log 4 = 1.39), loss_G {loss_G.item():.2f} (log 2 = 0.69)")

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Vòng lặp huấn luyện tối ưu cho tốc độ
#
# `train_gan` lặp lại hai bước trên qua từng epoch. Vòng lặp này nhanh vì bốn lý do:
#
# - Toàn bộ dữ liệu là **một tensor nằm sẵn trên thiết bị huấn luyện**. Một batch chỉ là một phép
#   lấy chỉ số: không có `DataLoader`, không ghép batch bằng Python, không sao chép từ CPU sang GPU ở
#   mỗi bước.
# - Nhiễu và thứ tự xáo trộn lấy từ **một `torch.Generator` trên thiết bị**, có seed rõ ràng.
# - Mất mát được **cộng dồn ngay trên thiết bị** và chỉ đọc một lần mỗi epoch. Ở các vòng lặp thường
#   gặp, `loss.item()` sau mỗi bước bắt CPU chờ GPU.
# - Bước của $G$ dùng lại ảnh giả và đóng băng $D$, như ta vừa thấy.
#
# `python -m ganlib bench` đo điều này: cùng một cặp mạng, huấn luyện bằng vòng lặp của `ganlib`
# và bằng vòng lặp `DataLoader` kiểu blog, xen kẽ trên cùng thiết bị, mỗi epoch 60000 ảnh. Trên CPU
# 2 nhân, kết quả đo được (epoch nhanh nhất trong ba epoch của mỗi vòng lặp):
#
# | batch | `ganlib` (s/epoch) | `DataLoader` (s/epoch) | tỉ số |
# |---|---|---|---|
# | 64 | 14.3 | 19.9 | 1.39 |
# | 512 | 6.4 | 10.6 | 1.65 |
#
# Trên GPU, khoảng cách dự kiến sẽ lớn hơn nhiều: ở đó, việc sao chép batch và `loss.item()` sau mỗi
# bước của vòng lặp blog bắt GPU phải chờ. Lúc viết bài này chưa có GPU để đo.
#
# Vòng lặp còn ghi lại **lịch sử** từng epoch: mất mát trung bình, $D(\mathbf x)$ và
# $D(G(\mathbf z))$ trung bình. Cứ `eval_every` epoch, nó chấm điểm 1000 mẫu sinh từ một batch nhiễu
# cố định. Nếu mất mát thành NaN hoặc tăng vọt, nó dừng với một thông báo rõ ràng, và checkpoint
# của epoch tốt cuối cùng vẫn còn. Cấu hình nằm trong `TrainConfig`:

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## A training loop made for speed
#
# `train_gan` repeats those two steps over the epochs. It is fast for four reasons:
#
# - The whole dataset is **one tensor already on the training device**. A batch is an indexing
#   operation: no `DataLoader`, no Python collation, no host-to-device copy at every step.
# - Noise and shuffling come from **one `torch.Generator` on the device**, with an explicit seed.
# - Losses are **added up on the device** and read once per epoch. In the usual loops, `loss.item()`
#   after every step makes the CPU wait for the GPU.
# - G's step reuses the fakes and freezes $D$, as we just saw.
#
# `python -m ganlib bench` measures this: the same pair of networks, trained by `ganlib`'s loop and by
# a blog-style `DataLoader` loop, in turn on the same device, 60000 images per epoch. On a 2-core CPU
# it measured (the fastest of three epochs of each loop):
#
# | batch | `ganlib` (s/epoch) | `DataLoader` (s/epoch) | ratio |
# |---|---|---|---|
# | 64 | 14.3 | 19.9 | 1.39 |
# | 512 | 6.4 | 10.6 | 1.65 |
#
# On a GPU the gap is expected to be far larger: there, the blog loop's batch copies and `loss.item()`
# after every step keep the GPU waiting. No GPU was available to measure it when this lesson was
# written.
#
# The loop also records a **history** per epoch: mean losses, mean $D(\mathbf x)$ and mean
# $D(G(\mathbf z))$. Every `eval_every` epochs it scores 1000 samples from one fixed noise batch. If a
# loss turns NaN or explodes, it stops with a clear message, and the checkpoint of the last good epoch
# is still there. The configuration lives in `TrainConfig`:

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
defaults = TrainConfig()
for name in ("model", "batch_size", "k", "loss", "lr_g", "lr_d", "betas", "ema_decay", "dropout", "seed",
             "eval_every", "n_eval"):
    print(f"{name} = {getattr(defaults, name)!r}")

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Ta huấn luyện theo mức `TIER` đã chọn. Kết quả ghi vào một thư mục tạm; thanh tiến trình hiện
# mất mát của epoch vừa xong.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# We train at the chosen `TIER`. Results go to a temporary folder; the progress bar shows the losses of
# the last epoch.

# %% slideshow={"slide_type": "skip"}
tier = TIERS[TIER]
config = replace(TrainConfig(), epochs=tier["epochs"])
run_dir = tempfile.mkdtemp(prefix="lesson05_")
run = train_gan(digits.images[:tier["digits"]], config, device=device, out_dir=run_dir, n_samples=1000,
                score=score_samples)

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Mẫu qua các epoch
#
# Mỗi lưới dưới đây sinh từ **cùng** 100 vector nhiễu cố định, nên ta so được từng ô qua thời gian.
# Mẫu lấy từ trung bình trượt của trọng số $G$ (xem phần so sánh cuối bài).

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Samples over the epochs
#
# Each grid below comes from the **same** 100 fixed noise vectors, so each cell can be followed over
# time. Samples come from the moving average of $G$'s weights (see the comparison at the end).

# %% slideshow={"slide_type": "subslide"}
show_grid_files(run_dir);

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Đường mất mát không đo chất lượng
#
# Đường nét đứt là giá trị tại cân bằng: $\log 4$ cho $D$, $\log 2$ cho $G$. Mất mát của GAN không
# giảm dần về 0 như khi huấn luyện bộ phân loại. Hai mạng đấu với nhau, nên khi một bên tiến bộ,
# mất mát của bên kia tăng lên. Hãy đọc hình theo đúng những gì nó cho thấy: mất mát của $D$ nằm
# **dưới** $\log 4$ và mất mát của $G$ nằm **trên** $\log 2$ suốt quá trình; $D(\mathbf x)$ lớn
# hơn 1/2 và $D(G(\mathbf z))$ nhỏ hơn 1/2. Tức là $D$ luôn thắng một chút: trò chơi không nằm ở
# điểm cân bằng mà dao động trong một dải hẹp cạnh đó. Dải đó gần như không đổi từ epoch 1, khi mẫu
# chỉ là những vệt mờ, đến epoch cuối, khi mẫu đã là chữ số. Ô thứ ba dưới đây in các con số của lần
# chạy này.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Loss curves do not measure quality
#
# The dashed lines are the equilibrium values: $\log 4$ for $D$, $\log 2$ for $G$. GAN losses do not
# fall towards 0 as a classifier's do. The two networks play against each other, so when one improves,
# the other's loss goes up. Read the figure for what it shows: $D$'s loss stays **below** $\log 4$ and
# $G$'s **above** $\log 2$ throughout; $D(\mathbf x)$ is above 1/2 and $D(G(\mathbf z))$ below 1/2.
# So $D$ is winning, by a little, all the time: the game does not sit at the equilibrium but in a
# narrow band next to it. That band barely moves from epoch 1, when the samples were blurry blobs, to
# the last epoch, when they are digits. The third cell below prints the numbers of this run.

# %% slideshow={"slide_type": "subslide"}
show_losses(run.history);

# %% slideshow={"slide_type": "subslide"}
show_discriminator_outputs(run.history);

# %% slideshow={"slide_type": "fragment"}
h = run.history
band = {name: f"{min(h[name]):.2f}–{max(h[name]):.2f}" for name in ("loss_D", "loss_G")}
ahead = sum(d < math.log(4) and g > math.log(2) for d, g in zip(h["loss_D"], h["loss_G"]))
print(ganlib.tr(en=f"loss_D: {band['loss_D']} (log 4 = {math.log(4):.2f});  loss_G: {band['loss_G']} (log 2 = {math.log(2):.2f})",
                vi=f"loss_D trong khoảng {band['loss_D']} (log 4 = {math.log(4):.2f});  loss_G trong khoảng {band['loss_G']} "
                   f"(log 2 = {math.log(2):.2f})"))
print(ganlib.tr(en=f"epochs with D ahead (loss_D < log 4 and loss_G > log 2): {ahead}/{len(h['epoch'])}",
                vi=f"số epoch D thắng (loss_D < log 4 và loss_G > log 2): {ahead}/{len(h['epoch'])}"))
print(ganlib.tr(en=f"last epoch: mean D(x) = {h['D_real'][-1]:.2f}, mean D(G(z)) = {h['D_fake'][-1]:.2f}",
                vi=f"epoch cuối: D(x) trung bình = {h['D_real'][-1]:.2f}, D(G(z)) trung bình = {h['D_fake'][-1]:.2f}"))

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Để biết mẫu có tốt hay không, ta cần một thước đo nhìn vào chính các mẫu. `ganlib.metrics` dùng một
# bộ phân loại MNIST nhỏ đi kèm khóa học và so $N$ mẫu với 1000 chữ số thật mà bộ phân loại chưa từng
# thấy khi huấn luyện. Gọi $p(y \mid \mathbf x)$ là xác suất bộ phân loại gán lớp $y$ cho ảnh $\mathbf x$.
#
# - **Khoảng cách Fréchet (FD).** Khớp một phân phối Gauss $\mathcal N(\mu_r, \Sigma_r)$ vào 128 đặc trưng
#   ở tầng áp chót của bộ phân loại trên chữ số thật, và $\mathcal N(\mu_g, \Sigma_g)$ trên mẫu sinh ra:
#   $$\mathrm{FD} = \lVert \mu_r - \mu_g \rVert^2 + \operatorname{tr}\bigl(\Sigma_r + \Sigma_g - 2(\Sigma_r \Sigma_g)^{1/2}\bigr).$$
#   Đây là khoảng cách Wasserstein-2 bình phương giữa hai phân phối Gauss. Số hạng vết (*trace*) đo độ
#   chênh lệch về độ phân tán: một bộ sinh chỉ vẽ một kiểu chữ số có $\Sigma_g$ nhỏ và bị số hạng này
#   phạt, dù $\mu_g$ đúng. Càng nhỏ càng tốt; 0 khi hai phân phối Gauss trùng nhau. Không phải cả 128
#   đơn vị của tầng này đều hoạt động: có những đơn vị chết (*dead unit*), đầu ra ReLU của chúng bằng 0
#   trên mọi chữ số tham chiếu, nên số trị riêng bằng 0 của $\Sigma_r$ ít nhất cũng bằng số đơn vị chết. Do sai số làm tròn,
#   các trị riêng này nhận giá trị cỡ $\pm 10^{-12}$ thay vì đúng bằng 0, mà $\sqrt{10^{-12}} = 10^{-6}$ thì không còn nhỏ, nên
#   `ganlib` đặt chúng về đúng 0 trước khi lấy căn.
# - **Điểm phân loại (*classifier score*)**: $\exp\bigl(\mathbb E_{\mathbf x} \mathrm{KL}(p(y \mid \mathbf x) \,\|\, p(y))\bigr)$
#   với $p(y) = \mathbb E_{\mathbf x}\, p(y \mid \mathbf x)$: công thức của Inception Score, với bộ phân
#   loại của ta. Từ 1 (một lớp duy nhất, hoặc không ảnh nào được phân loại chắc chắn) đến 10 (mọi ảnh
#   được phân loại chắc chắn và mười lớp đều nhau).
# - **Số lớp có mặt**: số lớp chiếm ít nhất 2% số mẫu, theo lớp có xác suất lớn nhất.
# - **Precision** (*tỉ lệ mẫu sinh rơi vào vùng của dữ liệu thật*) **và recall** (*tỉ lệ dữ liệu thật được mẫu
#   sinh phủ tới*) **$k$-NN** (Kynkäänniemi và cộng sự, 2019), với $k = 3$, trên 800 đặc trưng tích chập của
#   bộ phân loại. Mỗi điểm $\phi$ của một tập $\Phi$ có một quả cầu bán kính $r_k(\phi)$ bằng khoảng
#   cách tới láng giềng gần nhất thứ $k$ của nó trong $\Phi$; hợp của các quả cầu là một ước lượng cho đa tạp
#   (*manifold*) của $\Phi$. Đặt $f(\phi, \Phi) = 1$ nếu $\lVert \phi - \phi' \rVert \le r_k(\phi')$ với ít nhất
#   một $\phi' \in \Phi$ (điểm nằm đúng trên mặt cầu cũng được tính là nằm trong quả cầu, như trong code), ngược lại
#   bằng 0. Khi đó
#   $$\text{precision} = \frac{1}{|\Phi_g|}\sum_{\phi \in \Phi_g} f(\phi, \Phi_r), \qquad
#     \text{recall} = \frac{1}{|\Phi_r|}\sum_{\phi \in \Phi_r} f(\phi, \Phi_g).$$
#   Precision là tỉ lệ mẫu rơi vào đa tạp của chữ số thật (chất lượng); recall là tỉ lệ chữ số thật
#   nằm trong đa tạp của mẫu (độ đa dạng). Càng gần 1 càng tốt.
#
# **FD của khóa học không phải FID.** FID (Heusel và cộng sự, 2017) dùng cùng công thức nhưng trên 2048
# đặc trưng của mạng Inception-v3 huấn luyện trên ImageNet, với ảnh phóng to lên 299×299. Ở đây đặc
# trưng đến từ một bộ phân loại MNIST nhỏ, nên con số này không so được với FID trong các bài báo. FD
# cũng phụ thuộc vào $N$: khi ước lượng $\mu$ và $\Sigma$ từ $N$ mẫu, FD bị chệch lên, $N$ càng nhỏ thì càng
# chệch nhiều (với chữ số thật, FD là 45 ở $N = 100$ và 5.5 ở $N = 1000$). Vì vậy chỉ so hai con số FD
# khi chúng được tính với cùng $N$ và cùng mạng đặc trưng. Bên cạnh điểm của bộ sinh, ta luôn in hai
# mốc tính ở cùng $N$: những chữ số thật ngoài tập tham chiếu mà bộ phân loại chưa từng thấy (mức tốt
# nhất có thể đạt) và nhiễu đều (một bộ sinh chưa học được gì). Lưu ý: ở mức `"laptop"`, $G$ học trên cả
# 5000 chữ số đi kèm, nên $G$ đã thấy các chữ số thật của cả hai mốc này; bài 08 giữ riêng chúng khỏi
# dữ liệu huấn luyện của $G$.
#
# Ô dưới đây đếm các đơn vị còn hoạt động trên 1000 chữ số tham chiếu, rồi kiểm tra hàm FD của `ganlib`
# bằng một cách tính độc lập. Với hai phân phối Gauss có ma
# trận hiệp phương sai là ma trận chéo, $(\Sigma_r \Sigma_g)^{1/2}$ cũng là ma trận chéo với các phần tử $\sigma_{r,i}\sigma_{g,i}$, nên
# $\mathrm{FD} = \lVert \mu_r - \mu_g \rVert^2 + \sum_i (\sigma_{r,i} - \sigma_{g,i})^2$. Với ma trận hiệp
# phương sai đầy đủ, ta so với căn bậc hai ma trận của SciPy (`scipy.linalg.sqrtm`), một thuật toán khác
# với cách tính qua trị riêng của `ganlib`.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# To know whether the samples are good, we need a measure that looks at the samples themselves.
# `ganlib.metrics` uses a small MNIST classifier shipped with the course and compares $N$ samples with
# 1000 real digits the classifier never saw in training. Write $p(y \mid \mathbf x)$ for the
# probability the classifier gives class $y$ for image $\mathbf x$.
#
# - **Fréchet distance (FD).** Fit a Gaussian $\mathcal N(\mu_r, \Sigma_r)$ to the classifier's 128
#   penultimate-layer features of the real digits, and $\mathcal N(\mu_g, \Sigma_g)$ to those of the samples:
#   $$\mathrm{FD} = \lVert \mu_r - \mu_g \rVert^2 + \operatorname{tr}\bigl(\Sigma_r + \Sigma_g - 2(\Sigma_r \Sigma_g)^{1/2}\bigr).$$
#   It is the squared 2-Wasserstein distance between the two Gaussians. The trace term measures a
#   mismatch in spread: a generator that draws one kind of digit has a small $\Sigma_g$ and pays for it
#   here, even with the right $\mu_g$. Lower is better; 0 when the two Gaussians coincide. Not all 128
#   units of this layer are active: some are dead units, whose ReLU outputs 0 on every reference digit,
#   so $\Sigma_r$ has at least as many zero eigenvalues. Rounding turns those eigenvalues into about
#   $\pm 10^{-12}$ instead of exactly 0, and $\sqrt{10^{-12}} = 10^{-6}$ is not small, so `ganlib` sets them
#   to exactly 0 before taking square roots.
# - **Classifier score**: $\exp\bigl(\mathbb E_{\mathbf x} \mathrm{KL}(p(y \mid \mathbf x) \,\|\, p(y))\bigr)$
#   with $p(y) = \mathbb E_{\mathbf x}\, p(y \mid \mathbf x)$: the Inception Score's formula with our
#   classifier. From 1 (a single class, or no image classified confidently) to 10 (every image
#   classified confidently and the ten classes balanced).
# - **Classes covered**: the classes that hold at least 2% of the samples, by most likely class.
# - **$k$-NN precision and recall** (Kynkäänniemi et al., 2019), with $k = 3$, on the classifier's 800
#   convolutional features. Each point $\phi$ of a set $\Phi$ gets a ball whose radius $r_k(\phi)$ is the
#   distance to its $k$-th nearest neighbour in $\Phi$; the union of the balls estimates the manifold of
#   $\Phi$. Let $f(\phi, \Phi) = 1$ if $\lVert \phi - \phi' \rVert \le r_k(\phi')$ for at least one $\phi' \in \Phi$
#   (a point exactly on a ball's surface counts as inside, as in the code), and 0 otherwise. Then
#   $$\text{precision} = \frac{1}{|\Phi_g|}\sum_{\phi \in \Phi_g} f(\phi, \Phi_r), \qquad
#     \text{recall} = \frac{1}{|\Phi_r|}\sum_{\phi \in \Phi_r} f(\phi, \Phi_g).$$
#   Precision is the share of samples that land on the real digits' manifold (quality); recall is the
#   share of real digits inside the samples' manifold (diversity). Closer to 1 is better.
#
# **The course's FD is not FID.** FID (Heusel et al., 2017) uses the same formula on the 2048 features
# of an ImageNet-trained Inception-v3 network, with images resized to 299×299. Here the features come
# from a small MNIST classifier, so the number cannot be compared with FIDs in papers. FD also depends
# on $N$: estimating $\mu$ and $\Sigma$ from $N$ samples biases FD upward, the more so the smaller $N$
# (for real digits FD is 45 at $N = 100$ and 5.5 at $N = 1000$). So compare two FDs only when they were
# computed at the same $N$ with the same feature network. Next to a generator's scores we always print
# two marks at the same $N$: real digits outside the reference set that the classifier never saw (the
# best one can reach) and uniform noise (a generator that learnt nothing). Note: at the `"laptop"` tier
# $G$ trains on all 5000 bundled digits, so $G$ has seen the real digits of both marks; lesson 08 holds
# them out of $G$'s training data.
#
# The cell below counts the active units on the 1000 reference digits, then checks `ganlib`'s FD by an
# independent route. For two Gaussians with diagonal
# covariances, $(\Sigma_r \Sigma_g)^{1/2}$ is the diagonal of $\sigma_{r,i}\sigma_{g,i}$, so
# $\mathrm{FD} = \lVert \mu_r - \mu_g \rVert^2 + \sum_i (\sigma_{r,i} - \sigma_{g,i})^2$. For full
# covariances we compare with SciPy's matrix square root (`scipy.linalg.sqrtm`), an algorithm other
# than `ganlib`'s eigenvalue route.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
reference_digits = metrics.classifier.to_classifier_input(metrics.split_digits().reference.images)
_, features, _ = metrics.images.classify(reference_digits, value_range=(0.0, 1.0))
active = int((features.std(axis=0) > 0).sum())
units = features.shape[1]
print(ganlib.tr(en=f"active penultimate units on the reference digits: {active} of {units}",
                vi=f"số đơn vị còn hoạt động ở tầng áp chót trên các chữ số tham chiếu: {active} trên {units}"))
check = np.random.default_rng(0)
mu_r, mu_g = check.normal(size=5), check.normal(size=5)
sd_r, sd_g = check.uniform(0.5, 2.0, size=5), check.uniform(0.5, 2.0, size=5)
closed_form = np.sum((mu_r - mu_g) ** 2) + np.sum((sd_r - sd_g) ** 2)
ours = metrics.frechet.frechet_distance(mu_r, np.diag(sd_r**2), mu_g, np.diag(sd_g**2))
print(ganlib.tr(en=f"diagonal covariances: ganlib {ours:.10f}   closed form {closed_form:.10f}",
                vi=f"hiệp phương sai dạng ma trận chéo: ganlib {ours:.10f}   công thức tường minh {closed_form:.10f}"))
A, B = check.normal(size=(5, 5)), check.normal(size=(5, 5))
sigma_r, sigma_g = A @ A.T, B @ B.T
with_sqrtm = (np.sum((mu_r - mu_g) ** 2)
              + np.trace(sigma_r + sigma_g - 2 * scipy.linalg.sqrtm(sigma_r @ sigma_g).real))
ours = metrics.frechet.frechet_distance(mu_r, sigma_r, mu_g, sigma_g)
print(ganlib.tr(en=f"full covariances:     ganlib {ours:.10f}   scipy.linalg.sqrtm {with_sqrtm:.10f}",
                vi=f"hiệp phương sai đầy đủ: ganlib {ours:.10f}   scipy.linalg.sqrtm {with_sqrtm:.10f}"))

# %% slideshow={"slide_type": "subslide"}
reference = reference_scores(config.n_eval)
show_metrics(run.history, reference);

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Sụp đổ mode (*mode collapse*) hiện ra trong biểu đồ nhiệt dưới đây: mỗi hàng là một lần chấm điểm,
# mỗi cột là một chữ số, ô là tỉ lệ phần trăm mẫu mà bộ phân loại đọc thành chữ số đó. Dữ liệu thật có
# 10% ở mọi ô. Một cột tối suốt quá trình là một chữ số bộ sinh không bao giờ vẽ.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# Mode collapse shows in the heat map below: each row is one scoring, each column a digit, each cell
# the percentage of samples the classifier reads as that digit. Real data has 10% in every cell. A
# column that stays dark is a digit the generator never draws.

# %% slideshow={"slide_type": "subslide"}
show_class_histograms(run.history);

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Lưu và nạp lại
#
# Sau mỗi epoch, `train_gan` ghi vào `out_dir`:
#
# - `checkpoint.pt`: trọng số của $G$, $D$ và bản trung bình trượt, trạng thái hai bộ tối ưu, trạng
#   thái các bộ sinh số ngẫu nhiên, số epoch và lịch sử. Tệp được ghi ra tệp tạm rồi mới đổi tên, nên
#   một lần ngắt giữa chừng không làm hỏng nó.
# - `history.json`: cấu hình và lịch sử, đọc được bằng bất kỳ công cụ nào.
# - `grid_epoch_XXX.png`: các lưới mẫu ở trên.
#
# Cuối cùng là `samples.pt`: 1000 ảnh float32 1×28×28 trong $[-1, 1]$ từ bộ sinh cuối cùng. Checkpoint
# được nạp bằng `torch.load(..., weights_only=True)`, nên tệp không thể chạy mã tùy ý khi nạp.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Saving and loading
#
# After every epoch, `train_gan` writes into `out_dir`:
#
# - `checkpoint.pt`: the weights of $G$, $D$ and the moving average, both optimisers' states, the
#   random generators' states, the epoch and the history. It is written to a temporary file and then
#   renamed, so an interruption never leaves it half-written.
# - `history.json`: the config and the history, readable by any tool.
# - `grid_epoch_XXX.png`: the sample grids above.
#
# At the end comes `samples.pt`: 1000 float32 images 1×28×28 in $[-1, 1]$ from the final generator.
# Checkpoints are loaded with `torch.load(..., weights_only=True)`, so loading a file cannot run
# arbitrary code.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
checkpoint = load_checkpoint(f"{run_dir}/checkpoint.pt")
print(ganlib.tr(en="checkpoint keys:", vi="các khóa của checkpoint:"), sorted(checkpoint))
print(ganlib.tr(en="random states saved:", vi="các trạng thái ngẫu nhiên được lưu:"), sorted(checkpoint["rng"]))
samples = torch.load(f"{run_dir}/samples.pt", weights_only=True)
inside = bool(samples.min() >= -1 and samples.max() <= 1)
print("samples.pt:", tuple(samples.shape), samples.dtype,
      ganlib.tr(en="inside [-1, 1]" if inside else "outside [-1, 1]",
                vi="mọi giá trị nằm trong [-1, 1]" if inside else "có giá trị nằm ngoài [-1, 1]"))

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# `resume=True` tiếp tục từ checkpoint đúng như thể chưa từng dừng: trên CPU, một lần chạy bị ngắt rồi
# tiếp tục cho ra trọng số giống hệt từng bit với một lần chạy liền mạch (`tests/test_train.py` kiểm
# tra điều này). Ta huấn luyện thêm một epoch:

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# `resume=True` continues from the checkpoint exactly as if it had never stopped: on the CPU, a run
# interrupted and resumed ends with bit-for-bit the same weights as an uninterrupted one
# (`tests/test_train.py` checks this). We train one more epoch:

# %% slideshow={"slide_type": "fragment"}
more = train_gan(digits.images[:tier["digits"]], replace(config, epochs=config.epochs + 1), device=device,
                 out_dir=run_dir, resume=True, score=score_samples, progress=False)
print(ganlib.tr(en="the last three epochs in the history:", vi="ba epoch cuối trong lịch sử:"), more.history["epoch"][-3:])

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Từ dòng lệnh, cùng việc đó là:
#
# ```bash
# python -m ganlib train --model mlp --data bundled --device cpu --epochs 100 --out runs/mlp
# python -m ganlib train --model mlp --data bundled --device cpu --epochs 150 --out runs/mlp --resume
# python -m ganlib train --help     # mọi tùy chọn và giá trị mặc định
# ```

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# From the command line, the same work is:
#
# ```bash
# python -m ganlib train --model mlp --data bundled --device cpu --epochs 100 --out runs/mlp
# python -m ganlib train --model mlp --data bundled --device cpu --epochs 150 --out runs/mlp --resume
# python -m ganlib train --help     # every option and its default
# ```

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Bộ sinh huấn luyện sẵn
#
# `assets/mlp_generator.pt` là bộ sinh (bản trung bình trượt) của lệnh `python -m ganlib train
# --model mlp --data bundled --device cpu --epochs 100`, lưu ở dạng float16 cho nhỏ, kèm toàn bộ lịch
# sử của lần chạy đó. Giảng viên có thể cho xem mẫu tốt mà không cần huấn luyện. Lưới dưới đây dùng
# đúng 100 vector nhiễu cố định của lưới `grid_epoch_100.png` trong lần chạy ấy:

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## A pretrained generator
#
# `assets/mlp_generator.pt` is the generator (the moving average) of the command `python -m ganlib
# train --model mlp --data bundled --device cpu --epochs 100`, stored in float16 to keep it small, with
# the whole history of that run. An instructor can show good samples without training. The grid below
# uses the very 100 fixed noise vectors of that run's `grid_epoch_100.png`:

# %% slideshow={"slide_type": "subslide"}
pretrained, pretrained_history = load_generator()
pretrained_samples = generate(pretrained, fixed_noise(1000, pretrained.latent_dim, seed=0))
show_digits(pretrained_samples[:100], value_range=(-1.0, 1.0),
            title=ganlib.tr(en="Pretrained generator, 100 epochs", vi="Bộ sinh huấn luyện sẵn, 100 epoch"));

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Điểm của 1000 mẫu này, cạnh hai mốc chữ số thật và nhiễu:

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# The scores of these 1000 samples, next to the real-digit and noise marks:

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
scores, marks = score_samples(pretrained_samples), reference_scores(1000)
rows = ((ganlib.tr(en="generator", vi="bộ sinh"), scores), (ganlib.tr(en="real digits", vi="chữ số thật"), marks["floor"]),
        (ganlib.tr(en="noise", vi="nhiễu"), marks["ceiling"]))
covered = ganlib.tr(en="classes covered", vi="số lớp có mặt")
for name, s in rows:
    print(f"{name:>12}: FD {s['fd']:7.1f} | {covered} {s['classes_covered']:2d}/10 | "
          f"precision {s['precision']:.2f} | recall {s['recall']:.2f}")
print(ganlib.tr(en="class histogram of the generator:", vi="số mẫu mỗi lớp của bộ sinh:"), scores["class_histogram"])

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Lịch sử của lần chạy 100 epoch đó:

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# The history of that 100-epoch run:

# %% slideshow={"slide_type": "subslide"}
show_losses(pretrained_history);

# %% slideshow={"slide_type": "subslide"}
show_metrics(pretrained_history, marks);

# %% slideshow={"slide_type": "subslide"}
show_class_histograms(pretrained_history);

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Cách huấn luyện kiểu blog và cách huấn luyện của khóa học
#
# Cách huấn luyện (*recipe*) phổ biến trên blog dùng cùng hai mạng nhưng huấn luyện khác. Bảng dưới
# đây liệt kê mọi chỗ khác nhau:
#
# | | kiểu blog | khóa học |
# |---|---|---|
# | $\beta_1$ của Adam | 0.9 (mặc định) | 0.5 (như DCGAN, Radford và cộng sự, 2016) |
# | tốc độ học | $G$: 1e-4, $D$: 2e-4 | cả hai 2e-4 |
# | lấy mẫu từ | chính $G$ | trung bình trượt của trọng số $G$ (hệ số 0.999), thống kê BatchNorm tính lại cho bản trung bình |
# | đầu ra của $D$, mất mát | sigmoid, `BCELoss` | logit, `BCEWithLogitsLoss`: cùng giá trị khi cả hai hữu hạn, không bao giờ ra $-\infty$ (xem ở trên) |
# | vòng lặp | `DataLoader`, `loss.item()` sau mỗi bước | một tensor trên thiết bị, tổng mất mát đọc một lần mỗi epoch: cùng chất lượng, nhanh hơn 1.39 lần mỗi epoch ở batch 64 trên CPU này (`python -m ganlib bench`, ở trên) |
# | dropout trong $D$, kích thước batch | không, 64 | không (có tùy chọn `dropout`), 64 |
#
# Ba hàng cuối không thay đổi những gì mạng học được: mất mát cho cùng giá trị, vòng lặp chỉ đổi tốc độ, còn
# dropout và kích thước batch giống nhau ở cả hai. Ba hàng đầu thì có. Ô dưới đây huấn luyện cách của
# khóa học, cách kiểu blog, và cách của khóa học khi bỏ riêng một trong hai thay đổi đầu, mỗi cách với
# 3 seed (2 seed ở chế độ nhanh), 10 epoch trên 5000 chữ số đi kèm. Mỗi lần chạy của khóa học được
# chấm hai lần: từ trung bình trượt và từ chính $G$. Lần chấm thứ hai đo thay đổi thứ ba mà không cần
# chạy thêm. Mọi lần chạy được chấm trên 1000 mẫu từ nhiễu cố định của
# seed đó.
#
# Để không kết luận quá những gì số liệu cho phép, cột so sánh FD chỉ gọi một cách huấn luyện là tốt
# hơn hay kém hơn khi **mọi** seed của nó nằm hẳn về một phía so với **mọi** seed của khóa học.
# Nếu khoảng giá trị của các seed chồng lên nhau, bảng ghi "không kết luận". 10 epoch là ngân sách nhỏ
# hơn nhiều so với 100 epoch của bộ sinh huấn luyện sẵn: 12 lần chạy 100 epoch sẽ mất hơn 20 phút trên
# CPU. Với ngân sách lớn hơn, thứ tự có thể khác. Ở chế độ đầy đủ, ô này chạy khoảng 3 phút trên CPU
# 2 nhân khi máy rảnh.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The blog recipe and the course's recipe
#
# The training recipe common on blogs uses the same two networks but trains them differently. The
# table lists every difference:
#
# | | blog | course |
# |---|---|---|
# | Adam's $\beta_1$ | 0.9 (the default) | 0.5 (as in DCGAN, Radford et al., 2016) |
# | learning rates | $G$: 1e-4, $D$: 2e-4 | both 2e-4 |
# | samples from | $G$ itself | the moving average of $G$'s weights (decay 0.999), BatchNorm statistics recomputed for it |
# | $D$'s output, loss | sigmoid, `BCELoss` | logit, `BCEWithLogitsLoss`: the same values where both are finite, never $-\infty$ (see above) |
# | training loop | `DataLoader`, `loss.item()` after every step | one tensor on the device, loss sums read once per epoch: the same quality, 1.39× as fast per epoch at batch 64 on this CPU (`python -m ganlib bench`, above) |
# | dropout in $D$, batch size | none, 64 | none (option `dropout`), 64 |
#
# The last three rows do not change what is learnt: the loss gives the same values, the loop only
# changes the speed, and dropout and batch size are the same in both. The first three rows do. The
# cell below trains the course's recipe, the blog's, and the course's with one of the first two
# changes taken back out, each with 3 seeds (2 in quick mode), for 10 epochs on the 5000 bundled
# digits. Every course run is scored twice: from the moving average and from $G$ itself.
# The second score measures the third change without another run. Every run is scored on 1000 samples
# from its seed's fixed noise.
#
# So as not to claim more than the numbers allow, the FD comparison column calls a recipe better or
# worse only when **every** one of its seeds lies beyond **every** seed of the
# course's. When the seeds' ranges overlap, the table says "no claim". 10 epochs is a much smaller
# budget than the 100 epochs of the pretrained generator: 12 runs of 100 epochs would take over 20
# minutes on a CPU. With a larger budget the ranking may change. In full mode this cell runs for about
# 3 minutes on a 2-core CPU that is not busy.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
for name, changes in toys.recipes.RECIPES.items():
    print(f"{toys.recipes.recipe_label(name):<34}", changes or ganlib.tr(en="(the defaults)", vi="(mặc định)"))

# %% slideshow={"slide_type": "skip"}
budget = {"digits": 500, "epochs": 1, "seeds": (0, 1)} if ganlib.is_quick() else {"digits": 5000, "epochs": 10, "seeds": (0, 1, 2)}
recipe_runs = toys.recipes.compare_recipes(digits.images[:budget["digits"]], seeds=budget["seeds"],
                                      base=replace(TrainConfig(), epochs=budget["epochs"], eval_every=0), device=device)
Markdown(toys.recipes.format_table(recipe_runs))

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# Cách đọc bảng. Trước hết, nhìn cột so sánh FD: nó cho biết hàng nào khác cách của khóa học ở **mọi**
# seed. Một hàng ghi "không kết luận" vẫn có thể khác thật, nhưng 3 seed với 10 epoch chưa đủ để thấy.
# Cột FD theo từng seed cho thấy hai lần chạy của cùng một cách huấn luyện có thể cách nhau bao xa; hãy
# so khoảng cách giữa các hàng với độ trải đó trước khi tin vào khoảng cách. Hàng "lấy mẫu từ chính $G$"
# và hàng đầu dùng chung các lần chạy, nên hiệu giữa chúng chỉ do trung bình trượt. Cột cuối cho biết
# mạng nào đang thắng ở epoch cuối: $D(\mathbf x)$ càng gần 1 và $D(G(\mathbf z))$ càng gần 0 thì $D$
# càng áp đảo.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# How to read the table. Look first at the FD comparison column: it says which rows differ from the
# course recipe in **every** seed. A row marked "no claim" may still differ, but 3 seeds of 10 epochs
# cannot show it. The FD seed by seed shows how far apart two runs of the same recipe can land; compare
# the gaps between rows with that spread before you believe a gap. The row "samples from $G$ itself"
# shares its runs with the first row, so the difference between them is the moving average alone. The
# last column tells which network is ahead at the last epoch: the closer $D(\mathbf x)$ is to 1 and
# $D(G(\mathbf z))$ to 0, the more $D$ dominates.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Tóm tắt
#
# - Dữ liệu thật phải cùng miền $[-1, 1]$ với đầu ra $\tanh$ của bộ sinh.
# - $D$ trả về logit, mất mát dùng `BCEWithLogits`; siêu tham số luôn truyền bằng tên.
# - Bước của $D$ tách ảnh giả; bước của $G$ đóng băng $D$.
# - Mất mát nằm trong một dải hẹp cạnh $\log 4$ và $\log 2$ ($D$ luôn thắng một chút) dù mẫu tốt hay
#   xấu; chất lượng phải đo trên chính các mẫu, bằng FD, precision, recall và số lớp có mặt, luôn ở
#   cùng $N$ và cạnh hai mốc chữ số thật và nhiễu.
# - Cách huấn luyện kiểu blog và cách của khóa học khác nhau ở $\beta_1$ của Adam, tốc độ học của $G$
#   và trung bình trượt của $G$. Bảng cuối bài đo từng thay đổi trên nhiều seed; chỉ tin những khác biệt
#   lớn hơn độ trải giữa các seed.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Summary
#
# - Real data must share the range $[-1, 1]$ of the generator's $\tanh$ output.
# - $D$ returns logits and the losses use `BCEWithLogits`; hyperparameters are always passed by name.
# - D's step detaches the fakes; G's step freezes $D$.
# - The losses stay in a narrow band next to $\log 4$ and $\log 2$ ($D$ a little ahead throughout)
#   whether the samples are good or bad; quality has to be measured on the samples themselves, with FD,
#   precision, recall and classes covered, always at the same $N$ and next to the real-digit and noise
#   marks.
# - The blog recipe and the course's differ in Adam's $\beta_1$, $G$'s learning rate and the moving
#   average of $G$. The table at the end measures each change over several seeds; trust only the
#   differences larger than the spread between seeds.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Bài tập
#
# Điền vào mỗi ô bài tập, chạy nó, rồi chạy ô kiểm tra ngay sau: `✓` là đúng, `✗` kèm gợi ý là chưa.
# Lời giải nằm trong `solutions/05_mnist_gan.ipynb`.
#
# **Bài 1 (cài đặt): một bước của bộ phân biệt.** Viết `my_discriminator_step(generator,
# discriminator, optimizer, real, noise)`: một lần cập nhật $D$ với entropy chéo nhị phân trên **logit** của nó (ảnh thật
# nhãn 1, ảnh giả `generator(noise)` nhãn 0), ảnh giả đã tách khỏi $G$; trả về mất mát. Ô kiểm tra dùng hai
# mạng nhỏ, SGD, và gradient cũ còn sót lại trên $D$ từ bước trước của $G$.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Exercises
#
# Fill in each exercise cell, run it, then run the check right after it: `✓` means right, `✗` comes with
# a hint. Solutions are in `solutions/05_mnist_gan.ipynb`.
#
# **Exercise 1 (implement): one discriminator step.** Write `my_discriminator_step(generator,
# discriminator, optimizer, real, noise)`: one update of $D$ on binary cross-entropy of its **logits** (real images label
# 1, fakes `generator(noise)` label 0), with the fakes cut off from $G$; return the loss. The check uses
# two tiny networks, SGD, and stale gradients left on $D$ by an earlier step of $G$.

# %% slideshow={"slide_type": "skip"}
import math

import numpy as np
import torch

from ganlib import exercises

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def my_discriminator_step(generator, discriminator, optimizer, real: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
    """One update of D; returns D's loss (BCE on real → 1 plus BCE on fake → 0)."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
import torch.nn.functional as F


def my_discriminator_step(generator, discriminator, optimizer, real: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
    """One update of D; returns D's loss (BCE on real → 1 plus BCE on fake → 0)."""
    fake = generator(noise).detach()  # D's loss must not reach G
    real_logits, fake_logits = discriminator(real), discriminator(fake)
    loss = (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
    optimizer.zero_grad()  # clears the gradients G's step left on D
    loss.backward()
    optimizer.step()
    return loss.detach()

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_discriminator_step(my_discriminator_step)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 2 (cài đặt): precision k-NN.** Viết `knn_precision(real, fake, *, k)` cho hai mảng đặc trưng
# NumPy (mỗi hàng một điểm): mỗi điểm thật có một quả cầu bán kính bằng khoảng cách tới láng giềng gần
# nhất thứ $k$ của nó trong tập thật (không tính chính nó); precision là tỉ lệ điểm giả nằm trong ít nhất
# một quả cầu như vậy. Ô kiểm tra so với `ganlib.metrics.precision_recall`.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 2 (implement): k-NN precision.** Write `knn_precision(real, fake, *, k)` for two NumPy feature
# arrays (one point per row): each real point has a ball whose radius is the distance to its $k$-th nearest
# neighbour among the real points (not counting itself); precision is the share of fake points inside at
# least one such ball. The check compares it with `ganlib.metrics.precision_recall`.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def knn_precision(real: np.ndarray, fake: np.ndarray, *, k: int) -> float:
    """Share of the rows of fake inside the k-NN ball of at least one row of real."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
from scipy.spatial.distance import cdist


def knn_precision(real: np.ndarray, fake: np.ndarray, *, k: int) -> float:
    """Share of the rows of fake inside the k-NN ball of at least one row of real."""
    # Column 0 of each sorted row is the point itself (distance 0), so the k-th neighbour is column k.
    radii = np.sort(cdist(real, real), axis=1)[:, k]
    return float((cdist(fake, real) <= radii[np.newaxis, :]).any(axis=1).mean())

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_knn_precision(knn_precision)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 3 (thí nghiệm): bộ sinh chỉ vẽ chữ số 1.** Giả sử một bộ sinh trả về đúng 100 chữ số 1 **thật**
# (lấy từ các chữ số mà bộ phân loại chưa thấy). Ô kiểm tra chấm chúng bằng `score_samples` và so với
# mức sàn (chữ số thật đủ mười lớp) và mức trần (nhiễu) ở cùng $N = 100$. Hãy dự đoán trước về FD:
#
# - (a) gần mức sàn (dưới 2 lần FD của chữ số thật), vì mọi ảnh đều là chữ số thật;
# - (b) ngang hoặc vượt một nửa FD của nhiễu;
# - (c) ở giữa hai mức.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 3 (experiment): a generator that draws only 1s.** Suppose a generator returns exactly 100
# **real** 1s (taken from digits the classifier has not seen). The check scores them with `score_samples`
# and compares with the floor (real digits of all ten classes) and the ceiling (noise) at the same
# $N = 100$. Predict the FD first:
#
# - (a) near the floor (below twice the FD of real digits), since every image is a real digit;
# - (b) at least half the FD of noise;
# - (c) in between.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
one_class_prediction = ...  # "a", "b" or "c"

# %% slideshow={"slide_type": "skip"} tags=["solution"]
one_class_prediction = "b"

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.experiment_one_class(one_class_prediction)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 4 (suy ra rồi tính): mất mát tại $D^*$ khi bộ sinh chỉ vẽ $k$ chữ số.** Giả sử mười chữ số nằm ở
# mười vùng tách rời nhau của không gian ảnh và mỗi chữ số chiếm tỉ lệ 1/10 trong dữ liệu thật. Bộ sinh
# chỉ vẽ $k$ chữ số ($1 \le k \le 10$), mỗi chữ số chiếm tỉ lệ $1/k$, và trong vùng của mỗi chữ số đó,
# bộ sinh vẽ giống hệt dữ liệu thật. Với bộ phân biệt tối ưu $D^* = p_{\text{data}}/(p_{\text{data}} + p_G)$ của bài 02, hãy
# suy ra trên giấy $\mathcal L_D$ và $\mathcal L_G$ (mất mát không bão hòa) của bài này theo $k$, rồi viết
# `losses_at_optimum(k)` trả về cặp `(loss_D, loss_G)`, tính bằng nat. Với $k = 10$ bạn phải tìm lại được
# $\log 4$ và $\log 2$. Khi bộ sinh sụp về ít chữ số hơn, mất mát nào tăng, mất mát nào giảm?

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 4 (derive and compute): the losses at $D^*$ when the generator draws only $k$ digits.**
# Suppose the ten digits lie in ten separate regions of image space and the real data hold each digit
# with share 1/10. The generator draws only $k$ digits ($1 \le k \le 10$), each with share $1/k$, and
# within each of those digits' regions it draws exactly as the real data do. With lesson 02's optimal
# discriminator $D^* = p_{\text{data}}/(p_{\text{data}} + p_G)$, derive on paper this lesson's
# $\mathcal L_D$ and $\mathcal L_G$ (the non-saturating loss) as functions of $k$, then write
# `losses_at_optimum(k)` returning the pair `(loss_D, loss_G)` in nats. At $k = 10$ you must get back
# $\log 4$ and $\log 2$. As the generator collapses onto fewer digits, which loss rises and which falls?

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def losses_at_optimum(k: int) -> tuple[float, float]:
    """(L_D, L_G) at D* when G draws only k of the ten digits, in nats."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
def losses_at_optimum(k: int) -> tuple[float, float]:
    """(L_D, L_G) at D* when G draws only k of the ten digits, in nats."""
    # On a digit G draws, p_data = p_digit/10 and p_G = p_digit/k, so D* = k/(k + 10); elsewhere D* = 1.
    d_star = k / (k + 10)
    loss_d = -(k / 10) * math.log(d_star) - math.log(1 - d_star)
    loss_g = -math.log(d_star)
    return loss_d, loss_g

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_collapsed_losses(losses_at_optimum)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi", "solution"]
# **Lời giải bài 4.** Gọi $p_c$ là mật độ của chữ số $c$ trên vùng của nó. Dữ liệu thật có
# $p_{\text{data}} = p_c/10$ trên mọi vùng; bộ sinh có $p_G = p_c/k$ trên $k$ vùng nó vẽ và bằng 0 trên các
# vùng còn lại. Vậy trên một chữ số bộ sinh có vẽ, $D^* = \frac{1/10}{1/10 + 1/k} = \frac{k}{k + 10}$; trên
# một chữ số bộ sinh không bao giờ vẽ, $D^* = 1$. Chỉ một tỉ lệ $k/10$ số ảnh thật nằm trên các chữ số mà
# bộ sinh có vẽ (phần còn lại góp $\log 1 = 0$), còn mọi mẫu của bộ sinh đều nằm ở đó, nên
#
# $$\mathcal L_D = -\frac{k}{10}\log\frac{k}{k + 10} - \log\frac{10}{k + 10}, \qquad
# \mathcal L_G = -\log\frac{k}{k + 10} = \log\Bigl(1 + \frac{10}{k}\Bigr).$$
#
# Khi $k = 10$: $\mathcal L_D = \log 4 \approx 1.386$ và $\mathcal L_G = \log 2 \approx 0.693$. Khi $k = 1$:
# $\mathcal L_D \approx 0.34$ và $\mathcal L_G \approx 2.40$. Với $D$ tối ưu, sụp đổ mode hiện rõ trên mất
# mát: mất mát của $D$ giảm, mất mát của $G$ tăng. Nhưng $D$ được huấn luyện trong bài còn xa $D^*$ và
# đuổi theo $G$ mỗi khi $G$ thay đổi; từ epoch đầu đến epoch cuối, hai mất mát chỉ dao động trong những dải
# hẹp quanh $\log 4$ và $\log 2$. Vì vậy mất mát in ra khi huấn luyện không cho biết bộ sinh phủ bao nhiêu
# chữ số, và bài này đo điều đó bằng FD và số lớp có mặt.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en", "solution"]
# **Solution to exercise 4.** Write $p_c$ for the density of digit $c$ on its own region. The real data
# have $p_{\text{data}} = p_c/10$ on every region; the generator has $p_G = p_c/k$ on the $k$ regions it
# draws and 0 on the others. So on a digit the generator draws, $D^* = \frac{1/10}{1/10 + 1/k} =
# \frac{k}{k + 10}$; on a digit it never draws, $D^* = 1$. Only a share $k/10$ of the real images lies on
# the digits the generator draws (the rest add $\log 1 = 0$), while all of its samples do, so
#
# $$\mathcal L_D = -\frac{k}{10}\log\frac{k}{k + 10} - \log\frac{10}{k + 10}, \qquad
# \mathcal L_G = -\log\frac{k}{k + 10} = \log\Bigl(1 + \frac{10}{k}\Bigr).$$
#
# At $k = 10$: $\mathcal L_D = \log 4 \approx 1.386$ and $\mathcal L_G = \log 2 \approx 0.693$. At $k = 1$:
# $\mathcal L_D \approx 0.34$ and $\mathcal L_G \approx 2.40$. With an optimal $D$, mode collapse shows in
# the losses: $D$'s falls and $G$'s rises. But the $D$ trained in this lesson is far from $D^*$ and
# follows $G$ whenever $G$ moves; the two losses stay in narrow bands beside $\log 4$ and $\log 2$ from
# the first epoch to the last. So the losses printed during training do not tell how many digits the
# generator covers, and this lesson measures that with FD and the number of classes covered.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Tìm hiểu thêm (không có ô kiểm tra).** Chạy `python -m ganlib train --loss minimax --epochs 20` rồi so
# đường mất mát và các lưới mẫu với khi dùng mất mát không bão hòa. Sau đó thử `--k 2`: $D$ được hai bước cho mỗi bước
# của $G$.
#
# ## Câu hỏi kiểm tra
#
# Chọn đáp án rồi bấm **Kiểm tra** khi bạn tự chạy notebook; trên GitHub, mở mục **Đáp án**.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **To explore (no check).** Run `python -m ganlib train --loss minimax --epochs 20` and compare the loss
# curves and the grids with the non-saturating loss. Then try `--k 2`: $D$ gets two steps for each step of
# $G$.
#
# ## Quiz
#
# Pick an answer and press **Check** when you run the notebook; on GitHub, open **Answer**.

# %% slideshow={"slide_type": "skip"} tags=["quiz"]
exercises.show_quiz("05")
