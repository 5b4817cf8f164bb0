# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# # 00 — Giới thiệu
#
# Chào mừng bạn đến với khóa học về mạng đối sinh (*generative adversarial network*, GAN). Bài này
# trả lời ba câu hỏi: mô hình sinh là gì, GAN dùng để làm gì, và khóa học được tổ chức ra sao. Cuối
# bài, một ô kiểm tra cho biết máy của bạn đã sẵn sàng hay chưa.
#
# Mọi bài đều theo một nguyên tắc: công thức nào cũng được viết ra đầy đủ, rồi kiểm chứng bằng một ô
# code chạy được. Mỗi khi thấy một con số, bạn có thể chạy lại ô đó và tự kiểm tra.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# # 00 — Introduction
#
# Welcome to this course on generative adversarial networks (GANs). This lesson answers three
# questions: what a generative model is, what GANs are used for, and how the course is organised. At
# the end, a setup check tells you whether your machine is ready.
#
# Every lesson follows one rule: each formula is written out, then verified by a code cell that runs.
# Whenever you see a number, you can run the cell again and check it yourself.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Ô đầu tiên của mỗi bài chọn ngôn ngữ. Mọi tiêu đề hình, nhãn trục và thông báo của `ganlib` sẽ theo
# lựa chọn này.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# The first cell of every lesson picks the language. Every figure title, axis label and message that
# `ganlib` produces follows it.

# %% slideshow={"slide_type": "skip"} tags=["colab"]
# notebooks/build.py writes here the cell that installs ganlib where it is missing and picks the language

# %% slideshow={"slide_type": "skip"}
import torch
from ganlib import show_digits

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Dữ liệu: các chữ số viết tay MNIST
#
# Suốt khóa học ta làm việc với MNIST: ảnh xám 28×28 của các chữ số viết tay từ 0 đến 9. Nếu máy có
# kết nối Internet, `ganlib.load_mnist()` tải bộ đầy đủ gồm 60000 ảnh huấn luyện. Nếu không, hàm báo
# rõ điều đó và dùng tập con đi kèm trong `assets/`: 5000 ảnh MNIST thật, mỗi chữ số 500 ảnh. Ta không
# bao giờ lấy dữ liệu tổng hợp rồi gọi đó là MNIST.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The data: MNIST handwritten digits
#
# Throughout the course we work with MNIST: 28×28 grayscale images of handwritten digits 0 to 9.
# With a network connection, `ganlib.load_mnist()` downloads the full set of 60000 training images.
# Without one, it says so plainly and uses the subset shipped in `assets/`: 5000 real MNIST images,
# 500 of each digit. We never pass off synthetic data as MNIST.

# %% slideshow={"slide_type": "fragment"}
digits = ganlib.load_mnist()
images, labels = digits.images, digits.labels

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Mỗi ảnh là một tensor `uint8` cỡ 1×28×28, giá trị từ 0 (nền đen) đến 255 (nét mực). Ta kiểm tra
# hình dạng, miền giá trị và số ảnh của mỗi chữ số.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# Each image is a `uint8` tensor of size 1×28×28, with values from 0 (black background) to 255
# (ink). We check the shape, the value range and the number of images of each digit.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
print(ganlib.tr(en="images:", vi="ảnh:"), tuple(images.shape), images.dtype,
      ganlib.tr(en="values from", vi="giá trị từ"), images.min().item(), ganlib.tr(en="to", vi="đến"), images.max().item())
print(ganlib.tr(en="per digit:", vi="số ảnh mỗi chữ số:"), torch.bincount(labels, minlength=10).tolist())

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Mười ảnh đầu tiên của mỗi chữ số:

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# The first ten images of each digit:

