# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# # 08 — Vẽ đúng chữ số được yêu cầu: GAN có điều kiện
#
# Sau bài 05, câu hỏi đầu tiên của người học thường là: "làm sao bắt nó vẽ số 7?". Bộ sinh
# (*generator*) của bài 05 học phân phối $p(\mathbf x)$ của mọi chữ số, nên ta không chọn được chữ số.
# Mạng đối sinh có điều kiện (*conditional generative adversarial network*, conditional GAN) đưa thêm nhãn $y$ cho cả hai
# mạng và học $p(\mathbf x \mid y)$. Ý tưởng này cũng là nền tảng của các ứng dụng lớn của
# GAN: chuyển ảnh thành ảnh, sinh ảnh từ văn bản, tăng độ phân giải đều là sinh ảnh có điều kiện.
#
# Bài này dùng lại vòng lặp, checkpoint, cách tiếp tục huấn luyện và các thước đo của bài 05, và thêm
# một thước đo sắc bén: yêu cầu một chữ số, rồi hỏi bộ phân loại độc lập của khóa học xem nó đọc ra
# chữ số nào.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# # 08 — Draw the digit you ask for: a conditional GAN
#
# After lesson 05 the first question is usually "how do I make it draw a 7?". Lesson 05's generator
# learns the distribution $p(\mathbf x)$ of all digits, so we cannot choose the digit. A conditional
# generative adversarial network (conditional GAN) gives a label $y$ to both networks and learns
# $p(\mathbf x \mid y)$. The same idea is behind the big applications of GANs: image-to-image,
# text-to-image and super-resolution all generate images under a condition.
#
# This lesson reuses lesson 05's loop, checkpoints, resuming and metrics, and adds one sharp measure:
# ask for a digit, then ask the course's independent classifier which digit it reads.

# %% slideshow={"slide_type": "skip"} tags=["colab"]
# notebooks/build.py writes here the cell that installs ganlib where it is missing and picks the language

# %% slideshow={"slide_type": "skip"}
import tempfile

import torch

from dataclasses import replace

from ganlib import (TrainConfig, build_gan, count_parameters, fixed_labels, fixed_noise, generate, load_generator,
                    plot_digit_walk, plots, real_conditional_scores, reference_scores, score_conditional,
                    score_samples, show_conditional_grid, show_conditional_scores, show_digits, show_grid_files,
                    show_losses, show_metrics, train_gan)
from ganlib.gan import projection_logits_from_weights

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Ba mức tính toán và những chữ số để riêng
#
# Như bài 05, biến `TIER` quyết định bài này huấn luyện bao lâu, tính bằng epoch (*một lượt qua toàn bộ
# dữ liệu huấn luyện*):
#
# | `TIER` | dữ liệu | số epoch | dùng khi |
# |---|---|---|---|
# | `"quick"` | 500 trong 3000 chữ số huấn luyện, mỗi lớp 50 | 2 | kiểm thử tự động (CI), tự bật khi `GANLIB_QUICK=1` |
# | `"laptop"` | 3000 chữ số huấn luyện, mỗi lớp 300 | 100 | CPU của laptop; mặc định |
#
# Một epoch ở đây gồm 46 bước, mỗi bước một batch 64 ảnh. 5000 chữ số đi kèm
# được chia một lần, theo từng lớp (`ganlib.metrics.split_digits()`): 3000 chữ số để huấn luyện, 1000 chữ số
# tham chiếu (*reference*) mà các thước đo đem mẫu sinh ra so với, và 1000 chữ số mới (*fresh*), chấm điểm
# theo cùng cách để cho biết chữ số thật đạt mức nào (mức sàn). Trong bài này $G$ chỉ học trên 3000 chữ số
# huấn luyện, nên mọi chữ số thật dùng để chấm nó đều là chữ số nó chưa từng thấy. Trên máy có CUDA,
# `TIER = "gpu"` huấn luyện 20 epoch trên MNIST đầy đủ; mức này chưa được đo (lúc viết bài chưa có GPU),
# và vì các chữ số đi kèm lấy từ MNIST, không có gì bảo đảm chúng nằm ngoài dữ liệu huấn luyện của mức này.
#
# Bài huấn luyện hai bộ sinh trên cùng các chữ số, cùng số epoch, cùng seed (*hạt giống ngẫu nhiên*) 0: GAN
# có điều kiện và GAN MLP của bài 05 làm mốc so sánh. Thời gian mỗi epoch của hai mạng được in cạnh
# nhau bên dưới. Với một luồng (*thread*) của torch, cả mức `"laptop"` mất khoảng 7.5 phút trên
# một nhân CPU rảnh (chạy cả bài tốn 7.5 phút thời gian CPU); trên máy đang chạy việc khác, thời gian
# thực sẽ dài hơn.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Three compute tiers and the held-out digits
#
# As in lesson 05, one setting, `TIER`, decides how long this lesson trains:
#
# | `TIER` | data | epochs | use it for |
# |---|---|---|---|
# | `"quick"` | 500 of the 3000 training digits, 50 per class | 2 | automated tests (CI), chosen by `GANLIB_QUICK=1` |
# | `"laptop"` | the 3000 training digits, 300 per class | 100 | a laptop CPU; the default |
#
# An epoch here is 46 steps of batch 64. The 5000 bundled digits are split once, per class
# (`ganlib.metrics.split_digits()`): 3000 digits to train on, 1000 *reference* digits the metrics compare
# samples with, and 1000 *fresh* digits scored as the real-digit floor. In this lesson $G$ trains on the
# 3000 training digits only, so every real digit it is scored against is one it never saw. On a CUDA
# machine, `TIER = "gpu"` trains 20 epochs on full MNIST; that tier is not measured (no GPU was available
# when this lesson was written), and since the bundled digits come from MNIST, nothing guarantees that
# they lie outside its training data.
#
# The lesson trains two generators on the same digits, for the same epochs, with the same seed 0: the
# conditional GAN, and lesson 05's MLP GAN as the baseline. The seconds per epoch of both are printed
# side by side below. With one torch thread, the whole `"laptop"` tier takes about 7.5 minutes
# on one free CPU core (running the whole lesson used 7.5 minutes of CPU time); on a machine busy with
# other work the wall time is longer.

# %% slideshow={"slide_type": "skip"}
TIERS = {"quick": {"per_class": 50, "epochs": 2, "eval_every": 1},
         "laptop": {"per_class": 300, "epochs": 100, "eval_every": 10},
         "gpu": {"per_class": None, "epochs": 20, "eval_every": 2}}  # None: every digit of full MNIST
