# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# # 01 — Kẻ làm tiền giả và cảnh sát
#
# Bài này kể lại ý tưởng của mạng đối sinh (*generative adversarial network*, GAN) qua câu chuyện
# kẻ làm tiền giả và cảnh sát, rồi diễn đạt câu chuyện đó bằng toán học. Cụ thể, ta sẽ:
#
# 1. viết cuộc đấu giữa hai bên thành một trò chơi minimax với hàm giá trị (*value function*)
#    $V(G, D)$, suy ra từ entropy chéo nhị phân (*binary cross-entropy*);
# 2. chơi một trò chơi trên trục số (một chiều, 1-D): xem tiền giả dịch dần rồi trùng khớp với tiền thật qua từng vòng;
# 3. đọc từng dòng của một bước huấn luyện: lúc nào bên nào đứng yên, vì sao cần `detach()`, và một
#    lỗi hay gặp trong code trên mạng.
#
# Mọi công thức đều đi kèm một ô code kiểm chứng. Cả bài chạy trong vài giây trên CPU.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# # 01 — The counterfeiter and the police
#
# This lesson tells the idea behind generative adversarial networks (GANs) as the story of a
# counterfeiter and the police, then writes the story down as mathematics. We will:
#
# 1. write the contest between the two sides as a minimax game with a value function $V(G, D)$,
#    derived from binary cross-entropy;
# 2. play a one-dimensional game and watch the counterfeits move onto the real notes round by round;
# 3. read one training step line by line: which side is frozen when, why `detach()` is needed, and a
#    common bug in code found online.
#
# Every formula comes with a code cell that checks it. The whole lesson runs in seconds on a CPU.

# %% slideshow={"slide_type": "skip"} tags=["colab"]
# notebooks/build.py writes here the cell that installs ganlib where it is missing and picks the language

# %% slideshow={"slide_type": "skip"}
import inspect
import math

import numpy as np
import torch
from scipy import stats

