# %% [markdown] tags=["vi"]
# # 07 — GAN tích chập (DCGAN) trên MNIST
#
# Bài 05 huấn luyện một mạng đối sinh (*generative adversarial network*, GAN) bằng hai mạng perceptron
# nhiều tầng. Bài này thay chúng bằng mạng tích chập theo các nguyên tắc của Radford và cộng sự (2015),
# bài báo DCGAN đã làm cho GAN hoạt động trên ảnh. Ta xem tích chập thay đổi gì ở bộ sinh
# (*generator*) và bộ phân biệt (*discriminator*), thử từng nguyên tắc ở nơi thử được với chi phí thấp,
# so chuẩn hóa phổ (*spectral normalization*) với BatchNorm trong $D$, đặt DCGAN cạnh MLP của bài 05
# với **cùng thời gian huấn luyện**, rồi đi dạo trong không gian tiềm ẩn.

# %% [markdown] tags=["en"]
# # 07 — A convolutional GAN (DCGAN) on MNIST
#
# Lesson 05 trained a generative adversarial network (GAN) made of two multilayer perceptrons. This
# lesson replaces them with convolutional networks following the guidelines of Radford et al. (2015),
# the DCGAN paper that made GANs work on images. We see what convolutions change in the generator and
# the discriminator, try each guideline where trying is cheap, compare spectral normalisation with
# BatchNorm in $D$, put the DCGAN next to lesson 05's MLP for **the same training time**, and walk
# through the latent space.

# %% tags=["vi"]
import ganlib
ganlib.set_language("vi")

# %% tags=["en"]
import ganlib
ganlib.set_language("en")

# %%
import statistics
from dataclasses import replace

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from ganlib import show_digits
from ganlib.gan import (TrainConfig, build_gan, count_parameters, discriminator_step, fixed_noise, generate,
                        generator_step, train_gan)
from ganlib.gan.config import model_defaults
from ganlib.gan.models import upsample_layer
from ganlib.metrics import score_samples
from ganlib.metrics.images import classify, pairwise_distances

# %% [markdown] tags=["vi"]
# ## Quy mô tính toán
#
# Các phép đo trong bài chạy trên một phần dữ liệu đi kèm. `GANLIB_QUICK=1` (kiểm thử tự động) thu nhỏ
# thêm nữa: một seed, một epoch, vài giây mỗi lần chạy. Các con số được chấm điểm vì thế thay đổi theo
# chế độ; chỉ những ô không phụ thuộc vào huấn luyện mới được nbval so sánh.

# %% [markdown] tags=["en"]
# ## Compute scale
#
# The measurements in this lesson run on part of the bundled data. `GANLIB_QUICK=1` (automated tests)
# shrinks them further: one seed, one epoch, seconds per run. The scored numbers therefore depend on
# the mode; only the cells that do not depend on training are checked by nbval.

# %%
QUICK = ganlib.is_quick()
SCALE = {"digits": 500 if QUICK else 2000, "epochs": 1 if QUICK else 5, "seeds": 1 if QUICK else 3,
         "budget_s": 5.0 if QUICK else 60.0, "budget_seeds": 1 if QUICK else 2}
digits = ganlib.load_mnist("bundled")
data = digits.images[:SCALE["digits"]]
torch.set_num_threads(1)  # the timings below compare models on one core, side by side

# %% [markdown] tags=["vi"]
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

# %% [markdown] tags=["en"]
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

# %% tags=["nbval-check-output"]
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

# %%
fig, axes = plt.subplots(1, 3, figsize=(9, 3.2))
for ax, (name, pattern) in zip(axes, patterns.items()):
    ax.imshow(pattern.numpy(), cmap="gray", vmin=0)
    ax.set_title(name, fontsize=9)
    ax.set_axis_off()
fig.tight_layout()