TIER = "quick" if ganlib.is_quick() else "laptop"  # set "gpu" on a CUDA machine with full MNIST
device = ganlib.pick_device()
split = ganlib.metrics.split_digits()  # bundled digits: train 3000 / reference 1000 / fresh 1000
digits = ganlib.load_mnist("mnist") if TIER == "gpu" else split.train

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Từ $p(\mathbf x)$ tới $p(\mathbf x \mid y)$
#
# Giờ mỗi ảnh thật đi kèm nhãn của nó: cặp $(\mathbf x, y)$ lấy từ $p_\text{data}(\mathbf x, y) =
# p(y)\,p_\text{data}(\mathbf x \mid y)$. Bộ sinh nhận thêm nhãn: $G(\mathbf z, y)$.
# Bộ phân biệt (*discriminator*) chấm cả cặp: $D(\mathbf x, y)$ là xác suất để $\mathbf x$ là một chữ số
# $y$ thật. Hàm giá trị (*value function*) của bài 02 giữ nguyên, chỉ thêm nhãn vào mọi chỗ:
#
# $$\min_G \max_D V(D, G) = \mathbb E_{(\mathbf x, y) \sim p_\text{data}}\log D(\mathbf x, y)
#   + \mathbb E_{\mathbf z \sim \mathcal N(0, I),\, y \sim p(y)}\log\bigl(1 - D(G(\mathbf z, y), y)\bigr).$$
#
# Ảnh giả dùng cùng phân phối nhãn $p(y)$ với ảnh thật (trong vòng lặp: đúng các nhãn của batch thật).
# Khi đó lập luận của bài 02 vẫn đúng, chỉ cần áp dụng cho từng nhãn. Bộ phân biệt tối ưu là
# $D^*(\mathbf x, y) = p_\text{data}(\mathbf x \mid y) / \bigl(p_\text{data}(\mathbf x \mid y) + p_G(\mathbf x \mid y)\bigr)$,
# và tại $D^*$:
#
# $$V(D^*, G) = -\log 4 + 2\,\mathbb E_{y \sim p(y)}\,\mathrm{JSD}\bigl(p_\text{data}(\cdot \mid y)\,\|\,p_G(\cdot \mid y)\bigr).$$
#
# Giá trị nhỏ nhất $-\log 4$ đạt được khi và chỉ khi $p_G(\mathbf x \mid y) = p_\text{data}(\mathbf x \mid y)$
# với mọi nhãn $y$ có xác suất dương: mỗi chữ số phải có đúng phân phối của chính nó. Hai phân phối
# đồng thời có cùng phân phối biên $p(y)$, nên phân kỳ (*divergence*) Jensen–Shannon giữa chúng bằng trung
# bình theo $y$ của phân kỳ giữa các phân phối có điều kiện.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## From $p(\mathbf x)$ to $p(\mathbf x \mid y)$
#
# Each real image now comes with its label: the pair $(\mathbf x, y)$ is drawn from $p_\text{data}(\mathbf x, y)
# = p(y)\,p_\text{data}(\mathbf x \mid y)$. The generator takes the label too: $G(\mathbf z, y)$. The
# discriminator judges the pair: $D(\mathbf x, y)$ is the probability that $\mathbf x$ is a real digit
# $y$. Lesson 02's value function only gains the label everywhere:
#
# $$\min_G \max_D V(D, G) = \mathbb E_{(\mathbf x, y) \sim p_\text{data}}\log D(\mathbf x, y)
#   + \mathbb E_{\mathbf z \sim \mathcal N(0, I),\, y \sim p(y)}\log\bigl(1 - D(G(\mathbf z, y), y)\bigr).$$
#
# Fakes use the same label distribution $p(y)$ as real images (in the loop: exactly the labels of the
# real batch). Then lesson 02's argument goes through unchanged, one label at a time. The optimal
# discriminator is $D^*(\mathbf x, y) = p_\text{data}(\mathbf x \mid y) / \bigl(p_\text{data}(\mathbf x \mid y)
# + p_G(\mathbf x \mid y)\bigr)$, and at $D^*$:
#
# $$V(D^*, G) = -\log 4 + 2\,\mathbb E_{y \sim p(y)}\,\mathrm{JSD}\bigl(p_\text{data}(\cdot \mid y)\,\|\,p_G(\cdot \mid y)\bigr).$$
#
# The minimum $-\log 4$ is reached if and only if $p_G(\mathbf x \mid y) = p_\text{data}(\mathbf x \mid y)$
# for every label $y$ of positive probability: each digit must have exactly its own distribution. The
# two joint distributions share the marginal $p(y)$, so their Jensen–Shannon divergence is the average
# over $y$ of the divergences between the conditionals.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Đưa nhãn cho hai mạng
#
# **Bộ sinh** nhận nhãn qua một phép nhúng (*embedding*): mỗi chữ số có một vector 50 chiều $\mathbf e_y$,
# học cùng với mạng, được ghép cạnh nhiễu: $G(\mathbf z, y) = \mathrm{MLP}([\mathbf z, \mathbf e_y])$, với MLP
# cùng kiến trúc như bài 05, chỉ rộng hơn ở đầu vào (150 → 256 → 512 → 1024 → 784).
#
# Với **bộ phân biệt**, có hai cách phổ biến:
#
# - **Ghép nhãn vào đầu vào** (Mirza & Osindero 2014): $D(\mathbf x, y) = f([\mathbf x, \mathbf e_y])$. Đây
#   là cách đơn giản nhất; với mạng tích chập, người ta thường trải vector nhãn thành các kênh
#   ảnh phụ ghép vào ảnh. Nhưng nhãn đi vào ở tầng đầu, trộn với 784 điểm ảnh, và $D$ phải tự học cách dùng nó.
# - **Bộ phân biệt chiếu** (*projection discriminator*, Miyato & Koyama 2018):
#   $\ell(\mathbf x, y) = \psi(\phi(\mathbf x)) + \mathbf e_y^\top \phi(\mathbf x)$, với $\phi(\mathbf x)$ là
#   đặc trưng ở tầng ẩn cuối, $\psi$ là một tầng tuyến tính và $\mathbf e_y$ là vector nhúng của nhãn. Cơ sở:
#   logit của $D^*$ là $\log \frac{p_\text{data}(\mathbf x, y)}{p_G(\mathbf x, y)} =
#   \log \frac{p_\text{data}(y \mid \mathbf x)}{p_G(y \mid \mathbf x)} + \log \frac{p_\text{data}(\mathbf x)}{p_G(\mathbf x)}$.
#   Nếu cả hai phân phối $p(y \mid \mathbf x)$ đều là softmax của một hàm tuyến tính theo $\phi(\mathbf x)$,
#   số hạng đầu là tích vô hướng của $\phi(\mathbf x)$ với một vector chỉ phụ thuộc $y$, cộng một phần
#   không phụ thuộc $y$;
#   phần này cùng với số hạng thứ hai được gộp vào $\psi(\phi(\mathbf x))$.
#   Nhãn đi vào ở cuối, nơi đặc trưng đã mô tả hình dạng chữ số.
#
# Bài này cài đặt bộ phân biệt chiếu trên MLP của bài 05 (784 → 512 → 256, rồi $\psi$ và phép chiếu).

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Giving both networks the label
#
# **The generator** gets the label through an embedding: each digit has a learnt vector of 50 numbers,
# $\mathbf e_y$, placed beside the noise: $G(\mathbf z, y) = \mathrm{MLP}([\mathbf z, \mathbf e_y])$, with
# lesson 05's MLP, only wider at the input (150 → 256 → 512 → 1024 → 784).
#
# **The discriminator** has two common ways:
#
# - **Concatenate the label to the input** (Mirza & Osindero 2014): $D(\mathbf x, y) = f([\mathbf x,
#   \mathbf e_y])$. The simplest; with a convolutional network the label vector is usually spread into
#   extra image channels. But the label enters at the first layer, mixed with 784 pixels, and $D$ has to
#   learn by itself how to use it.
# - **A projection discriminator** (Miyato & Koyama 2018): $\ell(\mathbf x, y) = \psi(\phi(\mathbf x)) +
#   \mathbf e_y^\top \phi(\mathbf x)$, with $\phi(\mathbf x)$ the features of the last hidden layer, $\psi$ a
#   linear layer and $\mathbf e_y$ an embedding of the label. The reason: the logit of $D^*$ is
#   $\log \frac{p_\text{data}(\mathbf x, y)}{p_G(\mathbf x, y)} = \log \frac{p_\text{data}(y \mid \mathbf x)}{p_G(y \mid \mathbf x)}
#   + \log \frac{p_\text{data}(\mathbf x)}{p_G(\mathbf x)}$. If both $p(y \mid \mathbf x)$ are a softmax of a
#   function linear in $\phi(\mathbf x)$, the first term is the inner product of $\phi(\mathbf x)$ with a
#   vector of $y$'s own, plus a part free of $y$ that joins the second term in $\psi(\phi(\mathbf x))$.
#   The label enters at the end, where the
#   features already describe the shape of the digit.
#
# This lesson implements the projection discriminator on lesson 05's MLP (784 → 512 → 256, then $\psi$
# and the projection).

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
generator, discriminator = build_gan("cgan")
print(generator)
print(discriminator)
print(ganlib.tr(en=f"G: {count_parameters(generator)} parameters, D: {count_parameters(discriminator)} parameters",
                vi=f"G: {count_parameters(generator)} tham số, D: {count_parameters(discriminator)} tham số"))

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Ta kiểm tra xem nhãn có thật sự đi vào đúng chỗ trong hai mạng vừa khởi tạo không. Cùng một $\mathbf z$, đổi $y$ thì
# ảnh đổi. Logit của $D$ được so với công thức chiếu tính lại từ trọng số bằng phép nhân ma trận tường
# minh (`projection_logits_from_weights`), không gọi lại tầng nào của $D$; một bộ phân biệt đưa nhãn
# vào sai chỗ, bỏ $\psi$ hay lấy đặc trưng ở tầng khác sẽ không qua được phép đối chiếu này (các kiểm thử
# của ganlib cố ý cài những lỗi đó và xác nhận chúng đều bị phát hiện):

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# We check that the label really takes its route through the two fresh networks. With the same
# $\mathbf z$, changing $y$ changes the image. $D$'s logit is compared with the projection formula
# recomputed from the weights by explicit matrix algebra (`projection_logits_from_weights`), without
# calling any of $D$'s layers; a discriminator that routes the label wrong, drops $\psi$ or takes the
# features of another layer fails this comparison (ganlib's tests plant those mistakes and see them caught):

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
generator.eval()
z = fixed_noise(1, generator.latent_dim, seed=0).repeat(10, 1)  # one z, ten times
y = torch.arange(10)
with torch.no_grad():
    images = generator(z, y)
    logits = discriminator(images, y)
    by_hand = projection_logits_from_weights(discriminator, images, y)  # matrix algebra on the weights
