# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# # 07 — GAN tích chập (DCGAN) trên MNIST
#
# Bài 05 huấn luyện một mạng đối sinh (*generative adversarial network*, GAN) bằng hai mạng perceptron
# nhiều tầng (MLP). Bài này thay chúng bằng mạng tích chập theo các nguyên tắc mà Radford và cộng sự (2015) đề ra
# trong bài báo DCGAN. Đó không phải những GAN đầu tiên chạy trên ảnh: Goodfellow và cộng sự (2014) đã huấn
# luyện trên CIFAR-10, và LAPGAN (Denton và cộng sự, 2015) đã sinh ảnh theo nhiều mức phân giải; đóng góp của
# DCGAN là một bộ nguyên tắc đơn giản giúp một mạng tích chập duy nhất huấn luyện ổn định. Ta xem tích chập
# thay đổi gì ở bộ sinh (*generator*) và bộ phân biệt (*discriminator*), đo xem chuẩn hóa phổ (*spectral
# normalization*) thực sự giới hạn được gì, so nó với chuẩn hóa theo batch (BatchNorm) trong $D$, đặt DCGAN
# cạnh MLP của bài 05 với **cùng thời gian huấn luyện** trên nhiều seed (*hạt giống ngẫu nhiên*), rồi khám phá
# không gian tiềm ẩn.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# # 07 — A convolutional GAN (DCGAN) on MNIST
#
# Lesson 05 trained a generative adversarial network (GAN) made of two multilayer perceptrons (MLPs). This
# lesson replaces them with convolutional networks following the guidelines that Radford et al. (2015)
# set out in the DCGAN paper. These were not the first GANs on images: Goodfellow et al. (2014) already
# trained on CIFAR-10, and LAPGAN (Denton et al. 2015) generated images one resolution at a time; DCGAN's
# contribution was a short set of guidelines under which a single convolutional network trains stably. We
# see what convolutions change in the generator and the discriminator, measure what spectral
# normalisation really bounds, compare it with BatchNorm in $D$, put the DCGAN next to lesson 05's MLP for
# **the same training time** over several seeds, and walk through the latent space.

# %% slideshow={"slide_type": "skip"} tags=["colab"]
# notebooks/build.py writes here the cell that installs ganlib where it is missing and picks the language

# %% slideshow={"slide_type": "skip"}
import statistics
from dataclasses import replace

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from ganlib import load_generator, show_digits
from ganlib.gan import (TrainConfig, build_gan, count_parameters, discriminator_step, fixed_noise, generate,
                        generator_step, train_gan)
from ganlib.gan.config import model_defaults
from ganlib.gan.dcgan import upsample_layer
from ganlib.gan.gain import conv_gains
from ganlib.gan.timing import seconds_per_epoch
from ganlib.metrics import score_samples, split_digits
from ganlib.metrics.images import classify
from ganlib.metrics.neighbours import copying_report, nearest
from ganlib.toys.seeds import format_spread, verdict_line

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Quy mô tính toán
#
# Trong bài này, mọi lần huấn luyện đều dùng phần `train` của bộ chữ số đi kèm (3000 chữ số, đủ mười lớp, xếp xen kẽ
# theo lớp); 1000 chữ số `reference` mà FD và precision (*tỉ lệ mẫu sinh rơi vào vùng của dữ liệu thật*) dùng làm
# mốc thì không dùng để huấn luyện. Thí nghiệm chuẩn hóa phổ hay BatchNorm chạy 5 epoch (*một lượt qua toàn bộ dữ
# liệu huấn luyện*) trên 2000 chữ số; phép so sánh DCGAN với MLP chạy 15 và 30 epoch trên cả 3000 chữ số. Mỗi thí
# nghiệm lặp lại với 3 seed. Cả bài chạy khoảng 7 phút trên một nhân CPU. `GANLIB_QUICK=1` (kiểm thử tự động) thu
# nhỏ mọi thứ xuống 2 seed và vài giây mỗi lần chạy. Vì thế, các con số từ những lần huấn luyện đổi theo chế độ;
# nbval chỉ so sánh đầu ra của những ô không phụ thuộc vào huấn luyện và của những ô dùng bộ sinh huấn luyện sẵn.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Compute scale
#
# Every run in this lesson trains on the `train` part of the bundled digits (3000 digits, all ten classes,
# dealt class by class); the 1000 `reference` digits that the FD and precision measure against stay out.
# Spectral normalisation against BatchNorm runs 5 epochs on 2000 digits; the DCGAN against the MLP runs 15
# and 30 epochs on all 3000. Every experiment is repeated with 3 seeds. The whole lesson takes about 7
# minutes on one free CPU core. `GANLIB_QUICK=1` (automated tests) shrinks everything to 2 seeds and seconds
# per run. The numbers of training runs therefore depend on the mode; nbval compares only the cells that
# do not depend on training, and those that use the pretrained generator.

# %% slideshow={"slide_type": "fragment"}
QUICK = ganlib.is_quick()
SCALE = {"digits": 500 if QUICK else 2000, "epochs": 1 if QUICK else 5, "seeds": 2 if QUICK else 3,
         "budget_digits": 500 if QUICK else 3000, "budget_epochs": {"dcgan": 1, "mlp": 2} if QUICK else
         {"dcgan": 15, "mlp": 30}, "checkpoints": 1 if QUICK else 4}
digits = ganlib.load_mnist("bundled")
split = split_digits()  # the metrics' own train / reference / fresh split, each part dealt class by class
data = split.train.images[:SCALE["digits"]]
torch.set_num_threads(1)  # the timings below compare models on one core, side by side

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Tích chập thay đổi gì
#
# MLP của bài 05 nhìn một ảnh như 784 số không có thứ tự: dịch chữ số sang phải một điểm ảnh là một
# đầu vào hoàn toàn khác. Tích chập dùng **cùng một bộ lọc nhỏ ở mọi vị trí**, nên một nét cong nằm ở đâu
# cũng được nhận ra như nhau, và số tham số không tăng theo kích thước ảnh.
#
# - $D$ thu nhỏ ảnh bằng **tích chập sải bước 2** (*strided convolution*) thay vì tầng gộp (*pooling*):
#   $28 \to 14 \to 7$.
#   Mạng tự học cách giảm độ phân giải thay vì dùng một quy tắc cố định như lấy giá trị lớn nhất.
# - $G$ đi theo chiều ngược lại bằng **tích chập chuyển vị** (*transposed convolution*) sải bước 2:
#   $7 \to 14 \to 28$. Mỗi điểm ảnh đầu vào "rải" bộ lọc của nó lên một vùng của đầu ra; ở chỗ các vùng
#   chồng lên nhau, các giá trị được cộng dồn.
#
# Nếu kích thước bộ lọc không chia hết cho sải bước (*stride*), các điểm ảnh đầu ra nhận số lần cộng khác nhau, và
# ảnh bị vân bàn cờ (*checkerboard artifact*, Odena và cộng sự 2016). Ta thấy điều đó trên một đầu vào
# hằng số, với mọi trọng số bằng 1: mỗi ô dưới đây là số lần bộ lọc phủ lên điểm ảnh đó.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## What convolutions change
#
# Lesson 05's MLP sees an image as 784 unordered numbers: shifting a digit one pixel to the right is an
# entirely different input. A convolution applies **the same small filter at every position**, so a
# curved stroke is recognised wherever it is, and the number of parameters does not grow with the
# image.
#
# - $D$ shrinks the image with **strided convolutions** instead of pooling: $28 \to 14 \to 7$. The
#   network learns how to reduce the resolution instead of following a fixed rule such as taking the
#   maximum.
# - $G$ goes the other way with stride-2 **transposed convolutions**: $7 \to 14 \to 28$. Each input
#   pixel "stamps" its filter onto a patch of the output, and overlapping patches are added up.
#
# When the kernel size is not a multiple of the stride, output pixels receive different numbers of
# contributions, and images get a checkerboard artefact (Odena et al. 2016). We see it on a constant
# input with every weight set to 1: each cell below is how many times the filter covers that pixel.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
def coverage(layer: nn.Module, *, side: int = 4) -> torch.Tensor:
    """How often each output pixel is covered, for a constant input and all weights 1 (biases 0)."""
    for weight in layer.parameters():
        nn.init.ones_(weight) if weight.ndim > 1 else nn.init.zeros_(weight)
    with torch.no_grad():
        return layer(torch.ones(1, 1, side, side))[0, 0]