# %% slideshow={"slide_type": "subslide"}
first_ten = torch.cat([images[labels == d][:10] for d in range(10)])
show_digits(first_ten, nrow=10, title=ganlib.tr(en="Real MNIST digits", vi="Chữ số MNIST thật"));

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Mô hình phân biệt và mô hình sinh
#
# Có hai cách để một mô hình "hiểu" dữ liệu.
#
# - **Mô hình phân biệt** (*discriminative model*) học $p(y \mid \mathbf x)$: với một ảnh
#   $\mathbf x$, nhãn $y$ của nó là gì? Ví dụ: phân biệt chữ số 0 với chữ số 1.
# - **Mô hình sinh** (*generative model*) học chính phân phối $p(\mathbf x)$ của dữ liệu, để có
#   thể **lấy mẫu** ra những ảnh mới trông như thật. Ví dụ: vẽ một chữ số chưa ai từng viết.
#
# Bài toán thứ nhất dễ hơn nhiều. Ta thử ngay: hồi quy logistic trên 784 điểm ảnh, huấn luyện bằng
# hạ gradient (*gradient descent*) trên 400 ảnh chữ số 0 và 400 ảnh chữ số 1, rồi đánh giá trên 100
# ảnh mỗi loại mà mô hình chưa thấy. Trọng số khởi tạo bằng 0 và mỗi bước dùng cả tập huấn luyện, nên
# lần chạy nào cũng cho cùng một kết quả.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Discriminative and generative models
#
# A model can "understand" data in two ways.
#
# - A **discriminative model** learns $p(y \mid \mathbf x)$: given an image $\mathbf x$, what is its
#   label $y$? Example: telling a 0 from a 1.
# - A **generative model** learns the distribution $p(\mathbf x)$ of the data itself, so that it can
#   **sample** new images that look real. Example: drawing a digit nobody has written yet.
#
# The first task is far easier. Let us try it right away: logistic regression on the 784 pixels,
# trained by gradient descent on 400 images of 0 and 400 of 1, then evaluated on 100 unseen images of
# each. The weights start at zero and every step uses the whole set, so every run gives the same
# result.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
def zeros_and_ones(part: slice) -> tuple[torch.Tensor, torch.Tensor]:
    x = torch.cat([images[labels == d][part] for d in (0, 1)]).flatten(1).float() / 255
    y = torch.cat([torch.full((len(x) // 2,), float(d)) for d in (0, 1)])
    return x, y

x_train, y_train = zeros_and_ones(slice(0, 400))
x_test, y_test = zeros_and_ones(slice(400, 500))
w = torch.zeros(784, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
optimizer = torch.optim.SGD([w, b], lr=0.5)
for step in range(100):
    optimizer.zero_grad()
    loss = torch.nn.functional.binary_cross_entropy_with_logits(x_train @ w + b, y_train)
    loss.backward()
    optimizer.step()

with torch.no_grad():
    accuracy = ((x_test @ w + b > 0).float() == y_test).float().mean().item()
print(ganlib.tr(en=f"held-out accuracy, 0 vs 1: {accuracy:.3f}",
                vi=f"độ chính xác trên ảnh chưa thấy, 0 với 1: {accuracy:.3f}"))

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Gần như hoàn hảo chỉ sau 100 bước: để phân biệt 0 với 1, chỉ cần biết vài điểm ảnh ở giữa có mực hay
# không.
#
# Sinh ảnh thì khó hơn nhiều. Ta thử mô hình sinh đơn giản nhất: coi 784 điểm ảnh là **độc lập**.
# Với mỗi chữ số, ta ước lượng xác suất mỗi điểm ảnh có mực (giá trị trên 127), rồi tung đồng xu
# riêng cho từng điểm ảnh để vẽ ảnh mới.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# Nearly perfect after 100 steps: to tell a 0 from a 1, it is enough to know whether a few pixels in
# the middle hold ink.
#
# Generating images is much harder. Try the simplest generative model: treat the 784 pixels as
# **independent**. For each digit we estimate the probability that each pixel holds ink (a value
# above 127), then flip a coin for every pixel separately to draw new images.

# %% slideshow={"slide_type": "subslide"}
generator = torch.Generator().manual_seed(0)
ink_probability = torch.stack([(images[labels == d] > 127).float().mean(0) for d in range(10)])
drawn = torch.bernoulli(ink_probability.repeat_interleave(10, dim=0), generator=generator)
show_digits(drawn, nrow=10, value_range=(0.0, 1.0),
            title=ganlib.tr(en="Independent pixels: each pixel drawn on its own",
                            vi="Các điểm ảnh độc lập: mỗi điểm ảnh được lấy mẫu riêng"));

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Ta nhận ra hình dáng trung bình của từng chữ số, nhưng nét chữ vỡ vụn thành những chấm rời rạc. Lý do:
# trong ảnh thật, các điểm ảnh phụ thuộc chặt vào nhau. Điểm ảnh kề một nét mực thường cũng có mực. Mô
# hình độc lập bỏ qua toàn bộ cấu trúc đó. Một mô hình sinh tốt phải học được phân phối **đồng thời**
# của cả 784 điểm ảnh, một phân phối trong không gian 784 chiều mà ta không thể viết ra thành công
# thức.
#
# GAN giải bài toán này bằng một ý tưởng khéo léo. Ta không viết ra $p(\mathbf x)$. Thay vào đó, ta
# huấn luyện hai mạng đối đầu nhau:
#
# - **bộ sinh** (*generator*) $G$ biến một vector nhiễu ngẫu nhiên $\mathbf z$ thành một ảnh $G(\mathbf z)$;
# - **bộ phân biệt** (*discriminator*) $D$ nhận một ảnh và đoán ảnh đó là thật hay do $G$ tạo ra.
#
# $D$ chính là một mô hình phân biệt như ở trên. $G$ học vẽ chỉ nhờ tín hiệu mà $D$ gửi về. Bài 01 kể
# câu chuyện này qua hình ảnh kẻ làm tiền giả và cảnh sát.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# We recognise each digit's average shape, but the strokes crumble into scattered dots. The reason:
# in real images pixels depend strongly on each other, and a pixel next to ink usually holds ink too.
# The independent model ignores all of that structure. A good generative model must learn the
# **joint** distribution of all 784 pixels, a distribution in 784 dimensions that we cannot write
# down as a formula.
#
# GANs solve this with a clever idea. We never write $p(\mathbf x)$ down. Instead we train two
# networks against each other:
#
# - the **generator** $G$ turns a random noise vector $\mathbf z$ into an image $G(\mathbf z)$;
# - the **discriminator** $D$ takes an image and guesses whether it is real or made by $G$.
#
# $D$ is a discriminative model like the one above. $G$ learns to draw only from the signal $D$ sends
# back. Lesson 01 tells this story as a counterfeiter and the police.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## GAN dùng để làm gì?
#
# Kể từ bài báo gốc của Goodfellow và cộng sự (2014), GAN đã được dùng để:
#
# - sinh ảnh chân thực độ phân giải cao, ví dụ khuôn mặt người không có thật (StyleGAN, 2019);
# - chuyển ảnh từ miền này sang miền khác: bản phác thảo thành ảnh chụp, ngựa thành ngựa vằn
#   (pix2pix, CycleGAN, 2017);
# - tăng độ phân giải ảnh (SRGAN, 2017);
# - sinh thêm dữ liệu huấn luyện khi dữ liệu thật hiếm, ví dụ ảnh y khoa.
#
# Ngày nay mô hình khuếch tán (*diffusion model*) dẫn đầu ở nhiều bài toán sinh ảnh. Dù vậy, các ý
# tưởng của GAN vẫn rất quan trọng: huấn luyện đối kháng, phân kỳ (*divergence*) giữa các phân phối,
# và cách đo chất lượng của mẫu sinh ra. Các ý tưởng này có mặt ngay trong những hệ thống hiện đại,
# chẳng hạn hàm mất mát đối kháng (*adversarial loss*) trong bộ tự mã hóa (*autoencoder*) của Stable
# Diffusion.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## What are GANs used for?
#
# Since the original paper by Goodfellow et al. (2014), GANs have been used to:
#
# - generate realistic high-resolution images, such as faces of people who do not exist (StyleGAN, 2019);
# - translate images from one domain to another: sketches to photos, horses to zebras
#   (pix2pix, CycleGAN, 2017);
# - raise the resolution of images (SRGAN, 2017);
# - generate extra training data where real data are scarce, for example medical images.
#
# Today diffusion models lead many image-generation tasks. Still, the ideas of GANs matter a great
# deal: adversarial training, divergences between distributions, and how to measure the quality of
# generated samples. They even appear inside modern systems, such as the adversarial loss in Stable
# Diffusion's autoencoder.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Lộ trình khóa học
#
# | Bài | Nội dung |
# |---|---|
# | 00 | Giới thiệu: mô hình sinh, dữ liệu, kiểm tra máy |
# | 01 | Kẻ làm tiền giả và cảnh sát: trò chơi minimax và hàm giá trị $V(G, D)$, một trò chơi trên trục số (một chiều, 1-D) bạn tự chơi được |
# | 02 | Bộ phân biệt tối ưu $D^*$ và vì sao $V(G, D^*) = -\log 4 + 2\,\mathrm{JSD}$ |
# | 03 | KL, JS và tiêu biến gradient (*vanishing gradient*): vì sao JSD của hai phân phối cách xa nhau bị kẹt ở $\log 2$ |
# | 04 | Hàm mất mát và sự bão hòa: minimax, không bão hòa, Wasserstein |
# | 05 | GAN trên MNIST: huấn luyện nhanh, checkpoint, đo chất lượng |
# | 06 | Vì sao GAN khó huấn luyện: sụp đổ mode (*mode collapse*), không hội tụ, các cách khắc phục được đo bằng số |
# | 07 | GAN tích chập (DCGAN): tích chập bước 2 và tích chập chuyển vị, chuẩn hóa phổ, so với MLP ở cùng thời gian huấn luyện |
# | 08 | GAN có điều kiện: vẽ đúng chữ số được yêu cầu, đo bằng bộ phân loại |
#
# Mỗi bài có hai bản, tiếng Việt trong `notebooks/vi/` và tiếng Anh trong `notebooks/en/`, dựng từ cùng
# một nguồn nên nội dung luôn khớp nhau.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Course map
#
# | Lesson | Contents |
# |---|---|
# | 00 | Introduction: generative models, the data, a setup check |
# | 01 | The counterfeiter and the police: the minimax game and the value function $V(G, D)$, a 1-D game you can play |
# | 02 | The optimal discriminator $D^*$ and why $V(G, D^*) = -\log 4 + 2\,\mathrm{JSD}$ |
# | 03 | KL, JS and vanishing gradients: why the JSD of far-apart distributions is stuck at $\log 2$ |
# | 04 | Losses and saturation: minimax, non-saturating, Wasserstein |
# | 05 | A GAN on MNIST: fast training, checkpoints, measured quality |
# | 06 | Why GANs are hard to train: mode collapse, non-convergence, remedies measured in numbers |
# | 07 | A convolutional GAN (DCGAN): strided and transposed convolutions, spectral normalisation, the MLP at equal training time |
# | 08 | A conditional GAN: draw the digit you ask for, measured by a classifier |
#
# Each lesson comes in two versions, Vietnamese in `notebooks/vi/` and English in `notebooks/en/`,
# built from one source so their contents always match.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Cách dùng các notebook
#
# - **Chạy từ trên xuống dưới.** Mỗi ô dùng kết quả của các ô trước đó.
# - **CPU hay GPU.** Mọi bài chạy được trên CPU của laptop. Các bài lý thuyết (01–03) chỉ mất vài giây.
#   Bài 05 huấn luyện GAN trên MNIST trong vài phút trên CPU, và nhanh hơn nhiều trên GPU. `ganlib` tự
#   chọn thiết bị theo thứ tự CUDA, MPS (Apple), CPU. Muốn tự chọn, hãy đặt biến môi trường
#   `GANLIB_DEVICE=cpu` (hoặc `cuda`, `mps`).
# - **Chế độ nhanh.** Khi đặt `GANLIB_QUICK=1`, các ô huấn luyện chạy ít bước hơn. Bộ kiểm thử dùng chế
#   độ này để chạy mọi notebook trong vài phút. Các con số mà bộ kiểm thử so sánh không phụ thuộc vào
#   chế độ.
# - **Dữ liệu.** `GANLIB_DATA=bundled` luôn dùng tập con đi kèm, không cần Internet. `GANLIB_DATA=mnist`
#   bắt buộc dùng bộ đầy đủ. `GANLIB_DATA_DIR` chọn thư mục lưu bộ đầy đủ.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## How to use the notebooks
#
# - **Run top to bottom.** Each cell uses the results of the cells before it.
# - **CPU or GPU.** Every lesson runs on a laptop CPU. The theory lessons (01–03) take seconds. Lesson 05
#   trains a GAN on MNIST in a few minutes on a CPU, and much faster on a GPU. `ganlib` picks the
#   device in the order CUDA, MPS (Apple), CPU. To choose by hand, set the environment variable
#   `GANLIB_DEVICE=cpu` (or `cuda`, `mps`).
# - **Quick mode.** With `GANLIB_QUICK=1`, training cells run fewer steps. The test suite uses it to
#   run every notebook in minutes. The numbers it checks do not depend on the mode.
# - **Data.** `GANLIB_DATA=bundled` always uses the shipped subset, no network needed.
#   `GANLIB_DATA=mnist` insists on the full set. `GANLIB_DATA_DIR` sets the folder the full set is
#   kept in.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Kiểm tra máy
#
# Ô dưới đây in phiên bản các thư viện, thiết bị tìm thấy, chế độ đang dùng và nguồn dữ liệu
# (`mnist` là bộ đầy đủ, `bundled` là tập con đi kèm).

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Setup check
#
# The cell below prints the library versions, the device found, the mode in use and the data source
# (`mnist` is the full set, `bundled` the shipped subset).

# %% slideshow={"slide_type": "fragment"}
ganlib.print_setup(data_source=digits.source)

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Câu hỏi kiểm tra
#
# Mỗi bài kết thúc bằng vài câu hỏi ngắn. Chọn đáp án rồi bấm **Kiểm tra** khi bạn tự chạy notebook;
# trên GitHub, mở mục **Đáp án** để xem lời giải thích. Từ bài 01, trước phần câu hỏi còn có các bài tập
# có ô kiểm tra tự động (xem README).

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Quiz
#
# Every lesson ends with a few short questions. Pick an answer and press **Check** when you run the
# notebook; on GitHub, open **Answer** for the explanation. From lesson 01 on, exercises with automatic
# checks come before the quiz (see the README).

# %% slideshow={"slide_type": "-"} tags=["quiz"]
from ganlib import exercises

exercises.show_quiz("00")