# %% [markdown] tags=["vi"]
# Với bộ lọc 3 và bước 2, các điểm ảnh được phủ 1, 2 hoặc 4 lần: một vân bàn cờ có sẵn trước khi
# học. Mạng có thể học để bù lại, nhưng phải tốn công cho việc đó, và vân thường còn sót. Hai cách
# tránh: chọn bộ lọc chia hết cho bước (4 với bước 2: mọi điểm ảnh bên trong được phủ đúng 4 lần),
# hoặc phóng to ảnh (*resize*, lặp mỗi điểm ảnh thành 2×2) rồi mới tích chập. DCGAN của `ganlib` dùng
# cách thứ nhất; cách thứ hai là `build_gan("dcgan", generator={"upsample": "resize"})`.

# %% [markdown] tags=["en"]
# With kernel 3 and stride 2, pixels are covered 1, 2 or 4 times: a checkerboard is there before any
# learning. The network can learn to compensate, but it has to spend effort on it, and traces often
# remain. Two ways out: a kernel that is a multiple of the stride (4 with stride 2: every inner pixel
# is covered exactly 4 times), or resizing first (each pixel repeated 2×2) and then convolving.
# `ganlib`'s DCGAN uses the first; the second is `build_gan("dcgan", generator={"upsample": "resize"})`.

# %% [markdown] tags=["vi"]
# ## Các nguyên tắc của DCGAN và lý do
#
# | nguyên tắc (Radford và cộng sự 2015) | trong `ganlib` | sửa được gì |
# |---|---|---|
# | tích chập bước 2 thay cho pooling | hai tầng bước 2 ở $D$, hai tầng chuyển vị bước 2 ở $G$ | mạng tự học cách đổi độ phân giải; gradient đi qua mọi điểm ảnh chứ không chỉ qua điểm lớn nhất |
# | không có tầng ẩn kết nối đầy đủ | một phép tuyến tính đưa $\mathbf z$ thành 64 bản đồ 7×7, một phép tuyến tính đọc logit | ít tham số hơn nhiều so với MLP; cấu trúc không gian được giữ |
# | BatchNorm trong $G$ | sau mỗi tầng của $G$ trừ tầng ra | giữ độ lớn tín hiệu ổn định qua các tầng, giúp $G$ khỏi sinh toàn một ảnh lúc đầu |
# | không BatchNorm ở tầng ra của $G$ và tầng vào của $D$ | đúng như vậy | tầng vào của $D$ phải thấy ảnh thật như chúng là; chuẩn hóa ở đó làm mẫu dao động |
# | ReLU trong $G$, $\tanh$ ở cuối | đúng như vậy | $\tanh$ đưa ảnh về $[-1, 1]$, cùng miền với dữ liệu thật |
# | LeakyReLU trong $D$ | độ dốc 0.2 | gradient vẫn chảy về $G$ qua cả những đơn vị đang âm |
# | Adam với $\beta_1 = 0.5$, tốc độ học 2e-4 | mặc định của `TrainConfig` | $\beta_1 = 0.9$ nhớ gradient quá lâu trong một trò chơi mà mục tiêu luôn dịch chuyển; xem phép thử A/B dưới đây |
#
# BatchNorm trong $D$ có một vấn đề riêng: nó chuẩn hóa theo **thống kê của batch**, và ta cho $D$ xem
# một batch toàn ảnh thật rồi một batch toàn ảnh giả. Điểm của một ảnh khi đó phụ thuộc vào các ảnh
# khác trong batch, và chính thống kê của batch (ví dụ độ sáng trung bình) để lộ batch đó thật hay
# giả. $D$ có thể dựa vào tín hiệu đó thay vì nhìn từng chữ số. `ganlib` vì thế mặc định dùng chuẩn
# hóa phổ (Miyato và cộng sự 2018) trong $D$: mỗi ma trận trọng số được chia cho giá trị kỳ dị lớn
# nhất của nó, ước lượng bằng một bước lặp lũy thừa mỗi lần chạy. Không tầng nào kéo giãn đầu vào
# quá 1 lần, nên điểm của $D$ không thể đổi đột ngột, và điểm của một ảnh chỉ phụ thuộc vào chính nó.
# `"dcgan-bn"` là cùng mạng với BatchNorm sau tích chập thứ hai của $D$, như năm 2015.

