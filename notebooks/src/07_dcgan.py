# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# # 07 — GAN tích chập (DCGAN) trên MNIST
#
# Bài 05 huấn luyện một mạng đối sinh (*generative adversarial network*, GAN) bằng hai mạng perceptron
# nhiều tầng. Bài này thay chúng bằng mạng tích chập theo các nguyên tắc của Radford và cộng sự (2015),
# bài báo DCGAN đã làm cho GAN hoạt động trên ảnh. Ta xem tích chập thay đổi gì ở bộ sinh
# (*generator*) và bộ phân biệt (*discriminator*), thử từng nguyên tắc ở những chỗ thử không tốn kém,
# so chuẩn hóa phổ (*spectral normalization*) với chuẩn hóa theo batch (BatchNorm) trong $D$, đặt DCGAN
# cạnh MLP của bài 05 với **cùng thời gian huấn luyện**, rồi khám phá không gian tiềm ẩn.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# # 07 — A convolutional GAN (DCGAN) on MNIST
#
# Lesson 05 trained a generative adversarial network (GAN) made of two multilayer perceptrons. This
# lesson replaces them with convolutional networks following the guidelines of Radford et al. (2015),
# the DCGAN paper that made GANs work on images. We see what convolutions change in the generator and
# the discriminator, try each guideline where trying is cheap, compare spectral normalisation with
# BatchNorm in $D$, put the DCGAN next to lesson 05's MLP for **the same training time**, and walk
# through the latent space.

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
from ganlib.metrics import score_samples
from ganlib.metrics.images import classify, pairwise_distances
from ganlib.toys.seeds import format_spread

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Quy mô tính toán
#
# Các phép thử ngắn (A/B, chuẩn hóa phổ hay BatchNorm) chạy trên 2000 chữ số của bộ dữ liệu đi kèm; phép
# so sánh cùng thời gian huấn luyện dùng cả 5000 chữ số, mỗi mô hình khoảng 100 giây cho mỗi seed, khoảng 8
# phút cho cả bài trên một nhân CPU. `GANLIB_QUICK=1` (kiểm thử tự động) thu nhỏ thêm nữa: một seed, vài
# giây mỗi lần chạy. Vì thế, các con số từ những lần huấn luyện đổi theo chế độ và theo máy; nbval chỉ so sánh
# những ô không phụ thuộc vào huấn luyện, và những ô dùng bộ sinh huấn luyện sẵn.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Compute scale
#
# The short experiments (the A/B test, spectral normalisation or BatchNorm) run on 2000 of the bundled
# digits; the equal-time comparison runs on all 5000, about 100 seconds per model and seed, about 8
# minutes for the whole lesson on one CPU core. `GANLIB_QUICK=1` (automated tests) shrinks all of it to
# one seed and seconds per run. The numbers of training runs therefore depend on the mode and on the
# machine; nbval compares only the cells that do not depend on training, and those that use the
# pretrained generator.

# %% slideshow={"slide_type": "fragment"}
QUICK = ganlib.is_quick()
SCALE = {"digits": 500 if QUICK else 2000, "epochs": 1 if QUICK else 5, "seeds": 1 if QUICK else 3,
         "budget_digits": 500 if QUICK else 5000, "budget_s": 4.0 if QUICK else 100.0,
         "budget_seeds": 1 if QUICK else 2, "checkpoints": 2 if QUICK else 8}