print(ganlib.tr(en="same z, ten labels -> ten different images:", vi="cùng z, mười nhãn -> mười ảnh khác nhau:"),
      len({tuple(image.flatten().tolist()) for image in images}) == 10)
print("logit = psi(phi(x)) + e_y . phi(x):", torch.allclose(logits, by_hand, atol=1e-5))

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Huấn luyện: cùng vòng lặp, thêm nhãn
#
# `train_gan` của bài 05 nhận thêm `labels`, nhãn của từng ảnh. Mỗi bước lấy một batch ảnh thật cùng
# nhãn của chúng; bộ sinh vẽ ảnh giả cho đúng các nhãn đó, nên ảnh giả và ảnh thật có cùng phân phối
# nhãn; cả hai mạng đều nhận nhãn, ở bước cập nhật $D$ lẫn bước cập nhật $G$. Mọi thứ khác giữ nguyên:
# checkpoint sau mỗi epoch, tiếp tục huấn luyện cho kết quả giống hệt đến từng bit, trung bình trượt của
# trọng số $G$, lịch sử và các thước đo. Nhiễu cố định để chấm điểm đi cùng các nhãn cố định
# $0, 0, \dots$ (10 lần)$, 1, \dots$: mỗi hàng của lưới 10×10 là một chữ số, và 1000 mẫu dùng để
# chấm điểm có đúng 100 mẫu cho mỗi chữ số.
#
# Hàm chấm điểm `score_conditional` thêm vào các thước đo của bài 05 những thước đo có điều kiện, giải
# thích ở phần sau. Ngay sau GAN có điều kiện, ô dưới đây huấn luyện GAN MLP của bài 05 trên cùng các chữ
# số, với cùng cấu hình, để làm mốc so sánh.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Training: the same loop, plus labels
#
# Lesson 05's `train_gan` takes one more argument, `labels`, the label of each image. Each step takes a
# batch of real images with their labels; the generator draws fakes for exactly those labels, so real
# and fake share one label distribution; both networks get the labels in both steps. Everything else
# stays: a checkpoint after every epoch, bit-exact resuming, the moving average of $G$'s weights, the
# history and the metrics. The fixed noise for scoring comes with fixed labels $0, 0, \dots$ (10
# times)$, 1, \dots$: each row of the 10×10 grid is one digit, and the 1000 scored samples hold exactly
# 100 of each digit.
#
# The scoring function `score_conditional` adds to lesson 05's metrics the conditional ones, explained
# below. Right after the conditional GAN, the cell below trains lesson 05's MLP GAN on the same digits
# with the same configuration, as the baseline.

# %% slideshow={"slide_type": "skip"}
tier = TIERS[TIER]
n_train = len(digits.labels) if tier["per_class"] is None else 10 * tier["per_class"]
train_images, train_labels = digits.images[:n_train], digits.labels[:n_train]  # dealt: every class equally
config = TrainConfig(model="cgan", epochs=tier["epochs"], eval_every=tier["eval_every"])
run_dir = tempfile.mkdtemp(prefix="lesson08_")
run = train_gan(train_images, config, labels=train_labels, device=device, out_dir=run_dir,
                score=score_conditional, n_samples=1000)
baseline = train_gan(train_images, replace(config, model="mlp"), device=device, score=score_samples)

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Mỗi lưới dưới đây được sinh từ cùng 100 cặp (nhiễu, nhãn) cố định; hàng thứ $k$ là chữ số $k$:

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# Each grid below comes from the same 100 fixed (noise, label) pairs; row $k$ is digit $k$:

# %% slideshow={"slide_type": "subslide"}
show_grid_files(run_dir);

# %% slideshow={"slide_type": "subslide"}
show_losses(run.history);