# %% [markdown] tags=["en"]
# ## The DCGAN guidelines and their reasons
#
# | guideline (Radford et al. 2015) | in `ganlib` | what it fixes |
# |---|---|---|
# | strided convolutions instead of pooling | two stride-2 layers in $D$, two stride-2 transposed layers in $G$ | the network learns how to change resolution; gradients reach every pixel, not only the maximum |
# | no fully connected hidden layers | one linear map takes $\mathbf z$ to 64 maps of 7×7, one linear map reads the logit | far fewer parameters than the MLP; the spatial structure is kept |
# | BatchNorm in $G$ | after every layer of $G$ but the output | keeps the signal's scale steady through the layers, which keeps $G$ from making one image for every $\mathbf z$ early on |
# | no BatchNorm on $G$'s output or $D$'s input | as stated | $D$'s first layer must see real images as they are; normalising there made samples oscillate |
# | ReLU in $G$, $\tanh$ at its end | as stated | $\tanh$ puts images in $[-1, 1]$, the range of the real data |
# | LeakyReLU in $D$ | slope 0.2 | gradients still flow back to $G$ through units that are negative |
# | Adam with $\beta_1 = 0.5$, learning rate 2e-4 | `TrainConfig`'s defaults | $\beta_1 = 0.9$ remembers gradients for too long in a game whose target keeps moving; see the A/B test below |
#
# BatchNorm in $D$ has a problem of its own: it normalises with **the batch's statistics**, and $D$ is
# shown a batch of only real images, then a batch of only fakes. An image's score then depends on the
# other images of its batch, and the batch statistics themselves (the mean brightness, say) give away
# whether the batch is real or fake. $D$ can lean on that signal instead of looking at each digit.
# So `ganlib`'s $D$ uses spectral normalisation (Miyato et al. 2018) by default: each weight matrix is
# divided by its largest singular value, estimated with one power-iteration step per forward pass. No
# layer stretches its input by more than a factor 1, so $D$'s score cannot change abruptly, and an
# image's score depends on that image alone. `"dcgan-bn"` is the same network with BatchNorm after
# $D$'s second convolution, as in 2015.

# %% tags=["nbval-check-output"]
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

# %% [markdown] tags=["vi"]
# DCGAN có ít tham số hơn MLP khoảng năm lần nhưng tốn khoảng 2.4 lần số phép tính mỗi bước: một bộ
# lọc được dùng lại ở mọi vị trí, nên mỗi tham số làm nhiều việc hơn. Trên CPU, thời gian theo số phép tính
# chứ không theo số tham số.

# %% [markdown] tags=["en"]
# The DCGAN has about five times fewer parameters than the MLP but costs about 2.4 times the arithmetic
# per step: a filter is reused at every position, so each parameter does more work. On a CPU, time follows the
# arithmetic, not the parameter count.

# %% tags=["nbval-check-output"]
generator, discriminator = build_gan("dcgan")
print(generator)
print(discriminator)

# %% [markdown] tags=["vi"]
# ## Một phép thử A/B: $\beta_1$ của Adam
#
# Cùng seed, cùng dữ liệu, cùng số bước; chỉ $\beta_1$ khác. Ta đọc FD (càng nhỏ càng tốt) và
# $D(\mathbf x)$, $D(G(\mathbf z))$ trung bình của epoch cuối.

# %% [markdown] tags=["en"]
# ## An A/B test: Adam's $\beta_1$
#
# Same seed, same data, same number of steps; only $\beta_1$ differs. We read the FD (lower is better)
# and the mean $D(\mathbf x)$ and $D(G(\mathbf z))$ of the last epoch.

# %%
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
    print(f"beta1 = {beta1}: FD {result['fd']:6.1f} | D(x) {result['D_real']:.2f} | "
          f"D(G(z)) {result['D_fake']:.2f} | precision {result['precision']:.2f} | recall {result['recall']:.2f}")

# %% [markdown] tags=["vi"]
# ## Chuẩn hóa phổ hay BatchNorm trong $D$
#
# Cùng $G$, cùng tốc độ học; $D$ khác nhau ở cách chuẩn hóa. Mỗi cấu hình chạy với nhiều seed, ta báo
# trung bình ± độ lệch chuẩn.