digits = ganlib.load_mnist("bundled")
data = digits.images[:SCALE["digits"]]
torch.set_num_threads(1)  # the timings below compare models on one core, side by side

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Tích chập thay đổi gì
#
# MLP của bài 05 nhìn một ảnh như 784 số không có thứ tự: dịch chữ số sang phải một điểm ảnh là một
# đầu vào hoàn toàn khác. Tích chập dùng **cùng một bộ lọc nhỏ ở mọi vị trí**, nên một nét cong được
# nhận ra ở đâu cũng vậy, và số tham số không tăng theo kích thước ảnh.
#
# - $D$ thu nhỏ ảnh bằng **tích chập bước 2** (*strided convolution*) thay vì pooling: $28 \to 14 \to 7$.
#   Mạng tự học cách giảm độ phân giải thay vì dùng một quy tắc cố định như lấy giá trị lớn nhất.
# - $G$ đi theo chiều ngược lại bằng **tích chập chuyển vị** (*transposed convolution*) bước 2:
#   $7 \to 14 \to 28$. Mỗi điểm ảnh đầu vào "rải" bộ lọc của nó lên một vùng của đầu ra, các vùng
#   chồng lên nhau được cộng lại.
#
# Nếu kích thước bộ lọc không chia hết cho bước, các điểm ảnh đầu ra nhận số lần cộng khác nhau, và
# ảnh có vân bàn cờ (*checkerboard artifact*, Odena và cộng sự 2016). Ta thấy điều đó trên một đầu vào
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
    ganlib.tr(en="transposed, kernel 3, stride 2", vi="chuyển vị, bộ lọc 3, bước 2"):
        nn.ConvTranspose2d(1, 1, kernel_size=3, stride=2, padding=1, output_padding=1),
    ganlib.tr(en="transposed, kernel 4, stride 2 (ours)", vi="chuyển vị, bộ lọc 4, bước 2 (của ta)"):
        upsample_layer(1, 1, upsample="transposed"),
    ganlib.tr(en="resize, then convolution 3×3", vi="phóng to, rồi tích chập 3×3"):
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
# Với bộ lọc 3 và bước 2, các điểm ảnh được phủ 1, 2 hoặc 4 lần: một vân bàn cờ có sẵn trước khi
# học. Mạng có thể học để bù lại, nhưng phải tốn công cho việc đó, và vân thường còn sót. Hai cách
# tránh: chọn bộ lọc chia hết cho bước (4 với bước 2: mọi điểm ảnh bên trong được phủ đúng 4 lần),
# hoặc phóng to ảnh (*resize*, lặp mỗi điểm ảnh thành 2×2) rồi mới tích chập. DCGAN của `ganlib` dùng
# cách thứ nhất; cách thứ hai là `build_gan("dcgan", generator={"upsample": "resize"})`.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# With kernel 3 and stride 2, pixels are covered 1, 2 or 4 times: a checkerboard is there before any
# learning. The network can learn to compensate, but it has to spend effort on it, and traces often
# remain. Two ways out: a kernel that is a multiple of the stride (4 with stride 2: every inner pixel
# is covered exactly 4 times), or resizing first (each pixel repeated 2×2) and then convolving.
# `ganlib`'s DCGAN uses the first; the second is `build_gan("dcgan", generator={"upsample": "resize"})`.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Các nguyên tắc của DCGAN và lý do
#
# | nguyên tắc (Radford và cộng sự 2015) | trong `ganlib` | sửa được gì |
# |---|---|---|
# | tích chập bước 2 thay cho pooling | ba tầng bước 2 ở $D$ ($28 \to 14 \to 7 \to 4$), hai tầng chuyển vị bước 2 ở $G$ | mạng tự học cách đổi độ phân giải; gradient đi qua mọi điểm ảnh chứ không chỉ qua điểm lớn nhất |
# | không có tầng ẩn kết nối đầy đủ | một phép tuyến tính đưa $\mathbf z$ thành 64 bản đồ 7×7; riêng ở $D$ ta cố ý làm khác: một tầng ẩn 256 đơn vị nằm giữa các tầng tích chập và logit (xem bên dưới) | ít tham số hơn nhiều so với MLP; cấu trúc không gian được giữ |
# | BatchNorm trong $G$ | sau mỗi tầng của $G$ trừ tầng ra | giữ độ lớn tín hiệu ổn định qua các tầng, giúp $G$ không sinh cùng một ảnh cho mọi $\mathbf z$ ở giai đoạn đầu |
# | không BatchNorm ở tầng ra của $G$ và tầng vào của $D$ | đúng như vậy | tầng vào của $D$ phải thấy ảnh thật đúng nguyên trạng; chuẩn hóa ở đó đã làm mẫu dao động |
# | ReLU trong $G$, $\tanh$ ở cuối | đúng như vậy | $\tanh$ đưa ảnh về $[-1, 1]$, cùng miền với dữ liệu thật |
# | LeakyReLU trong $D$ | độ dốc 0.2 | gradient vẫn chảy về $G$ qua cả những đơn vị đang âm |
# | Adam với $\beta_1 = 0.5$, tốc độ học 2e-4 | $\beta_1 = 0.5$; tốc độ học 1e-3 cho cả hai mạng (mặc định của `--model dcgan`) | $\beta_1 = 0.9$ nhớ gradient quá lâu trong một trò chơi mà mục tiêu luôn dịch chuyển; xem phép thử A/B dưới đây. Với mạng nhỏ này và ngân sách CPU ít ỏi, 1e-3 học nhanh hơn 2e-4 nhiều mà vẫn ổn định |
#
# BatchNorm trong $D$ có một vấn đề riêng: nó chuẩn hóa theo **thống kê của batch**, và ta cho $D$ xem
# một batch toàn ảnh thật rồi một batch toàn ảnh giả. Điểm của một ảnh khi đó phụ thuộc vào các ảnh
# khác trong batch, và chính thống kê của batch (ví dụ độ sáng trung bình) để lộ batch đó thật hay
# giả. $D$ có thể dựa vào tín hiệu đó thay vì nhìn từng chữ số. `ganlib` vì thế mặc định dùng chuẩn
# hóa phổ (Miyato và cộng sự 2018) trong $D$: mỗi ma trận trọng số được chia cho giá trị kỳ dị
# (*singular value*) lớn nhất của nó, ước lượng bằng một bước lặp lũy thừa mỗi lượt truyền xuôi.
# Không tầng nào kéo giãn đầu vào quá hệ số 1, nên điểm của $D$ không thể đổi đột ngột, và điểm của
# một ảnh chỉ phụ thuộc vào chính nó.
# `"dcgan-bn"` là cùng mạng với BatchNorm sau tích chập thứ hai và thứ ba của $D$, như trong bài báo năm 2015.
#
# Hai lựa chọn của riêng ta, cả hai đều về những gì $D$ nhìn thấy. Thứ nhất, $D$ có **ba** tầng tích chập
# chứ không phải hai. Với hai tầng, mỗi đơn vị ở tầng cuối chỉ nhìn một vùng 10×10 điểm ảnh: $D$ chấm nét
# bút tốt nhưng chấm hình dạng kém, và $G$ học được những nét đẹp nhưng đứt đoạn. Tầng thứ ba (bộ lọc 3,
# bước 2, từ 7×7 xuống 4×4) cho mỗi đơn vị nhìn gần trọn chữ số. Thứ hai, giữa các tầng tích chập và logit
# có **một tầng ẩn kết nối đầy đủ** (*fully connected*) gồm 256 đơn vị, trái với khuyến nghị của Radford và
# cộng sự. Một phép tuyến tính duy nhất chỉ cộng dồn nhận xét của từng vị trí trên các bản đồ cuối; tầng ẩn
# thì kết hợp được chúng ("có một vòng khép kín ở trên *và* một nét ở góc dưới bên phải"), giống như $D$
# dạng MLP của bài 05 kết hợp các điểm ảnh. Khi thiết kế bài này (mỗi thiết kế một seed, 60 epoch trên cả
# 5000 chữ số; các lần chạy đó không có trong bài), tầng tích chập thứ ba hạ FD xuống khoảng một nửa (từ
# 69.7 xuống 33.3), và tầng ẩn hạ tiếp xuống 20.8, precision tăng từ 0.53 lên 0.67, đổi lại mỗi epoch lâu
# hơn khoảng 10–20%. Nguyên tắc là điểm xuất phát, không phải luật: hãy đo.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The DCGAN guidelines and their reasons
#
# | guideline (Radford et al. 2015) | in `ganlib` | what it fixes |
# |---|---|---|
# | strided convolutions instead of pooling | three stride-2 layers in $D$ ($28 \to 14 \to 7 \to 4$), two stride-2 transposed layers in $G$ | the network learns how to change resolution; gradients reach every pixel, not only the maximum |
# | no fully connected hidden layers | one linear map takes $\mathbf z$ to 64 maps of 7×7; in $D$ we break it on purpose: one hidden layer of 256 units between the convolutions and the logit (see below) | far fewer parameters than the MLP; the spatial structure is kept |
# | BatchNorm in $G$ | after every layer of $G$ but the output | keeps the signal's scale steady through the layers, which keeps $G$ from making one image for every $\mathbf z$ early on |
# | no BatchNorm on $G$'s output or $D$'s input | as stated | $D$'s first layer must see real images as they are; normalising there made samples oscillate |
# | ReLU in $G$, $\tanh$ at its end | as stated | $\tanh$ puts images in $[-1, 1]$, the range of the real data |
# | LeakyReLU in $D$ | slope 0.2 | gradients still flow back to $G$ through units that are negative |
# | Adam with $\beta_1 = 0.5$, learning rate 2e-4 | $\beta_1 = 0.5$; learning rate 1e-3 for both networks (the defaults of `--model dcgan`) | $\beta_1 = 0.9$ remembers gradients for too long in a game whose target keeps moving; see the A/B test below. For networks this small and a CPU budget this tight, 1e-3 goes much faster than 2e-4 and stays stable |
#
# BatchNorm in $D$ has a problem of its own: it normalises with **the batch's statistics**, and $D$ is
# shown a batch of only real images, then a batch of only fakes. An image's score then depends on the
# other images of its batch, and the batch statistics themselves (the mean brightness, say) give away
# whether the batch is real or fake. $D$ can lean on that signal instead of looking at each digit.
# So `ganlib`'s $D$ uses spectral normalisation (Miyato et al. 2018) by default: each weight matrix is
# divided by its largest singular value, estimated with one power-iteration step per forward pass. No
# layer stretches its input by more than a factor 1, so $D$'s score cannot change abruptly, and an
# image's score depends on that image alone. `"dcgan-bn"` is the same network with BatchNorm after
# $D$'s second and third convolutions, as in 2015.
#
# Two choices of our own, both about what $D$ can see. First, $D$ has **three** convolutions, not two.
# With two, each unit of the last maps sees only a 10×10 patch of pixels: $D$ judges strokes well and
# shapes badly, and $G$ learns fine strokes that break off. The third layer (kernel 3, stride 2, from 7×7
# to 4×4) lets each unit see nearly the whole digit. Second, between the convolutions and the logit sits
# **one fully connected hidden layer** of 256 units, against Radford et al.'s advice. A single linear map
# can only add up what each position of the last maps says; a hidden layer can combine them ("a closed
# loop at the top *and* a stroke at the bottom right"), as lesson 05's MLP discriminator combines pixels.
# While this lesson was designed (one seed per design, 60 epochs on all 5000 digits; those runs are not in
# the lesson), the third convolution roughly halved the FD (from 69.7 to 33.3), and the hidden layer took it
# further down to 20.8, with precision up from 0.53 to 0.67, for 10–20% more time per epoch. A
# guideline is a starting point, not a law: measure.

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
# lọc được dùng lại ở mọi vị trí, nên mỗi tham số làm nhiều việc hơn. Thời gian còn chênh nhiều hơn thế:
# phép so sánh cùng thời gian bên dưới đo một epoch của mỗi mô hình ngay trên máy này. Trên CPU, các phép
# nhân ma trận lớn của MLP tận dụng phần cứng tốt hơn hẳn các tích chập nhỏ, ít kênh.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# The DCGAN has about a third of the MLP's parameters but costs about 1.7 times the arithmetic
# per step: a filter is reused at every position, so each parameter does more work. The time differs by
# more than that: the equal-time comparison below times an epoch of each model on this very machine. On
# a CPU, the MLP's large matrix products use the hardware far better than small convolutions with few
# channels.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
generator, discriminator = build_gan("dcgan")
print(ganlib.tr(en="The generator G:", vi="Bộ sinh G:"), generator, sep="\n")
print(ganlib.tr(en="The discriminator D:", vi="Bộ phân biệt D:"), discriminator, sep="\n")

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Một phép thử A/B: $\beta_1$ của Adam
#
# Cùng seed, cùng dữ liệu, cùng số bước; chỉ $\beta_1$ khác. Ta đọc FD (càng nhỏ càng tốt) và
# $D(\mathbf x)$, $D(G(\mathbf z))$ trung bình của epoch cuối.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## An A/B test: Adam's $\beta_1$
#
# Same seed, same data, same number of steps; only $\beta_1$ differs. We read the FD (lower is better)
# and the mean $D(\mathbf x)$ and $D(G(\mathbf z))$ of the last epoch.