# %% slideshow={"slide_type": "subslide"}
show_metrics(run.history, reference_scores(config.n_eval));

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Ô dưới đây in điểm số của hai lần chạy theo từng epoch, đặt cạnh nhau: độ chính xác có điều kiện (giải
# thích ở phần sau), FD, precision k-NN (*tỉ lệ mẫu sinh rơi vào vùng của dữ liệu thật*) và recall k-NN
# (*tỉ lệ dữ liệu thật được mẫu sinh phủ tới*) của bài 05; rồi thời gian mỗi epoch của hai mạng, đo trong cùng
# tiến trình. Các con số phụ thuộc `TIER` và máy, nên ô này không được so khi kiểm thử:

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# The scores of both runs over the epochs, side by side: conditional accuracy (explained below), FD, and
# lesson 05's k-NN precision and recall; then the seconds per epoch of both networks, measured in the same
# process. The numbers depend on `TIER` and the machine, so this cell is not compared in the tests:

# %% slideshow={"slide_type": "skip"}
ours, theirs = run.history["metrics"], baseline.history["metrics"]
print(ganlib.tr(en="epoch | conditional GAN: accuracy    FD  precision  recall | MLP GAN:    FD  precision  recall",
                vi="epoch | GAN có điều kiện: chính xác  FD  precision  recall | GAN MLP:    FD  precision  recall"))
for i, epoch in enumerate(ours["epoch"]):
    print(f"{epoch:5d} | {ours['conditional_accuracy'][i]:26.1%} {ours['fd'][i]:5.1f} {ours['precision'][i]:10.2f}"
          f" {ours['recall'][i]:7.2f} | {theirs['fd'][i]:13.1f} {theirs['precision'][i]:10.2f}"
          f" {theirs['recall'][i]:7.2f}")
seconds = [sum(r.history["seconds"]) / len(r.history["seconds"]) for r in (run, baseline)]
print(ganlib.tr(en=f"seconds per epoch, side by side in this process: conditional GAN {seconds[0]:.2f}, "
                   f"MLP GAN {seconds[1]:.2f}",
                vi=f"số giây mỗi epoch, đo cạnh nhau trong cùng tiến trình này: GAN có điều kiện {seconds[0]:.2f}, "
                   f"GAN MLP {seconds[1]:.2f}"))

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Bộ sinh huấn luyện sẵn: nội dung theo hàng, phong cách theo cột
#
# `assets/cgan_generator.pt` là bộ sinh (bản trung bình trượt) do lệnh
# `python -m ganlib train --model cgan --data bundled --device cpu --epochs 50` huấn luyện, lưu ở dạng float16. Nó
# học trên cả 5000 chữ số đi kèm, kể cả những chữ số để riêng, nên bài này chỉ dùng nó để minh họa (lưới
# này, đường đi dọc theo $\mathbf z$) và cho Bài 4 (phần bài tập), không bao giờ đem nó so với chữ số thật.
# Lưới dưới đây có một hàng cho mỗi chữ số và một cột cho mỗi vector nhiễu: trong một cột, $\mathbf z$
# giữ nguyên và chỉ nhãn đổi. Nhãn quyết định nội dung (chữ số nào); $\mathbf z$ quyết định phong cách
# (độ đậm, độ nghiêng, độ rộng nét), và cùng một $\mathbf z$ cho cùng một kiểu viết ở mọi hàng.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The pretrained generator: content by row, style by column
#
# `assets/cgan_generator.pt` is the generator (the moving average) of the command
# `python -m ganlib train --model cgan --data bundled --device cpu --epochs 50`, stored in float16. It
# trained on all 5000 bundled digits, the held-out ones included, so this lesson uses it only for
# pictures (this grid, the walk along $\mathbf z$) and for Exercise 4, never against real digits.
# The grid below has one row per digit and one column per noise vector: down a column $\mathbf z$
# stays the same and only the label changes. The label decides the content (which digit); $\mathbf z$
# decides the style (thickness, slant, width of the stroke), and one $\mathbf z$ gives one hand in
# every row.

# %% slideshow={"slide_type": "skip"}
pretrained, pretrained_history = load_generator(model="cgan")
styles = fixed_noise(10, pretrained.latent_dim, seed=0)
grid = generate(pretrained, styles.repeat(10, 1), labels=torch.arange(10).repeat_interleave(10))
show_conditional_grid(grid, title=ganlib.tr(en="One row per digit y, one column per z",
                                            vi="Mỗi hàng một chữ số y, mỗi cột một z"));

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Đo: bộ phân loại có đọc ra đúng chữ số không?
#
# Ta chấm bộ sinh vừa huấn luyện ở trên (bản trung bình trượt, như bài 05) ở lần chấm điểm cuối: 1000
# mẫu, 100 cho mỗi chữ số, từ nhiễu cố định (seed 0). Các thước đo:
#
# - **độ chính xác có điều kiện** (*conditional accuracy*): tỉ lệ mẫu được yêu cầu là $y$ mà bộ phân loại
#   đọc ra $y$, cho từng chữ số và trung bình trên mười chữ số;
# - **FD** của toàn bộ 1000 mẫu gộp lại, như bài 05;
# - **số lớp mỗi nhãn**: với mỗi $y$, số lớp chiếm ít nhất 2% số mẫu của nó (lý tưởng là 1);
# - **precision** và **recall** k-NN của bài 05, gộp trên mọi chữ số; **recall theo lớp** chỉ so các mẫu
#   của chữ số $y$ với các chữ số $y$ thật, tức là các mẫu của $y$ phủ được bao nhiêu phần trong các
#   cách viết $y$.
#
# Chữ số thật được chấm theo đúng cách đó: 1000 chữ số mới (100 mỗi lớp), mà cả $G$ lẫn bộ phân loại đều chưa
# từng thấy, với nhãn thật của chúng. Với chúng, độ chính xác có điều kiện chính là độ chính xác của bộ
# phân loại. Các con số phụ thuộc `TIER`, nên ô này không được so khi kiểm thử; văn bản bên dưới trích
# các con số của mức `"laptop"`.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Measured: does the classifier read the digit we asked for?
#
# We score the generator trained above (its moving average, as in lesson 05) at its last scoring: 1000
# samples, 100 per digit, from fixed noise (seed 0). The measures:
#
# - **conditional accuracy**: the share of samples asked for $y$ that the classifier reads as $y$, per
#   digit and averaged over the ten digits;
# - the **FD** of all 1000 samples pooled, as in lesson 05;
# - **classes per label**: for each $y$, the classes holding at least 2% of its samples (1 is ideal);
# - lesson 05's k-NN **precision** and **recall**, pooled over the digits; **per-class recall** compares
#   the samples of digit $y$ with real digits $y$ only: how much of the ways of writing $y$ the samples cover.
#
# Real digits are scored the same way: the 1000 fresh digits (100 per class), which neither $G$ nor the
# classifier ever saw, with their true labels. For them the conditional accuracy is the classifier's own
# accuracy. The numbers depend on `TIER`, so this cell is not compared in the tests; the text below
# quotes those of the `"laptop"` tier.

# %% slideshow={"slide_type": "fragment"}
scores, real = {key: values[-1] for key, values in run.history["metrics"].items()}, real_conditional_scores()
real_name = ganlib.tr(en="real", vi="thật")
print(f"{ganlib.tr(en='digit', vi='chữ số'):>6} | {ganlib.tr(en='accuracy G', vi='chính xác G'):>11} {real_name:>5} |"
      f" {ganlib.tr(en='classes G', vi='số lớp G'):>9} {real_name:>5} | {'recall G':>8} {real_name:>5}")
for d in range(10):
    print(f"{d:6d} | {scores['accuracy_per_digit'][d]:11.0%} {real['accuracy_per_digit'][d]:5.0%} |"
          f" {scores['classes_per_label'][d]:9d} {real['classes_per_label'][d]:5d} |"
          f" {scores['recall_per_digit'][d]:8.2f} {real['recall_per_digit'][d]:5.2f}")
for name, s in ((ganlib.tr(en="generator", vi="bộ sinh"), scores), (ganlib.tr(en="real digits", vi="chữ số thật"), real)):
    print(f"{name:>12}: " + ganlib.tr(
        en=f"conditional accuracy {s['conditional_accuracy']:.1%} | pooled FD {s['fd']:.1f} | "
           f"precision {s['precision']:.2f} | recall {s['recall']:.2f}",
        vi=f"độ chính xác có điều kiện {s['conditional_accuracy']:.1%} | FD gộp {s['fd']:.1f} | "
           f"precision {s['precision']:.2f} | recall {s['recall']:.2f}"))

# %% slideshow={"slide_type": "subslide"}
show_conditional_scores(scores, real);

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Ở mức `"laptop"`, bộ sinh vẽ đúng chữ số được yêu cầu ở 99.0% số mẫu (trung bình trên mười chữ số),
# thấp nhất là 98%; chữ số thật chấm cùng cách đạt 97.4%. Bộ phân loại đọc mẫu sinh ra còn dễ hơn đọc
# chữ số thật, nhưng điều đó không có nghĩa mẫu tốt hơn chữ số thật: chữ số thật có cả những nét viết
# ẩu, còn bộ sinh vẽ phần lớn theo những kiểu rõ ràng, điển hình. FD của 1000 mẫu gộp là 13.5, còn xa
# mức 5.5 của chữ số thật. Ở cột "số lớp mỗi nhãn", chỉ chữ số 8 và 9 lẫn sang một lớp khác ở từ 2% số
# mẫu trở lên; trong chữ số thật, các chữ số 1, 3 và 9 cũng vậy.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# At the `"laptop"` tier the generator draws the digit asked for in 99.0% of the samples (averaged over
# the ten digits), the lowest digits at 98%; real digits scored the same way reach 97.4%. The classifier
# reads the generated digits even more easily than real ones, but that does not make them better than
# real digits: real digits include sloppy hands, while the generator mostly draws clear, typical ones.
# The FD of the 1000 pooled samples is 13.5, still far from the real digits' 5.5. In the "classes per
# label" column only digits 8 and 9 leak into another class in at least 2% of their samples; among
# real digits, 1, 3 and 9 do.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Đi dọc theo $\mathbf z$ với một chữ số cố định
#
# Giữ nhãn, cho $\mathbf z$ đi từ $\mathbf z_0$ tới $\mathbf z_1$ theo
# $\mathbf z(t) = \cos(\tfrac{\pi t}{2})\,\mathbf z_0 + \sin(\tfrac{\pi t}{2})\,\mathbf z_1$. Vì
# $\cos^2 + \sin^2 = 1$, mỗi điểm $\mathbf z(t)$ trên đường này vẫn có đúng phân phối $\mathcal N(0, I)$
# như nhiễu lúc huấn luyện (đường thẳng nối hai điểm thì không: ở giữa, độ dài của $\mathbf z$ co lại).
# Chữ số giữ nguyên; chỉ kiểu viết đổi dần. Trước hết là hình tĩnh cho chữ số 4:

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Walking along $\mathbf z$ with the digit fixed
#
# Keep the label and move $\mathbf z$ from $\mathbf z_0$ to $\mathbf z_1$ along
# $\mathbf z(t) = \cos(\tfrac{\pi t}{2})\,\mathbf z_0 + \sin(\tfrac{\pi t}{2})\,\mathbf z_1$. Since
# $\cos^2 + \sin^2 = 1$, every point $\mathbf z(t)$ on this path has exactly the $\mathcal N(0, I)$
# distribution of the training noise (a straight line between the two would not: halfway, $\mathbf z$
# shrinks). The digit stays; only the hand changes, step by step. The static figure first, for digit 4:

# %% slideshow={"slide_type": "subslide"}
z_start, z_end = fixed_noise(2, pretrained.latent_dim, seed=1)
plot_digit_walk(pretrained, digit=4, z_start=z_start, z_end=z_end);

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Trong Jupyter, widget dưới đây cho phép chọn chữ số và vị trí $t$ trên đường đi; cạnh ảnh là xác suất bộ
# phân loại gán cho từng chữ số. (Trên GitHub hoặc bản PDF, widget không chạy; hình tĩnh ở trên thể
# hiện cùng nội dung.)

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# In Jupyter, the widget below lets you pick the digit and the position $t$ on the path; beside the image
# are the probabilities the classifier gives each digit. (On GitHub or in a PDF the widget does not run;
# the static figure above shows the same.)

# %% slideshow={"slide_type": "subslide"}
plots.widgets.digit_walk_widget(pretrained, z_start=z_start, z_end=z_end)

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Vẽ đúng chữ số chưa đủ: sự đa dạng trong từng chữ số
#
# Nhãn quyết định vẽ chữ số nào, nhưng không buộc $G$ vẽ đủ mọi cách viết chữ số đó. Ở mức `"laptop"`,
# recall theo lớp chỉ nằm trong khoảng từ 0.33 (chữ số 8) đến 0.65, trong khi chữ số thật chấm cùng cách đạt từ 0.76 đến
# 0.92. Gộp mọi chữ số, recall là 0.51 so với 0.87, còn precision lại cao hơn của chữ số thật (0.94 so với
# 0.90): mẫu nằm đúng vùng của chữ số thật nhưng chỉ phủ được một phần vùng đó. Độ chính xác có điều kiện không thấy
# được điều này: một mẫu có thể rõ ràng, được đọc đúng, mà vẫn chỉ là một trong vài kiểu viết.
#
# Đây là sụp đổ mode (*mode collapse*) bên trong từng lớp, hay chỉ là bộ sinh chưa học xong? Bảng theo
# epoch ở trên chỉ tách được hai khả năng này một phần. FD gần như ngừng giảm từ khoảng epoch 70 (14.3 ở
# epoch 70, 13.5 ở epoch 100), nhưng recall vẫn tăng đến tận cuối: 0.35 ở epoch 70, 0.47 ở epoch 90, 0.51
# ở epoch 100. Một bộ sinh đã kẹt ở vài kiểu viết cho mỗi chữ số thì recall phải đứng yên; bộ sinh này vẫn
# đang phủ thêm. Vậy với lần chạy này, câu hỏi recall thấp là do sụp đổ mode hay do huấn luyện chưa đủ vẫn
# **chưa ngã ngũ**; muốn biết, hãy tiếp tục huấn luyện thêm nhiều epoch (xem phần Tìm hiểu thêm).
#
# So với GAN MLP của bài 05, huấn luyện ngay ở trên với cùng chữ số, cùng số epoch và cùng seed (ô dưới
# đây in lại các con số): ở epoch 100, recall của hai mạng gần như bằng nhau (0.51 và 0.52), còn FD của
# GAN có điều kiện tốt hơn hẳn (13.5 so với 43.2) và precision cũng cao hơn (0.94 so với 0.76). Như vậy,
# khi so theo cùng một quy trình, lần chạy này không cho thấy nhãn làm giảm recall, còn mẫu của GAN có
# điều kiện gần chữ số thật hơn. Một phần lợi thế về FD gộp có thể đến từ chính cách lấy mẫu: GAN có điều
# kiện được yêu cầu đúng 100 mẫu cho mỗi chữ số, còn GAN MLP phải tự học tỉ lệ giữa các chữ số. Đây chỉ là
# một seed, và FD của GAN MLP vẫn đang giảm (50.9 ở epoch 90, 43.2 ở epoch 100), nên kết quả này chỉ cho
# thấy ở epoch 100 GAN có điều kiện đã đi xa hơn, chứ chưa nói được mỗi mạng sẽ dừng ở đâu; còn chênh
# lệch 0.01 về recall thì **chưa ngã ngũ**. (Vì thế bài này không so bộ sinh đi kèm (50 epoch) với bộ sinh
# của bài 05 (100 epoch): hai lần chạy dài ngắn khác nhau, và cả hai đều học trên chính những chữ
# số dùng để chấm chúng.)
#
# Dưới đây là ba hàng mẫu sinh ra của chữ số có recall thấp nhất và ba hàng chữ số thật cùng lớp, lấy từ
# những chữ số để riêng.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The right digit is not enough: diversity within each digit
#
# The label decides which digit; it does not make $G$ draw every way of writing it. At the `"laptop"`
# tier, per-class recall runs only from 0.33 (digit 8) to 0.65, while real digits scored the same way
# reach 0.76 to 0.92. Pooled over the digits, recall is 0.51 against 0.87, while precision is higher than
# the real digits' (0.94 against 0.90): the samples lie where real digits lie, but cover only part of
# them. Conditional accuracy cannot see this: a sample can be clear and read correctly and still be one
# of only a few hands.
#
# Is this a mode collapse within each class, or a generator that has not finished learning? The table
# over epochs above separates the two only in part. FD almost stopped falling around epoch 70 (14.3 at
# epoch 70, 13.5 at epoch 100), but recall was still rising at the end: 0.35 at epoch 70, 0.47 at epoch
# 90, 0.51 at epoch 100. A generator stuck on a few hands per digit would hold its recall flat; this one
# is still covering more. So from this run, whether the low recall is a mode collapse or under-training
# is **not decided**; to tell, train on for more epochs (see To explore).
#
# Against lesson 05's MLP GAN, trained just above on the same digits, for the same epochs, with the same
# seed (the cell below prints the numbers again): at epoch 100 the two recalls are nearly equal (0.51 and
# 0.52), while the conditional GAN's FD is far better (13.5 against 43.2) and its precision higher (0.94
# against 0.76). Compared under one protocol, then, this run shows no sign that the label lowers recall,
# and the conditional GAN's samples are closer to real digits. Part of the pooled-FD gain may come from
# the sampling itself: the conditional GAN is asked for exactly 100 samples per digit, while the MLP GAN
# has to learn the digits' proportions. This is one seed, and the MLP GAN's FD is still falling (50.9 at
# epoch 90, 43.2 at epoch 100), so it shows only that the conditional GAN is further along at epoch 100,
# not where either one ends; the recall gap of 0.01 is **not decided**. (That is why this lesson does not
# compare the shipped conditional generator (50 epochs) with lesson 05's (100 epochs): two
# runs of different length, both trained on the very digits used to score them.)
#
# Below, three rows of generated samples of the digit with the lowest recall, and three rows of held-out
# real digits of that class.

# %% slideshow={"slide_type": "fragment"}
mlp_scores = {key: values[-1] for key, values in baseline.history["metrics"].items()}
for name, s in ((ganlib.tr(en="conditional GAN", vi="GAN có điều kiện"), scores),
                (ganlib.tr(en="MLP GAN (lesson 05)", vi="GAN MLP (bài 05)"), mlp_scores),
                (ganlib.tr(en="real digits", vi="chữ số thật"), real)):
    print(f"{name:>19}: FD {s['fd']:5.1f} | precision {s['precision']:.2f} | recall {s['recall']:.2f}")

# %% slideshow={"slide_type": "skip"}
labels = fixed_labels(1000)  # the scored noise and labels: fixed noise of seed 0, 100 samples per digit
samples = generate(run.sampler, fixed_noise(1000, run.sampler.latent_dim, seed=0), labels=labels)
worst = min(range(10), key=lambda d: scores["recall_per_digit"][d])
fresh = split.fresh  # held out: neither G nor the classifier saw these digits
show_digits(torch.cat([samples[labels == worst][:30], ganlib.to_gan_range(fresh.images[fresh.labels == worst][:30])]),
            value_range=(-1.0, 1.0), title=ganlib.tr(
                en=f"Digit {worst}: three rows from the generator, three rows of real digits",
                vi=f"Chữ số {worst}: ba hàng từ bộ sinh, ba hàng chữ số thật"));

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Từ dòng lệnh
#
# ```bash
# # 16 chữ số 7 từ bộ sinh có điều kiện đi kèm, seed 0: tensor float32 16×1×28×28 trong [-1, 1]
# python -m ganlib sample --model cgan --digit 7 --n 16 --seed 0 --out sevens.pt
# # từ bộ sinh MLP của bài 05 (không có --digit: nó không chọn được chữ số)
# python -m ganlib sample --model mlp --n 1000 --seed 0 --out mlp.pt
# # huấn luyện lại bộ sinh có điều kiện, rồi lấy mẫu từ checkpoint của chính bạn
# python -m ganlib train --model cgan --data bundled --device cpu --epochs 50 --out runs/cgan
# python -m ganlib sample --checkpoint runs/cgan/checkpoint.pt --digit 3 --n 100 --out threes.pt
# python -m ganlib score --range=-1,1 threes.pt
# ```

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## From the command line
#
# ```bash
# # 16 sevens from the shipped conditional generator, seed 0: a float32 tensor 16×1×28×28 in [-1, 1]
# python -m ganlib sample --model cgan --digit 7 --n 16 --seed 0 --out sevens.pt
# # from lesson 05's MLP generator (no --digit: it cannot choose the digit)
# python -m ganlib sample --model mlp --n 1000 --seed 0 --out mlp.pt
# # train the conditional generator again, then sample from your own checkpoint
# python -m ganlib train --model cgan --data bundled --device cpu --epochs 50 --out runs/cgan
# python -m ganlib sample --checkpoint runs/cgan/checkpoint.pt --digit 3 --n 100 --out threes.pt
# python -m ganlib score --range=-1,1 threes.pt
# ```

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Tóm tắt
#
# - GAN có điều kiện học $p(\mathbf x \mid y)$: cả hai mạng nhận nhãn, ảnh giả dùng cùng phân phối nhãn với
#   ảnh thật, và tại $D^*$ trò chơi cực tiểu hóa trung bình theo $y$ của phân kỳ Jensen–Shannon giữa từng cặp
#   phân phối có điều kiện.
# - Bộ sinh nhận nhãn qua một phép nhúng đặt cạnh $\mathbf z$; bộ phân biệt nhận nhãn bằng cách ghép vào
#   đầu vào, hoặc bằng phép chiếu $\mathbf e_y^\top \phi(\mathbf x)$ ở cuối như trong bài này.
# - Nhãn quyết định nội dung, $\mathbf z$ quyết định phong cách.
# - Độ chính xác có điều kiện đo việc vẽ đúng chữ số; nó không đo sự đa dạng trong một chữ số. Recall
#   theo lớp đo điều đó: ở đây nó thấp hơn rõ rệt so với chữ số thật, nhưng recall gộp vẫn còn tăng ở epoch cuối,
#   nên chưa thể kết luận đó là sụp đổ mode hay chỉ là huấn luyện chưa đủ.
# - Mọi chữ số thật dùng làm mốc đều nằm ngoài dữ liệu huấn luyện của $G$.
#
# **Tìm hiểu thêm (không có ô kiểm tra).** (1) Huấn luyện tiếp lần chạy của bài đến 200 epoch:
# `train_gan(train_images, replace(config, epochs=200), labels=train_labels, out_dir=run_dir, resume=True,
# score=score_conditional)`, rồi xem recall có chững lại dưới mức 0.87 của chữ số thật không. (2) Viết bộ
# phân biệt ghép nhãn (khoảng mười dòng: `nn.Embedding`, `torch.cat` với ảnh đã làm phẳng, rồi MLP của bài
# 05), thêm nó vào `ganlib.gan.models.MODELS` dưới một tên mới, huấn luyện cùng số epoch và so độ chính xác
# từng chữ số với bộ phân biệt chiếu.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Summary
#
# - A conditional GAN learns $p(\mathbf x \mid y)$: both networks get the label, fakes use the real label
#   distribution, and at $D^*$ the game minimises the average over $y$ of the Jensen–Shannon
#   divergence between each pair of conditionals.
# - The generator gets the label through an embedding beside $\mathbf z$; the discriminator gets it by
#   concatenation at the input, or by the projection $\mathbf e_y^\top \phi(\mathbf x)$ at the end, as in
#   this lesson.
# - The label decides the content, $\mathbf z$ the style.
# - Conditional accuracy measures drawing the right digit; it does not measure diversity within a
#   digit. Per-class recall does: here it stays well below real digits, but pooled recall is still
#   rising at the last epoch, so whether that is a mode collapse or under-training is not decided.
# - Every real digit used as a yardstick lies outside $G$'s training data.
#
# **To explore (no check).** (1) Train the lesson's run on to 200 epochs:
# `train_gan(train_images, replace(config, epochs=200), labels=train_labels, out_dir=run_dir, resume=True,
# score=score_conditional)`, and see whether recall levels off below the real digits' 0.87. (2) Write the
# concatenating discriminator (about ten lines: `nn.Embedding`, `torch.cat` with the flattened image, then
# lesson 05's MLP), add it to `ganlib.gan.models.MODELS` under a new name, train the same number of epochs
# and compare the per-digit accuracy with the projection discriminator.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Bài tập
#
# Điền vào mỗi ô bài tập, chạy nó, rồi chạy ô kiểm tra ngay sau: `✓` là đúng, `✗` kèm gợi ý là chưa.
# Lời giải nằm trong `solutions/08_conditional_gan.ipynb`.
#
# **Bài 1 (cài đặt): độ chính xác có điều kiện.** Viết `conditional_accuracy(predicted, labels)` nhận hai
# tensor số nguyên độ dài $N$: `labels[i]` là chữ số được yêu cầu cho mẫu $i$, `predicted[i]` là chữ số bộ
# phân loại đọc ra. Trả về một cặp: (trung bình các độ chính xác theo chữ số, danh sách 10 độ chính xác
# theo chữ số $0, \dots, 9$). Độ chính xác của chữ số $y$ là tỉ lệ mẫu được yêu cầu là $y$ mà được đọc ra
# $y$. Giống thước đo trong bài, một chữ số không có mẫu nào nhận `None` và không được tính vào trung bình.
# Ô kiểm tra có một trường hợp đếm tay được và hai trường hợp ngẫu nhiên.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Exercises
#
# Fill in each exercise cell, run it, then run the check right after it: `✓` means right, `✗` comes with
# a hint. Solutions are in `solutions/08_conditional_gan.ipynb`.
#
# **Exercise 1 (implement): conditional accuracy.** Write `conditional_accuracy(predicted, labels)` for two
# integer tensors of length $N$: `labels[i]` is the digit asked for sample $i$, `predicted[i]` the digit
# the classifier reads. Return a pair: (the mean of the per-digit accuracies, the list of the 10 per-digit
# accuracies for digits $0, \dots, 9$). The accuracy of digit $y$ is the share of the samples asked for $y$
# that are read as $y$. As in the lesson's metric, a digit without samples gets `None` and stays out of
# the mean. The check has one case you can count by hand and two random ones.

# %% slideshow={"slide_type": "skip"}
from ganlib import exercises

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def conditional_accuracy(predicted: torch.Tensor, labels: torch.Tensor) -> tuple[float, list]:
    """(mean over the digits with samples, per-digit accuracies 0..9 with None for a digit without samples)."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
def conditional_accuracy(predicted: torch.Tensor, labels: torch.Tensor) -> tuple[float, list]:
    """(mean over the digits with samples, per-digit accuracies 0..9 with None for a digit without samples)."""
    per_digit = [float((predicted[labels == y] == y).float().mean()) if (labels == y).any() else None
                 for y in range(10)]
    present = [accuracy for accuracy in per_digit if accuracy is not None]
    return sum(present) / len(present), per_digit

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_conditional_accuracy(conditional_accuracy)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 2 (cài đặt): logit của bộ phân biệt chiếu.** Viết `projection_logit(features, class_embedding,
# unconditional_logit)` cho một batch: `features` là $\phi(\mathbf x)$ (kích thước $N \times F$),
# `class_embedding` là $\mathbf e_y$ của nhãn từng mẫu ($N \times F$), `unconditional_logit` là
# $\psi(\phi(\mathbf x))$ (dài $N$). Trả về $N$ logit $\ell(\mathbf x, y) = \psi(\phi(\mathbf x)) +
# \mathbf e_y^\top \phi(\mathbf x)$, đúng công thức ở phần "Đưa nhãn cho hai mạng".

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 2 (implement): the projection discriminator's logit.** Write `projection_logit(features,
# class_embedding, unconditional_logit)` for a batch: `features` is $\phi(\mathbf x)$ (shape $N \times F$),
# `class_embedding` is $\mathbf e_y$ of each sample's label ($N \times F$), `unconditional_logit` is
# $\psi(\phi(\mathbf x))$ (length $N$). Return the $N$ logits $\ell(\mathbf x, y) = \psi(\phi(\mathbf x)) +
# \mathbf e_y^\top \phi(\mathbf x)$, the formula of "Giving both networks the label".

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def projection_logit(features: torch.Tensor, class_embedding: torch.Tensor,
                     unconditional_logit: torch.Tensor) -> torch.Tensor:
    """N logits psi(phi(x)) + e_y . phi(x) from features N×F, class embeddings N×F and psi(phi(x)) of length N."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
def projection_logit(features: torch.Tensor, class_embedding: torch.Tensor,
                     unconditional_logit: torch.Tensor) -> torch.Tensor:
    """N logits psi(phi(x)) + e_y . phi(x) from features N×F, class embeddings N×F and psi(phi(x)) of length N."""
    return unconditional_logit + (class_embedding * features).sum(dim=1)  # one dot product per row

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_projection_logit(projection_logit)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 3 (suy ra rồi kiểm tra): dạng chiếu từ đâu mà có.** Làm trên giấy trước.
#
# (a) Cố định một nhãn $y$. Lập luận của bài 02 cho bộ phân biệt tối ưu
# $D^*(\mathbf x, y) = p_\text{data}(\mathbf x \mid y) / \bigl(p_\text{data}(\mathbf x \mid y) + p_G(\mathbf x \mid y)\bigr)$.
# Hãy chứng minh điều này, rồi chứng minh rằng khi ảnh giả dùng cùng phân phối nhãn $p(y)$ với ảnh thật,
# logit của nó, $\log \frac{D^*}{1 - D^*}$, bằng $\log p_\text{data}(\mathbf x, y) - \log p_G(\mathbf x, y)$.
#
# (b) Giả sử phân phối hậu nghiệm (*posterior*) của nhãn, với chữ số thật cũng như với chữ số sinh ra, đều
# là softmax của một hàm tuyến tính theo đặc trưng $\phi(\mathbf x)$:
# $p_\text{data}(y \mid \mathbf x) = \exp(\mathbf v_y^\top \phi(\mathbf x)) / \sum_c \exp(\mathbf v_c^\top \phi(\mathbf x))$,
# và $p_G(y \mid \mathbf x)$ có cùng dạng với các vector $\mathbf w_y$. Chứng minh rằng logit của $D^*$ có dạng
# $\psi(\mathbf x) + \mathbf e_y^\top \phi(\mathbf x)$, và tìm $\mathbf e_y$ cùng $\psi(\mathbf x)$.
#
# Sau đó viết `projection_parts(V, W, phi, log_ratio)`: `V` và `W` có kích thước $C \times F$ (hàng $c$ là
# $\mathbf v_c$, $\mathbf w_c$), `phi` có kích thước $N \times F$, `log_ratio` chứa $N$ giá trị
# $\log \bigl(p_\text{data}(\mathbf x) / p_G(\mathbf x)\bigr)$. Trả về cặp `(E, psi)`: `E` có kích thước $C \times F$
# với hàng $y$ là $\mathbf e_y$, `psi` gồm $N$ giá trị $\psi(\mathbf x)$. Ô kiểm tra đối chiếu tổng
# $\psi(\mathbf x) + \mathbf e_y^\top \phi(\mathbf x)$ với $\log p_\text{data}(\mathbf x, y) - \log p_G(\mathbf x, y)$
# tính thẳng từ hai softmax, cho mọi $\mathbf x$ và mọi $y$.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 3 (derive, then check): where the projection form comes from.** On paper first.
#
# (a) Fix a label $y$. Lesson 02's argument gives the optimal discriminator
# $D^*(\mathbf x, y) = p_\text{data}(\mathbf x \mid y) / \bigl(p_\text{data}(\mathbf x \mid y) + p_G(\mathbf x \mid y)\bigr)$.
# Show it, then show that when fakes use the real label distribution $p(y)$, its logit
# $\log \frac{D^*}{1 - D^*}$ equals $\log p_\text{data}(\mathbf x, y) - \log p_G(\mathbf x, y)$.
#
# (b) Suppose the class posteriors of real and of generated digits are both a softmax of a function
# linear in the features $\phi(\mathbf x)$:
# $p_\text{data}(y \mid \mathbf x) = \exp(\mathbf v_y^\top \phi(\mathbf x)) / \sum_c \exp(\mathbf v_c^\top \phi(\mathbf x))$,
# and $p_G(y \mid \mathbf x)$ the same with vectors $\mathbf w_y$. Show that the logit of $D^*$ has the form
# $\psi(\mathbf x) + \mathbf e_y^\top \phi(\mathbf x)$, and find $\mathbf e_y$ and $\psi(\mathbf x)$.
#
# Then write `projection_parts(V, W, phi, log_ratio)`: `V` and `W` are $C \times F$ (row $c$ is $\mathbf v_c$,
# $\mathbf w_c$), `phi` is $N \times F$, `log_ratio` holds the $N$ values
# $\log \bigl(p_\text{data}(\mathbf x) / p_G(\mathbf x)\bigr)$. Return the pair `(E, psi)`: `E` is $C \times F$ with row
# $y$ equal to $\mathbf e_y$, `psi` the $N$ values $\psi(\mathbf x)$. The check compares
# $\psi(\mathbf x) + \mathbf e_y^\top \phi(\mathbf x)$, for every $\mathbf x$ and every $y$, with
# $\log p_\text{data}(\mathbf x, y) - \log p_G(\mathbf x, y)$ computed directly from the two softmaxes.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def projection_parts(V: torch.Tensor, W: torch.Tensor, phi: torch.Tensor,
                     log_ratio: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(E with row y = e_y, C×F; psi, N values) such that psi + phi·e_y is the logit of D*(x, y)."""
    raise NotImplementedError

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi", "solution"]
# *Lời giải.* (a) Với $y$ cố định, phần của hàm giá trị thuộc về nhãn $y$ là
# $\int \bigl[p_\text{data}(\mathbf x \mid y) \log D(\mathbf x, y) + p_G(\mathbf x \mid y) \log\bigl(1 - D(\mathbf x, y)\bigr)\bigr]\,d\mathbf x$.
# $D$ được chọn tự do tại từng điểm, nên ta cực đại hóa biểu thức dưới dấu tích phân tại từng $\mathbf x$:
# hàm $t \mapsto a \log t + b \log(1 - t)$ với $a, b > 0$ có đạo hàm $a/t - b/(1 - t)$, triệt tiêu tại
# $t = a / (a + b)$, và đó là điểm cực đại vì hàm lõm. Thay $a = p_\text{data}(\mathbf x \mid y)$,
# $b = p_G(\mathbf x \mid y)$ ta được $D^*$. Khi đó $D^* / (1 - D^*) = p_\text{data}(\mathbf x \mid y) / p_G(\mathbf x \mid y)$;
# nhân cả tử và mẫu với cùng một $p(y)$ (hai bên dùng chung phân phối nhãn) thì được
# $p_\text{data}(\mathbf x, y) / p_G(\mathbf x, y)$.
#
# (b) Theo công thức Bayes, $p_\text{data}(\mathbf x, y) = p_\text{data}(y \mid \mathbf x)\, p_\text{data}(\mathbf x)$,
# và tương tự với $p_G$. Vậy logit bằng
# $\log p_\text{data}(y \mid \mathbf x) - \log p_G(y \mid \mathbf x) + \log \bigl(p_\text{data}(\mathbf x) / p_G(\mathbf x)\bigr)$.
# Với softmax, $\log p_\text{data}(y \mid \mathbf x) = \mathbf v_y^\top \phi(\mathbf x) - \log \sum_c \exp(\mathbf v_c^\top \phi(\mathbf x))$.
# Lấy hiệu hai biểu thức:
#
# $$\log \frac{D^*}{1 - D^*} = (\mathbf v_y - \mathbf w_y)^\top \phi(\mathbf x)
#   + \Bigl[\log \sum_c e^{\mathbf w_c^\top \phi(\mathbf x)} - \log \sum_c e^{\mathbf v_c^\top \phi(\mathbf x)}
#   + \log \frac{p_\text{data}(\mathbf x)}{p_G(\mathbf x)}\Bigr].$$
#
# Phần trong ngoặc vuông không phụ thuộc $y$: đó là $\psi(\mathbf x)$, còn $\mathbf e_y = \mathbf v_y - \mathbf w_y$.
# Hai mẫu số của softmax không triệt tiêu nhau, vì chúng phụ thuộc $\mathbf x$; chúng chỉ không phụ thuộc
# $y$, nên được gộp vào $\psi$. Chỉ tổng được xác định: cộng cùng một vector $\mathbf c$ vào mọi $\mathbf e_y$
# và trừ $\mathbf c^\top \phi(\mathbf x)$ khỏi $\psi$ cho cùng một $D^*$, nên ô kiểm tra chỉ so tổng. Bộ phân
# biệt chiếu không cần học riêng $\mathbf v_y$ và $\mathbf w_y$: nó học thẳng hiệu $\mathbf e_y$, còn $\psi$
# gánh mọi phần không phụ thuộc nhãn, kể cả log của tỉ số mật độ $p_\text{data}(\mathbf x) / p_G(\mathbf x)$ của GAN
# không điều kiện.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en", "solution"]
# *Solution.* (a) For a fixed $y$, the part of the value function that belongs to label $y$ is
# $\int \bigl[p_\text{data}(\mathbf x \mid y) \log D(\mathbf x, y) + p_G(\mathbf x \mid y) \log\bigl(1 - D(\mathbf x, y)\bigr)\bigr]\,d\mathbf x$.
# $D$ can be chosen freely at each point, so we maximise the integrand at each $\mathbf x$: the function
# $t \mapsto a \log t + b \log(1 - t)$ with $a, b > 0$ has derivative $a/t - b/(1 - t)$, zero at
# $t = a / (a + b)$, and that is the maximum since the function is concave. With
# $a = p_\text{data}(\mathbf x \mid y)$, $b = p_G(\mathbf x \mid y)$ this is $D^*$. Then
# $D^* / (1 - D^*) = p_\text{data}(\mathbf x \mid y) / p_G(\mathbf x \mid y)$; multiplying top and bottom by the same
# $p(y)$ (both sides share the label distribution) gives $p_\text{data}(\mathbf x, y) / p_G(\mathbf x, y)$.
#
# (b) By Bayes' rule, $p_\text{data}(\mathbf x, y) = p_\text{data}(y \mid \mathbf x)\, p_\text{data}(\mathbf x)$, and
# the same for $p_G$. So the logit is
# $\log p_\text{data}(y \mid \mathbf x) - \log p_G(y \mid \mathbf x) + \log \bigl(p_\text{data}(\mathbf x) / p_G(\mathbf x)\bigr)$.
# With the softmax, $\log p_\text{data}(y \mid \mathbf x) = \mathbf v_y^\top \phi(\mathbf x) - \log \sum_c \exp(\mathbf v_c^\top \phi(\mathbf x))$.
# Subtracting:
#
# $$\log \frac{D^*}{1 - D^*} = (\mathbf v_y - \mathbf w_y)^\top \phi(\mathbf x)
#   + \Bigl[\log \sum_c e^{\mathbf w_c^\top \phi(\mathbf x)} - \log \sum_c e^{\mathbf v_c^\top \phi(\mathbf x)}
#   + \log \frac{p_\text{data}(\mathbf x)}{p_G(\mathbf x)}\Bigr].$$
#
# The bracket does not depend on $y$: it is $\psi(\mathbf x)$, and $\mathbf e_y = \mathbf v_y - \mathbf w_y$. The two
# softmax denominators do not cancel, since they depend on $\mathbf x$; they only do not depend on $y$, so
# they join $\psi$. Only the sum is determined: adding one vector $\mathbf c$ to every $\mathbf e_y$ and
# subtracting $\mathbf c^\top \phi(\mathbf x)$ from $\psi$ gives the same $D^*$, which is why the check compares
# the sum. A projection discriminator need not learn $\mathbf v_y$ and $\mathbf w_y$ apart: it learns their
# difference $\mathbf e_y$ directly, and $\psi$ carries everything free of the label, including the log density
# ratio $p_\text{data}(\mathbf x) / p_G(\mathbf x)$ of the unconditional GAN.

# %% slideshow={"slide_type": "skip"} tags=["solution"]
def projection_parts(V: torch.Tensor, W: torch.Tensor, phi: torch.Tensor,
                     log_ratio: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(E with row y = e_y, C×F; psi, N values) such that psi + phi·e_y is the logit of D*(x, y)."""
    normalisers = torch.logsumexp(phi @ W.T, dim=1) - torch.logsumexp(phi @ V.T, dim=1)  # free of y
    return V - W, log_ratio + normalisers

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_projection_parts(projection_parts)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 4 (thí nghiệm): nhiễu dài gấp ba.** Lúc huấn luyện, $\mathbf z$ lấy từ $\mathcal N(0, I)$ nên độ dài
# của nó gần $\sqrt{100} = 10$. Ô kiểm tra lấy bộ sinh có điều kiện đi kèm, 100 cặp (nhiễu, nhãn) cố định
# (10 mẫu mỗi chữ số), rồi sinh ảnh hai lần: với $\mathbf z$ và với $3\mathbf z$, nhãn giữ nguyên. Nó đo tỉ
# lệ mẫu mà bộ phân loại đọc ra đúng chữ số được yêu cầu. Hãy dự đoán trước kết quả với $3\mathbf z$:
#
# - (a) vẫn từ 90% trở lên: nhãn quyết định chữ số, $\mathbf z$ chỉ đổi phong cách;
# - (b) dưới 70%;
# - (c) ở giữa hai mức.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 4 (experiment): noise three times longer.** In training $\mathbf z$ comes from $\mathcal N(0,
# I)$, so its length is close to $\sqrt{100} = 10$. The check takes the shipped conditional generator, 100
# fixed (noise, label) pairs (10 samples per digit), and draws images twice: with $\mathbf z$ and with
# $3\mathbf z$, the labels unchanged. It measures the share of samples the classifier reads as the digit
# asked for. Predict first, for $3\mathbf z$:
#
# - (a) still 90% or more: the label decides the digit, $\mathbf z$ only the style;
# - (b) below 70%;
# - (c) in between.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
long_noise_prediction = ...  # "a", "b" or "c"

# %% slideshow={"slide_type": "skip"} tags=["solution"]
long_noise_prediction = "b"

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.experiment_long_noise(long_noise_prediction)

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Câu hỏi kiểm tra
#
# Chọn đáp án rồi bấm **Kiểm tra** khi bạn tự chạy notebook; trên GitHub, mở mục **Đáp án**.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Quiz
#
# Pick an answer and press **Check** when you run the notebook; on GitHub, open **Answer**.

# %% slideshow={"slide_type": "-"} tags=["quiz"]
exercises.show_quiz("08")