# %% [markdown] tags=["en"]
# ## Spectral normalisation or BatchNorm in $D$
#
# Same $G$, same learning rates; $D$ differs only in its normalisation. Each setting runs over several
# seeds; we report mean ± standard deviation.

# %%
def spread(values: list[float]) -> str:
    mean = statistics.fmean(values)
    return f"{mean:6.1f} ± {statistics.stdev(values):4.1f}" if len(values) > 1 else f"{mean:6.1f}"


for model in ("dcgan", "dcgan-bn"):
    results = [short_run(replace(laptop, model=model, epochs=SCALE["epochs"], seed=seed))
               for seed in range(SCALE["seeds"])]
    print(f"{model:>8} ({len(results)} seed{'s' if len(results) > 1 else ''}): "
          f"FD {spread([r['fd'] for r in results])} | "
          f"{ganlib.tr(en='classes', vi='số lớp')} {spread([r['classes_covered'] for r in results])} | "
          f"D(x) {spread([r['D_real'] for r in results])} | D(G(z)) {spread([r['D_fake'] for r in results])}")

# %% [markdown] tags=["vi"]
# ## DCGAN và MLP với cùng thời gian huấn luyện
#
# So sánh công bằng là so ở cùng thời gian, không phải cùng số epoch: một epoch của DCGAN đắt hơn. Ta
# đo thời gian một epoch của mỗi mô hình ngay trên máy này, rồi cho mỗi mô hình số epoch vừa với cùng
# một ngân sách thời gian.

# %% [markdown] tags=["en"]
# ## The DCGAN and the MLP for the same training time
#
# A fair comparison is at equal time, not equal epochs: a DCGAN epoch costs more. We time one epoch of
# each model on this very machine, then give each the number of epochs that fits the same time budget.

# %%
mlp_config = TrainConfig(**model_defaults("mlp"))
per_epoch = {name: sum(train_gan(data, replace(config, epochs=1, eval_every=0), progress=False).history["seconds"])
             for name, config in (("mlp", mlp_config), ("dcgan", laptop))}
epochs = {name: max(1, round(SCALE["budget_s"] / seconds)) for name, seconds in per_epoch.items()}
budget_runs = {name: [short_run(replace(config, epochs=epochs[name], seed=seed))
                      for seed in range(SCALE["budget_seeds"])]
               for name, config in (("mlp", mlp_config), ("dcgan", laptop))}
for name, results in budget_runs.items():
    print(f"{name:>6}: {epochs[name]:>3} epochs | FD {spread([r['fd'] for r in results])} | "
          f"{ganlib.tr(en='classes', vi='số lớp')} {spread([r['classes_covered'] for r in results])} | "
          f"precision {spread([r['precision'] for r in results])} | recall {spread([r['recall'] for r in results])}")

# %%
noise = fixed_noise(100, 100, seed=0)
for name, results in budget_runs.items():
    show_digits(generate(results[0]["run"].sampler, noise), value_range=(-1.0, 1.0),
                title=ganlib.tr(en=f"{name}, same training time, seed 0",
                                vi=f"{name}, cùng thời gian huấn luyện, seed 0"));

# %% [markdown] tags=["vi"]
# **Kết quả đo ở mức laptop.** Lệnh `python -m ganlib train --model dcgan --data bundled --device cpu
# --out runs/dcgan` (mặc định của `--model dcgan`: 30 epoch trên 5000 chữ số, tốc độ học của $D$ là
# 4e-4, của $G$ là 2e-4) chưa đạt được mục tiêu đặt ra cho bài này. Chạy với một luồng CPU trên máy 2 nhân
# dùng chung đang rất bận, lệnh mất 26 phút 56 giây (217 s thời gian CPU) và kết thúc ở FD 167.1, đủ 10/10
# lớp, precision 0.19, recall 0.57: các nét chữ còn lấm tấm. MLP đạt FD 172 sau 30 epoch của nó và FD 24.5
# sau 100 epoch (191 s huấn luyện). Mỗi bước DCGAN tốn khoảng 2.4 lần số phép tính của MLP, nên ở cùng
# thời gian, MLP **vẫn tốt hơn**. Ta ghi lại kết quả âm này: DCGAN nhỏ như thế này cần nhiều bước hơn
# những gì ngân sách CPU cho phép, và việc tìm thiết kế hợp với CPU vẫn đang tiếp tục. Bộ sinh của lần
# chạy đó đi kèm khóa học: `ganlib.load_generator(model="dcgan")`.