# %% slideshow={"slide_type": "fragment"}
def short_run(config: TrainConfig) -> dict:
    """Train on the lesson's digits and return the final scores with D's last mean outputs."""
    run = train_gan(data, replace(config, eval_every=config.epochs, grid_every=0), score=score_samples,
                    progress=False)
    scores = {key: values[-1] for key, values in run.history["metrics"].items()}
    return {**scores, "D_real": run.history["D_real"][-1], "D_fake": run.history["D_fake"][-1],
            "seconds": sum(run.history["seconds"]), "run": run}


laptop = TrainConfig(**model_defaults("dcgan"))
for beta1 in (0.5, 0.9):
    result = short_run(replace(laptop, epochs=SCALE["epochs"], betas=(beta1, 0.999)))
    print(ganlib.tr(en=f"Adam's beta1 = {beta1}:", vi=f"beta1 của Adam = {beta1}:"),
          f"FD {result['fd']:6.1f} | D(x) {result['D_real']:.2f} | D(G(z)) {result['D_fake']:.2f} | "
          f"precision {result['precision']:.2f} | recall {result['recall']:.2f}")

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Chuẩn hóa phổ hay BatchNorm trong $D$
#
# Cùng $G$, cùng tốc độ học; $D$ chỉ khác nhau ở cách chuẩn hóa. Mỗi cấu hình chạy với nhiều seed, ta báo
# trung bình ± độ lệch chuẩn.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Spectral normalisation or BatchNorm in $D$
#
# Same $G$, same learning rates; $D$ differs only in its normalisation. Each setting runs over several
# seeds; we report mean ± standard deviation.