upsamplers = {
    ganlib.tr(en="transposed, kernel 3, stride 2", vi="chuyển vị, bộ lọc 3, sải bước 2"):
        nn.ConvTranspose2d(1, 1, kernel_size=3, stride=2, padding=1, output_padding=1),
    ganlib.tr(en="transposed, kernel 4, stride 2 (ours)", vi="chuyển vị, bộ lọc 4, sải bước 2 (của ta)"):
        upsample_layer(1, 1, upsample="transposed"),
    ganlib.tr(en="resize, then convolution 3×3", vi="phóng to rồi tích chập 3×3"):
        upsample_layer(1, 1, upsample="resize"),
}
patterns = {name: coverage(layer) for name, layer in upsamplers.items()}
for name, pattern in patterns.items():
    print(name)
    print(pattern[2:6, 2:6].int().numpy())

# %% slideshow={"slide_type": "fragment"}
fig, axes = plt.subplots(1, 3, figsize=(9, 3.2))
for ax, (name, pattern) in zip(axes, patterns.items()):
    ax.imshow(pattern.numpy(), cmap="gray", vmin=0)
    ax.set_title(name, fontsize=9)
    ax.set_axis_off()
fig.tight_layout()

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Với bộ lọc 3 và sải bước 2, các điểm ảnh được phủ 1, 2 hoặc 4 lần: vân bàn cờ đã có sẵn trước khi
# học. Mạng có thể học để bù lại, nhưng phải tốn công cho việc đó, và vân thường vẫn còn sót lại. Hai cách
# tránh: chọn bộ lọc chia hết cho sải bước (4 với sải bước 2: mọi điểm ảnh bên trong được phủ đúng 4 lần),
# hoặc phóng to ảnh (*resize*, lặp mỗi điểm ảnh thành 2×2) rồi mới tích chập. DCGAN của `ganlib` dùng
# cách thứ nhất; cách thứ hai là `build_gan("dcgan", generator={"upsample": "resize"})`.
#
# Cách thứ nhất chỉ bỏ được phần chồng lấp không đều *có sẵn* trong kiến trúc. Các điểm ảnh đầu ra chẵn và lẻ
# nhận những phần khác nhau của bộ lọc; nếu trọng số học được làm hai phần ấy lệch nhau, vân bàn cờ quay lại.
# Vì thế Odena và cộng sự (2016) khuyên dùng cách thứ hai, phóng to rồi tích chập: trên thực tế, cách này ít
# sinh vân bàn cờ hơn hẳn.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# With kernel 3 and stride 2, pixels are covered 1, 2 or 4 times: a checkerboard is there before any
# learning. The network can learn to compensate, but it has to spend effort on it, and traces often
# remain. Two ways out: a kernel that is a multiple of the stride (4 with stride 2: every inner pixel
# is covered exactly 4 times), or resizing first (each pixel repeated 2×2) and then convolving.
# `ganlib`'s DCGAN uses the first; the second is `build_gan("dcgan", generator={"upsample": "resize"})`.
#
# The first way removes only the uneven overlap *built into* the architecture. Even and odd output pixels
# receive different parts of the kernel; if the learned weights make those parts unequal, the checkerboard
# comes back; this is why Odena et al.
# (2016) prefer the second, resize-then-convolve, which in practice is far less prone to it.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Các nguyên tắc của DCGAN và lý do
#
# | nguyên tắc (Radford và cộng sự 2015) | trong `ganlib` | lý do |
# |---|---|---|
# | tích chập sải bước 2 thay cho tầng gộp | ba tầng sải bước 2 ở $D$ ($28 \to 14 \to 7 \to 4$), hai tầng chuyển vị sải bước 2 ở $G$ | mạng tự học cách đổi độ phân giải; gradient đi qua mọi điểm ảnh chứ không chỉ qua điểm lớn nhất |
# | không có tầng ẩn kết nối đầy đủ | một phép tuyến tính đưa $\mathbf z$ thành 64 bản đồ đặc trưng 7×7; riêng ở $D$ ta cố ý làm khác: một tầng ẩn 256 đơn vị nằm giữa các tầng tích chập và logit (xem bên dưới) | ít tham số hơn nhiều so với MLP; cấu trúc không gian được giữ |
# | BatchNorm trong cả $G$ và $D$, trừ tầng ra của $G$ và tầng vào của $D$ | $G$: sau mọi tầng trừ tầng ra. $D$: mặc định dùng chuẩn hóa phổ thay cho BatchNorm; `"dcgan-bn"` đặt BatchNorm sau tích chập thứ hai và thứ ba, đúng như bài báo | giữ độ lớn tín hiệu ổn định qua các tầng; theo bài báo, đặt BatchNorm ở mọi tầng, kể cả tầng ra của $G$ và tầng vào của $D$, khiến mẫu sinh ra cứ đổi qua đổi lại trong quá trình huấn luyện và mô hình mất ổn định |
# | ReLU trong $G$, $\tanh$ ở cuối | đúng như vậy | $\tanh$ đưa ảnh về $[-1, 1]$, cùng miền với dữ liệu thật |
# | LeakyReLU trong $D$ | độ dốc 0.2 | gradient vẫn chảy về $G$ qua cả những đơn vị đang âm |
# | khởi tạo mọi trọng số từ $\mathcal N(0, 0.02^2)$ | không theo: `ganlib` giữ cách khởi tạo mặc định của PyTorch | |
# | Adam với $\beta_1 = 0.5$, tốc độ học 2e-4 | $\beta_1 = 0.5$; tốc độ học 1e-3 cho cả hai mạng (mặc định của `--model dcgan`, chọn khi thiết kế bài theo FD với seed 0) | bài báo thấy $\beta_1 = 0.9$ làm huấn luyện dao động, mất ổn định; bài này không đo lại điều đó |
#
# **BatchNorm trong $D$.** Ở chế độ huấn luyện, BatchNorm chuẩn hóa mỗi kênh bằng trung bình và phương sai
# của **chính batch đang đi qua**, và trong vòng lặp GAN, $D$ xem một batch toàn ảnh thật rồi một batch toàn
# ảnh giả. Việc chuẩn hóa theo từng batch *xóa đi* trung bình và phương sai riêng của mỗi batch ở tầng đó, nên
# $D$ không "đọc" được batch là thật hay giả từ các thống kê ấy. Hệ quả thật sự có hai. Thứ nhất, các mẫu trong
# cùng batch bị ràng buộc với nhau: điểm của một ảnh phụ thuộc vào những ảnh đi cùng. Thứ hai, vì batch thật và batch
# giả được chuẩn hóa bằng những thống kê khác nhau, $D$ thực chất tính **hai hàm khác nhau** trên hai loại
# batch, và điều nó học được từ những batch thuần nhất không nhất thiết đúng với một ảnh nằm lẫn giữa những
# ảnh thuộc loại kia. Bài tập 3 đo hệ quả này.
#
# **Chuẩn hóa phổ.** `ganlib` vì thế mặc định dùng chuẩn hóa phổ (Miyato và cộng sự 2018) trong $D$: mỗi trọng
# số được chia cho giá trị kỳ dị (*singular value*) lớn nhất $\sigma$ của nó, và điểm của một ảnh chỉ phụ thuộc
# vào chính ảnh đó. Có hai điều cần nói rõ. Thứ nhất, PyTorch (`torch.nn.utils.parametrizations.spectral_norm`)
# tính $\sigma$ của bộ lọc **sau khi định hình lại** thành ma trận (số kênh ra × số kênh vào·k·k). Đó không phải
# độ khuếch đại thật của phép tích chập: mỗi điểm ảnh đầu vào nằm trong nhiều mảnh (*patch*), nên tích chập có thể kéo
# giãn đầu vào tới khoảng $k/s$ lần $\sigma$ ấy, tức khoảng 2 lần với bộ lọc 4, sải bước 2 (bài tập 4 suy ra con
# số này). Thứ hai, mỗi lượt truyền xuôi chỉ làm **một** bước lặp lũy thừa (*power iteration*), nên $\sigma$
# chỉ là một ước lượng, chính xác dần qua quá trình huấn luyện. Ô sau phần so sánh với BatchNorm đo cả hai con số
# trên $D$ đã huấn luyện.
#
# Ta có hai lựa chọn riêng, cả hai đều liên quan đến những gì $D$ nhìn thấy. Thứ nhất, $D$ có **ba** tầng tích chập
# chứ không phải hai. Với hai tầng, mỗi đơn vị ở tầng cuối chỉ nhìn một vùng 10×10 điểm ảnh: $D$ chấm nét
# bút tốt nhưng chấm hình dạng kém, và $G$ học được những nét đẹp nhưng đứt đoạn. Tầng thứ ba (bộ lọc 3,
# sải bước 2, từ 7×7 xuống 4×4) cho mỗi đơn vị nhìn gần trọn chữ số. Thứ hai, giữa các tầng tích chập và logit
# có **một tầng ẩn kết nối đầy đủ** (*fully connected*) gồm 256 đơn vị, trái với khuyến nghị của Radford và
# cộng sự. Một phép tuyến tính duy nhất chỉ cộng dồn nhận xét của từng vị trí trên các bản đồ đặc trưng cuối;
# tầng ẩn thì kết hợp được chúng ("có một vòng khép kín ở trên *và* một nét ở góc dưới bên phải"), giống như
# $D$ dạng MLP của bài 05 kết hợp các điểm ảnh. Hai lựa chọn này được đưa ra khi thiết kế bài, lúc mỗi thiết kế
# chỉ chạy một seed (60 epoch trên 5000 chữ số; các lần chạy đó không có trong bài và không chạy lại ở đây): FD
# giảm từ 69.7 (hai tầng tích chập) xuống 33.3 (ba tầng) rồi 20.8 (thêm tầng ẩn). Một seed cho mỗi thiết kế
# chỉ là một gợi ý, chưa phải kết quả; cũng như mọi nguyên tắc ở trên, hãy đo trước khi tin.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The DCGAN guidelines and their reasons
#
# | guideline (Radford et al. 2015) | in `ganlib` | reason |
# |---|---|---|
# | strided convolutions instead of pooling | three stride-2 layers in $D$ ($28 \to 14 \to 7 \to 4$), two stride-2 transposed layers in $G$ | the network learns how to change resolution; gradients reach every pixel, not only the maximum |
# | no fully connected hidden layers | one linear map takes $\mathbf z$ to 64 feature maps of 7×7; in $D$ we break it on purpose: one hidden layer of 256 units between the convolutions and the logit (see below) | far fewer parameters than the MLP; the spatial structure is kept |
# | BatchNorm in both $G$ and $D$, except $G$'s output layer and $D$'s input layer | $G$: after every layer but the output. $D$: spectral normalisation instead by default; `"dcgan-bn"` puts BatchNorm after the second and third convolutions, as in the paper | keeps the signal's scale steady through the layers; the paper reports that BatchNorm on $G$'s output and $D$'s input as well made samples oscillate and training unstable |
# | ReLU in $G$, $\tanh$ at its end | as stated | $\tanh$ puts images in $[-1, 1]$, the range of the real data |
# | LeakyReLU in $D$ | slope 0.2 | gradients still flow back to $G$ through units that are negative |
# | every weight initialised from $\mathcal N(0, 0.02^2)$ | not followed: `ganlib` keeps PyTorch's default initialisation | |
# | Adam with $\beta_1 = 0.5$, learning rate 2e-4 | $\beta_1 = 0.5$; learning rate 1e-3 for both networks (the defaults of `--model dcgan`, chosen while designing the lesson by FD on seed 0) | the paper found that $\beta_1 = 0.9$ made training oscillate and go unstable; this lesson does not measure that again |
#
# **BatchNorm in $D$.** In training mode, BatchNorm normalises each channel with the mean and variance of
# **the batch passing through**, and in the GAN loop $D$ is shown a batch of only real images, then a batch
# of only fakes. Per-batch normalisation *removes* each batch's own mean and variance at that layer, so $D$
# cannot "read" from those statistics whether a batch is real or fake. The real effects are two. First, the
# samples of a batch are coupled: an image's score depends on the images it comes with. Second, since real
# and fake batches are normalised with different statistics, $D$ in effect computes **two different
# functions** on the two kinds of batch, and what it learns from pure batches need not hold for an image
# among images of the other kind. Exercise 3 measures this.
#
# **Spectral normalisation.** So by default `ganlib`'s $D$ uses spectral normalisation (Miyato et al. 2018):
# each weight is divided by its largest singular value $\sigma$, and an image's score depends on that image
# alone. Two things must be said plainly. First, PyTorch (`torch.nn.utils.parametrizations.spectral_norm`)
# computes $\sigma$ of the kernel **reshaped** into a matrix (output channels × input channels·k·k). That is
# not the convolution's true gain: each input pixel lies in several patches, so the convolution can stretch
# its input by up to about $k/s$ times that $\sigma$, about 2 for kernel 4 and stride 2 (exercise 4 derives
# it). Second, each forward pass does only **one** power-iteration step, so $\sigma$ is an estimate that gets
# better as training goes on. The cell after the BatchNorm comparison measures both numbers on a trained $D$.
#
# Two choices of our own, both about what $D$ can see. First, $D$ has **three** convolutions, not two.
# With two, each unit of the last feature maps sees only a 10×10 patch of pixels: $D$ judges strokes well
# and shapes badly, and $G$ learns fine strokes that break off. The third layer (kernel 3, stride 2, from
# 7×7 to 4×4) lets each unit see nearly the whole digit. Second, between the convolutions and the logit sits
# **one fully connected hidden layer** of 256 units, against Radford et al.'s advice. A single linear map
# can only add up what each position of the last feature maps says; a hidden layer can combine them ("a
# closed loop at the top *and* a stroke at the bottom right"), as lesson 05's MLP discriminator combines
# pixels. Both were chosen while designing the lesson, one seed per design (60 epochs on 5000 digits; those
# runs are not in the lesson and are not rerun here): the FD went from 69.7 (two convolutions) to 33.3
# (three) and 20.8 (with the hidden layer). One seed per design is a lead, not a result; as with every
# guideline above, measure before you trust it.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
def step_flops(model: str, *, batch_size: int = 64) -> int:
    """Floating-point operations of one discriminator step and one generator step (batch 64)."""
    torch.manual_seed(0)
    generator, discriminator = build_gan(model)
    opt_g = torch.optim.Adam(generator.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(discriminator.parameters(), lr=2e-4, betas=(0.5, 0.999))
    real = torch.zeros(batch_size, 1, 28, 28)
    with FlopCounterMode(display=False) as counter:
        fake, *_ = discriminator_step(generator, discriminator, opt_d, real, torch.randn(batch_size, 100))
        generator_step(discriminator, opt_g, fake)
    return counter.get_total_flops()


for model in ("mlp", "dcgan"):
    generator, discriminator = build_gan(model)
    print(f"{model:>6}: G {count_parameters(generator):>9,} | D {count_parameters(discriminator):>9,} "
          f"{ganlib.tr(en='parameters', vi='tham số')} | {step_flops(model) / 1e9:.2f} GFLOP "
          f"{ganlib.tr(en='per training step (batch 64)', vi='mỗi bước huấn luyện (batch 64)')}")

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# DCGAN chỉ có khoảng một phần ba số tham số của MLP nhưng tốn khoảng 1.7 lần số phép tính mỗi bước: một bộ
# lọc được dùng lại ở mọi vị trí, nên mỗi tham số làm nhiều việc hơn. Thời gian không tỉ lệ đúng với số phép
# tính: phần so sánh bên dưới đo thời gian một epoch của mỗi mô hình ngay trên máy này. Trên CPU, các phép nhân ma trận
# lớn của MLP thường tận dụng phần cứng tốt hơn các tích chập nhỏ, ít kênh.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# The DCGAN has about a third of the MLP's parameters but costs about 1.7 times the arithmetic
# per step: a filter is reused at every position, so each parameter does more work. Time does not follow
# the arithmetic exactly: the comparison below times an epoch of each model on this very machine. On a
# CPU, the MLP's large matrix products usually use the hardware better than small convolutions with few
# channels.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
generator, discriminator = build_gan("dcgan")
print(ganlib.tr(en="The generator G:", vi="Bộ sinh G:"), generator, sep="\n")
print(ganlib.tr(en="The discriminator D:", vi="Bộ phân biệt D:"), discriminator, sep="\n")

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Chuẩn hóa phổ hay BatchNorm trong $D$
#
# Cùng $G$, cùng tốc độ học, cùng dữ liệu; $D$ chỉ khác nhau ở cách chuẩn hóa. Mỗi cấu hình chạy với cùng các
# seed, nên với mỗi seed ta có một cặp kết quả. Ta đọc FD (càng nhỏ càng tốt), số lớp chữ số mà mẫu phủ tới, và
# $D(\mathbf x)$, $D(G(\mathbf z))$ trung bình của epoch cuối. Kết luận được tính từ **hiệu số theo từng seed**:
# trung bình của các hiệu, kèm khoảng tin cậy 95% theo phân phối Student; nếu khoảng đó chứa 0 thì chưa phân định.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Spectral normalisation or BatchNorm in $D$
#
# Same $G$, same learning rates, same data; $D$ differs only in its normalisation. Both settings run with
# the same seeds, so each seed gives a pair of results. We read the FD (lower is better), the number of digit
# classes the samples cover, and the mean $D(\mathbf x)$ and $D(G(\mathbf z))$ of the last epoch. The verdict
# comes from **the per-seed differences**: their mean with its 95% Student-t interval; when that interval
# holds 0, nothing is decided.

# %% slideshow={"slide_type": "fragment"}
def short_run(config: TrainConfig) -> dict:
    """Train on the lesson's digits and return the final scores with D's last mean outputs."""
    run = train_gan(data, replace(config, eval_every=config.epochs, grid_every=0), score=score_samples,
                    progress=False)
    scores = {key: values[-1] for key, values in run.history["metrics"].items()}
    return {**scores, "D_real": run.history["D_real"][-1], "D_fake": run.history["D_fake"][-1], "run": run}


recipe = TrainConfig(**model_defaults("dcgan"))
norm_results = {model: [short_run(replace(recipe, model=model, epochs=SCALE["epochs"], seed=seed))
                        for seed in range(SCALE["seeds"])]
                for model in ("dcgan", "dcgan-bn")}
for model, results in norm_results.items():
    runs_said = ganlib.tr(en=f"{len(results)} seeds, {SCALE['epochs']} epoch{'s' * (SCALE['epochs'] > 1)}",
                          vi=f"{len(results)} seed, {SCALE['epochs']} epoch")
    print(f"{model:>8} ({runs_said}): "
          f"FD {format_spread([r['fd'] for r in results])} | "
          f"{ganlib.tr(en='classes', vi='số lớp')} {format_spread([r['classes_covered'] for r in results])} | "
          f"D(x) {format_spread([r['D_real'] for r in results], digits=2)} | "
          f"D(G(z)) {format_spread([r['D_fake'] for r in results], digits=2)}")
print(verdict_line("dcgan", [r["fd"] for r in norm_results["dcgan"]],
                   "dcgan-bn", [r["fd"] for r in norm_results["dcgan-bn"]]))

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Đọc dòng cuối trước: nó cho biết với ngân sách ngắn này và số seed này, chênh lệch FD có vượt quá mức dao động
# giữa các seed hay không. Một kết luận ở đây chỉ nói về khoảng 150 bước đầu, chưa nói gì về lúc huấn luyện xong, và
# cũng chưa nói *vì sao*. Hãy so thêm hai cột $D(\mathbf x)$ và $D(G(\mathbf z))$: nếu chúng gần nhau ở hai cấu
# hình, thì $D$ của cả hai tách ảnh thật khỏi ảnh giả (của $G$ đi cùng nó) ở mức như nhau, nên chênh lệch FD (nếu
# có) không thể giải thích bằng việc một $D$ học chậm hơn; nhiều khả năng nó nằm ở tín hiệu mà $G$ nhận được, nhưng
# bảng này không đo điều đó. `ganlib` mặc định dùng chuẩn hóa phổ vì điểm của một ảnh khi đó chỉ phụ thuộc vào chính
# ảnh đó, chứ không vì một con số ở bảng này.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# Read the last line first: it says whether, at this short budget and with these seeds, the FD gap stands out from
# the spread between seeds. A verdict here speaks only of the first 150 or so steps, not of finished training, and
# it does not say *why*. Compare the $D(\mathbf x)$ and $D(G(\mathbf z))$ columns too: if they are close in both
# settings, both $D$s separate real from fake (their own $G$'s) equally well, so the FD gap (if any) is not
# explained by one $D$ learning more slowly; it more likely lies in the signal $G$ receives, which this table does
# not measure. `ganlib` uses spectral normalisation by default because an image's score then depends on that image
# alone, not because of a number in this table.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# **Chuẩn hóa phổ giới hạn được gì.** Với mỗi tầng tích chập của $D$ vừa huấn luyện (chuẩn hóa phổ, seed 0),
# ta in hai con số. Con số đầu là $\sigma$ của bộ lọc đã định hình lại, tính chính xác bằng SVD trên trọng số
# mà tầng đang dùng. Con số sau là độ khuếch đại thật của phép tích chập trên đầu vào có kích thước của tầng
# đó, đo bằng 100 bước lặp lũy thừa trên tích chập và phép toán chuyển vị của nó (`conv2d`, `conv_transpose2d`).

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# **What spectral normalisation bounds.** For each convolution of the spectrally normalised $D$ just
# trained (seed 0), we print $\sigma$ of the reshaped kernel, computed exactly by SVD on the weight the layer
# uses, next to the convolution's true gain on that layer's input, measured with 100 power-iteration steps
# on the convolution and its transpose (`conv2d`, `conv_transpose2d`).

# %% slideshow={"slide_type": "fragment"}
for row in conv_gains(norm_results["dcgan"][0]["run"].discriminator.cpu().eval()):
    print(ganlib.tr(en=f"convolution {row['layer']}: σ of the reshaped kernel {row['reshaped_sigma']:.3f} | true gain "
                       f"{row['operator_norm']:.2f}",
                    vi=f"tích chập {row['layer']}: σ của bộ lọc định hình lại {row['reshaped_sigma']:.3f} | độ khuếch "
                       f"đại thật {row['operator_norm']:.2f}"))

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Nếu con số đầu khác 1 thì đó là sai số của phép ước lượng bằng một bước lặp lũy thừa; con số sau cho biết mỗi tầng
# thực sự có thể kéo giãn đầu vào của nó bao nhiêu lần. Tích các độ khuếch đại thật, chứ không phải 1, mới là chặn
# trên cho độ dốc (hằng số Lipschitz) của $D$ qua các tầng tích chập.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# Where the first number differs from 1, that is the error of the one-step power estimate; the second says
# how much each layer can really stretch its input. The product of the true gains, not 1, is what bounds
# how steep $D$ can be (its Lipschitz constant) through its convolutions.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## DCGAN và MLP với cùng thời gian huấn luyện
#
# So sánh công bằng là so ở cùng chi phí, không phải cùng số epoch: một epoch của DCGAN đắt hơn. Khi viết
# bài, trên một nhân CPU, một epoch của DCGAN tốn khoảng gấp đôi thời gian một epoch của MLP, nên giao thức cố
# định ngân sách theo số epoch: **DCGAN 15 epoch, MLP 30 epoch** trên cùng 3000 chữ số, cùng 3 seed, chấm FD
# sau mỗi khoảng một phần tư quãng huấn luyện và ở epoch cuối. Số epoch cố định giữ cho kết quả không phụ thuộc
# vào tốc độ của máy; ô dưới đây vẫn đo thời gian một epoch của mỗi mô hình ngay trên máy này, lần lượt xen kẽ,
# và in tỉ số để bạn biết trên máy của mình, ngân sách này gần với cùng thời gian đến mức nào.
#
# Cần nói thẳng một điều: so sánh này **không cân bằng về tinh chỉnh**. Kiến trúc và tốc độ học 1e-3 của DCGAN
# được chọn khi thiết kế bài theo FD với seed 0; MLP giữ nguyên công thức của bài 05 (tốc độ học 2e-4), không
# được tinh chỉnh thêm. Đây là một DCGAN đã tinh chỉnh đặt cạnh một MLP chưa tinh chỉnh. Kết luận được tính từ
# hiệu số FD theo từng seed, như ở phần trước.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The DCGAN and the MLP for the same training time
#
# A fair comparison is at equal cost, not equal epochs: a DCGAN epoch costs more. While this lesson was written, on
# one CPU core, a DCGAN epoch took about twice an MLP epoch, so the protocol fixes the budget in epochs: **the DCGAN
# 15 epochs, the MLP 30 epochs**, on the same 3000 digits, with the same 3 seeds, the FD scored after about every
# quarter of the run and at its last epoch. Fixed epochs keep the result independent of the machine's speed; the
# cell below still times an epoch of each model on this very machine, in turns, and prints the ratio so you know how
# close to equal time this budget is on yours.
#
# One thing must be said plainly: this comparison **is not balanced in tuning**. The DCGAN's architecture
# and its learning rate of 1e-3 were chosen while designing the lesson, by FD on seed 0; the MLP keeps
# lesson 05's recipe (learning rate 2e-4) with no further tuning. This is a tuned DCGAN next to an untuned
# MLP. The verdict comes from the per-seed FD differences, as in the previous section.

# %% slideshow={"slide_type": "fragment"}
budget_data = split.train.images[:SCALE["budget_digits"]]
epochs = SCALE["budget_epochs"]
contenders = {name: TrainConfig(**{**model_defaults(name), "epochs": epochs[name]}) for name in ("dcgan", "mlp")}
per_epoch = seconds_per_epoch(contenders, budget_data)
budget_runs = {name: [train_gan(budget_data, replace(config, grid_every=0, seed=seed,
                                                     eval_every=max(1, config.epochs // SCALE["checkpoints"])),
                                score=score_samples, progress=False)
                      for seed in range(SCALE["seeds"])]
               for name, config in contenders.items()}
ratio, given = per_epoch["dcgan"] / per_epoch["mlp"], epochs["mlp"] / epochs["dcgan"]
print(ganlib.tr(en=f"seconds per epoch of {len(budget_data)} digits here: dcgan {per_epoch['dcgan']:.2f}, mlp "
                   f"{per_epoch['mlp']:.2f} (ratio {ratio:.1f}); the budget gives mlp {given:.0f}× the epochs of "
                   f"dcgan, so equal time here would be {epochs['dcgan'] * ratio:.0f} mlp epochs",
                vi=f"số giây cho một epoch trên {len(budget_data)} chữ số ở máy này: dcgan {per_epoch['dcgan']:.2f}, "
                   f"mlp {per_epoch['mlp']:.2f} (tỉ số {ratio:.1f}); ngân sách cho mlp gấp {given:.0f} lần số epoch "
                   f"của dcgan, nên cùng thời gian ở máy này ứng với {epochs['dcgan'] * ratio:.0f} epoch của mlp"))
final = {name: {key: [run.history["metrics"][key][-1] for run in runs]
                for key in ("fd", "classes_covered", "precision", "recall")}
         for name, runs in budget_runs.items()}
print(ganlib.tr(en="      | epoch | FD per seed          | classes    | precision   | recall",
                vi="      | epoch | FD theo từng seed    | số lớp     | precision   | recall"))
for name, scores in final.items():
    print(f"{name:>5} | {epochs[name]:>5} | {', '.join(f'{v:.1f}' for v in scores['fd']):<20} | "
          f"{format_spread(scores['classes_covered']):<10} | {format_spread(scores['precision'], digits=2):<11} | "
          f"{format_spread(scores['recall'], digits=2)}")
print(verdict_line("dcgan", final["dcgan"]["fd"], "mlp", final["mlp"]["fd"]))

# %% slideshow={"slide_type": "fragment"}
fig, ax = plt.subplots(figsize=(7, 3.5))
for (name, runs), color in zip(budget_runs.items(), ("tab:orange", "tab:blue")):
    for seed, run in enumerate(runs):
        elapsed = np.cumsum(run.history["seconds"])
        metrics = run.history["metrics"]
        ax.plot(elapsed[np.array(metrics["epoch"]) - 1], metrics["fd"], marker="o", color=color,
                alpha=1.0 if seed == 0 else 0.5, label=name if seed == 0 else None)
ax.set_yscale("log")
ax.set_xlabel(ganlib.tr(en="seconds of training", vi="số giây huấn luyện"))
ax.set_ylabel(ganlib.tr(en="FD (log scale, lower is better)", vi="FD (thang log, càng nhỏ càng tốt)"))
ax.set_title(ganlib.tr(en="FD against training time, one line per seed", vi="FD theo thời gian huấn luyện, mỗi seed một đường"))
ax.legend()
fig.tight_layout()

# %% slideshow={"slide_type": "fragment"}
noise = fixed_noise(100, 100, seed=0)
for name, runs in budget_runs.items():
    show_digits(generate(runs[0].sampler, noise), value_range=(-1.0, 1.0),
                title=ganlib.tr(en=f"{name}, {epochs[name]} epochs, seed 0",
                                vi=f"{name}, {epochs[name]} epoch, seed 0"));

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Cách đọc: dòng cuối của ô so sánh là kết luận, tính từ các hiệu số theo từng seed; bài giảng không đưa ra
# kết luận nào khác. Nếu khoảng tin cậy chứa 0, ba seed chưa đủ để nói mô hình nào tốt hơn ở ngân sách này. Trong hình,
# ở cùng một số giây, đường nào thấp hơn thì mô hình đó tốt hơn tại thời điểm ấy; nếu các đường còn đang đi
# xuống ở điểm cuối thì cả hai mô hình đều chưa học xong, và kết luận chỉ đúng cho ngân sách ngắn này. Hai cột
# precision và recall (*tỉ lệ dữ liệu thật được mẫu sinh phủ tới*) cho biết kiểu lỗi của mỗi mô hình: mẫu méo
# (precision thấp) hay thiếu kiểu viết (recall thấp). Và nhớ rằng một mô hình đã được tinh chỉnh, mô hình kia
# thì chưa.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# How to read it: the last line of the comparison cell is the verdict, computed from the per-seed
# differences; the lesson does not state one of its own. If the interval holds 0, three seeds are not enough
# to say which model is better at this budget. In the figure, at the same number of seconds, the lower line
# is the better model at that moment; if the lines are still falling at their last point, neither model has
# finished learning, and the verdict holds only for this short budget. The precision and recall columns say
# what kind of error each model makes: misshapen samples (low precision) or missing styles (low recall). And
# remember that one model was tuned and the other was not.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Bộ sinh DCGAN huấn luyện sẵn đi kèm khóa học đến từ một lần chạy dài hơn với cùng công thức,
# `python -m ganlib train --model dcgan --data bundled --device cpu` (80 epoch trên cả 5000 chữ số đi kèm, seed 0);
# ô tiếp theo in các điểm số được lưu cùng nó. Lần chạy đó dùng cả 1000 chữ số `reference` để huấn luyện, trong
# khi các điểm số lại được đo so với chính những chữ số ấy; vì vậy đừng so các điểm số này với những lần chạy ở
# trên, vốn không dùng chúng để huấn luyện.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# The pretrained DCGAN generator that ships with the course comes from a longer run of the same recipe,
# `python -m ganlib train --model dcgan --data bundled --device cpu` (80 epochs on all 5000 bundled digits,
# seed 0); the next cell prints the scores stored with it. That run also trained on the 1000 `reference` digits
# that the scores are measured against, so do not compare these scores with the runs above, which kept them
# out.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
dcgan_sampler, shipped_history = load_generator(model="dcgan")
shipped = {key: values[-1] for key, values in shipped_history["metrics"].items()}
print(ganlib.tr(en=f"shipped DCGAN generator, epoch {shipped['epoch']}:",
                vi=f"bộ sinh DCGAN đi kèm, epoch {shipped['epoch']}:"),
      f"FD {shipped['fd']:.1f} | {ganlib.tr(en='classes', vi='số lớp')} {shipped['classes_covered']} | "
      f"precision {shipped['precision']:.2f} | recall {shipped['recall']:.2f}")

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Không gian tiềm ẩn
#
# Ta dùng bộ sinh DCGAN huấn luyện sẵn vừa nhắc tới. Nội suy tuyến tính giữa hai vector tiềm ẩn $\mathbf z_0,
# \mathbf z_1$ đi qua vùng có chuẩn nhỏ hơn: với $\mathbf z \sim \mathcal N(0, I_{100})$, $\|\mathbf z\| \approx
# 10$, nhưng điểm giữa của hai vector độc lập có chuẩn khoảng $10/\sqrt 2 \approx 7$, một vùng mà $G$ hầu như không
# thấy khi huấn luyện. Nội suy cầu (*spherical interpolation*, slerp) đi theo cung tròn: chuẩn đổi dần từ chuẩn của
# đầu này sang chuẩn của đầu kia, không bao giờ tụt xuống giữa đường.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The latent space
#
# We use the pretrained DCGAN generator just mentioned.
# Linear interpolation between two codes $\mathbf z_0, \mathbf
# z_1$ passes through a region of smaller norm: for $\mathbf z \sim \mathcal N(0, I_{100})$,
# $\|\mathbf z\| \approx 10$, but the midpoint of two independent codes has a norm of about
# $10/\sqrt 2 \approx 7$, a region $G$ hardly saw in training. Spherical interpolation (slerp) follows
# an arc: the norm moves gradually from one end's norm to the other's and never dips on the way.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
def slerp(z0: torch.Tensor, z1: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """Spherical interpolation between two codes (each of size d) at the fractions t (size T): T×d."""
    omega = torch.arccos((z0 / z0.norm()) @ (z1 / z1.norm()))
    t = t[:, None]
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)


ends = fixed_noise(2, 100, seed=7)
t = torch.linspace(0, 1, 10)
linear = (1 - t[:, None]) * ends[0] + t[:, None] * ends[1]
spherical = slerp(ends[0], ends[1], t)
print(ganlib.tr(en="norms along the linear path:   ", vi="chuẩn dọc đường tuyến tính:"),
      [round(v, 1) for v in linear.norm(dim=1).tolist()])
print(ganlib.tr(en="norms along the spherical path:", vi="chuẩn dọc đường cầu:      "),
      [round(v, 1) for v in spherical.norm(dim=1).tolist()])

# %% slideshow={"slide_type": "fragment"}
direction = fixed_noise(1, 100, seed=8)[0]
nudged = ends[0] + torch.linspace(-3, 3, 10)[:, None] * direction / direction.norm()
rows = generate(dcgan_sampler, torch.cat([linear, spherical, nudged]))
show_digits(rows, value_range=(-1.0, 1.0),
            title=ganlib.tr(en="rows: linear, spherical, the same z nudged along one direction",
                            vi="các hàng: tuyến tính, cầu, cùng một z dịch theo một hướng"));
row_classes = classify(rows)[2].argmax(axis=1).reshape(3, 10)
gap = (rows[:10] - rows[10:20]).abs().mean(dim=(1, 2, 3))
print(ganlib.tr(en="classifier's digit, linear row:   ", vi="chữ số theo bộ phân loại, hàng tuyến tính:"),
      row_classes[0].tolist())
print(ganlib.tr(en="classifier's digit, spherical row:", vi="chữ số theo bộ phân loại, hàng cầu:       "),
      row_classes[1].tolist())
print(ganlib.tr(en="mean |pixel difference| between the two rows, column by column (pixels in [-1, 1]):",
                vi="trung bình |chênh lệch điểm ảnh| giữa hai hàng, theo từng cột (điểm ảnh trong [-1, 1]):"),
      [round(v, 2) for v in gap.tolist()])

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Hai hàng đầu là câu trả lời thực nghiệm cho lập luận về chuẩn ở trên. Nếu chúng cho cùng các chữ số và chênh
# lệch điểm ảnh nhỏ ở mọi cột, thì với bộ sinh này, việc đường tuyến tính đi qua vùng có chuẩn nhỏ hơn không
# làm ảnh xấu đi rõ rệt; nếu các cột giữa khác hẳn nhau, thì chỗ tụt chuẩn ấy có ảnh hưởng. Lập luận về
# chuẩn chỉ nói rằng đường tuyến tính đi qua vùng ít gặp, chứ không nói rằng $G$ chắc chắn làm hỏng ảnh ở đó.
#
# Một đường đi mượt, nơi chữ số biến dần từ dạng này sang dạng khác, gợi ý rằng $G$ đã học một đa tạp
# (*manifold*) chứ không học thuộc vài ảnh. Để kiểm tra trực tiếp hơn, với mỗi chữ số trong 1000 chữ số sinh
# ra, ta tìm chữ số gần nhất trong 3000 chữ số `train`, trong không gian đặc trưng của bộ phân loại (128 đặc
# trưng ở tầng áp chót). Thước đo để so là khoảng cách từ mỗi chữ số trong 1000 chữ số `reference` (đủ mười
# lớp, mỗi lớp 100) tới chữ số gần nhất của nó trong cùng 3000 chữ số ấy. Nếu $G$ chép lại dữ liệu huấn luyện,
# khoảng cách từ ảnh sinh tới láng giềng gần nhất sẽ nhỏ hơn hẳn thước đo này. Phép kiểm tra chỉ bắt được bản
# sao của 3000 chữ số `train`: bộ sinh đi kèm đã học trên cả 5000 chữ số, nên một bản sao của chữ số
# `reference` hay `fresh` sẽ không lộ ra ở đây.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# The first two rows answer the norm argument above by experiment. If they name the same digits and differ
# little in every column, then for this generator the linear path's passage through a region of smaller
# norm does not visibly hurt the images; if the middle columns differ clearly, the dip matters. The norm
# argument only says that the linear path crosses a rarely seen region, not that $G$ must fail there.
#
# A smooth path, where the digit morphs from one shape into another, suggests $G$ learnt a manifold rather
# than memorising a few images. For a more direct check we take 1000 generated digits and find, for each,
# the nearest of the 3000 `train` digits in the classifier's feature space (the 128 penultimate features).
# The yardstick is the 1000 `reference` digits (all ten classes, 100 each) and their nearest digit among the
# same 3000. If $G$ copied its training data, the distance from a generated digit to its nearest neighbour
# would be clearly smaller than this yardstick. The check only catches copies of the 3000 `train` digits: the
# shipped generator learnt from all 5000, so a copy of a `reference` or `fresh` digit would not show here.

# %% slideshow={"slide_type": "fragment"}
fakes = generate(dcgan_sampler, fixed_noise(1000, 100, seed=9))
train_unit = split.train.images.float() / 255.0
_, fake_features, _ = classify(fakes)
_, train_features, _ = classify(train_unit, value_range=(0.0, 1.0))
_, reference_features, _ = classify(split.reference.images.float() / 255.0, value_range=(0.0, 1.0))
nearest_index, _ = nearest(fake_features, train_features)
show_digits(torch.cat([(fakes[:10] + 1) / 2, train_unit[nearest_index[:10]]]), value_range=(0.0, 1.0),
            title=ganlib.tr(en="top: generated; bottom: the nearest train digit",
                            vi="trên: ảnh sinh; dưới: chữ số huấn luyện gần nhất"));
copying = copying_report(fake_features, train_features, reference_features)
fake_gap, real_gap, closer = copying["fake"], copying["held_out"], copying["closer"]
print(ganlib.tr(en=f"median distance to the nearest train digit: generated {fake_gap:.1f}, reference {real_gap:.1f}; "
                   f"share of generated digits closer than 95% of the reference digits: {closer:.1%}",
                vi=f"trung vị khoảng cách tới chữ số huấn luyện gần nhất: ảnh sinh {fake_gap:.1f}, chữ số tham "
                   f"chiếu {real_gap:.1f}; tỉ lệ ảnh sinh gần hơn 95% chữ số tham chiếu: {closer:.1%}"))

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Đọc dòng vừa in: nếu ảnh sinh nằm gần chữ số huấn luyện hơn hẳn so với thước đo, và nhiều ảnh sinh nằm gần
# chữ số huấn luyện hơn cả 95% số chữ số `reference`, thì $G$ đang chép lại dữ liệu; nếu tỉ lệ đó quanh 5% hoặc
# thấp hơn, không có dấu hiệu học thuộc. Một khoảng cách *lớn hơn* thước đo cũng không phải tin tốt: nó có nghĩa
# là nhiều mẫu nằm ngoài vùng của chữ số thật trong không gian đặc trưng, và đi đôi với precision thấp.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# Read the line just printed: if generated digits sit clearly closer to training digits than the yardstick,
# and many are closer than 95% of the `reference` digits, $G$ is copying its data; if that share is about 5%
# or lower, there is no sign of memorisation. A distance *larger* than the yardstick is not good news
# either: it means many samples lie outside the real digits' region of feature space, and goes with a low
# precision.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Tốc độ trên GPU
#
# Trên CUDA, vòng lặp của `ganlib` tự chạy cả hai mạng ở định dạng bộ nhớ `channels_last`
# với autocast bf16 (trọng số, gradient và trạng thái Adam vẫn là float32). Tùy chọn `compile=True`
# (`--compile` trên dòng lệnh) biên dịch hai mạng bằng `torch.compile`, ở chế độ `"reduce-overhead"`
# với CUDA graph trên GPU. Trên CPU, `channels_last` và bf16 không được dùng, và `compile` tắt theo mặc
# định: khi viết bài, riêng việc biên dịch một phép so sánh ba bước đã chạy quá 15 phút trên CPU 2 nhân
# dùng chung đang bận, lâu hơn cả một lần huấn luyện đầy đủ, nên thời gian tiết kiệm được không thể bù lại.
# `tests/test_dcgan.py` kiểm tra rằng bước đã biên dịch cho cùng mất mát với bước thường (sai lệch tương
# đối dưới $10^{-5}$). `python -m ganlib bench --compiled` đo thời gian của các cách chạy này, đặt cạnh vòng lặp
# dùng `DataLoader`, và in tên thiết bị; tốc độ trên GPU chưa được đo cho bài này.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Speed on a GPU
#
# On CUDA, `ganlib`'s loop runs both networks in the `channels_last` memory format under bf16 autocast
# (the weights, their gradients and Adam's state stay float32). The option `compile=True` (`--compile`
# on the command line) compiles both networks with `torch.compile`, in mode `"reduce-overhead"` with
# CUDA graphs on a GPU. On the CPU, `channels_last` and bf16 are not used, and `compile` is off by
# default: while this lesson was written, compiling alone for a three-step comparison ran for more than 15
# minutes on the busy shared 2-core CPU, longer than a whole full training run, so no saving could make up
# for it. `tests/test_dcgan.py` checks that the compiled step gives the same losses as the eager one
# (relative difference below $10^{-5}$). `python -m ganlib bench --compiled` times all this next to the
# `DataLoader` loop and prints the device's name; the speed on a GPU has not been measured for this lesson.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Tóm tắt
#
# - Tích chập dùng lại một bộ lọc ở mọi vị trí: ít tham số hơn MLP, nhiều phép tính hơn mỗi bước; thời gian
#   không tỉ lệ đúng với số phép tính.
# - Tích chập chuyển vị với bộ lọc không chia hết cho sải bước tạo vân bàn cờ ngay từ kiến trúc; bộ lọc 4
#   sải bước 2 bỏ được phần đó, còn phóng to rồi tích chập (Odena và cộng sự 2016) ít sinh vân hơn, kể cả sau
#   khi đã học.
# - BatchNorm trong $D$ không để lộ thật/giả qua thống kê của batch, vì nó xóa chính các thống kê ấy; điều nó
#   thực sự làm là ràng buộc các mẫu trong một batch, và khiến $D$ tính hai hàm khác nhau trên batch thật và
#   batch giả.
# - Chuẩn hóa phổ của PyTorch chia cho $\sigma$ của bộ lọc định hình lại, ước lượng bằng một bước lặp lũy
#   thừa; độ khuếch đại thật của một tích chập có thể lớn hơn tới khoảng $k/s$ lần.
# - So sánh mô hình ở cùng chi phí, với nhiều seed, và kết luận từ hiệu số theo từng seed; nói rõ mô hình nào
#   đã được tinh chỉnh. Kết luận của bài nằm ở các dòng mà notebook tính và in ra, không ở lời văn.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Summary
#
# - A convolution reuses one filter at every position: fewer parameters than the MLP, more arithmetic
#   per step; time does not follow the arithmetic exactly.
# - A transposed convolution whose kernel is not a multiple of its stride has a checkerboard built into
#   its architecture; kernel 4 with stride 2 removes that part, and resize-then-convolve (Odena et al.
#   2016) is less prone to it even after learning.
# - BatchNorm in $D$ does not leak real/fake through batch statistics, since it removes those very
#   statistics; it couples the samples of a batch and makes $D$ compute different functions on real and
#   fake batches.
# - PyTorch's spectral normalisation divides by $\sigma$ of the reshaped kernel, estimated with one
#   power-iteration step; a convolution's true gain can be up to about $k/s$ times larger.
# - Compare models at equal cost, over several seeds, with the verdict from the per-seed differences, and
#   say which model was tuned. The lesson's verdicts are the computed lines, not its prose.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Bài tập
#
# Điền vào mỗi ô bài tập, chạy nó, rồi chạy ô kiểm tra ngay sau: `✓` là đúng, `✗` kèm gợi ý là chưa.
# Lời giải nằm trong `solutions/07_dcgan.ipynb`.
#
# **Bài 1 (cài đặt): cạnh ảnh sau tích chập chuyển vị.** Viết `transposed_side(side, kernel, stride,
# padding)` trả về cạnh của đầu ra khi một tích chập chuyển vị với bộ lọc $k \times k$, sải bước $s$ và phần
# đệm (*padding*) $p$ chạy trên một ảnh vuông cạnh `side`. Theo một chiều, điểm ảnh đầu vào thứ $i$ (đếm
# từ 0) rải bộ lọc của nó lên các vị trí từ $i s$ đến $i s + k - 1$ của đầu ra; phần đệm $p$ cắt bỏ $p$
# vị trí ở mỗi phía. Ô kiểm tra so với `nn.ConvTranspose2d` trên bảy trường hợp, có cả $7 \to 14 \to 28$
# của bộ sinh trong bài.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Exercises
#
# Fill in each exercise cell, run it, then run the check right after it: `✓` means right, `✗` comes with
# a hint. Solutions are in `solutions/07_dcgan.ipynb`.
#
# **Exercise 1 (implement): the side after a transposed convolution.** Write `transposed_side(side, kernel,
# stride, padding)` returning the side of the output when a transposed convolution with a $k \times k$
# kernel, stride $s$ and padding $p$ runs on a square image of side `side`. Along one axis, input pixel $i$
# (counting from 0) stamps its kernel onto the output positions $i s$ to $i s + k - 1$; padding $p$
# removes $p$ positions on each side. The check compares with `nn.ConvTranspose2d` in seven cases,
# including the lesson generator's $7 \to 14 \to 28$.

# %% slideshow={"slide_type": "skip"}
from ganlib import exercises


# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def transposed_side(side: int, kernel: int, stride: int, padding: int) -> int:
    """Output side of a transposed convolution on a side×side input."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
def transposed_side(side: int, kernel: int, stride: int, padding: int) -> int:
    """Output side of a transposed convolution on a side×side input."""
    return (side - 1) * stride - 2 * padding + kernel  # the last stamp ends at (side-1)*stride + kernel - 1

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_transposed_side(transposed_side)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 2 (cài đặt): số lần phủ ở mỗi vị trí đầu ra.** Vân bàn cờ sinh ra từ chỗ các vị trí đầu ra nhận
# số lần phủ khác nhau. Viết `overlap_counts(side, kernel, stride)` cho một tích chập chuyển vị một chiều
# không có phần đệm trên `side` điểm ảnh đầu vào: trả về một tensor số nguyên một chiều, mỗi vị trí đầu ra
# một số, cho biết có bao nhiêu điểm ảnh đầu vào rải bộ lọc lên vị trí đó. Đó cũng là đầu ra của
# `nn.ConvTranspose1d` có mọi trọng số bằng 1 trên một đầu vào toàn số 1, như ô số lần phủ trong bài. Ô
# kiểm tra có những trường hợp bộ lọc chia hết cho sải bước và những trường hợp không. Làm xong, hãy so
# `overlap_counts(8, 3, 2)` với `overlap_counts(8, 4, 2)`.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 2 (implement): taps per output position.** The checkerboard comes from output positions that
# receive different numbers of taps. Write `overlap_counts(side, kernel, stride)` for a 1-D transposed
# convolution without padding on `side` input pixels: return a 1-D integer tensor with one count per output
# position, how many input pixels stamp their kernel onto that position. It is also what
# `nn.ConvTranspose1d` with all weights 1 gives on an input of ones, as in the lesson's coverage cell. The
# check has cases where the kernel is a multiple of the stride and cases where it is not. Once it passes,
# compare `overlap_counts(8, 3, 2)` with `overlap_counts(8, 4, 2)`.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def overlap_counts(side: int, kernel: int, stride: int) -> torch.Tensor:
    """How many kernel taps land on each output position of a 1-D transposed convolution without padding."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
def overlap_counts(side: int, kernel: int, stride: int) -> torch.Tensor:
    """How many kernel taps land on each output position of a 1-D transposed convolution without padding."""
    counts = torch.zeros((side - 1) * stride + kernel, dtype=torch.int64)
    for i in range(side):
        counts[i * stride:i * stride + kernel] += 1  # input pixel i stamps its kernel here
    return counts

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_overlap_counts(overlap_counts)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 3 (thí nghiệm): batch riêng, rồi batch trộn lẫn.** Ô kiểm tra dựng hai bộ phân biệt mới với cùng seed:
# `"dcgan-bn"` (BatchNorm sau tích chập thứ hai và thứ ba của $D$) và cùng mạng đó nhưng không chuẩn hóa gì. Mỗi
# $D$ học trong 40 bước Adam để phân biệt chữ số thật (nhãn 1) với "ảnh giả" là chính các chữ số ấy bị làm nhạt
# đi (độ tương phản giảm một nửa, kéo về phía nền đen). Như trong vòng lặp GAN, mỗi bước cho $D$ xem một batch
# toàn ảnh thật rồi một batch toàn ảnh nhạt, ở chế độ huấn luyện. Sau đó ô kiểm tra đo độ chính xác (*accuracy*) của mỗi
# $D$ trên những batch riêng như thế, và trên một batch trộn lẫn gồm 32 chữ số thật và 32 chữ số nhạt chưa từng
# gặp. Hãy dự đoán kết quả trên batch trộn lẫn:
#
# - (a) cả hai $D$ vẫn đúng gần như trên batch riêng (từ 0.9 trở lên);
# - (b) $D$ có BatchNorm tụt xuống dưới 0.9, còn $D$ không chuẩn hóa vẫn từ 0.9 trở lên;
# - (c) cả hai $D$ đều tụt xuống dưới 0.9.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 3 (experiment): separate batches, then a mixed one.** The check builds two fresh discriminators
# with the same seed: `"dcgan-bn"` (BatchNorm after $D$'s second and third convolutions) and the same network
# with no normalisation at all. Each $D$ learns, in 40 Adam steps, to tell real digits (label 1) from "fakes"
# that are the same digits made faint (half the contrast, pulled towards the black background). As in the
# GAN loop, each step shows $D$ a batch of only real digits, then a batch of only faint ones, in training
# mode. The check then measures each $D$'s accuracy on such separate batches, and on one mixed batch of 32
# real and 32 faint digits it never saw. Predict, for the mixed batch:
#
# - (a) both $D$s stay about as accurate as on separate batches (0.9 or more);
# - (b) the $D$ with BatchNorm drops below 0.9, while the $D$ without normalisation stays at 0.9 or more;
# - (c) both $D$s drop below 0.9.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
batch_prediction = ...  # "a", "b" or "c"

# %% slideshow={"slide_type": "skip"} tags=["solution"]
batch_prediction = "b"

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.experiment_batch_statistics(batch_prediction)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 4 (suy luận): độ khuếch đại mà chuẩn hóa phổ bỏ sót.** Xét một tích chập một kênh vào, một kênh ra,
# không có bias, bộ lọc $k \times k$ với mọi trọng số bằng $1/k$, sải bước $s$. Định hình lại thành ma trận
# $1 \times k^2$, bộ lọc này có $\sigma = \sqrt{k^2 \cdot (1/k)^2} = 1$, nên chuẩn hóa phổ để nguyên nó. Cho nó
# một ảnh hằng số $x$ rất lớn, cạnh $n$, mọi điểm ảnh bằng 1, và bỏ qua hai mép. Trên giấy, tính
# $\|\mathrm{conv}(x)\| / \|x\|$ theo $k$ và $s$, rồi viết kết quả thành `constant_gain(kernel, stride)`. Gợi ý:
# một đầu ra bằng bao nhiêu, và có bao nhiêu đầu ra? Ô kiểm tra thử sáu cặp $(k, s)$, rồi đo bằng phép lặp lũy
# thừa độ khuếch đại của tích chập có bộ lọc 4, sải bước 2 trên ảnh 28×28. Lời giải viết đầy đủ nằm trong
# notebook lời giải.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 4 (derive): the gain spectral normalisation misses.** Take a convolution with one input and one
# output channel, no bias, a $k \times k$ kernel whose weights are all $1/k$, and stride $s$. Reshaped into a
# $1 \times k^2$ matrix, this kernel has $\sigma = \sqrt{k^2 \cdot (1/k)^2} = 1$, so spectral normalisation
# leaves it as it is. Feed it a large constant image $x$ of side $n$, every pixel 1, and ignore the edges. On
# paper, work out $\|\mathrm{conv}(x)\| / \|x\|$ in terms of $k$ and $s$, then write the result as
# `constant_gain(kernel, stride)`. Hint: what is one output, and how many outputs are there? The check tries
# six pairs $(k, s)$, then measures with power iteration the gain of the kernel-4, stride-2 convolution on a
# 28×28 image. The worked solution is in the solution notebook.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def constant_gain(kernel: int, stride: int) -> float:
    """‖conv(x)‖ / ‖x‖ for a large constant image x, weights all 1/kernel, edges ignored."""
    raise NotImplementedError

# %% [markdown] slideshow={"slide_type": "skip"} tags=["solution", "vi"]
# **Lời giải.** Mỗi đầu ra cộng $k^2$ điểm ảnh bằng 1, mỗi điểm nhân với trọng số $1/k$, nên bằng $k^2 \cdot 1/k =
# k$. Với sải bước $s$, bộ lọc dịch $s$ điểm ảnh mỗi lần theo mỗi chiều, nên đầu ra có khoảng $(n/s)^2$ điểm. Do đó
# $\|\mathrm{conv}(x)\| = \sqrt{(n/s)^2 k^2} = kn/s$, còn $\|x\| = \sqrt{n^2} = n$, và độ khuếch đại là $k/s$: bằng
# 2 với bộ lọc 4, sải bước 2, dù $\sigma$ của ma trận định hình lại bằng 1. Ma trận định hình lại bỏ sót một điều:
# nó chỉ mô tả *một* đầu ra từ *một* mảnh $k \times k$; trong phép tích chập, mỗi điểm ảnh đầu vào nằm trong
# $(k/s)^2$ mảnh, nên đóng góp của nó được tính $(k/s)^2$ lần, và chuẩn (căn bậc hai của tổng bình phương) tăng
# $k/s$ lần. Với bộ lọc toàn số dương như ở đây, ảnh hằng số gần như là đầu vào bị kéo giãn nhiều nhất (nó gần với
# vector riêng ứng với giá trị riêng lớn nhất của $\mathrm{conv}^\top \mathrm{conv}$), nên $k/s$ cũng là độ khuếch
# đại thật của phép tích chập, trừ phần hụt nhỏ ở hai mép.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["solution", "en"]
# **Solution.** Each output adds up $k^2$ pixels equal to 1, each times the weight $1/k$, so it equals
# $k^2 \cdot 1/k = k$. With stride $s$ the kernel moves $s$ pixels at a time along each axis, so the output has
# about $(n/s)^2$ pixels. Hence $\|\mathrm{conv}(x)\| = \sqrt{(n/s)^2 k^2} = kn/s$, while $\|x\| = \sqrt{n^2} = n$,
# and the gain is $k/s$: 2 for kernel 4 and stride 2, although the reshaped matrix has $\sigma = 1$. What the
# reshaped matrix misses is that it describes *one* output from *one* $k \times k$ patch; in the convolution,
# each input pixel lies in $(k/s)^2$ patches, so its contribution counts $(k/s)^2$ times, and the norm (a
# square root) grows $k/s$ times. For an all-positive kernel like this one, the constant image is nearly the
# input stretched the most (it is close to the top eigenvector of $\mathrm{conv}^\top \mathrm{conv}$), so $k/s$ is also
# the convolution's true gain, up to a small loss at the edges.

# %% slideshow={"slide_type": "skip"} tags=["solution"]
def constant_gain(kernel: int, stride: int) -> float:
    """‖conv(x)‖ / ‖x‖ for a large constant image x, weights all 1/kernel, edges ignored."""
    return kernel / stride  # each output is kernel²·(1/kernel) = kernel; (n/stride)² outputs; ‖x‖ = n

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_conv_gain(constant_gain)

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Câu hỏi kiểm tra
#
# Chọn đáp án rồi bấm **Kiểm tra** khi bạn tự chạy notebook; trên GitHub, mở mục **Đáp án**.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Quiz
#
# Pick an answer and press **Check** when you run the notebook; on GitHub, open **Answer**.

# %% slideshow={"slide_type": "-"} tags=["quiz"]
exercises.show_quiz("07")