# %% [markdown] tags=["en"]
# **What was measured at the laptop tier.** The command `python -m ganlib train --model dcgan --data
# bundled --device cpu --out runs/dcgan` (the defaults of `--model dcgan`: 30 epochs of the 5000
# digits, learning rate 4e-4 for $D$ and 2e-4 for $G$) has not reached this lesson's target yet. Run on
# one CPU thread of the heavily shared 2-core machine, it took 26 min 56 s (217 s of CPU time) and ended
# at FD 167.1 with all 10 classes, precision 0.19 and recall 0.57: the strokes are still speckled. The MLP
# reaches FD 172 after its own 30 epochs and FD 24.5 after 100 (191 s of training). A DCGAN step costs
# about 2.4 times the arithmetic of an MLP step, so at equal time the MLP is **still better**. We record
# this negative result: a DCGAN this small needs more steps than the CPU budget allows, and the search for
# a CPU-friendly design goes on. The generator of that run ships with the course:
# `ganlib.load_generator(model="dcgan")`.

# %% [markdown] tags=["vi"]
# ## Không gian tiềm ẩn
#
# Ta dùng bộ sinh DCGAN vừa huấn luyện. Nội suy tuyến tính giữa hai vector $\mathbf z_0, \mathbf z_1$
# đi qua vùng có chuẩn nhỏ hơn: với $\mathbf z \sim \mathcal N(0, I_{100})$, $\|\mathbf z\| \approx 10$,
# nhưng điểm giữa của hai vector độc lập có chuẩn khoảng $10/\sqrt 2 \approx 7$, một vùng mà $G$ hầu như
# không thấy khi huấn luyện. Nội suy cầu (*slerp*) đi theo cung tròn và giữ chuẩn.

# %% [markdown] tags=["en"]
# ## The latent space
#
# We use the DCGAN generator just trained. Linear interpolation between two codes $\mathbf z_0, \mathbf
# z_1$ passes through a region of smaller norm: for $\mathbf z \sim \mathcal N(0, I_{100})$,
# $\|\mathbf z\| \approx 10$, but the midpoint of two independent codes has a norm of about
# $10/\sqrt 2 \approx 7$, a region $G$ hardly saw in training. Spherical interpolation (slerp) follows
# an arc and keeps the norm.

# %% tags=["nbval-check-output"]
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

# %%
dcgan_sampler = budget_runs["dcgan"][0]["run"].sampler
direction = fixed_noise(1, 100, seed=8)[0]
nudged = ends[0] + torch.linspace(-3, 3, 10)[:, None] * direction / direction.norm()
show_digits(generate(dcgan_sampler, torch.cat([linear, spherical, nudged])), value_range=(-1.0, 1.0),
            title=ganlib.tr(en="rows: linear, spherical, the same z nudged along one direction",
                            vi="các hàng: tuyến tính, cầu, cùng một z dịch theo một hướng"));

# %% [markdown] tags=["vi"]
# Một lối đi mượt, nơi chữ số biến dần từ dạng này sang dạng khác, gợi ý rằng $G$ đã học một đa tạp
# chứ không chỉ học thuộc vài ảnh. Để kiểm tra trực tiếp hơn, ta tìm với mỗi chữ số sinh ra chữ số thật
# gần nhất trong không gian đặc trưng của bộ phân loại (128 đặc trưng ở tầng áp chót). Nếu $G$ chép
# lại dữ liệu huấn luyện, khoảng cách tới hàng xóm gần nhất sẽ nhỏ hơn hẳn khoảng cách thường gặp giữa
# hai chữ số thật.

# %% [markdown] tags=["en"]
# A smooth path, where the digit morphs from one shape into another, suggests $G$ learnt a manifold
# rather than memorising a few images. For a more direct check we find, for each generated digit, the
# nearest real digit in the classifier's feature space (the 128 penultimate features). If $G$ copied
# its training data, the distance to the nearest neighbour would be clearly smaller than the distance
# usually found between two real digits.