# %% slideshow={"slide_type": "fragment"}
for model in ("dcgan", "dcgan-bn"):
    results = [short_run(replace(laptop, model=model, epochs=SCALE["epochs"], seed=seed))
               for seed in range(SCALE["seeds"])]
    print(f"{model:>8} ({ganlib.tr(en=f'{len(results)} seeds', vi=f'{len(results)} seed')}): "
          f"FD {format_spread([r['fd'] for r in results])} | "
          f"{ganlib.tr(en='classes', vi='số lớp')} {format_spread([r['classes_covered'] for r in results])} | "
          f"D(x) {format_spread([r['D_real'] for r in results])} | "
          f"D(G(z)) {format_spread([r['D_fake'] for r in results])}")

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Đọc độ lệch chuẩn trước khi đọc trung bình: với vài seed, một chênh lệch nhỏ hơn độ lệch chuẩn chưa phải
# là một kết luận. Trong lần chạy lưu trong notebook này, sau vài trăm bước BatchNorm dẫn trước rõ rệt:
# chuẩn hóa phổ giới hạn độ khuếch đại của từng tầng, nên $D$ học chậm lúc đầu. Với đủ thời gian, khoảng
# cách ấy khép lại: khi thiết kế bài này, sau 60 epoch trên cả 5000 chữ số, hai cách ngang nhau (FD 25.4 với
# chuẩn hóa phổ, 24.3 với BatchNorm, mỗi cách một seed). `ganlib` vẫn mặc định dùng chuẩn hóa phổ vì khi đó
# điểm của một ảnh chỉ phụ thuộc vào chính ảnh đó; bài tập 3 đo xem với BatchNorm, các ảnh cùng batch làm
# điểm ấy thay đổi bao nhiêu.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# Read the spread before the means: with a few seeds, a difference smaller than the spread is not a
# finding. In the run stored in this notebook, after a few hundred steps BatchNorm is clearly ahead:
# spectral normalisation caps each layer's gain, so $D$ learns slowly at first. Given time, the gap closes:
# while this lesson was designed, after 60 epochs on all 5000 digits the two were level (FD 25.4 with
# spectral normalisation, 24.3 with BatchNorm, one seed each). `ganlib` still uses spectral normalisation by
# default because an image's score then depends on that image alone; exercise 3 measures how much, with
# BatchNorm, the other images of the batch move that score.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## DCGAN và MLP với cùng thời gian huấn luyện
#
# So sánh công bằng là so ở cùng thời gian, không phải cùng số epoch: một epoch của DCGAN đắt hơn. Ta
# đo thời gian một epoch của mỗi mô hình ngay trên máy này, lần lượt xen kẽ để cả hai chịu cùng mức tải
# của máy, rồi cho mỗi mô hình số epoch vừa với cùng một ngân sách thời gian, với cách huấn luyện mặc
# định của nó (`model_defaults`: MLP của bài 05 học với tốc độ 2e-4, DCGAN với 1e-3). Mỗi lần chạy chấm
# FD nhiều lần dọc đường đi, nên ta có cả đường cong FD theo thời gian chứ không chỉ điểm cuối.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The DCGAN and the MLP for the same training time
#
# A fair comparison is at equal time, not equal epochs: a DCGAN epoch costs more. We time one epoch of
# each model on this very machine, taking turns so that both see the same load, then give each model
# the number of epochs that fits the same time budget, with its own default recipe (`model_defaults`:
# lesson 05's MLP learns at 2e-4, the DCGAN at 1e-3). Each run scores its FD several times along the
# way, so we get the whole curve of FD against time, not only its end.