from ganlib import plots, toys

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Câu chuyện
#
# Một kẻ làm tiền giả muốn tung tiền giả ra mà không bị bắt. Hắn chưa từng cầm một tờ tiền thật nào.
# Thông tin duy nhất hắn có là phản ứng của cảnh sát: tờ nào bị bắt, tờ nào lọt qua. Cảnh sát thì khác: họ thấy cả
# tiền thật lẫn tiền giả, và học cách phân biệt hai loại.
#
# Mỗi lần cảnh sát giỏi lên, kẻ làm tiền giả phải sửa cách in. Mỗi lần tiền giả tinh vi hơn, cảnh sát
# phải nhìn kỹ hơn. Nếu cả hai cùng tiến bộ, cuối cùng tiền giả giống hệt tiền thật. Lúc đó cảnh sát chỉ
# còn cách đoán mò: mỗi tờ là thật với xác suất $1/2$.
#
# Trong GAN, kẻ làm tiền giả là bộ sinh (*generator*) $G$, cảnh sát là bộ phân biệt
# (*discriminator*) $D$:
#
# | Câu chuyện | GAN | Ký hiệu |
# |---|---|---|
# | tiền thật | dữ liệu thật | $x \sim p_{\text{data}}$ |
# | nguyên liệu ngẫu nhiên của kẻ làm tiền giả | nhiễu | $z \sim p_z$ |
# | kẻ làm tiền giả | bộ sinh | $G$ |
# | tiền giả | dữ liệu giả | $G(z)$, có phân phối $p_g$ |
# | cảnh sát | bộ phân biệt | $D(x) \in [0, 1]$: xác suất $x$ là thật |
# | phản ứng của cảnh sát | gradient của $D$, truyền ngược về $G$ | $\nabla_{\theta_G}$ |
#
# Chi tiết quan trọng nhất nằm ở dòng cuối. Bộ sinh không bao giờ nhìn thấy dữ liệu thật. Mọi thứ
# bộ sinh học được đều phải đi qua bộ phân biệt.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The story
#
# A counterfeiter wants to pass fake banknotes. He has never held a real note. The only information
# he gets is how the police react: which notes get caught and which get through. The police are
# different: they see both real notes and counterfeits, and learn to tell them apart.
#
# Each time the police get better, the counterfeiter must change how he prints. Each time the
# counterfeits get better, the police must look more closely. If both keep improving, the
# counterfeits end up identical to real notes. The police can then only guess: each note is real
# with probability $1/2$.
#
# In a GAN the counterfeiter is the generator $G$ and the police are the discriminator $D$:
#
# | Story | GAN | Symbol |
# |---|---|---|
# | real notes | real data | $x \sim p_{\text{data}}$ |
# | the counterfeiter's random raw material | noise | $z \sim p_z$ |
# | counterfeiter | generator | $G$ |
# | counterfeit notes | fake data | $G(z)$, with distribution $p_g$ |
# | police | discriminator | $D(x) \in [0, 1]$: the probability that $x$ is real |
# | the police's reaction | the gradient of $D$, propagated back to $G$ | $\nabla_{\theta_G}$ |
#
# The most important detail is in the last row. The generator never sees real data. Everything it
# learns passes through the discriminator.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Từ entropy chéo đến hàm giá trị
#
# Cảnh sát giải một bài toán phân loại nhị phân: nhãn $y = 1$ cho tiền thật, $y = 0$ cho tiền giả.
# Với dự đoán $\hat y = D(x)$, hàm mất mát (*loss function*) quen thuộc là entropy chéo nhị phân
# (BCE):
#
# $$\ell(\hat y, y) = -\big[\, y \log \hat y + (1 - y) \log(1 - \hat y) \,\big].$$
#
# BCE là trường hợp riêng của entropy chéo giữa phân phối thật $p$ và phân phối dự đoán $q$:
# $H(p, q) = -\mathbb E_{x \sim p}[\log q(x)]$. Ở đây $p$ là phân phối của nhãn $(y, 1 - y)$ và $q$
# là dự đoán $(\hat y, 1 - \hat y)$.
#
# Mỗi bước, cảnh sát xem một batch tiền thật và một batch tiền giả. Tiền thật có $y = 1$ nên chỉ còn số
# hạng $-\log D(x)$. Tiền giả có $y = 0$ nên chỉ còn $-\log(1 - D(G(z)))$. Lấy kỳ vọng trên từng loại
# rồi **cộng** hai số hạng lại, mất mát của cảnh sát là
#
# $$L_D = -\mathbb E_{x \sim p_{\text{data}}}[\log D(x)] - \mathbb E_{z \sim p_z}[\log(1 - D(G(z)))] = -V(G, D),$$
#
# trong đó
#
# $$V(G, D) = \mathbb E_{x \sim p_{\text{data}}}[\log D(x)] + \mathbb E_{z \sim p_z}[\log(1 - D(G(z)))]$$
#
# là hàm giá trị của Goodfellow và cộng sự (2014). Cảnh sát cực tiểu hóa $L_D$,
# tức là cực đại hóa $V$. Kẻ làm tiền giả muốn điều ngược lại: cực tiểu hóa $V$. Chỉ số hạng thứ hai
# phụ thuộc vào $G$. Gộp lại, ta được trò chơi minimax
#
# $$\min_G \max_D V(G, D).$$
#
# Có hai quy ước, chênh nhau đúng hệ số 2. Nếu gộp tiền thật và tiền giả thành một tập, nửa thật nửa giả,
# rồi lấy trung bình entropy chéo trên cả tập, mỗi số hạng chỉ được nhân $\tfrac12$: mất mát là $-V/2$,
# và bằng $\log 2 \approx 0.693$ tại điểm cân bằng. Khóa học này **cộng** hai trung bình, giống hàm giá
# trị $V$ của Goodfellow và cộng sự và hướng dẫn DCGAN của PyTorch: $L_D = -V$, bằng
# $\log 4 \approx 1.386$ tại điểm cân bằng. Ta chọn tổng để mất mát của cảnh sát đúng bằng $-V$, không
# phải mang theo hệ số $\tfrac12$ qua các bài 02–04. Hệ số này không làm thay đổi cảnh sát tốt nhất hay
# hướng của gradient, chỉ thay đổi độ lớn của gradient, giống như giảm tốc độ học đi một nửa.
#
# Các ký hiệu: $p_{\text{data}}$ là phân phối của dữ liệu thật; $p_z$ là phân phối của nhiễu (ở đây
# là $N(0, 1)$); $p_g$ là phân phối của $G(z)$ khi $z \sim p_z$; $D(x)$ là xác suất mà $D$ gán cho
# sự kiện "$x$ đến từ $p_{\text{data}}$ chứ không phải từ $p_g$". Mọi log là log tự nhiên, đơn vị nat.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## From cross-entropy to the value function
#
# The police solve a binary classification problem: label $y = 1$ for real notes, $y = 0$ for
# counterfeits. For a prediction $\hat y = D(x)$ the familiar loss is the binary cross-entropy (BCE):
#
# $$\ell(\hat y, y) = -\big[\, y \log \hat y + (1 - y) \log(1 - \hat y) \,\big].$$
#
# BCE is a special case of the cross-entropy between a true distribution $p$ and a predicted
# distribution $q$: $H(p, q) = -\mathbb E_{x \sim p}[\log q(x)]$. Here $p$ is the label distribution
# $(y, 1 - y)$ and $q$ the prediction $(\hat y, 1 - \hat y)$.
#
# At every step the police look at a batch of real notes and a batch of counterfeits. Real notes have
# $y = 1$, so only the term $-\log D(x)$ remains. Counterfeits have $y = 0$, so only
# $-\log(1 - D(G(z)))$ remains. Taking the expectation over each kind and **adding** the two terms, the
# police's loss is
#
# $$L_D = -\mathbb E_{x \sim p_{\text{data}}}[\log D(x)] - \mathbb E_{z \sim p_z}[\log(1 - D(G(z)))] = -V(G, D),$$
#
# where
#
# $$V(G, D) = \mathbb E_{x \sim p_{\text{data}}}[\log D(x)] + \mathbb E_{z \sim p_z}[\log(1 - D(G(z)))]$$
#
# is the value function of Goodfellow et al. (2014). The police minimise $L_D$, that is, they
# maximise $V$. The counterfeiter wants the opposite: to minimise $V$. Only the second term depends
# on $G$. Together this is the minimax game
#
# $$\min_G \max_D V(G, D).$$
#
# Two conventions are in use, and they differ by a factor of 2. If the real notes and the counterfeits
# are pooled into one set, half real and half fake, and the cross-entropy is averaged over the pool,
# each term gets a factor $\tfrac12$: the loss is $-V/2$, which is $\log 2 \approx 0.693$ at the
# equilibrium. This course **adds** the two averages, as in the value function $V$ of Goodfellow et al.
# and in PyTorch's DCGAN tutorial: $L_D = -V$, which is $\log 4 \approx 1.386$ at the equilibrium. We
# use the sum so that the police's loss is exactly $-V$, with no factor $\tfrac12$ to carry through
# lessons 02–04. The factor changes neither the best police nor the direction of the gradient, only its
# size, like halving the learning rate.
#
# The symbols: $p_{\text{data}}$ is the distribution of the real data; $p_z$ the distribution of the
# noise (here $N(0, 1)$); $p_g$ the distribution of $G(z)$ when $z \sim p_z$; $D(x)$ the probability
# $D$ assigns to the event "$x$ came from $p_{\text{data}}$ rather than from $p_g$". All logs are
# natural logs, in nats.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["vi"]
# > **Lỗi thường gặp.** Một số tài liệu viết entropy chéo là $\mathbb E_q[\log q]$. Sai hai chỗ: thiếu
# > dấu trừ, và kỳ vọng lấy theo nhầm phân phối. Công thức đúng là
# > $H(p, q) = -\mathbb E_{x \sim p}[\log q(x)]$: trung bình, theo phân phối **thật** $p$, của log xác
# > suất mà **mô hình** $q$ gán cho dữ liệu. Biểu thức $\mathbb E_q[\log q]$ chỉ là $-H(q)$, tức entropy
# > của riêng $q$ đổi dấu. Trong biểu thức này không hề có $p$, nên nó không thể đo $q$ khớp với dữ liệu
# > đến đâu.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["en"]
# > **Common mistake.** Some write-ups give the cross-entropy as $\mathbb E_q[\log q]$. That is wrong
# > twice: the minus sign is missing and the expectation is over the wrong distribution. The correct
# > form is $H(p, q) = -\mathbb E_{x \sim p}[\log q(x)]$: an average over the **true** distribution $p$
# > of the log-probability the **model** $q$ gives the data. The expression $\mathbb E_q[\log q]$ is just
# > $-H(q)$, minus the entropy of $q$ alone. It does not contain $p$, so it cannot measure how well
# > $q$ fits the data.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Ta kiểm tra công thức trên một batch: hàm `police_loss` của `ganlib` (dùng
# `binary_cross_entropy_with_logits` của PyTorch) phải bằng $-\text{mean}\log D(x) -
# \text{mean}\log(1 - D(G(z)))$ tính tay, và bằng đúng hai lần entropy chéo trung bình trên tập gộp.
# Cảnh sát chưa huấn luyện có mọi trọng số bằng 0 nên luôn trả lời $D(x) = 1/2$: mất mát theo tổng của
# khóa học là $2\log 2 = \log 4$, còn trung bình trên tập gộp là $\log 2$.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# We check the formula on a batch: `ganlib`'s `police_loss` (which uses PyTorch's
# `binary_cross_entropy_with_logits`) must equal $-\text{mean}\log D(x) -
# \text{mean}\log(1 - D(G(z)))$ computed by hand, and exactly twice the average cross-entropy over the
# pooled batch. Untrained police have all weights at 0, so they always answer $D(x) = 1/2$: the
# course's sum is then $2\log 2 = \log 4$, the pooled average $\log 2$.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
generator = torch.Generator().manual_seed(0)
real = 3.0 + 0.75 * torch.randn(256, generator=generator)
fake = 1.5 * torch.randn(256, generator=generator)

labels = torch.cat([torch.ones(256), torch.zeros(256)])


def pooled_bce(police):
    """The average cross-entropy over one pool of 256 real and 256 fake notes."""
    return torch.nn.functional.binary_cross_entropy_with_logits(torch.cat([police(real), police(fake)]), labels)