# %%
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

# %% [markdown] tags=["vi"]
# ## Tốc độ trên GPU
#
# Trên CUDA, vòng lặp của `ganlib` tự chạy hai mạng với BatchNorm theo định dạng bộ nhớ `channels_last`
# và autocast bf16 (trọng số, gradient và trạng thái Adam vẫn là float32). Tùy chọn `compile=True`
# (`--compile` trên dòng lệnh) biên dịch hai mạng bằng `torch.compile`, ở chế độ `"reduce-overhead"`
# với CUDA graph trên GPU. Trên CPU, `channels_last` và bf16 không được dùng, và `compile` để tắt mặc
# định: khi viết bài, việc biên dịch một phép so sánh ba bước đã chạy quá 15 phút trên CPU 2 nhân dùng
# chung đang bận, và với hai mạng nhỏ thế này không có lợi ích nào đo được để bù lại.
# `tests/test_dcgan.py` kiểm tra rằng bước đã biên dịch cho cùng mất mát với bước thường (sai lệch tương
# đối dưới $10^{-5}$). `python -m ganlib bench --compiled` đo các thời gian này cạnh vòng lặp
# `DataLoader`, kèm tên thiết bị. Khi viết bài này chưa có GPU: các ô GPU của bảng là "chưa đo".
#
# | thiết bị | MLP, s/epoch 60000 ảnh | DCGAN, s/epoch 60000 ảnh | DCGAN đã biên dịch |
# |---|---|---|---|
# | GPU | chưa đo | chưa đo | chưa đo |

# %% [markdown] tags=["en"]
# ## Speed on a GPU
#
# On CUDA, `ganlib`'s loop runs both networks in the `channels_last` memory format under bf16 autocast
# (the weights, their gradients and Adam's state stay float32). The option `compile=True` (`--compile`
# on the command line) compiles both networks with `torch.compile`, in mode `"reduce-overhead"` with
# CUDA graphs on a GPU. On the CPU, `channels_last` and bf16 are not used, and `compile` is off by
# default: while this lesson was written, compiling a three-step comparison ran for more than 15 minutes
# on the busy shared 2-core CPU, and no gain was measured for networks this small to make up for it.
# `tests/test_dcgan.py` checks that the compiled step gives the same losses as the eager one (relative
# difference below $10^{-5}$). `python -m ganlib bench --compiled` times all this next to the
# `DataLoader` loop and prints the device's name. No GPU was available when this lesson was written:
# the GPU cells of the table say "not measured".
#
# | device | MLP, s per 60000-image epoch | DCGAN, s per 60000-image epoch | DCGAN compiled |
# |---|---|---|---|
# | GPU | not measured | not measured | not measured |

# %% [markdown] tags=["vi"]
# ## Tóm tắt
#
# - Tích chập dùng lại một bộ lọc ở mọi vị trí: ít tham số hơn MLP, nhiều phép tính hơn mỗi bước.
# - Tích chập chuyển vị với bộ lọc không chia hết cho bước tạo vân bàn cờ; bộ lọc 4 bước 2, hoặc phóng
#   to rồi tích chập, tránh được nó.
# - BatchNorm trong $D$ để lộ thông tin thật/giả qua thống kê của batch; chuẩn hóa phổ giới hạn độ dốc
#   của $D$ mà không trộn các ảnh với nhau.
# - So sánh mô hình phải ở cùng thời gian huấn luyện; trên CPU này, DCGAN nhỏ của ta chưa thắng MLP.

# %% [markdown] tags=["en"]
# ## Summary
#
# - A convolution reuses one filter at every position: fewer parameters than the MLP, more arithmetic
#   per step.
# - A transposed convolution whose kernel is not a multiple of its stride makes a checkerboard; kernel 4
#   with stride 2, or resize-then-convolve, avoids it.
# - BatchNorm in $D$ leaks real/fake information through batch statistics; spectral normalisation
#   bounds how steep $D$ can be without mixing images together.
# - Compare models at equal training time; on this CPU our small DCGAN does not beat the MLP yet.