# %% slideshow={"slide_type": "fragment"}
def seconds_per_epoch(configs: dict[str, TrainConfig], images: torch.Tensor, *, rounds: int = 2) -> dict[str, float]:
    """Seconds of one training epoch on ``images`` for each config, timed in turns (the best of ``rounds``)."""
    best = {name: float("inf") for name in configs}
    for _ in range(rounds):
        for name, config in configs.items():
            run = train_gan(images, replace(config, epochs=1, eval_every=0, grid_every=0), progress=False)
            best[name] = min(best[name], run.history["seconds"][0])
    return best


budget_data = digits.images[:SCALE["budget_digits"]]
contenders = {"mlp": TrainConfig(**model_defaults("mlp")), "dcgan": TrainConfig(**model_defaults("dcgan"))}
per_epoch = seconds_per_epoch(contenders, budget_data)
# The epochs that fill the budget; scores about SCALE["checkpoints"] times along the way and at the last epoch.
epochs = {name: max(1, round(SCALE["budget_s"] / seconds)) for name, seconds in per_epoch.items()}
budget_runs = {name: [train_gan(budget_data, replace(config, epochs=epochs[name], grid_every=0, seed=seed,
                                                     eval_every=max(1, round(epochs[name] / SCALE["checkpoints"]))),
                                score=score_samples, progress=False)
                      for seed in range(SCALE["budget_seeds"])]
               for name, config in contenders.items()}
print(ganlib.tr(en=f"seconds per epoch of {len(budget_data)} digits:",
                vi=f"số giây cho một epoch trên {len(budget_data)} chữ số:"),
      ", ".join(f"{name} {seconds:.2f}" for name, seconds in per_epoch.items()),
      f"({ganlib.tr(en='ratio', vi='tỉ số')} {per_epoch['dcgan'] / per_epoch['mlp']:.1f})")
for name, runs in budget_runs.items():
    final = {key: [run.history["metrics"][key][-1] for run in runs]
             for key in ("fd", "classes_covered", "precision", "recall")}
    print(f"{name:>6}: {runs[0].config.epochs:>3} epoch, "
          f"{format_spread([sum(run.history['seconds']) for run in runs])} {ganlib.tr(en='s', vi='giây')} | "
          f"FD {format_spread(final['fd'])} | "
          f"{ganlib.tr(en='classes', vi='số lớp')} {format_spread(final['classes_covered'])} | "
          f"precision {format_spread(final['precision'], digits=2)} | "
          f"recall {format_spread(final['recall'], digits=2)}")
fd = {name: [run.history["metrics"]["fd"][-1] for run in runs] for name, runs in budget_runs.items()}
gap = statistics.fmean(fd["mlp"]) - statistics.fmean(fd["dcgan"])
seed_spread = max(statistics.stdev(values) for values in fd.values()) if SCALE["budget_seeds"] > 1 else None
if seed_spread is None:
    print(ganlib.tr(en="one seed per model: no spread to compare the FD gap with",
                    vi="mỗi mô hình một seed: không có mức dao động để so với chênh lệch FD"))
elif abs(gap) <= seed_spread:
    print(ganlib.tr(en=f"the FD gap ({abs(gap):.1f}) is within the seeds' spread ({seed_spread:.1f}): no winner",
                    vi=f"chênh lệch FD ({abs(gap):.1f}) nằm trong mức dao động giữa các seed ({seed_spread:.1f}): "
                       "chưa có mô hình thắng"))
else:
    print(ganlib.tr(en=f"{'dcgan' if gap > 0 else 'mlp'} is ahead by {abs(gap):.1f} FD, more than the seeds' spread "
                       f"({seed_spread:.1f})",
                    vi=f"{'dcgan' if gap > 0 else 'mlp'} dẫn trước {abs(gap):.1f} FD, hơn mức dao động giữa các seed "
                       f"({seed_spread:.1f})"))