police = toys.counterfeiter.Police(center=3.0, width=0.75)
with torch.no_grad():
    print(ganlib.tr(en="untrained police (D = 1/2):", vi="cảnh sát chưa huấn luyện (D = 1/2):"),
          f"police_loss = {toys.counterfeiter.police_loss(police, real, fake).item():.6f} (log 4 = {math.log(4):.6f}),",
          ganlib.tr(en="pooled average", vi="trung bình trên tập gộp"), f"{pooled_bce(police).item():.6f} (log 2 = {math.log(2):.6f})")
    police.linear.weight.copy_(torch.tensor([[0.8, -1.2]]))
    police.linear.bias.fill_(0.5)
    by_hand = -torch.log(torch.sigmoid(police(real))).mean() - torch.log(1 - torch.sigmoid(police(fake))).mean()
    print(ganlib.tr(en="police with w = 0.8, v = -1.2, c = 0.5:", vi="cảnh sát với w = 0.8, v = -1.2, c = 0.5:"),
          f"police_loss = {toys.counterfeiter.police_loss(police, real, fake).item():.4f},",
          ganlib.tr(en="by hand", vi="tính tay"), f"{by_hand.item():.4f},",
          ganlib.tr(en="2 x pooled average", vi="hai lần trung bình trên tập gộp"), f"{2 * pooled_bce(police).item():.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["vi"]
# ### Cân bằng là một điểm yên ngựa
#
# Trò chơi dừng ở đâu? Ở một cân bằng Nash (*Nash equilibrium*): một cặp $(G^*, D^*)$ mà không bên nào
# có lợi khi đơn phương đổi chiến lược. Với trò chơi $\min_G \max_D V$, điều đó có nghĩa là
#
# $$V(G^*, D) \le V(G^*, D^*) \le V(G, D^*) \quad \forall\, G, D.$$
#
# Bất đẳng thức bên trái: với $G^*$ cố định, $D^*$ là cách đáp trả tốt nhất của cảnh sát. Bất đẳng
# thức bên phải: với $D^*$ cố định, $G^*$ là cách đáp trả tốt nhất của kẻ làm tiền giả. Điểm như vậy là
# điểm yên ngựa (*saddle point*): cực đại theo một hướng, cực tiểu theo hướng kia.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["en"]
# ### The equilibrium is a saddle point
#
# Where does the game stop? At a Nash equilibrium: a pair $(G^*, D^*)$ where neither side gains by
# changing its strategy alone. For the game $\min_G \max_D V$ this means
#
# $$V(G^*, D) \le V(G^*, D^*) \le V(G, D^*) \quad \forall\, G, D.$$
#
# Left inequality: with $G^*$ fixed, $D^*$ is the police's best answer. Right inequality: with $D^*$
# fixed, $G^*$ is the counterfeiter's best answer. Such a point is a saddle point: a maximum in one
# direction, a minimum in the other.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["vi"]
# > **Lỗi thường gặp.** Có tài liệu định nghĩa cân bằng Nash là $f(x^*, y^*) \ge f(x, y)$ với mọi
# > $x, y$. Đó là định nghĩa của **cực đại toàn cục** theo cả hai biến. Người chơi $x$ muốn cực tiểu hóa
# > $f$, nên không bao giờ chấp nhận điểm như vậy. Cân bằng của $\min_x \max_y f$ là điểm yên ngựa:
# > $f(x^*, y) \le f(x^*, y^*) \le f(x, y^*)$. Ví dụ với $f(x, y) = xy$: điểm $(0, 0)$ là cân bằng,
# > nhưng không phải cực đại toàn cục, vì $f(1, 1) = 1 > 0$. Tại $(0, 0)$ các bất đẳng thức yên ngựa xảy
# > ra dấu bằng, vì $f(0, y) = f(x, 0) = 0$: đó là định nghĩa, không cần kiểm tra. Ô dưới đây làm một phép
# > kiểm tra có thể thất bại: duyệt mọi điểm của một lưới, tìm mọi điểm thỏa các bất đẳng thức yên ngựa với toàn bộ
# > lưới (lớn nhất trên hàng của nó, nhỏ nhất trên cột của nó), và tìm chỗ $f$ lớn nhất. Bài 06 sẽ quay
# > lại trò chơi $xy$ này.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["en"]
# > **Common mistake.** Some write-ups define a Nash equilibrium as $f(x^*, y^*) \ge f(x, y)$ for all
# > $x, y$. That is the definition of a **global maximum** over both variables. Player $x$ wants to
# > minimise $f$, so it would never accept such a point. The equilibrium of $\min_x \max_y f$ is a
# > saddle point: $f(x^*, y) \le f(x^*, y^*) \le f(x, y^*)$. Example with $f(x, y) = xy$: the point
# > $(0, 0)$ is an equilibrium but not a global maximum, since $f(1, 1) = 1 > 0$. At $(0, 0)$ the saddle
# > inequalities hold with equality, since $f(0, y) = f(x, 0) = 0$: that is the definition, nothing to
# > check. The cell below does something that could go wrong: it visits every point of a grid, finds
# > every point that satisfies the saddle inequalities against the whole grid (the largest in its row,
# > the smallest in its column), and finds where $f$ is largest. Lesson 06 comes back to this $xy$ game.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
grid = np.round(np.linspace(-2, 2, 41), 6) + 0.0  # + 0.0 turns -0.0 into 0.0
x, y = np.meshgrid(grid, grid, indexing="ij")
f = x * y
# (x_i, y_j) is an equilibrium on the grid when f(x_i, y) <= f(x_i, y_j) <= f(x, y_j) for every grid x, y:
# f[i, j] is the largest value of its row and the smallest of its column.
equilibria = [(grid[i], grid[j]) for i in range(len(grid)) for j in range(len(grid))
              if f[i, j] == f[i, :].max() == f[:, j].min()]
maxima = [(grid[i], grid[j]) for i, j in zip(*np.nonzero(f == f.max()))]
print(ganlib.tr(en="saddle points (equilibria) on the grid:", vi="các điểm yên ngựa (cân bằng) trên lưới:"),
      [(float(a), float(b)) for a, b in equilibria])
print(ganlib.tr(en=f"largest f on the grid: {f.max():.1f} at", vi=f"f lớn nhất trên lưới: {f.max():.1f} tại"),
      [(float(a), float(b)) for a, b in maxima])

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Một trò chơi trên trục số
#
# Giờ ta chơi thật. Mỗi tờ tiền ở đây chỉ là một số thực, nên ta vẽ được toàn bộ trò chơi:
#
# - **Tiền thật:** $x \sim N(\mu, \sigma^2)$ với $\mu = 3$, $\sigma = 0.75$.
# - **Kẻ làm tiền giả:** $G(z) = a z + b$ với $z \sim N(0, 1)$, nên $p_g = N(b, a^2)$. Lúc đầu
#   $a = 1.5$, $b = 0$: tiền giả lệch tâm và quá dàn trải.
# - **Cảnh sát:** hồi quy logistic trên $x$ và $x^2$:
#   $D(x) = \sigma(w u + v u^2 + c)$ với $u = (x - \mu)/\sigma$. Vì sao cần $x^2$? Với hai phân phối
#   chuẩn, $\log p_{\text{data}}(x) - \log p_g(x)$ là một đa thức bậc hai theo $x$, nên cảnh sát giỏi
#   nhất có thể (bài 02 sẽ tìm ra) cũng có đúng dạng này.
#
# Để ý một điều ta đã cho cảnh sát biết trước: $u$ chuẩn hóa mỗi tờ tiền bằng chính trung bình
# $\mu = 3$ và độ lệch chuẩn $\sigma = 0.75$ của **tiền thật** (`Police(center=3.0, width=0.75)`). Một bộ
# phân biệt thực tế không được cho sẵn các thống kê của $p_{\text{data}}$. Ta làm vậy để trò chơi nhỏ
# gọn: nếu không chuẩn hóa, quanh $x = 3$ hai đặc trưng $x$ và $x^2$ gần như cộng tuyến ($x^2 \approx 6x - 9$),
# hồi quy học rất chậm và tiền giả co lại thành một điểm. Cái giá của lựa chọn này sẽ lộ ra ở bài 04: ở xa tiền thật,
# $u$ rất lớn ($x = -6$ cho $u = -12$ và $u^2 = 144$), nên logit của cảnh sát có thể lên tới hàng trăm.
#
# Mỗi vòng gồm $k = 5$ bước SGD của cảnh sát (đi lên theo gradient của $V$, tốc độ học (*learning
# rate*) 0.2), rồi một bước SGD của kẻ làm tiền giả (đi xuống, tốc độ học 0.1). Mỗi bước lấy một batch
# mới gồm 256 tờ thật và 256 tờ giả. Sau mỗi vòng, `ganlib` tính $V(G, D)$ của cảnh sát hiện tại bằng
# tích phân số. `ganlib` cũng tính $V(G, D^*)$: giá trị mà cảnh sát **giỏi nhất có thể** đạt được
# trước đúng những tờ tiền giả đó (bài 02 giải thích cách tính).

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## A one-dimensional game
#
# Now we play for real. Everything here is a real number, so all of it can be drawn:
#
# - **Real notes:** $x \sim N(\mu, \sigma^2)$ with $\mu = 3$, $\sigma = 0.75$.
# - **Counterfeiter:** $G(z) = a z + b$ with $z \sim N(0, 1)$, so $p_g = N(b, a^2)$. At the start
#   $a = 1.5$, $b = 0$: the counterfeits are off-centre and too spread out.
# - **Police:** logistic regression on $x$ and $x^2$: $D(x) = \sigma(w u + v u^2 + c)$ with
#   $u = (x - \mu)/\sigma$. Why $x^2$? For two normal distributions,
#   $\log p_{\text{data}}(x) - \log p_g(x)$ is a quadratic polynomial in $x$, so the best possible
#   police (lesson 02 finds them) have exactly this form.
#
# Note what we have told the police in advance: $u$ standardises each note with the **real** notes' own
# mean $\mu = 3$ and standard deviation $\sigma = 0.75$ (`Police(center=3.0, width=0.75)`). A
# discriminator in practice is not handed the statistics of $p_{\text{data}}$. We do it to keep the toy
# small: without it, $x$ and $x^2$ are nearly collinear around $x = 3$ ($x^2 \approx 6x - 9$), the regression
# learns very slowly and the counterfeits shrink to a single point. The price of this choice shows in lesson 04: far
# from the real notes $u$ is large ($x = -6$ gives $u = -12$ and $u^2 = 144$), so the police's logit can
# reach the hundreds.
#
# Each round is $k = 5$ SGD steps for the police (uphill on $V$, learning rate 0.2), then one SGD
# step for the counterfeiter (downhill, learning rate 0.1). Every step uses a batch of 256 fresh
# real notes and 256 fresh counterfeits. After each round `ganlib` computes $V(G, D)$ by numerical
# integration, with the current police. It also computes $V(G, D^*)$: the value the **best possible**
# police would reach against the same counterfeits (lesson 02 explains how).

# %% slideshow={"slide_type": "subslide"}
history = toys.counterfeiter.play_counterfeiter_game(real_mean=3.0, real_std=0.75, start_scale=1.5, start_shift=0.0,
                                       rounds=300, police_steps=5, batch_size=256, police_lr=0.2,
                                       counterfeiter_lr=0.1, seed=0)
real_notes = stats.norm(loc=3.0, scale=0.75)
plots.densities.plot_game_rounds(history, real_notes, rounds=[0, 40, 100, 150, 300]);

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Đọc hình từ trái sang phải:
#
# - **Vòng 0.** Cảnh sát chưa học gì và trả lời $1/2$ cho mọi tờ. Vì thế $V = -\log 4 \approx -1.386$,
#   dù tiền giả còn rất khác tiền thật.
# - **Vòng 40 và 100.** Cảnh sát đã học: $D(x)$ cao quanh tiền thật, thấp ở chỗ chỉ có tiền giả. Kẻ
#   làm tiền giả dịch tiền giả về phía $D$ cao. Lúc đầu hắn còn in dàn trải hơn để có thêm tờ rơi vào
#   vùng đó, rồi mới thu hẹp lại.
# - **Vòng 150 và 300.** $p_g$ trùng $p_{\text{data}}$. Trong vùng có tiền thật, $D(x)$ gần như phẳng
#   ở mức $1/2$: cảnh sát không còn cách nào phân biệt. Xa vùng tiền thật, $D$ không phẳng hẳn, vì ở
#   đó không có tờ nào để học.
#
# Hình dưới cho thấy cả quá trình. $V(G, D^*)$ giảm dần về $-\log 4$: tiền giả càng giống thật thì
# cảnh sát giỏi nhất cũng càng khó bắt. $V(G, D)$ của cảnh sát đang chơi luôn nằm dưới đường đó.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# Reading the figure from left to right:
#
# - **Round 0.** The police have learned nothing and answer $1/2$ for every note. So
#   $V = -\log 4 \approx -1.386$, even though the counterfeits are still far from real.
# - **Rounds 40 and 100.** The police have learned: $D(x)$ is high around the real notes and low where
#   there are only counterfeits. The counterfeiter moves his notes towards high $D$. At first he even
#   prints more spread out, so that more notes land in that region, and only then narrows down.
# - **Rounds 150 and 300.** $p_g$ lies on $p_{\text{data}}$. Around the real notes $D(x)$ is flat near
#   $1/2$: the police can no longer tell the notes apart. Far from the real notes $D$ is not quite
#   flat, because there are no notes there to learn from.
#
# The figure below shows the whole run. $V(G, D^*)$ falls to $-\log 4$: the closer the counterfeits
# are to real, the harder even the best police find it to catch them. The $V(G, D)$ of the police in
# the game always stays below that curve.

# %% slideshow={"slide_type": "subslide"}
plots.densities.plot_game_progress(history, real_mean=3.0, real_std=0.75);

# %% slideshow={"slide_type": "fragment"}
last = history[-1]
d_on_notes = last(np.linspace(1.5, 4.5, 61))
print(ganlib.tr(en=f"p_g after {last.round} rounds:", vi=f"p_g sau {last.round} vòng:"),
      f"N({last.fake_mean:.3f}, {last.fake_std:.3f}^2); p_data: N(3, 0.75^2)")
print(f"V(G, D) = {last.value:.4f}, V(G, D*) = {last.best_value:.4f}, -log 4 = {-math.log(4):.4f}")
print(ganlib.tr(en=f"D(x) for x in [1.5, 4.5]: from {d_on_notes.min():.3f} to {d_on_notes.max():.3f}",
                vi=f"D(x) với x trong [1.5, 4.5]: từ {d_on_notes.min():.3f} đến {d_on_notes.max():.3f}"))
print(ganlib.tr(en=f"police loss on the last batch: {last.police_loss:.3f}",
                vi=f"mất mát của cảnh sát trên batch cuối: {last.police_loss:.3f}"), f"(log 4 = {math.log(4):.3f})")

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Các con số trên phụ thuộc vào từng batch ngẫu nhiên, nên ô sau chỉ kiểm tra xem chúng có nằm trong
# ngưỡng sai số cho phép hay không. Để ý mất mát cuối cùng của cảnh sát: xấp xỉ
# $\log 4 \approx 1.386$ (theo quy ước tổng của khóa học; trung bình trên tập gộp thì là $\log 2$), không
# phải 0.5. Bài 02 quay lại điểm này.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# The numbers above depend on the random batches, so the next cell only checks that they fall within
# a tolerance. Note the police's final loss: about $\log 4 \approx 1.386$ (the course's sum; $\log 2$
# as a pooled average), not 0.5. Lesson 02 comes back to this.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
print("|mean(p_g) - 3| < 0.05:", abs(last.fake_mean - 3.0) < 0.05)
print("|std(p_g) - 0.75| < 0.05:", abs(last.fake_std - 0.75) < 0.05)
print("|V(G, D) + log 4| < 0.01:", abs(last.value + math.log(4)) < 0.01)
print(ganlib.tr(en="|D(x) - 1/2| < 0.1 on [1.5, 4.5]:", vi="|D(x) - 1/2| < 0.1 trên [1.5, 4.5]:"),
      bool(np.all(np.abs(d_on_notes - 0.5) < 0.1)))
print(ganlib.tr(en="V(G, D) <= V(G, D*) in every round:", vi="V(G, D) <= V(G, D*) ở mọi vòng:"),
      all(s.value <= s.best_value + 1e-12 for s in history))

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["vi"]
# Kéo thanh trượt để xem từng vòng (thanh trượt chỉ chạy khi bạn tự chạy notebook).

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["en"]
# Drag the slider to step through the rounds (the slider works only when you run the notebook
# yourself).

# %% slideshow={"slide_type": "-"}
plots.widgets.game_round_widget(history, real_notes)

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Một bước huấn luyện, từng dòng một
#
# Dưới đây là toàn bộ một vòng của trò chơi, lấy nguyên văn từ `ganlib/toys/counterfeiter.py`.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## One training step, line by line
#
# Here is one whole round of the game, verbatim from `ganlib/toys/counterfeiter.py`.

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
print(inspect.getsource(toys.counterfeiter.play_round))

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Đọc mã bằng tiếng Việt.** Docstring và chú thích trong mã viết bằng tiếng Anh. Đây là nghĩa của
# chúng, theo thứ tự xuất hiện:
#
# - *One round of the game: ``police_steps`` police updates, then one counterfeiter update.*
#   Một vòng của trò chơi gồm `police_steps` lần cập nhật cảnh sát, rồi một lần cập nhật kẻ làm tiền giả.
# - *Returns the police's loss on its last batch. Lesson 01 reads this function line by line. The
#   players' losses are arguments, ``police_loss(police, real, fake)`` and ``counterfeiter_loss(police,
#   fake)``, so that lesson 04 can swap in others.* Hàm trả về mất mát của cảnh sát trên batch cuối
#   cùng. Bài 01 đọc hàm này từng dòng một. Mất mát của hai người chơi được truyền vào dưới dạng tham số,
#   `police_loss(police, real, fake)` và `counterfeiter_loss(police, fake)`, để bài 04 có thể thay bằng
#   các hàm mất mát khác.
# - *The counterfeiter is frozen while the police learn: detach() cuts its notes from its parameters.*
#   Khi cảnh sát học, kẻ làm tiền giả đứng yên: `detach()` tách tiền giả khỏi các tham số của hắn.
# - *The police are frozen while the counterfeiter learns: only counterfeiter_optimizer steps. The
#   gradients this backward() leaves on the police are cleared by their next zero_grad().* Khi kẻ làm
#   tiền giả học, cảnh sát đứng yên: chỉ có `counterfeiter_optimizer.step()` được gọi. Gradient mà lần
#   `backward()` này để lại trên cảnh sát sẽ bị xóa ở lần `zero_grad()` kế tiếp của họ.
#
# Còn các khối lệnh thì làm như sau. Vòng `for` chạy `police_steps` bước của cảnh sát; mỗi bước lấy một
# batch tiền thật mới và một batch tiền giả mới, tính mất mát rồi gọi lần lượt `zero_grad()`, `backward()`,
# `step()`. Sau vòng lặp, kẻ làm tiền giả in một batch tiền giả mới, lần này không `detach()`, rồi cập nhật
# một bước theo mất mát của chính hắn. Dòng cuối trả về mất mát của cảnh sát dưới dạng một số Python.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Reading the listing.** The docstring says what a round does and returns; the comments mark its two
# halves. The `for` loop runs `police_steps` police steps, each on a fresh batch of real notes and fresh
# counterfeits, with `zero_grad()`, `backward()` and `step()` in that order. After the loop the
# counterfeiter prints a fresh batch, this time without `detach()`, and takes one step on his own loss.
# The last line returns the police's loss as a Python number.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Có ba điểm cần nắm.
#
# 1. **Thứ tự.** Cảnh sát đi trước $k$ bước, kẻ làm tiền giả đi sau một bước. Đây là Thuật toán 1
#    trong bài báo của Goodfellow và cộng sự. Cảnh sát càng gần tối ưu thì tín hiệu gửi về cho kẻ làm
#    tiền giả càng chính xác.
# 2. **Khi cảnh sát học, kẻ làm tiền giả đứng yên.** Ta tạo tiền giả rồi gọi `.detach()`. Lệnh
#    này cắt tiền giả khỏi các tham số $a, b$, nên `loss.backward()` không tính gradient cho $a, b$.
#    Không có `detach()` thì sao? Gradient của mất mát cảnh sát theo $(a, b)$ đúng bằng gradient của
#    chính kẻ làm tiền giả, nhưng **ngược dấu**, vì $L_D = -V$. Tuy vậy, trong `play_round` gradient
#    lọt vào này không làm hỏng việc học: `counterfeiter_optimizer.zero_grad()` chạy trước
#    `backward()` của kẻ làm tiền giả và xóa nó đi. Cái giá thật có hai phần. Thứ nhất, mỗi bước của
#    cảnh sát phải lan truyền ngược thêm qua $G$, và phần tính toán này bị bỏ phí; với một bộ sinh
#    lớn, phần này chiếm một tỉ lệ đáng kể trong chi phí của bước. Thứ hai, code dùng lại cùng một
#    batch tiền giả cho bước của kẻ làm tiền giả sẽ báo lỗi: `backward()` của cảnh sát đã giải phóng
#    đồ thị tính toán đi qua $G$, nên lần `backward()` thứ hai qua $G$ không thực hiện được. Chỉ khi
#    code quên gọi `zero_grad()` cho kẻ làm tiền giả thì gradient lọt vào mới đi vào bước cập nhật
#    của hắn, và kéo ngược hướng hắn cần đi. Ô dưới đây kiểm tra các điều này.
# 3. **Khi kẻ làm tiền giả học, cảnh sát đứng yên.** Gradient đi **xuyên qua** $D$ để đến $G$, nên
#    `backward()` có để lại gradient trên trọng số của cảnh sát. Nhưng chỉ `counterfeiter_optimizer`
#    thực hiện `step()`, nên trọng số cảnh sát không đổi. Lệnh `zero_grad()` ở bước kế tiếp của cảnh
#    sát sẽ xóa gradient thừa đó.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# Three points matter.
#
# 1. **Order.** The police move first, $k$ steps; the counterfeiter follows with one step. This is
#    Algorithm 1 of Goodfellow et al. The closer the police are to optimal, the more accurate the
#    signal they send back to the counterfeiter.
# 2. **While the police learn, the counterfeiter is frozen.** The counterfeits are made with
#    `.detach()`. It cuts the counterfeits off from the parameters $a, b$, so `loss.backward()`
#    computes no gradient for $a, b$. What if it were left out? The gradient of the police's loss
#    with respect to $(a, b)$ is exactly the counterfeiter's own gradient with the **opposite
#    sign**, because $L_D = -V$. Yet in `play_round` this leaked gradient would not spoil learning:
#    `counterfeiter_optimizer.zero_grad()` runs before the counterfeiter's own `backward()` and
#    discards it. The real cost has two parts. First, every police step would backpropagate through
#    $G$ for nothing: wasted computation, and with a large generator a large share of the step's
#    cost. Second, code that reuses the same batch of counterfeits for the counterfeiter's step
#    fails with an error: the police's `backward()` has freed the computation graph through $G$, so
#    a second `backward()` through $G$ cannot run. Only code that forgets the counterfeiter's
#    `zero_grad()` lets the leaked gradient into his update, where it pulls him the wrong way. The
#    cell below checks these facts.
# 3. **While the counterfeiter learns, the police are frozen.** The gradient flows **through** $D$ to
#    reach $G$, so `backward()` does leave gradients on the police's weights. But only
#    `counterfeiter_optimizer` calls `step()`, so the police's weights do not change. Those stray
#    gradients are cleared by `zero_grad()` at the police's next step.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
police = toys.counterfeiter.Police(center=3.0, width=0.75)
with torch.no_grad():
    police.linear.weight.copy_(torch.tensor([[0.5, -0.8]]))
counterfeiter = toys.counterfeiter.Counterfeiter(scale=1.5, shift=0.0)
z = torch.randn(256, generator=torch.Generator().manual_seed(1))

# 1. Without detach(): the police's loss reaches the counterfeiter ...
toys.counterfeiter.police_loss(police, real, counterfeiter(z)).backward()
leaked = torch.stack([counterfeiter.scale.grad, counterfeiter.shift.grad]).clone()
# ... and points exactly against the counterfeiter's own gradient.
counterfeiter.zero_grad()
toys.counterfeiter.counterfeiter_loss(police, counterfeiter(z)).backward()
own = torch.stack([counterfeiter.scale.grad, counterfeiter.shift.grad])
print(ganlib.tr(en="gradient from the police's loss: ", vi="gradient từ mất mát của cảnh sát:"),
      [round(g, 4) for g in leaked.tolist()])
print(ganlib.tr(en="counterfeiter's own gradient:    ", vi="gradient của kẻ làm tiền giả:    "),
      [round(g, 4) for g in own.tolist()])
print(ganlib.tr(en="opposite gradients (leaked == -own):", vi="hai gradient ngược dấu (leaked == -own):"),
      torch.allclose(leaked, -own))

# 2. Without detach(), one batch of counterfeits cannot serve both steps.
counterfeiter.zero_grad()
fake_notes = counterfeiter(z)
toys.counterfeiter.police_loss(police, real, fake_notes).backward()
try:
    toys.counterfeiter.counterfeiter_loss(police, fake_notes).backward()
    print(ganlib.tr(en="second backward() through G: ran", vi="backward() thứ hai qua G: chạy được"))
except RuntimeError:
    print(ganlib.tr(en="second backward() through G: RuntimeError, the graph was freed by the first",
                    vi="backward() thứ hai qua G: RuntimeError, lần thứ nhất đã giải phóng đồ thị"))

# 3. With detach(): nothing reaches the counterfeiter.
counterfeiter.zero_grad()
toys.counterfeiter.police_loss(police, real, counterfeiter(z).detach()).backward()
print(ganlib.tr(en="with detach(), the counterfeiter's gradients:", vi="với detach(), gradient của kẻ làm tiền giả:"),
      counterfeiter.scale.grad, counterfeiter.shift.grad)

# 4. A counterfeiter step leaves gradients on the police but does not move them.
before = police.linear.weight.detach().clone()
counterfeiter_optimizer = torch.optim.SGD(counterfeiter.parameters(), lr=0.1)
police.zero_grad()
counterfeiter_optimizer.zero_grad()
toys.counterfeiter.counterfeiter_loss(police, counterfeiter(z)).backward()
counterfeiter_optimizer.step()
print(ganlib.tr(en="the police have gradients:", vi="cảnh sát có gradient:"), police.linear.weight.grad is not None,
      ganlib.tr(en="| the police's weights unchanged:", vi="| trọng số của cảnh sát không đổi:"),
      torch.equal(before, police.linear.weight))

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Trong bài báo gốc, hai bước cập nhật có dạng như sau, với một minibatch gồm $m$ tờ thật $x_i$ và $m$
# mẫu nhiễu $z_i$:
#
# $$\theta_D \leftarrow \theta_D + \eta\, \nabla_{\theta_D} \frac{1}{m} \sum_{i=1}^m \Big[\log D(x_i) + \log\big(1 - D(G(z_i))\big)\Big],$$
#
# $$\theta_G \leftarrow \theta_G - \eta\, \nabla_{\theta_G} \frac{1}{m} \sum_{i=1}^m \log\big(1 - D(G(z_i))\big).$$
#
# Cảnh sát đi **lên** theo gradient, kẻ làm tiền giả đi **xuống**. Với kẻ làm tiền giả, quy tắc dây
# chuyền cho
#
# $$\nabla_{\theta_G} \log\big(1 - D(G(z))\big) = \frac{-D'(G(z))}{1 - D(G(z))}\, \nabla_{\theta_G} G(z).$$
#
# Phản ứng của cảnh sát đến với kẻ làm tiền giả qua $D'(x)$: độ nhạy của $D$ theo **đầu vào** $x$.
# Đây chính là cách bộ sinh "nhìn" dữ liệu thật mà không bao giờ trực tiếp thấy chúng.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# In the original paper the two updates read as follows, with a minibatch of $m$ real notes $x_i$ and
# $m$ noise samples $z_i$:
#
# $$\theta_D \leftarrow \theta_D + \eta\, \nabla_{\theta_D} \frac{1}{m} \sum_{i=1}^m \Big[\log D(x_i) + \log\big(1 - D(G(z_i))\big)\Big],$$
#
# $$\theta_G \leftarrow \theta_G - \eta\, \nabla_{\theta_G} \frac{1}{m} \sum_{i=1}^m \log\big(1 - D(G(z_i))\big).$$
#
# The police go **up** the gradient, the counterfeiter goes **down**. For the counterfeiter the chain
# rule gives
#
# $$\nabla_{\theta_G} \log\big(1 - D(G(z))\big) = \frac{-D'(G(z))}{1 - D(G(z))}\, \nabla_{\theta_G} G(z).$$
#
# The police's reaction reaches the counterfeiter through $D'(x)$: how sensitive $D$ is to its
# **input** $x$. This is how the generator "sees" the real data without ever seeing it.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["vi"]
# > **Lỗi thường gặp.** Có tài liệu viết "$\nabla_{\theta_G}$ là gradient theo trọng số của bộ phân
# > biệt". Sai: $\nabla_{\theta_G}$ là gradient theo tham số $\theta_G$ của **bộ sinh** (ở đây là $a$ và
# > $b$). Gradient theo trọng số của bộ phân biệt là $\nabla_{\theta_D}$. Trong bước của bộ sinh,
# > gradient **đi qua** $D$ (qua $D'(x)$) nhưng được lấy theo $\theta_G$, và chỉ $\theta_G$ thay đổi.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["en"]
# > **Common mistake.** Some write-ups say "$\nabla_{\theta_G}$ is the gradient with respect to the
# > discriminator's weights". Wrong: $\nabla_{\theta_G}$ is the gradient with respect to the
# > **generator's** parameters $\theta_G$ (here $a$ and $b$). The gradient with respect to the
# > discriminator's weights is $\nabla_{\theta_D}$. In the generator's step the gradient **passes
# > through** $D$ (through $D'(x)$) but is taken with respect to $\theta_G$, and only $\theta_G$ changes.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["vi"]
# ### Một lỗi hay gặp: vòng lặp $k$ bước không gọi `backward()`
#
# Code GAN trên một số blog phổ biến có vòng lặp $k$ bước cho bộ phân biệt như ô dưới đây. Mỗi lần
# lặp đều tính mất mát, nhưng `backward()` và `step()` lại nằm **ngoài** vòng lặp. Kết quả: mỗi vòng
# cảnh sát chỉ học đúng một bước, từ batch cuối cùng. Còn $k - 1$ lần tính kia bị bỏ phí. Code trông
# như có $k = 5$, nhưng thực chất $k = 1$. Ta đếm số lần trọng số của cảnh sát được cập nhật.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["en"]
# ### A common bug: a $k$-step loop that never calls `backward()`
#
# GAN code on some popular blogs has a $k$-step discriminator loop like the cell below. Each pass
# computes a loss, but `backward()` and `step()` sit **outside** the loop. The result: in each round
# the police learn exactly one step, from the last batch. The other $k - 1$ computations are wasted.
# The code looks like $k = 5$, but really $k = 1$. We count how often the police's weights are updated.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
def count_police_updates(police: toys.counterfeiter.Police, run) -> int:
    """How many times `run(optimizer)` updates the police's weights with `optimizer.step()`."""
    updates = []
    optimizer = torch.optim.SGD(police.parameters(), lr=0.2)
    optimizer.register_step_post_hook(lambda *_: updates.append(1))
    run(optimizer)
    return len(updates)


def buggy_police_steps(optimizer, k=5):
    for _ in range(k):
        real = 3.0 + 0.75 * torch.randn(256, generator=generator)
        fake = counterfeiter(torch.randn(256, generator=generator)).detach()
        loss = toys.counterfeiter.police_loss(police, real, fake)
    optimizer.zero_grad()  # the bug: these three lines belong inside the loop
    loss.backward()
    optimizer.step()


police = toys.counterfeiter.Police(center=3.0, width=0.75)
print(ganlib.tr(en="police updates per round, buggy loop:", vi="số lần cập nhật cảnh sát mỗi vòng, vòng lặp lỗi:"),
      count_police_updates(police, buggy_police_steps), ganlib.tr(en="of k = 5", vi="trên k = 5"))


def correct_round(optimizer):
    toys.counterfeiter.play_round(police, counterfeiter, optimizer, torch.optim.SGD(counterfeiter.parameters(), lr=0.1),
                    real_mean=3.0, real_std=0.75, police_steps=5, batch_size=256, generator=generator)


print(ganlib.tr(en="police updates per round, play_round:", vi="số lần cập nhật cảnh sát mỗi vòng, play_round:"),
      count_police_updates(police, correct_round), ganlib.tr(en="of k = 5", vi="trên k = 5"))

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Tóm tắt
#
# - GAN là trò chơi giữa bộ sinh $G$ (kẻ làm tiền giả) và bộ phân biệt $D$ (cảnh sát). $G$ không
#   bao giờ thấy dữ liệu thật mà chỉ học qua gradient đi xuyên qua $D$.
# - Mất mát BCE của $D$ đúng bằng $-V(G, D)$, với
#   $V(G, D) = \mathbb E_{p_{\text{data}}}[\log D(x)] + \mathbb E_{p_z}[\log(1 - D(G(z)))]$. Trò chơi
#   là $\min_G \max_D V$, và điểm cân bằng là một điểm yên ngựa, không phải một cực đại.
# - Trong trò chơi trên trục số, $p_g$ tiến về $p_{\text{data}}$, $D(x)$ phẳng dần về $1/2$ và $V$ tiến
#   về $-\log 4$.
# - Mỗi vòng: $k$ bước cho $D$ với tiền giả đã `detach()`, rồi một bước cho $G$. `zero_grad()`,
#   `backward()` và `step()` phải nằm **trong** vòng lặp $k$ bước.
#
# Bài 02 trả lời câu hỏi còn bỏ ngỏ: với một bộ sinh cố định, cảnh sát giỏi nhất trả lời thế nào, và
# vì sao cân bằng cho $V = -\log 4$?

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Summary
#
# - A GAN is a game between the generator $G$ (the counterfeiter) and the discriminator $D$ (the
#   police). $G$ never sees real data; it learns only through gradients that pass through $D$.
# - The BCE loss of $D$ equals $-V(G, D)$, with
#   $V(G, D) = \mathbb E_{p_{\text{data}}}[\log D(x)] + \mathbb E_{p_z}[\log(1 - D(G(z)))]$. The game
#   is $\min_G \max_D V$, and its equilibrium is a saddle point, not a maximum.
# - In the one-dimensional game, $p_g$ moves onto $p_{\text{data}}$, $D(x)$ flattens to $1/2$ and $V$
#   approaches $-\log 4$.
# - Each round: $k$ steps for $D$ on detached counterfeits, then one step for $G$. `zero_grad()`,
#   `backward()` and `step()` belong **inside** the $k$-step loop.
#
# Lesson 02 answers the question left open: for a fixed generator, how do the best police answer,
# and why does the equilibrium give $V = -\log 4$?

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Bài tập
#
# Mỗi bài tập có một ô để bạn điền: thay `raise NotImplementedError` (hoặc `...`) bằng lời giải của
# bạn, chạy ô đó, rồi chạy ô kiểm tra ngay sau. Ô kiểm tra in một dòng: `✓` khi đúng, `✗` kèm gợi ý
# khi chưa đúng. Lời giải đầy đủ nằm trong `solutions/01_counterfeiter.ipynb`; hãy tự làm trước khi mở.
#
# **Bài 1 (cài đặt): mất mát của cảnh sát trên logit.** Viết `police_loss(real_logits, fake_logits)`
# trả về $-\text{mean}\log D(x) - \text{mean}\log(1 - D(G(z)))$ với $D = \sigma(\text{logit})$, dưới dạng
# tensor một phần tử. Hàm phải cho kết quả hữu hạn cả khi logit bằng $\pm 200$ trong `float32`.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Exercises
#
# Each exercise has a cell for you to fill in: replace `raise NotImplementedError` (or `...`) with your
# solution, run it, then run the check cell right after it. The check prints one line: `✓` when right,
# `✗` with a hint when not. Full solutions are in `solutions/01_counterfeiter.ipynb`; try first.
#
# **Exercise 1 (implement): the police's loss on logits.** Write `police_loss(real_logits, fake_logits)`
# returning $-\text{mean}\log D(x) - \text{mean}\log(1 - D(G(z)))$ with $D = \sigma(\text{logit})$, as a
# one-number tensor. It must stay finite for logits of $\pm 200$ in `float32`.

# %% slideshow={"slide_type": "skip"}
from ganlib import exercises

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def police_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """−mean log σ(real_logits) − mean log(1 − σ(fake_logits)): a one-number tensor."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
import torch.nn.functional as F


def police_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """−mean log σ(real_logits) − mean log(1 − σ(fake_logits)): a one-number tensor."""
    # −log σ(l) = softplus(−l) and −log(1 − σ(l)) = softplus(l): no log of a probability that rounds to 0.
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_police_loss(police_loss)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 2 (cài đặt): $k$ bước của cảnh sát.** Viết `police_steps(police, counterfeiter, optimizer, *, k,
# sample_real, sample_noise)`: $k$ lần cập nhật cảnh sát, mỗi lần với một batch tiền thật mới
# `sample_real()` và tiền giả mới `counterfeiter(sample_noise())`, dùng
# `toys.counterfeiter.police_loss(police, real, fake)`. Ô kiểm tra đếm số lần gọi `optimizer.step()`, xem có gradient nào rò sang kẻ làm tiền giả
# không, và so trọng số cuối với $k$ bước SGD tính độc lập.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 2 (implement): the police's $k$ steps.** Write `police_steps(police, counterfeiter,
# optimizer, *, k, sample_real, sample_noise)`: $k$ police updates, each on a fresh batch of real notes
# `sample_real()` and fresh counterfeits `counterfeiter(sample_noise())`, with
# `toys.counterfeiter.police_loss(police, real, fake)`. The check counts the calls to `optimizer.step()`, looks for
# gradients leaking into the counterfeiter, and compares the final weights with $k$ SGD steps computed
# independently.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def police_steps(police, counterfeiter, optimizer, *, k: int, sample_real, sample_noise) -> None:
    """k updates of the police; the counterfeiter must not change or receive gradients."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
def police_steps(police, counterfeiter, optimizer, *, k: int, sample_real, sample_noise) -> None:
    """k updates of the police; the counterfeiter must not change or receive gradients."""
    for _ in range(k):
        real = sample_real()
        fake = counterfeiter(sample_noise()).detach()  # the counterfeiter is frozen during the police's steps
        optimizer.zero_grad()
        toys.counterfeiter.police_loss(police, real, fake).backward()
        optimizer.step()

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_police_steps(police_steps)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 3 (thí nghiệm): chỉ một bước cho cảnh sát.** Chơi lại trò chơi của bài với `police_steps=1`
# thay vì 5, trong 200 vòng. Hãy **dự đoán trước**, rồi mới chạy ô kiểm tra (ô này chạy trò chơi rồi so
# với dự đoán của bạn):
#
# - (a) kẻ làm tiền giả vẫn tới $N(3, 0.75^2)$ (sai số 0.05) trong 200 vòng;
# - (b) hắn tiến về phía tiền thật nhưng chưa tới nơi sau 200 vòng;
# - (c) hắn đứng yên hoặc trò chơi mất ổn định.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 3 (experiment): a single police step.** Play the lesson's game again with
# `police_steps=1` instead of 5, for 200 rounds. **Predict first**, then run the check (it plays the
# game and compares with your prediction):
#
# - (a) the counterfeiter still reaches $N(3, 0.75^2)$ (within 0.05) in 200 rounds;
# - (b) he moves towards the real notes but has not arrived after 200 rounds;
# - (c) he stands still, or the game blows up.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
k1_prediction = ...  # "a", "b" or "c"

# %% slideshow={"slide_type": "skip"} tags=["solution"]
k1_prediction = "a"

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.experiment_police_steps(k1_prediction)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 4 (suy ra rồi tính): độ dốc của mất mát cảnh sát theo logit.** Cảnh sát chấm điểm $m_r$ tờ tiền
# thật, được các logit $l_1, \dots, l_{m_r}$, và $m_f$ tờ tiền giả, được các logit $l'_1, \dots, l'_{m_f}$,
# rồi tính
#
# $$\mathcal L_D = -\frac{1}{m_r}\sum_{i=1}^{m_r} \log\sigma(l_i) - \frac{1}{m_f}\sum_{j=1}^{m_f} \log\bigl(1 - \sigma(l'_j)\bigr).$$
#
# Hãy tính trên giấy $\partial \mathcal L_D/\partial l_i$ và $\partial \mathcal L_D/\partial l'_j$ theo
# $\sigma$, rồi viết `police_slopes(real_logits, fake_logits)` trả về cặp (độ dốc theo các logit thật, độ
# dốc theo các logit giả), mỗi phần có cùng kích thước với đầu vào tương ứng. Ô kiểm tra so sánh kết quả
# với autograd. Sau đó hãy tự hỏi: một tờ tiền mà cảnh sát đã đánh giá đúng, và rất chắc chắn, còn góp
# bao nhiêu vào bước cập nhật của họ?

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 4 (derive and compute): the slopes of the police's loss on logits.** The police score
# $m_r$ real notes with logits $l_1, \dots, l_{m_r}$ and $m_f$ counterfeits with logits
# $l'_1, \dots, l'_{m_f}$, and compute
#
# $$\mathcal L_D = -\frac{1}{m_r}\sum_{i=1}^{m_r} \log\sigma(l_i) - \frac{1}{m_f}\sum_{j=1}^{m_f} \log\bigl(1 - \sigma(l'_j)\bigr).$$
#
# Work out $\partial \mathcal L_D/\partial l_i$ and $\partial \mathcal L_D/\partial l'_j$ on paper in
# terms of $\sigma$, then write `police_slopes(real_logits, fake_logits)` returning the pair (slopes with
# respect to the real logits, slopes with respect to the fake logits), each the shape of its input. The
# check compares with autograd. Then ask yourself: how much does a note that the police already judge
# rightly and confidently add to their update?

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def police_slopes(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> tuple:
    """(∂L_D/∂l for each real logit, ∂L_D/∂l for each fake logit), each the shape of its input."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
def police_slopes(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> tuple:
    """(∂L_D/∂l for each real logit, ∂L_D/∂l for each fake logit), each the shape of its input."""
    # d/dl [−log σ(l)] = σ(l) − 1 and d/dl [−log(1 − σ(l))] = σ(l); each mean brings the 1/m of its batch.
    return (torch.sigmoid(real_logits) - 1) / len(real_logits), torch.sigmoid(fake_logits) / len(fake_logits)

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_police_slopes(police_slopes)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi", "solution"]
# **Lời giải bài 4.** Từ $\sigma'(l) = \sigma(l)\bigl(1 - \sigma(l)\bigr)$ ta có
# $\frac{d}{dl}\log\sigma(l) = 1 - \sigma(l)$ và $\frac{d}{dl}\log\bigl(1 - \sigma(l)\bigr) = -\sigma(l)$.
# Logit $l_i$ chỉ xuất hiện trong một số hạng của trung bình thứ nhất, nên
#
# $$\frac{\partial \mathcal L_D}{\partial l_i} = -\frac{1 - \sigma(l_i)}{m_r} = \frac{D(x_i) - 1}{m_r},
# \qquad \frac{\partial \mathcal L_D}{\partial l'_j} = \frac{\sigma(l'_j)}{m_f} = \frac{D(G(z_j)) - 0}{m_f}.$$
#
# Cả hai đều có dạng (dự đoán − nhãn)/$m$: sai số của cảnh sát trên tờ tiền đó, chia cho kích thước
# batch chứa nó. Từ đây rút ra hai điều. Thứ nhất, tờ tiền mà cảnh sát đã đánh giá đúng và rất chắc chắn
# ($D$ gần nhãn) hầu như không góp gì vào bước cập nhật: cảnh sát học từ những tờ họ còn đánh giá sai. Thứ
# hai, độ dốc theo logit không bão hòa: với một tờ tiền thật mà cảnh sát rất chắc chắn là giả
# ($l_i \to -\infty$), độ dốc tiến về $-1/m_r$ chứ không về 0, nên lỗi càng rõ thì lực kéo càng mạnh. Mất mát không bão hòa
# ở bài 04 trao cho $G$ đúng số hạng này, $-\log\sigma(l)$, cũng vì lý do đó.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en", "solution"]
# **Solution to exercise 4.** From $\sigma'(l) = \sigma(l)\bigl(1 - \sigma(l)\bigr)$ we get
# $\frac{d}{dl}\log\sigma(l) = 1 - \sigma(l)$ and $\frac{d}{dl}\log\bigl(1 - \sigma(l)\bigr) = -\sigma(l)$.
# The logit $l_i$ appears in one term of the first mean only, so
#
# $$\frac{\partial \mathcal L_D}{\partial l_i} = -\frac{1 - \sigma(l_i)}{m_r} = \frac{D(x_i) - 1}{m_r},
# \qquad \frac{\partial \mathcal L_D}{\partial l'_j} = \frac{\sigma(l'_j)}{m_f} = \frac{D(G(z_j)) - 0}{m_f}.$$
#
# Both read (prediction − label)/$m$: the police's error on that note, divided by the size of its batch.
# Two things follow. First, a note the police already judge rightly and confidently ($D$ near its label)
# adds almost nothing to their update: the police learn from the notes they still get wrong. Second, the
# slope with respect to the logit does not saturate: for a real note confidently called fake
# ($l_i \to -\infty$) it tends to $-1/m_r$, not to 0, so the clearer the mistake, the stronger the pull.
# Lesson 04's non-saturating loss gives $G$ this very term, $-\log\sigma(l)$, for the same reason.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Tìm hiểu thêm (không có ô kiểm tra).** Đặt `counterfeiter_lr=1.0`: trò chơi đến gần cân bằng nhanh
# hơn hay chậm hơn, và gần cân bằng $p_g$ đứng yên hay dao động? Cho kẻ làm tiền giả xuất phát ở xa,
# `start_shift=-6.0`: sau 300 vòng $p_g$ ở đâu? Bài 03 giải thích điều bạn thấy.
#
# ## Câu hỏi kiểm tra
#
# Chọn đáp án rồi bấm **Kiểm tra** (khi bạn tự chạy notebook); trên GitHub, mở mục **Đáp án** để xem lời
# giải thích.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **To explore (no check).** Set `counterfeiter_lr=1.0`: does the game get close to the equilibrium
# faster or slower, and near it does $p_g$ settle or jitter? Let the counterfeiter start far away,
# `start_shift=-6.0`: where is $p_g$ after 300 rounds? Lesson 03 explains what you see.
#
# ## Quiz
#
# Pick an answer and press **Check** (when you run the notebook yourself); on GitHub, open **Answer**
# for the explanation.

# %% slideshow={"slide_type": "skip"} tags=["quiz"]
exercises.show_quiz("01")