# %% slideshow={"slide_type": "fragment"}
fig, ax = plt.subplots(figsize=(7, 3.5))
for (name, runs), color in zip(budget_runs.items(), ("tab:blue", "tab:orange")):
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
                title=ganlib.tr(en=f"{name}, same training time, seed 0",
                                vi=f"{name}, cùng thời gian huấn luyện, seed 0"));

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Cách đọc hình: ở cùng một số giây, đường nào thấp hơn thì mô hình đó tốt hơn. Dòng cuối của ô trên so
# chênh lệch FD với mức dao động giữa các seed: chỉ khi chênh lệch vượt mức đó mới nói được mô hình nào
# thắng ở ngân sách ngắn này. Điều khác biệt rõ ràng hơn là kiểu lỗi: DCGAN có recall cao hơn hẳn (phủ được
# nhiều kiểu viết hơn) nhưng precision thấp hơn hẳn (nhiều mẫu còn méo). Mỗi epoch của DCGAN tốn khoảng gấp
# đôi thời gian, nên nó chỉ được khoảng nửa số bước của MLP. Với ngân sách ngắn này, cả hai mô hình còn xa
# mới học xong; các lần chạy ở mức laptop dưới đây, mỗi lần khoảng bốn phút, tiếp tục phép so sánh trên ba
# seed. Mô hình nào thắng ở cùng thời gian tùy vào ngân sách và vào máy; đó là lý do phải đo thay vì đoán.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# How to read the figure: at the same number of seconds, the lower line is the better model. The last line
# of the cell above compares the FD gap with the spread between seeds: only a gap larger than that spread
# says which model wins at this short budget. What differs more clearly is the kind of error: the DCGAN has
# a much higher recall (it covers more styles of writing) and a much lower precision (more of its samples
# are misshapen). Each DCGAN epoch takes about twice as long, so it gets only about half as many steps as
# the MLP. At this short budget both models are still far from finished; the laptop-tier runs below, about
# four minutes each, continue the comparison over three seeds. Which model wins at equal time depends on
# the budget and on the machine; that is why we measure instead of guessing.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# **Kết quả đo ở mức laptop.** Lệnh
#
# ```
# python -m ganlib train --model dcgan --data bundled --device cpu --out runs/dcgan
# ```
#
# (mặc định của `--model dcgan`: 80 epoch trên 5000 chữ số, tốc độ học 1e-3 cho cả hai mạng, $D$ dùng chuẩn
# hóa phổ và có một tầng ẩn) chạy hết 4 phút 22 giây trên CPU 2 nhân gần như rảnh của máy viết bài, trong đó
# 240 giây là huấn luyện, và kết thúc ở FD 18.2, đủ 10/10 lớp, precision 0.70, recall 0.84 (seed 0). MLP
# của bài 05, chạy ngay sau đó trên cùng máy (`--model mlp --epochs 180`, chấm mỗi 10 epoch), sau 226–257
# giây huấn luyện (epoch 150–170) có FD 20.8–21.0, precision 0.88, recall 0.79–0.80; FD thấp nhất của nó
# trong cả lần chạy là 20.8. Vậy ở cùng thời gian, trên CPU này, **DCGAN thắng theo FD**: nó phủ dữ liệu
# rộng hơn (recall cao hơn), còn mẫu của MLP vẫn thường lành lặn hơn (precision cao hơn).
# Thêm hai seed nữa, mỗi lần chạy DCGAN chạy song song với lần chạy MLP cùng seed, mỗi bên một nhân (nên mỗi
# epoch lâu hơn): DCGAN đạt FD 14.4 và 17.2 sau 80 epoch (378 và 371 giây huấn luyện), còn MLP ở cùng thời
# gian huấn luyện có FD 33.3 và 28.2 (FD thấp nhất của nó tính đến lúc đó: 28.7 và 24.4). Trên cả ba seed, ở
# cùng thời gian: **DCGAN 16.6 ± 2.0, MLP 27.5 ± 6.2** (trung bình ± độ lệch chuẩn); DCGAN dẫn trước ở mọi
# seed, với precision 0.70–0.72 so với 0.86–0.88 của MLP.
# Bộ sinh của lần chạy seed 0 đi kèm khóa học: `ganlib.load_generator(model="dcgan")`.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# **What was measured at the laptop tier.** The command
#
# ```
# python -m ganlib train --model dcgan --data bundled --device cpu --out runs/dcgan
# ```
#
# (the defaults of `--model dcgan`: 80 epochs of the 5000 digits, learning rate 1e-3 for both networks,
# $D$ spectrally normalised with one hidden layer) took 4 min 22 s on the nearly idle 2-core CPU this
# lesson was written on, 240 s of it training, and ended at FD 18.2 with all 10 classes, precision 0.70 and
# recall 0.84 (seed 0). Lesson 05's MLP, run right after it on the same machine (`--model mlp --epochs
# 180`, scored every 10 epochs), had FD 20.8–21.0, precision 0.88 and recall 0.79–0.80 after 226–257 s of
# training (epochs 150–170); its lowest FD in the whole run was 20.8. So at equal time, on this CPU, **the
# DCGAN wins by FD**: it covers the data more widely (higher recall), while the MLP's samples are still
# more often well formed (higher precision).
# Two more seeds, each DCGAN run side by side with the MLP run of the same seed on one core each (so each
# epoch takes longer): the DCGAN reached FD 14.4 and 17.2 after its 80 epochs (378 and 371 s of training),
# the MLP had FD 33.3 and 28.2 at the same training time (its lowest FD up to then: 28.7 and 24.4). Over the
# three seeds, at equal time: **DCGAN 16.6 ± 2.0, MLP 27.5 ± 6.2** (mean ± standard deviation); the DCGAN
# is ahead in every seed, with precision 0.70–0.72 against the MLP's 0.86–0.88.
# The generator of the seed-0 run ships with the course: `ganlib.load_generator(model="dcgan")`.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Không gian tiềm ẩn
#
# Ta dùng bộ sinh DCGAN huấn luyện sẵn đi kèm khóa học, chính là kết quả của lệnh ở mức laptop ở trên. Nội suy
# tuyến tính giữa hai vector $\mathbf z_0, \mathbf z_1$
# đi qua vùng có chuẩn nhỏ hơn: với $\mathbf z \sim \mathcal N(0, I_{100})$, $\|\mathbf z\| \approx 10$,
# nhưng điểm giữa của hai vector độc lập có chuẩn khoảng $10/\sqrt 2 \approx 7$, một vùng mà $G$ hầu như
# không thấy khi huấn luyện. Nội suy cầu (*slerp*) đi theo cung tròn: chuẩn đổi dần từ chuẩn của đầu này
# sang chuẩn của đầu kia, không bao giờ tụt xuống giữa đường.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The latent space
#
# We use the pretrained DCGAN generator shipped with the course, the result of the laptop-tier command above.
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
dcgan_sampler, _ = load_generator(model="dcgan")
direction = fixed_noise(1, 100, seed=8)[0]
nudged = ends[0] + torch.linspace(-3, 3, 10)[:, None] * direction / direction.norm()
show_digits(generate(dcgan_sampler, torch.cat([linear, spherical, nudged])), value_range=(-1.0, 1.0),
            title=ganlib.tr(en="rows: linear, spherical, the same z nudged along one direction",
                            vi="các hàng: tuyến tính, cầu, cùng một z dịch theo một hướng"));

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Một đường đi mượt, nơi chữ số biến dần từ dạng này sang dạng khác, gợi ý rằng $G$ đã học một đa tạp (*manifold*)
# chứ không phải học thuộc vài ảnh. Để kiểm tra trực tiếp hơn, với mỗi chữ số sinh ra, ta tìm chữ số thật
# gần nhất trong không gian đặc trưng của bộ phân loại (128 đặc trưng ở tầng áp chót). Nếu $G$ chép
# lại dữ liệu huấn luyện, khoảng cách tới láng giềng gần nhất sẽ nhỏ hơn hẳn khoảng cách thường gặp giữa
# hai chữ số thật.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# A smooth path, where the digit morphs from one shape into another, suggests $G$ learnt a manifold
# rather than memorising a few images. For a more direct check we find, for each generated digit, the
# nearest real digit in the classifier's feature space (the 128 penultimate features). If $G$ copied
# its training data, the distance to the nearest neighbour would be clearly smaller than the distance
# usually found between two real digits.

# %% slideshow={"slide_type": "fragment"}
fakes = generate(dcgan_sampler, fixed_noise(10, 100, seed=9))
real_unit = digits.images.float() / 255.0
_, fake_features, _ = classify(fakes)
_, real_features, _ = classify(real_unit, value_range=(0.0, 1.0))
distances = pairwise_distances(fake_features, real_features)
nearest = distances.argmin(axis=1)
real_to_real = pairwise_distances(real_features[:500], real_features)
np.fill_diagonal(real_to_real, np.inf)  # a real digit is not its own neighbour
show_digits(torch.cat([(fakes + 1) / 2, real_unit[nearest]]), value_range=(0.0, 1.0),
            title=ganlib.tr(en="top: generated; bottom: the nearest real digit",
                            vi="trên: ảnh sinh; dưới: chữ số thật gần nhất"));
fake_gap, real_gap = np.median(distances.min(axis=1)), np.median(real_to_real.min(axis=1))
print(ganlib.tr(en=f"median distance, generated → nearest real: {fake_gap:.1f}; real → nearest other real: "
                   f"{real_gap:.1f}",
                vi=f"trung vị khoảng cách, ảnh sinh → chữ số thật gần nhất: {fake_gap:.1f}; chữ số thật → chữ số "
                   f"thật khác gần nhất: {real_gap:.1f}"))

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Với bộ sinh đi kèm, các chữ số sinh ra nằm **xa** chữ số thật gần nhất hơn so với khoảng cách giữa
# các chữ số thật với nhau: không có dấu hiệu chép lại dữ liệu huấn luyện. Khoảng cách lớn hơn ấy cũng
# khớp với precision của DCGAN, thấp hơn của MLP (0.70 so với 0.88 ở mức laptop): một phần mẫu nằm ngoài
# vùng của chữ số thật trong không gian đặc trưng, vì hình dạng của chúng còn méo.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# With the shipped generator, generated digits lie **farther** from their nearest real digit than real
# digits lie from one another: no sign of copying the training data. The larger distance also matches the
# DCGAN's precision, lower than the MLP's (0.70 against 0.88 at the laptop tier): some of its samples lie
# outside the real digits' region of feature space, because their shapes are still off.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Tốc độ trên GPU
#
# Trên CUDA, vòng lặp của `ganlib` tự chạy cả hai mạng ở định dạng bộ nhớ `channels_last`
# với autocast bf16 (trọng số, gradient và trạng thái Adam vẫn là float32). Tùy chọn `compile=True`
# (`--compile` trên dòng lệnh) biên dịch hai mạng bằng `torch.compile`, ở chế độ `"reduce-overhead"`
# với CUDA graph trên GPU. Trên CPU, `channels_last` và bf16 không được dùng, và `compile` tắt theo mặc
# định: khi viết bài, riêng việc biên dịch một phép so sánh ba bước đã chạy quá 15 phút trên CPU 2 nhân
# dùng chung đang bận, lâu hơn cả lần huấn luyện ở mức laptop, nên không thể bù lại bằng thời gian tiết
# kiệm được.
# `tests/test_dcgan.py` kiểm tra rằng bước đã biên dịch cho cùng mất mát với bước thường (sai lệch tương
# đối dưới $10^{-5}$). `python -m ganlib bench --compiled` đo các thời gian này cạnh vòng lặp
# `DataLoader`, kèm tên thiết bị. Khi viết bài này chưa có GPU: các ô GPU của bảng là "chưa đo".
#
# | thiết bị | MLP, s/epoch 60000 ảnh | DCGAN, s/epoch 60000 ảnh | DCGAN đã biên dịch |
# |---|---|---|---|
# | GPU | chưa đo | chưa đo | chưa đo |

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Speed on a GPU
#
# On CUDA, `ganlib`'s loop runs both networks in the `channels_last` memory format under bf16 autocast
# (the weights, their gradients and Adam's state stay float32). The option `compile=True` (`--compile`
# on the command line) compiles both networks with `torch.compile`, in mode `"reduce-overhead"` with
# CUDA graphs on a GPU. On the CPU, `channels_last` and bf16 are not used, and `compile` is off by
# default: while this lesson was written, compiling alone for a three-step comparison ran for more than 15
# minutes on the busy shared 2-core CPU, longer than the whole laptop-tier training, so no saving could
# make up for it.
# `tests/test_dcgan.py` checks that the compiled step gives the same losses as the eager one (relative
# difference below $10^{-5}$). `python -m ganlib bench --compiled` times all this next to the
# `DataLoader` loop and prints the device's name. No GPU was available when this lesson was written:
# the GPU cells of the table say "not measured".
#
# | device | MLP, s per 60000-image epoch | DCGAN, s per 60000-image epoch | DCGAN compiled |
# |---|---|---|---|
# | GPU | not measured | not measured | not measured |

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Tóm tắt
#
# - Tích chập dùng lại một bộ lọc ở mọi vị trí: ít tham số hơn MLP, nhiều phép tính hơn mỗi bước.
# - Tích chập chuyển vị với bộ lọc không chia hết cho bước tạo vân bàn cờ; bộ lọc 4 bước 2, hoặc phóng
#   to rồi tích chập, tránh được nó.
# - BatchNorm trong $D$ để lộ thông tin thật/giả qua thống kê của batch; chuẩn hóa phổ giới hạn độ dốc
#   của $D$ mà không trộn các ảnh với nhau.
# - $D$ cần nhìn cả hình dạng chứ không chỉ nét bút: tầng tích chập thứ ba của $D$ hạ FD khoảng một nửa,
#   và một tầng ẩn trước logit, trái với nguyên tắc năm 2015, hạ tiếp hơn một phần ba.
# - So sánh mô hình phải ở cùng thời gian huấn luyện. Trên CPU này, mức laptop của DCGAN (khoảng 4 phút)
#   thắng MLP của bài 05 ở cùng thời gian huấn luyện: FD 16.6 ± 2.0 so với 27.5 ± 6.2 trên ba seed; DCGAN
#   có recall cao hơn, MLP có precision cao hơn.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Summary
#
# - A convolution reuses one filter at every position: fewer parameters than the MLP, more arithmetic
#   per step.
# - A transposed convolution whose kernel is not a multiple of its stride makes a checkerboard; kernel 4
#   with stride 2, or resize-then-convolve, avoids it.
# - BatchNorm in $D$ leaks real/fake information through batch statistics; spectral normalisation
#   bounds how steep $D$ can be without mixing images together.
# - $D$ must see shapes, not only strokes: a third convolution in $D$ roughly halved the FD, and a hidden
#   layer before the logit, against the 2015 guidelines, took off more than another third.
# - Compare models at equal training time. On this CPU, the DCGAN's laptop tier (about 4 minutes) beats
#   lesson 05's MLP at equal training time: FD 16.6 ± 2.0 against 27.5 ± 6.2 over three seeds; the DCGAN
#   has the higher recall, the MLP the higher precision.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Bài tập
#
# Điền vào mỗi ô bài tập, chạy nó, rồi chạy ô kiểm tra ngay sau: `✓` là đúng, `✗` kèm gợi ý là chưa.
# Lời giải nằm trong `solutions/07_dcgan.ipynb`.
#
# **Bài 1 (cài đặt): cạnh ảnh sau tích chập chuyển vị.** Viết `transposed_side(side, kernel, stride,
# padding)` trả về cạnh của đầu ra khi một tích chập chuyển vị với bộ lọc $k \times k$, bước $s$ và phần
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
# kiểm tra có những trường hợp bộ lọc chia hết cho bước và những trường hợp không. Làm xong, hãy so
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
# **Bài 3 (thí nghiệm): một chữ số, hai batch.** Ô kiểm tra dựng hai bộ phân biệt mới với cùng seed, ở chế
# độ huấn luyện: `"dcgan-bn"` (BatchNorm sau tích chập thứ hai và thứ ba của $D$) và `"dcgan"` (chuẩn hóa phổ). Ô
# này lấy một chữ số thật cố định và cho mỗi $D$ chấm hai lần: lần đầu trong một batch cùng 63 chữ số thật
# khác, lần sau trong một batch cùng 63 ảnh của một bộ sinh mới dựng. Hãy dự đoán trước logit của chữ số
# đó:
#
# - (a) giống hệt nhau ở cả hai batch, với cả hai mạng: mạng chấm từng ảnh riêng;
# - (b) đổi với BatchNorm, giữ nguyên với chuẩn hóa phổ;
# - (c) đổi với cả hai mạng.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 3 (experiment): one digit, two batches.** The check builds two fresh discriminators with the
# same seed, in training mode: `"dcgan-bn"` (BatchNorm after $D$'s second and third convolutions) and `"dcgan"`
# (spectral normalisation). It takes one fixed real digit and has each $D$ score it twice: first in a batch
# with 63 other real digits, then in a batch with 63 images of a freshly built generator. Predict first,
# for that digit's logit:
#
# - (a) identical in both batches, in both networks: a network scores each image on its own;
# - (b) it changes with BatchNorm and stays the same with spectral normalisation;
# - (c) it changes in both networks.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
batchnorm_prediction = ...  # "a", "b" or "c"

# %% slideshow={"slide_type": "skip"} tags=["solution"]
batchnorm_prediction = "b"

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.experiment_batchnorm_leak(batchnorm_prediction)

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
