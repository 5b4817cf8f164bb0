# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# # 03 — KL, JS và tiêu biến gradient
#
# Bài 02 cho thấy: khi bộ phân biệt (*discriminator*) tối ưu, bộ sinh (*generator*) thực chất cực tiểu
# hóa $2\,\mathrm{JSD}(p_{\text{data}} \,\|\, p_g) - \log 4$. Bài này nghiên cứu kỹ các phân kỳ
# (*divergence*) đứng sau công thức đó, rồi chỉ ra một điểm yếu của JSD: khi $p_g$ ở xa
# $p_{\text{data}}$, bộ sinh gần như không nhận được gradient nào. Hiện tượng này gọi là
# tiêu biến gradient (*vanishing gradient*). Ta sẽ:
#
# 1. định nghĩa phân kỳ KL với đúng dấu, và thấy KL không đối xứng khi khớp một phân phối chuẩn với
#    một phân phối hai đỉnh;
# 2. định nghĩa JSD, một phân kỳ đối xứng và không vượt quá $\log 2$;
# 3. tính JSD của hai phân phối chuẩn cách xa nhau (nhỏ hơn $\log 2$, nhưng trong `float64` thì bằng
#    đúng $\log 2$), và xem
#    đạo hàm của JSD theo khoảng cách tắt dần, trong khi đạo hàm của khoảng cách Wasserstein
#    (*Wasserstein distance*) vẫn giữ nguyên.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# # 03 — KL, JS and vanishing gradients
#
# Lesson 02 showed that when the discriminator is optimal, the generator is in effect minimising
# $2\,\mathrm{JSD}(p_{\text{data}} \,\|\, p_g) - \log 4$. This lesson studies the divergences behind
# that formula, then exposes a weakness of the JSD: when $p_g$ is far from $p_{\text{data}}$, the
# generator receives almost no gradient. This is called a vanishing gradient. We will:
#
# 1. define the KL divergence with the right sign, and see that it is not symmetric by fitting a
#    normal distribution to a two-mode distribution;
# 2. define the JSD, which is symmetric and bounded by $\log 2$;
# 3. compute the JSD of two far-apart normal distributions (below $\log 2$, but equal to it in
#    `float64`),
#    and watch its derivative with respect to the distance die out, while the derivative of the
#    Wasserstein distance stays the same.

# %% slideshow={"slide_type": "skip"} tags=["colab"]
# notebooks/build.py writes here the cell that installs ganlib where it is missing and picks the language

# %% slideshow={"slide_type": "skip"}
import math

import numpy as np
import torch
from scipy import integrate, stats

from ganlib import plots, toys

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Phân kỳ KL
#
# Phân kỳ Kullback–Leibler của $q$ so với $p$ là
#
# $$\mathrm{KL}(p \,\|\, q) = \int p(x) \log \frac{p(x)}{q(x)}\, dx = \mathbb E_{x \sim p}\big[\log p(x) - \log q(x)\big].$$
#
# KL luôn $\ge 0$ (bất đẳng thức Gibbs), và bằng 0 khi và chỉ khi $p = q$. Với log tự nhiên, đơn vị là
# nat; với $\log_2$, đơn vị là bit. Với hai phân phối chuẩn, KL có công thức dạng đóng:
#
# $$\mathrm{KL}\big(N(\mu_1, \sigma_1^2) \,\|\, N(\mu_2, \sigma_2^2)\big) = \log \frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2 \sigma_2^2} - \frac12.$$
#
# `ganlib.kl_divergence` không biết công thức này. Hàm này tính tích phân số từ `logpdf` của hai phân
# phối. Ta so hai kết quả, kể cả khi hai phân phối cách nhau 30 độ lệch chuẩn.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The KL divergence
#
# The Kullback–Leibler divergence of $q$ from $p$ is
#
# $$\mathrm{KL}(p \,\|\, q) = \int p(x) \log \frac{p(x)}{q(x)}\, dx = \mathbb E_{x \sim p}\big[\log p(x) - \log q(x)\big].$$
#
# KL is always $\ge 0$ (Gibbs' inequality), and equals 0 if and only if $p = q$. With natural logs the
# unit is the nat; with $\log_2$ it is the bit. For two normal distributions KL has a closed form:
#
# $$\mathrm{KL}\big(N(\mu_1, \sigma_1^2) \,\|\, N(\mu_2, \sigma_2^2)\big) = \log \frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2 \sigma_2^2} - \frac12.$$
#
# `ganlib.kl_divergence` does not know this formula. It integrates numerically, from the `logpdf` of
# the two distributions. We compare the two results, including for distributions 30 standard
# deviations apart.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
def kl_normal(m1, s1, m2, s2):
    return math.log(s2 / s1) + (s1**2 + (m1 - m2) ** 2) / (2 * s2**2) - 0.5


for m1, s1, m2, s2 in [(0, 1, 1, 2), (1, 2, 0, 1), (0, 1, 30, 1)]:
    numeric = ganlib.kl_divergence(stats.norm(m1, s1), stats.norm(m2, s2))
    closed = kl_normal(m1, s1, m2, s2)
    print(f"KL(N({m1}, {s1}^2) || N({m2}, {s2}^2)):", ganlib.tr(en="integral", vi="tích phân"), f"{numeric:.10f},",
          ganlib.tr(en="closed form", vi="dạng đóng"), f"{closed:.10f}")
print(ganlib.tr(en="in bits:", vi="tính theo bit:"),
      f"KL(N(0, 1) || N(1, 2^2)) = {ganlib.kl_divergence(stats.norm(0, 1), stats.norm(1, 2), base=2):.10f}")

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["vi"]
# > **Lỗi thường gặp.** Có tài liệu viết $D_{\mathrm{KL}}(P \,\|\, Q) = -\sum_x P(x) \log \dfrac{P(x)}{Q(x)}$.
# > Dấu trừ ở đây là sai. Với dấu trừ, "phân kỳ" luôn $\le 0$, trái với tính chất $\mathrm{KL} \ge 0$.
# > Dấu trừ chỉ xuất hiện khi đảo phân số: $\mathrm{KL}(P \,\|\, Q) = -\sum_x P(x) \log \dfrac{Q(x)}{P(x)}$.
# > Ô dưới đây thử với hai phân phối rời rạc.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["en"]
# > **Common mistake.** Some write-ups give $D_{\mathrm{KL}}(P \,\|\, Q) = -\sum_x P(x) \log \dfrac{P(x)}{Q(x)}$.
# > The minus sign is wrong. With it, the "divergence" is always $\le 0$, contradicting
# > $\mathrm{KL} \ge 0$. A minus sign appears only when the fraction is flipped:
# > $\mathrm{KL}(P \,\|\, Q) = -\sum_x P(x) \log \dfrac{Q(x)}{P(x)}$. The cell below tries two discrete
# > distributions.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
P = np.array([0.5, 0.3, 0.2])
Q = np.array([0.2, 0.5, 0.3])
print(f"sum P log(P/Q)  = {np.sum(P * np.log(P / Q)):.6f}  ", ganlib.tr(en="(correct, >= 0)", vi="(đúng, >= 0)"))
print(f"-sum P log(P/Q) = {-np.sum(P * np.log(P / Q)):.6f} ", ganlib.tr(en="(wrong sign)", vi="(sai dấu)"))
print(f"-sum P log(Q/P) = {-np.sum(P * np.log(Q / P)):.6f}  ", ganlib.tr(en="(correct again)", vi="(lại đúng)"))

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# KL gắn chặt với entropy chéo (*cross-entropy*) $H(p, q) = -\mathbb E_{x \sim p}[\log q(x)]$ mà bài 01
# dùng để dẫn ra hàm mất mát (*loss function*) của cảnh sát:
#
# $$H(p, q) = H(p) + \mathrm{KL}(p \,\|\, q), \qquad H(p) = -\mathbb E_{x \sim p}[\log p(x)].$$
#
# Entropy $H(p)$ không phụ thuộc $q$. Vì thế, cực tiểu hóa entropy chéo theo $q$ cũng là cực tiểu hóa
# $\mathrm{KL}(p \,\|\, q)$. Ta kiểm tra đẳng thức với entropy do scipy tính (công thức dạng đóng
# $\tfrac12 \log(2\pi e \sigma^2)$ cho phân phối chuẩn).

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# KL is tied to the cross-entropy $H(p, q) = -\mathbb E_{x \sim p}[\log q(x)]$ that lesson 01 used to
# derive the police's loss:
#
# $$H(p, q) = H(p) + \mathrm{KL}(p \,\|\, q), \qquad H(p) = -\mathbb E_{x \sim p}[\log p(x)].$$
#
# The entropy $H(p)$ does not depend on $q$. So minimising the cross-entropy over $q$ is the same as
# minimising $\mathrm{KL}(p \,\|\, q)$. We check the identity with scipy's entropy (the closed form
# $\tfrac12 \log(2\pi e \sigma^2)$ for a normal distribution).

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
p, q = stats.norm(1, 2), stats.norm(-1, 0.7)
print(f"H(p, q)          = {ganlib.cross_entropy(p, q):.10f}")
print(f"H(p) + KL(p||q)  = {float(p.entropy()) + ganlib.kl_divergence(p, q):.10f}")

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## KL không đối xứng: KL thuận và KL ngược
#
# Nói chung $\mathrm{KL}(p \,\|\, q) \ne \mathrm{KL}(q \,\|\, p)$. Sự khác biệt lộ rõ khi ta khớp một
# phân phối chuẩn $q = N(m, s^2)$ với phân phối hai đỉnh
# $p = \tfrac12 N(-3, 1) + \tfrac12 N(3, 1)$:
#
# - **KL thuận** (*forward KL*) $\mathrm{KL}(p \,\|\, q)$ lấy kỳ vọng theo $p$, nên phạt nặng những
#   chỗ $p$ lớn mà $q$ nhỏ. Vì thế $q$ phải phủ cả hai mode (đỉnh của phân phối), kể cả khoảng trống ở
#   giữa. Ta nói KL thuận **bao phủ mode** (*mode-covering*). Với $q$ chuẩn, nghiệm có cùng kỳ vọng và
#   phương sai với phân phối hai đỉnh: $m = 0$, $s^2 = 1 + 3^2 = 10$.
# - **KL ngược** (*reverse KL*) $\mathrm{KL}(q \,\|\, p)$ lấy kỳ vọng theo $q$, nên phạt nặng những
#   chỗ $q$ lớn mà $p$ nhỏ, ví dụ khoảng trống giữa hai đỉnh. Vì thế $q$ chọn **một** mode và bám lấy
#   mode đó. Ta nói KL ngược **bám mode** (*mode-seeking*).
#
# `ganlib.fit_gaussian` tìm $(m, s)$ bằng phương pháp Nelder–Mead.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## KL is not symmetric: forward and reverse KL
#
# In general $\mathrm{KL}(p \,\|\, q) \ne \mathrm{KL}(q \,\|\, p)$. The difference shows clearly when we
# fit a normal distribution $q = N(m, s^2)$ to the two-mode distribution
# $p = \tfrac12 N(-3, 1) + \tfrac12 N(3, 1)$:
#
# - The **forward KL** $\mathrm{KL}(p \,\|\, q)$ takes the expectation under $p$. It punishes places
#   where $p$ is large and $q$ small. So $q$ must cover both modes, gap in the middle included: forward
#   KL is **mode-covering**. For a normal $q$ the solution matches the mean and the variance: $m = 0$,
#   $s^2 = 1 + 3^2 = 10$.
# - The **reverse KL** $\mathrm{KL}(q \,\|\, p)$ takes the expectation under $q$. It punishes places
#   where $q$ is large and $p$ small, such as the gap between the modes. So $q$ picks **one** mode and
#   sticks to it: reverse KL is **mode-seeking**.
#
# `ganlib.fit_gaussian` finds $(m, s)$ with the Nelder–Mead method.

# %% slideshow={"slide_type": "subslide"}
two_modes = ganlib.two_gaussian_mixture(weight=0.5, mean1=-3.0, std1=1.0, mean2=3.0, std2=1.0)
forward = ganlib.fit_gaussian(two_modes, direction="forward", start=(1.0, 1.0))
reverse = ganlib.fit_gaussian(two_modes, direction="reverse", start=(1.0, 1.0))
plots.densities.plot_gaussian_fits(two_modes, forward=forward, reverse=reverse);

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
def show(x):
    return f"{round(x, 3) + 0.0:.3f}"  # + 0.0 turns -0.000 into 0.000


print(ganlib.tr(en="forward fit:", vi="khớp thuận:"), f"m = {show(forward.mean())}, s = {show(forward.std())}",
      ganlib.tr(en="(moments:", vi="(theo mô-men:"), f"m = 0, s = sqrt(10) = {math.sqrt(10):.3f})")
print(ganlib.tr(en="reverse fit:", vi="khớp ngược:"), f"m = {show(reverse.mean())}, s = {show(reverse.std())}")
print()
print(f"{'':12s} {'KL(p||q)':>9s} {'KL(q||p)':>9s}")
for name, fit in [(ganlib.tr(en="forward q", vi="q thuận"), forward), (ganlib.tr(en="reverse q", vi="q ngược"), reverse)]:
    print(f"{name:12s} {ganlib.kl_divergence(two_modes, fit):9.4f} {ganlib.kl_divergence(fit, two_modes):9.4f}")

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Mỗi cách khớp thắng ở đúng tiêu chí của nó: $q$ thuận có $\mathrm{KL}(p \,\|\, q)$ nhỏ hơn, $q$
# ngược có $\mathrm{KL}(q \,\|\, p)$ nhỏ hơn. $q$ ngược gần như trùng với đỉnh bên phải
# ($m \approx 3$, $s \approx 1$). Nếu xuất phát từ $m < 0$, phép khớp sẽ chọn đỉnh bên trái. Một bộ sinh chỉ
# tạo ra một phần của dữ liệu và bỏ qua phần còn lại cũng giống $q$ ngược. Bài 06 gọi hiện tượng đó là
# sụp đổ mode (*mode collapse*).

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# Each fit wins on its own criterion: the forward $q$ has the smaller $\mathrm{KL}(p \,\|\, q)$, the
# reverse $q$ the smaller $\mathrm{KL}(q \,\|\, p)$. The reverse $q$ almost sits on the right mode
# ($m \approx 3$, $s \approx 1$). Started from $m < 0$, it would pick the left mode. A generator that
# produces only part of the data and ignores the rest behaves like the reverse $q$. Lesson 06 calls
# this mode collapse.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Phân kỳ Jensen–Shannon
#
# Phân kỳ Jensen–Shannon so sánh cả $p$ lẫn $q$ với trung bình của chúng $m = \tfrac12 (p + q)$:
#
# $$\mathrm{JSD}(p \,\|\, q) = \tfrac12 \mathrm{KL}(p \,\|\, m) + \tfrac12 \mathrm{KL}(q \,\|\, m).$$
#
# Đổi chỗ $p$ và $q$ thì $m$ không đổi và hai số hạng đổi chỗ cho nhau, nên JSD **đối xứng**. JSD cũng
# **bị chặn**: vì $m \ge p/2$, ta có $\log(p/m) \le \log 2$, do đó $0 \le \mathrm{JSD} \le \log 2$. Dấu
# bằng $\mathrm{JSD} = \log 2$ xảy ra khi $p$ và $q$ không chồng lên nhau chút nào.
#
# Tính đối xứng có sẵn trong cách xây dựng, ở công thức cũng như trong code của `ganlib`, nên in
# $\mathrm{JSD}(p \,\|\, q)$ cạnh $\mathrm{JSD}(q \,\|\, p)$ thì không chứng minh được gì. Điều có thể sai
# là cách `ganlib` viết lại định nghĩa trong không gian log (xem bên dưới). Ô sau đối chiếu nó với chính
# định nghĩa: với $p = N(0, 1)$ và $q = N(2, 0.5^2)$, hỗn hợp $m = \tfrac12 (p + q)$ tự nó là một phân phối
# (`two_gaussian_mixture`), nên $\tfrac12 \mathrm{KL}(p \,\|\, m) + \tfrac12 \mathrm{KL}(q \,\|\, m)$ tính
# bằng `ganlib.kl_divergence` phải khớp với `ganlib.js_divergence(p, q)`. Sau đó ta in KL theo hai chiều
# cho phân phối hai đỉnh $p$ và phép khớp ngược $q$ ở trên.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The Jensen–Shannon divergence
#
# The Jensen–Shannon divergence compares both $p$ and $q$ with their average $m = \tfrac12 (p + q)$:
#
# $$\mathrm{JSD}(p \,\|\, q) = \tfrac12 \mathrm{KL}(p \,\|\, m) + \tfrac12 \mathrm{KL}(q \,\|\, m).$$
#
# Swapping $p$ and $q$ leaves $m$ unchanged and swaps the two terms, so the JSD is **symmetric**. It is
# also **bounded**: since $m \ge p/2$, we have $\log(p/m) \le \log 2$, hence $0 \le \mathrm{JSD} \le \log 2$.
# The bound $\mathrm{JSD} = \log 2$ is reached when $p$ and $q$ do not overlap at all.
#
# Symmetry is built in, in the formula and in `ganlib`'s code alike, so printing
# $\mathrm{JSD}(p \,\|\, q)$ next to $\mathrm{JSD}(q \,\|\, p)$ would prove nothing. What could go wrong is
# how `ganlib` rewrites the definition in log space (see below). The next cell checks it against the
# definition itself: for $p = N(0, 1)$ and $q = N(2, 0.5^2)$ the mixture $m = \tfrac12 (p + q)$ is a
# distribution of its own (`two_gaussian_mixture`), so $\tfrac12 \mathrm{KL}(p \,\|\, m) +
# \tfrac12 \mathrm{KL}(q \,\|\, m)$ computed with `ganlib.kl_divergence` must match
# `ganlib.js_divergence(p, q)`. Then we print KL both ways for the two-mode $p$ and its reverse fit $q$
# from above.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
narrow, mixture = stats.norm(0, 1), stats.norm(2, 0.5)
m = ganlib.two_gaussian_mixture(weight=0.5, mean1=0.0, std1=1.0, mean2=2.0, std2=0.5)
by_definition = 0.5 * ganlib.kl_divergence(narrow, m) + 0.5 * ganlib.kl_divergence(mixture, m)
print(ganlib.tr(en="p = N(0, 1), q = N(2, 0.5^2):", vi="p = N(0, 1), q = N(2, 0.5^2):"),
      f"1/2 KL(p || m) + 1/2 KL(q || m) = {by_definition:.10f},",
      f"js_divergence(p, q) = {ganlib.js_divergence(narrow, mixture):.10f}")
print(ganlib.tr(en="two-mode p, reverse fit q:", vi="p hai đỉnh, q khớp ngược:"),
      f"KL(p || q) = {ganlib.kl_divergence(two_modes, reverse):.6f},",
      f"KL(q || p) = {ganlib.kl_divergence(reverse, two_modes):.6f}")

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["vi"]
# > **Lỗi thường gặp.** "JSD đối xứng, nên $D_{\mathrm{KL}}(P \,\|\, Q) = D_{\mathrm{KL}}(Q \,\|\, P)$."
# > Sai. JSD đối xứng vì được **thiết kế** để đối xứng: nó lấy trung bình của hai chiều, và mỗi chiều
# > so với hỗn hợp $m$, không so trực tiếp $P$ với $Q$. Điều đó không nói gì về KL. Ô phía trên cho thấy
# > $\mathrm{KL}(p \,\|\, q)$ khác hẳn $\mathrm{KL}(q \,\|\, p)$, dù
# > $\mathrm{JSD}(p \,\|\, q) = \mathrm{JSD}(q \,\|\, p)$ theo định nghĩa.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["en"]
# > **Common mistake.** "The JSD is symmetric, so $D_{\mathrm{KL}}(P \,\|\, Q) = D_{\mathrm{KL}}(Q \,\|\, P)$."
# > Wrong. The JSD is symmetric because it is **built** to be: it averages the two directions, and each
# > direction compares with the mixture $m$, not $P$ with $Q$ directly. That says nothing about KL. The
# > cell above gives $\mathrm{KL}(p \,\|\, q)$ far from $\mathrm{KL}(q \,\|\, p)$, although
# > $\mathrm{JSD}(p \,\|\, q) = \mathrm{JSD}(q \,\|\, p)$ by definition.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Hai phân phối cách xa nhau: JSD dừng ở $\log 2$
#
# Lấy $p = N(0, 1)$ và ba phân phối ở rất xa: $q_1 = N(20, 1)$, $q_2 = N(25, 1)$, $q_3 = N(30, 1)$.
# Các phân phối này gần như không chồng lên nhau. Nói chính xác, mỗi giá trị JSD đều **nhỏ hơn thực sự**
# $\log 2$, vì mật độ chuẩn dương ở khắp nơi nên hai phân phối luôn chồng lên nhau một chút, và JSD tăng
# dần theo $\mu$. Nhưng độ hụt $\log 2 - \mathrm{JSD}$ chỉ cỡ $10^{-23}$ tại $\mu = 20$ và $10^{-50}$
# tại $\mu = 30$, nhỏ hơn rất nhiều so với khoảng cách giữa hai số `float64` liền nhau quanh 0.69 (cỡ
# $10^{-16}$). Vì thế trong `float64` cả ba giá trị JSD đều bằng đúng $\log 2$. Trên thực tế, JSD không
# phân biệt được $q_1$ với $q_3$, dù $q_3$ ở xa hơn đến 10 đơn vị.
#
# Ô dưới đây tính riêng độ hụt đó, không trừ từ $\log 2$, theo hai con đường. Con đường thứ nhất
# dùng `ganlib.expectation`: $\log 2 - \mathrm{JSD} = \tfrac12 \mathbb E_p[\log(1 + q/p)] +
# \tfrac12 \mathbb E_q[\log(1 + p/q)]$. Con đường thứ hai chỉ dùng được cho $p = N(0, 1)$,
# $q = N(\mu, 1)$: khi đó $\log q - \log p = \mu x - \mu^2/2$, hai nửa bằng nhau do đối xứng, và đổi biến
# $x = \mu/2 + t$ cho
#
# $$\log 2 - \mathrm{JSD} = e^{-\mu^2/8} \int \varphi(t)\, e^{-\mu t/2} \log\big(1 + e^{\mu t}\big)\, dt,$$
#
# với $\varphi$ là mật độ của $N(0, 1)$. Tích phân còn lại có độ lớn bình thường; hàm `quad` của scipy
# (một phương pháp cầu phương khác) tính nó dễ dàng. Thừa số $e^{-\mu^2/8}$ cho thấy vì sao JSD tiến về
# $\log 2$ nhanh đến vậy.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Far-apart distributions: the JSD stops at $\log 2$
#
# Take $p = N(0, 1)$ and three distributions far away: $q_1 = N(20, 1)$, $q_2 = N(25, 1)$,
# $q_3 = N(30, 1)$. They barely overlap. Strictly, each JSD value is **below** $\log 2$: normal densities
# are positive everywhere, so the two always overlap a little, and the JSD increases with $\mu$. But the
# shortfall $\log 2 - \mathrm{JSD}$ is about $10^{-23}$ at $\mu = 20$ and $10^{-50}$ at $\mu = 30$, far
# below the spacing of `float64` numbers near 0.69 (about $10^{-16}$). So in `float64` all three JSD values
# are exactly $\log 2$. In practice the JSD cannot tell $q_1$ from $q_3$, even though $q_3$ is 10 units
# further away.
#
# The cell below computes that shortfall on its own, without subtracting from $\log 2$, by two routes.
# The first uses `ganlib.expectation`: $\log 2 - \mathrm{JSD} = \tfrac12 \mathbb E_p[\log(1 + q/p)] +
# \tfrac12 \mathbb E_q[\log(1 + p/q)]$. The second works only for $p = N(0, 1)$, $q = N(\mu, 1)$: there
# $\log q - \log p = \mu x - \mu^2/2$, the two halves are equal by symmetry, and substituting
# $x = \mu/2 + t$ gives
#
# $$\log 2 - \mathrm{JSD} = e^{-\mu^2/8} \int \varphi(t)\, e^{-\mu t/2} \log\big(1 + e^{\mu t}\big)\, dt,$$
#
# where $\varphi$ is the density of $N(0, 1)$. The remaining integral is of ordinary size; scipy's `quad`
# (a different quadrature) computes it easily. The factor $e^{-\mu^2/8}$ shows why the JSD reaches
# $\log 2$ so fast.

# %% slideshow={"slide_type": "subslide"}
p = stats.norm(0, 1)
far = [stats.norm(mu, 1) for mu in (20, 25, 30)]
plots.densities.plot_far_apart(p, far);

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
def shortfall_by_ganlib(p, q):
    """log 2 - JSD(p || q) = 1/2 E_p[softplus(log q - log p)] + 1/2 E_q[softplus(log p - log q)]."""
    def half(a, b):
        return ganlib.expectation(a, lambda x: np.logaddexp(0.0, b.logpdf(x) - a.logpdf(x)), also_cover=(b,),
                                  atol=0.0, rtol=1e-10)
    return 0.5 * half(p, q) + 0.5 * half(q, p)


def shortfall_by_reflection(mu):
    """The same for N(0, 1) and N(mu, 1): e^(-mu^2/8) times an ordinary integral, by scipy's quad."""
    def integrand(t):
        return stats.norm.pdf(t) * np.exp(-mu * t / 2) * np.logaddexp(0.0, mu * t)
    return math.exp(-mu**2 / 8) * integrate.quad(integrand, -8.0, 8.0, points=[0.0], epsabs=0.0, epsrel=1e-10)[0]


shortfalls = []
for q in far:
    mu = float(q.mean())
    shortfalls.append(shortfall_by_ganlib(p, q))
    jsd = ganlib.js_divergence(p, q)
    print(f"mu = {mu:.0f}: log 2 - JSD = {shortfalls[-1]:.4e} (ganlib.expectation), {shortfall_by_reflection(mu):.4e} (quad);",
          ganlib.tr(en="in float64 JSD == log 2:", vi="với float64, JSD == log 2:"), jsd == math.log(2))
print(ganlib.tr(en="shortfall > 0 and shrinking with mu (JSD < log 2, increasing):",
                vi="độ hụt > 0 và nhỏ dần theo mu (JSD < log 2, tăng dần):"),
      shortfalls[0] > shortfalls[1] > shortfalls[2] > 0)
print(ganlib.tr(en="in bits:", vi="tính theo bit:"), f"JSD(N(0, 1) || N(30, 1)) = {ganlib.js_divergence(p, far[2], base=2):.12f}")

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["vi"]
# > **Lỗi thường gặp (tính số).** Tính thẳng $\int p \log(p/m)$ từ `pdf` trên một lưới là cách dễ sai
# > nhất. Ở những chỗ cả hai mật độ đều bị làm tròn thành 0 (với phân phối chuẩn là khi cách tâm hơn
# > khoảng 38 độ lệch chuẩn), biểu thức dưới dấu tích phân thành $0 \cdot \log(0/0) = \text{nan}$.
# > Cách vá hay gặp là bỏ qua những điểm có mật độ bằng 0. Giá trị nan biến mất, nhưng nếu lưới chỉ
# > phủ một trong hai phân phối thì kết quả sai mà không có cảnh báo nào: ở ô dưới, kết quả chỉ bằng
# > một nửa giá trị đúng. `ganlib` tính trong không gian log, từ `logpdf`:
# > $\log(p/m) = \log 2 - \operatorname{softplus}(\log q - \log p)$, và lấy tích phân trên các đoạn
# > phủ toàn bộ khối lượng của **cả hai** phân phối.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["en"]
# > **Common mistake (numerics).** Computing $\int p \log(p/m)$ straight from `pdf` on a grid is the
# > easiest way to go wrong. Where both densities round to 0 (for a normal distribution, beyond about
# > 38 standard deviations), the integrand becomes $0 \cdot \log(0/0) = \text{nan}$. The usual patch
# > is to skip the points where a density is 0. The nan goes away, but if the grid covers only one of
# > the two distributions the result is wrong without any warning: in the cell below it is half the
# > right value. `ganlib` works in log space, from `logpdf`:
# > $\log(p/m) = \log 2 - \operatorname{softplus}(\log q - \log p)$, and integrates over pieces that
# > cover the mass of **both** distributions.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
def naive_jsd(p, q, x, *, skip_zeros=False):
    """JSD straight from the definition, with pdf on a grid: do not do this."""
    densities = p.pdf(x), q.pdf(x)
    m = (densities[0] + densities[1]) / 2
    with np.errstate(divide="ignore", invalid="ignore"):  # we want to see the nan, not a warning
        terms = [d * np.log(d / m) for d in densities]
    if skip_zeros:
        terms = [np.where(d > 0, t, 0.0) for d, t in zip(densities, terms)]
    return 0.5 * integrate.trapezoid(terms[0], x) + 0.5 * integrate.trapezoid(terms[1], x)


q3 = far[2]
covers_both, covers_p = np.linspace(-10, 40, 50_001), np.linspace(-10, 10, 20_001)
print(ganlib.tr(en="naive, grid [-10, 40]:", vi="tính thẳng, lưới [-10, 40]:"), f"{naive_jsd(p, q3, covers_both):.6f}")
print(ganlib.tr(en="skipping zeros, grid [-10, 40]:", vi="bỏ qua các số 0, lưới [-10, 40]:"),
      f"{naive_jsd(p, q3, covers_both, skip_zeros=True):.6f}")
print(ganlib.tr(en="skipping zeros, grid [-10, 10]:", vi="bỏ qua các số 0, lưới [-10, 10]:"),
      f"{naive_jsd(p, q3, covers_p, skip_zeros=True):.6f}", ganlib.tr(en="(silently wrong)", vi="(sai mà không báo)"))
print(f"ganlib.js_divergence: {ganlib.js_divergence(p, q3):.6f}")

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Giá rời nhau: đúng bằng $\log 2$
#
# Hai phân phối chuẩn luôn chồng lên nhau, dù chỉ $10^{-50}$. Dữ liệu thật thì có thể không. Arjovsky và
# Bottou (2017) chỉ ra rằng ảnh thật nằm gần một tập có số chiều thấp trong không gian điểm ảnh, còn một
# bộ sinh biến vector nhiễu 100 chiều thành 784 điểm ảnh chỉ tạo ra mẫu trên một tập có số chiều không
# quá 100. Hai tập số chiều thấp như vậy nói chung không cắt nhau (hoặc chỉ gặp nhau trên một tập có độ đo
# bằng 0), nên $p_{\text{data}}$ và $p_g$ có giá (*support*) rời nhau. Khi đó, trên giá của $p$ thì $q = 0$
# và $m = p/2$, nên $\log(p/m) = \log 2$ đúng tuyệt đối; trên giá của $q$ cũng vậy. Do đó JSD bằng
# $\log 2$ **chính xác**, không phải xấp xỉ. Dịch bộ sinh một chút thì hai giá vẫn rời nhau, JSD vẫn đúng
# bằng $\log 2$, và gradient của nó đúng bằng 0.
#
# Phân phối đều minh họa điều này trong một chiều. Với $p = U(0, 1)$ và $q = U(s, 1 + s)$, $0 \le s \le 1$,
# phần chồng lên nhau là $[s, 1]$. Ở đó $p = q$ nên $\log(p/m) = 0$; phần còn lại, khối lượng $s$ của mỗi
# phân phối, cho $\log 2$. Vậy $\mathrm{JSD} = s \log 2$ khi $s \le 1$, và bằng đúng $\log 2$ với mọi
# $s \ge 1$. Ta so `ganlib.js_divergence` với công thức này.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Disjoint supports: exactly $\log 2$
#
# Two normal distributions always overlap, if only by $10^{-50}$. Real data may not. Arjovsky and Bottou
# (2017) point out that real images lie near a low-dimensional set in pixel space, while a generator
# that maps a 100-dimensional noise vector to 784 pixels produces samples on a set of dimension at most
# 100. Two such low-dimensional sets generically do not intersect (or meet only in a set of measure
# zero), so $p_{\text{data}}$ and $p_g$ have disjoint supports. Then, on the support of $p$, $q = 0$ and
# $m = p/2$, so $\log(p/m) = \log 2$ exactly; the same holds on the support of $q$. So the JSD is $\log 2$
# **exactly**, not approximately. Moving the generator a little keeps the supports disjoint, the JSD
# stays exactly $\log 2$, and its gradient is exactly 0.
#
# Uniform distributions show this in one dimension. For $p = U(0, 1)$ and $q = U(s, 1 + s)$ with
# $0 \le s \le 1$, the overlap is $[s, 1]$. There $p = q$, so $\log(p/m) = 0$; the rest, mass $s$ of each
# distribution, gives $\log 2$. So $\mathrm{JSD} = s \log 2$ for $s \le 1$, and exactly $\log 2$ for every
# $s \ge 1$. We compare `ganlib.js_divergence` with this formula.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
uniform = stats.uniform(0, 1)
agree = []
for shift in (0.25, 0.5, 0.75, 1.0, 2.0, 5.0):
    jsd = ganlib.js_divergence(uniform, stats.uniform(shift, 1))
    closed = min(shift, 1.0) * math.log(2)
    agree.append(math.isclose(jsd, closed, rel_tol=1e-9))
    print(f"s = {shift:4}: JSD(U(0, 1) || U(s, 1 + s)) = {jsd:.10f}, min(s, 1) log 2 = {closed:.10f}")
print(ganlib.tr(en="all agree to 1e-9:", vi="tất cả khớp đến 1e-9:"), all(agree))

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Đạo hàm của JSD tắt dần
#
# Vì sao JSD dừng ở $\log 2$ lại là chuyện lớn? Theo bài 02, khi $D$ tối ưu, mất mát của bộ sinh là
# $2\,\mathrm{JSD}(p_{\text{data}} \,\|\, p_g) - \log 4$. Bộ sinh học bằng gradient của mất mát này.
# Xét bộ sinh đơn giản nhất $G(z) = z + \mu$, tức $p_g = q_\mu = N(\mu, 1)$, với dữ liệu thật
# $p = N(0, 1)$.
#
# Gradient mà bộ sinh nhận được có đúng là đạo hàm của mất mát này không? Mất mát đó là
# $C(\mu) = \max_D V(\mu, D) = V(\mu, D^*_\mu)$, mà bản thân $D^*_\mu$ cũng đổi theo $\mu$. Định lý
# hình bao (*envelope theorem*, hay định lý Danskin) nói rằng đạo hàm của một giá trị cực đại bằng đạo
# hàm riêng tại điểm đạt cực đại: $dC/d\mu = \partial V(\mu, D)/\partial\mu$ tại $D = D^*_\mu$, với $D$
# **giữ cố định**. Lan truyền ngược cũng giữ $D$ cố định đúng như vậy khi bộ sinh cập nhật qua một bộ
# phân biệt đứng yên. Vậy gradient mà bộ sinh nhận được từ một $D$ tối ưu là
# $dC/d\mu = 2\, d\,\mathrm{JSD}(p \,\|\, q_\mu)/d\mu$. Lấy đạo hàm ngay từ định nghĩa của JSD, ta thấy các số hạng chứa $\partial m/\partial\mu$ triệt tiêu nhau
# (vì $\int \partial q_\mu/\partial\mu\, dx = 0$), chỉ còn lại
#
# $$\frac{d}{d\mu} \mathrm{JSD}(p \,\|\, q_\mu) = \frac12 \int \frac{\partial q_\mu(x)}{\partial \mu} \log \frac{q_\mu(x)}{m(x)}\, dx.$$
#
# `ganlib.js_divergence_shift_slope` tính tích phân này trong không gian log, nên vẫn chính xác
# khi giá trị chỉ còn $10^{-50}$. Trước hết, ta so kết quả với sai phân trung tâm của chính JSD tại
# $\mu = 2$. Sau đó ta kiểm tra bước dùng định lý hình bao: giữ $D$ cố định ở $D^*_2$ (tối ưu cho $\mu = 2$), sai phân
# trung tâm của $V(\mu, D^*_2)$ theo $\mu$ phải bằng $2\, d\,\mathrm{JSD}/d\mu$.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The derivative of the JSD dies out
#
# Why does it matter that the JSD stops at $\log 2$? By lesson 02, with an optimal $D$ the generator's
# loss is $2\,\mathrm{JSD}(p_{\text{data}} \,\|\, p_g) - \log 4$. The generator learns from the
# gradient of this loss. Take the simplest generator $G(z) = z + \mu$, so $p_g = q_\mu = N(\mu, 1)$,
# with real data $p = N(0, 1)$.
#
# Is the gradient the generator receives really the derivative of that loss? The loss is
# $C(\mu) = \max_D V(\mu, D) = V(\mu, D^*_\mu)$, and $D^*_\mu$ itself changes with $\mu$. The envelope
# theorem (Danskin's theorem) says that the derivative of a maximum is the partial derivative at the
# maximiser: $dC/d\mu = \partial V(\mu, D)/\partial\mu$ at $D = D^*_\mu$, with $D$ **held fixed**.
# Holding $D$ fixed is exactly what backpropagation does when the generator steps through a frozen
# discriminator. So the gradient the generator receives from an optimal $D$ is
# $dC/d\mu = 2\, d\,\mathrm{JSD}(p \,\|\, q_\mu)/d\mu$. Differentiating the definition of the JSD, the terms with
# $\partial m/\partial\mu$ cancel (because $\int \partial q_\mu/\partial\mu\, dx = 0$), leaving
#
# $$\frac{d}{d\mu} \mathrm{JSD}(p \,\|\, q_\mu) = \frac12 \int \frac{\partial q_\mu(x)}{\partial \mu} \log \frac{q_\mu(x)}{m(x)}\, dx.$$
#
# `ganlib.js_divergence_shift_slope` computes this integral in log space, so it stays accurate
# when the value is down to $10^{-50}$. First we compare it with a central difference of the JSD
# itself at $\mu = 2$. Then we check the envelope step: with $D$ held at $D^*_2$ (optimal for $\mu = 2$),
# a central difference of $V(\mu, D^*_2)$ in $\mu$ must equal $2\, d\,\mathrm{JSD}/d\mu$.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
slope = ganlib.js_divergence_shift_slope
h = 1e-4
difference = (ganlib.js_divergence(p, stats.norm(2 + h, 1)) - ganlib.js_divergence(p, stats.norm(2 - h, 1))) / (2 * h)
frozen = ganlib.optimal_discriminator(p, stats.norm(2, 1))
with_d_frozen = (ganlib.gan_value(p, stats.norm(2 + h, 1), frozen) - ganlib.gan_value(p, stats.norm(2 - h, 1), frozen)) / (2 * h)
print(ganlib.tr(en="at mu = 2:", vi="tại mu = 2:"), f"dJSD/dmu = {slope(p, stats.norm(2, 1)):.6f}",
      ganlib.tr(en="(integral),", vi="(tích phân),"), f"{difference:.6f}", ganlib.tr(en="(central difference)", vi="(sai phân trung tâm)"))
print(ganlib.tr(en="D frozen at D*_2:", vi="D giữ cố định ở D*_2:"),
      f"dV/dmu = {with_d_frozen:.6f}, 2 dJSD/dmu = {2 * slope(p, stats.norm(2, 1)):.6f}")

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Giờ ta quét $\mu$ từ 0 đến 30. Để so sánh, ta tính thêm khoảng cách Wasserstein
# $W_1(p, q) = \int |F_p(x) - F_q(x)|\, dx$, với $F$ là hàm phân phối tích lũy. Có thể hình dung $W_1$
# là công ít nhất cần bỏ ra để "xúc" khối lượng của $p$ đắp thành hình dạng của $q$. Với hai phân phối
# chuẩn chỉ lệch nhau một đoạn $\mu$, $W_1 = |\mu|$.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# Now sweep $\mu$ from 0 to 30. For comparison we also compute the Wasserstein distance
# $W_1(p, q) = \int |F_p(x) - F_q(x)|\, dx$, where $F$ is the cumulative distribution function. Think of
# $W_1$ as the least work needed to "shovel" the mass of $p$ into the shape of $q$. For two normal
# distributions that differ only by a shift $\mu$, $W_1 = |\mu|$.

# %% slideshow={"slide_type": "subslide"}
shifts = np.linspace(0, 30, 61)
jsd_curve = np.array([ganlib.js_divergence(p, stats.norm(mu, 1)) for mu in shifts])
slope_curve = np.array([slope(p, stats.norm(mu, 1)) for mu in shifts])
w1_curve = np.array([ganlib.wasserstein_1(p, stats.norm(mu, 1)) for mu in shifts])
plots.densities.plot_divergence_against_shift(shifts, jsd_curve, slope_curve, w1_curve);

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
print(f"{'μ':>4s} {'JSD':>10s} {'dJSD/dμ':>10s} {'W1':>8s} {'dW1/dμ':>8s}")
for mu in [1, 2, 5, 10, 20, 30]:
    dw1 = (ganlib.wasserstein_1(p, stats.norm(mu + h, 1)) - ganlib.wasserstein_1(p, stats.norm(mu - h, 1))) / (2 * h)
    q = stats.norm(mu, 1)
    jsd, w1 = ganlib.js_divergence(p, q), ganlib.wasserstein_1(p, q)
    print(f"{mu:4d} {jsd:10.6f} {slope(p, q):10.2e} {w1:8.3f} {dw1:8.3f}")

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Bảng và hình nói cùng một điều:
#
# - Khi $\mu$ nhỏ, JSD tăng nhanh và đạo hàm cỡ $0.1$–$0.2$: bộ sinh được kéo về phía dữ liệu.
# - Từ khoảng $\mu = 6$, JSD đã gần như bằng $\log 2$ và đường cong nằm phẳng. Tại $\mu = 10$, đạo hàm
#   chỉ còn $2 \times 10^{-6}$. Tại $\mu = 20$ còn $10^{-22}$, tại $\mu = 30$ còn $10^{-49}$.
# - $W_1$ tăng đều và đạo hàm luôn bằng 1. Dù $q$ ở xa đến đâu, dời phân phối này về phía $p$ bao nhiêu
#   thì $W_1$ giảm đúng bấy nhiêu.
#
# Mạng nơ-ron thường tính bằng số dấu phẩy động 32 bit (`float32`). Số dương nhỏ nhất mà `float32` biểu diễn
# được là khoảng $10^{-45}$. Gradient $10^{-49}$ vì thế bị làm tròn thành **đúng 0**.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# The table and the figure say the same thing:
#
# - For small $\mu$ the JSD grows fast and its derivative is about $0.1$–$0.2$: the generator is pulled
#   towards the data.
# - From about $\mu = 6$ the JSD is almost $\log 2$ and the curve is flat. At $\mu = 10$ the derivative
#   is only $2 \times 10^{-6}$. At $\mu = 20$ it is $10^{-22}$, at $\mu = 30$ it is $10^{-49}$.
# - $W_1$ grows steadily and its derivative is always 1. However far away $q$ is, moving it towards
#   $p$ lowers $W_1$ by exactly that much.
#
# Neural networks usually compute in 32-bit floats (`float32`). The smallest positive number `float32`
# can represent is about $10^{-45}$. So a gradient of $10^{-49}$ rounds to **exactly 0**.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
gradient_at_30 = 2 * slope(p, stats.norm(30, 1))
in_float32 = torch.tensor(gradient_at_30, dtype=torch.float32).item()
print(ganlib.tr(en=f"generator gradient at mu = 30: {gradient_at_30:.2e} in float64, {in_float32} in float32",
                vi=f"gradient của bộ sinh tại mu = 30: {gradient_at_30:.2e} trong float64, {in_float32} trong float32"))

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Kéo thanh trượt để dời $q$ và xem JSD cùng $W_1$ thay đổi. Hình tĩnh dưới đây ứng với $\mu = 3$: hai
# phân phối còn chồng lên nhau một chút, nên JSD vẫn nhỏ hơn $\log 2$.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# Drag the slider to move $q$ and watch the JSD and $W_1$ change. The static figure below is for
# $\mu = 3$: the two distributions still overlap a little, so the JSD is still below $\log 2$.

# %% slideshow={"slide_type": "subslide"}
plots.densities.plot_shift(p, stats.norm(3, 1), x_range=(-5, 35));

# %% slideshow={"slide_type": "-"}
plots.widgets.shift_widget(max_shift=30.0, start=3.0)

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Quay lại trò chơi của bài 01
#
# Phần Tìm hiểu thêm cuối bài 01 cho kẻ làm tiền giả xuất phát ở $N(-6, 1.5^2)$, xa tiền thật $N(3, 0.75^2)$.
# Chuyện xảy ra ở đó có liên quan, nhưng không giống hệt những gì ta vừa thấy. Bức tranh JSD nói về
# bộ phân biệt **tối ưu**: chính hàm mục tiêu $C(G)$ nằm phẳng, nên bộ sinh không nhận được gradient,
# dù $D$ được tính chính xác đến đâu. Cảnh sát trong trò chơi thì không tối ưu: đó là một hồi quy
# logistic hữu hạn sau vài bước SGD. Họ nhanh chóng phân biệt được hai loại tiền: $D(G(z)) \approx 0$.
# Gradient gửi về kẻ làm tiền giả tắt đi vì hàm sigmoid bão hòa: $\log(1 - \sigma(l))$ gần như phẳng khi
# $l \ll 0$, bất kể hai phân phối cách nhau bao xa. (Logit của cảnh sát tại $-6$ còn cực đoan hơn logit
# của $D^*$; bài 04 sẽ đo nó.) Kẻ làm tiền giả hầu như không nhúc nhích. Hai nguyên nhân này cũng có
# hai cách chữa khác nhau: mất mát không bão hòa ở bài 04 chữa sự bão hòa của sigmoid, còn mất mát
# Wasserstein thay chính phân kỳ nằm phẳng bằng một khoảng cách khác.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Back to the game of lesson 01
#
# The “To explore” part at the end of lesson 01 started the counterfeiter at $N(-6, 1.5^2)$, far from the real notes
# $N(3, 0.75^2)$. What happens there is related to what we just saw, but not the same. The JSD picture
# is about the **optimal** discriminator: the objective $C(G)$ itself is flat, so the generator gets no
# gradient however exactly $D$ is computed. The police of the game are not optimal: they are a finite
# logistic regression after a few SGD steps. They quickly tell the notes apart: $D(G(z)) \approx 0$. The
# gradient sent back to the counterfeiter vanishes because the sigmoid saturates: $\log(1 - \sigma(l))$
# is nearly flat where $l \ll 0$, however far apart the distributions are. (The police's logit at $-6$ is
# even more extreme than that of $D^*$; lesson 04 measures it.) The counterfeiter barely moves. The two
# causes also have different cures: lesson 04's non-saturating loss cures the saturation of the sigmoid,
# while the Wasserstein loss replaces the flat divergence itself with a different distance.

# %% slideshow={"slide_type": "subslide"}
stuck = toys.counterfeiter.play_counterfeiter_game(real_mean=3.0, real_std=0.75, start_scale=1.5, start_shift=-6.0,
                                     rounds=300, police_steps=5, batch_size=256, police_lr=0.2,
                                     counterfeiter_lr=0.1, seed=0)
plots.densities.plot_game_rounds(stuck, stats.norm(3.0, 0.75), rounds=[0, 100, 300], x_range=(-11.0, 7.0));

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
print(ganlib.tr(en="after 300 rounds the mean of p_g is still within 0.5 of its start (-6):",
                vi="sau 300 vòng, trung bình của p_g vẫn cách điểm xuất phát (-6) chưa tới 0.5:"),
      abs(stuck[-1].fake_mean + 6.0) < 0.5)
print(ganlib.tr(en="the police are sure the counterfeits are fake, D(-6) < 0.01:",
                vi="cảnh sát chắc chắn tiền giả là giả, D(-6) < 0.01:"), float(stuck[-1](-6.0)) < 0.01)

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Bài 04 xem xét các cách khắc phục: hàm mất mát không bão hòa (*non-saturating loss*) cho bộ sinh, và
# hàm mất mát Wasserstein xây dựng trên $W_1$, khoảng cách có đạo hàm không bao giờ tắt.
#
# ## Tóm tắt
#
# - $\mathrm{KL}(p \,\|\, q) = \mathbb E_p[\log(p/q)] \ge 0$, không có dấu trừ phía trước, và không đối
#   xứng. KL thuận bao phủ mode, KL ngược bám mode.
# - Entropy chéo $H(p, q) = -\mathbb E_p[\log q] = H(p) + \mathrm{KL}(p \,\|\, q)$.
# - JSD đối xứng do cách xây dựng và nằm giữa 0 và $\log 2$. Điều đó không làm KL đối xứng.
# - Với hai phân phối không chồng lên nhau, $\mathrm{JSD} = \log 2$ bất kể chúng cách nhau bao xa. Đạo
#   hàm của JSD theo khoảng cách tắt dần về 0, nên bộ sinh đối đầu với bộ phân biệt tối ưu không còn
#   gradient để học: tiêu biến gradient. $W_1$ thì giữ đạo hàm bằng 1.
# - Khi tính số: làm việc với `logpdf`, dùng `logsumexp`/`softplus`, và lấy tích phân trên miền phủ
#   khối lượng của cả hai phân phối.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# Lesson 04 looks at the cures: the non-saturating loss for the generator, and the Wasserstein loss
# built on $W_1$, the distance whose derivative never dies out.
#
# ## Summary
#
# - $\mathrm{KL}(p \,\|\, q) = \mathbb E_p[\log(p/q)] \ge 0$, with no minus sign in front, and not
#   symmetric. Forward KL is mode-covering, reverse KL mode-seeking.
# - Cross-entropy $H(p, q) = -\mathbb E_p[\log q] = H(p) + \mathrm{KL}(p \,\|\, q)$.
# - The JSD is symmetric by construction and lies between 0 and $\log 2$. That does not make KL
#   symmetric.
# - For two distributions that do not overlap, $\mathrm{JSD} = \log 2$ however far apart they are. Its
#   derivative with respect to the distance dies out, so a generator facing an optimal discriminator
#   has no gradient left to learn from: a vanishing gradient. $W_1$ keeps a derivative of 1.
# - In numerical work: use `logpdf`, use `logsumexp`/`softplus`, and integrate over a range that
#   covers the mass of both distributions.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Bài tập
#
# Điền vào mỗi ô bài tập, chạy nó, rồi chạy ô kiểm tra ngay sau: `✓` là đúng, `✗` kèm gợi ý là chưa.
# Lời giải nằm trong `solutions/03_kl_js_vanishing_gradients.ipynb`.
#
# **Bài 1 (suy ra rồi tính): KL của hai phân phối chuẩn.** Suy ra công thức đóng của
# $\mathrm{KL}(N(m_1, s_1^2) \,\|\, N(m_2, s_2^2))$ (tính bằng nat) và viết `kl_gaussians(m1, s1, m2, s2)`.
# Ô kiểm tra so với tích phân số của `ganlib`, kể cả khi $\mu = 30$.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Exercises
#
# Fill in each exercise cell, run it, then run the check right after it: `✓` means right, `✗` comes with
# a hint. Solutions are in `solutions/03_kl_js_vanishing_gradients.ipynb`.
#
# **Exercise 1 (derive and compute): KL of two Gaussians.** Derive
# $\mathrm{KL}(N(m_1, s_1^2) \,\|\, N(m_2, s_2^2))$ in closed form (in nats) and write
# `kl_gaussians(m1, s1, m2, s2)`. The check compares it with `ganlib`'s numerical integral, also at
# $\mu = 30$.

# %% slideshow={"slide_type": "skip"}
import math

import numpy as np
import torch

from ganlib import exercises

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def kl_gaussians(m1: float, s1: float, m2: float, s2: float) -> float:
    """KL(N(m1, s1²) ‖ N(m2, s2²)) in nats."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
def kl_gaussians(m1: float, s1: float, m2: float, s2: float) -> float:
    """KL(N(m1, s1²) ‖ N(m2, s2²)) in nats."""
    # E_p[log p − log q] with E_p[(X − m1)²] = s1² and E_p[(X − m2)²] = s1² + (m1 − m2)².
    return math.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_kl_gaussians(kl_gaussians)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 2 (cài đặt): JSD của hai phân phối rời rạc.** Viết `js_divergence_discrete(p, q)` cho hai vector
# xác suất NumPy cùng độ dài, tính bằng nat, với quy ước $0 \log 0 = 0$. Khi giá của hai phân phối rời
# nhau, kết quả phải là $\log 2$.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 2 (implement): JSD of two discrete distributions.** Write `js_divergence_discrete(p, q)` for
# two NumPy probability vectors of the same length, in nats, with $0 \log 0 = 0$. For disjoint supports it
# must give $\log 2$.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def js_divergence_discrete(p: np.ndarray, q: np.ndarray) -> float:
    """JSD(p ‖ q) in nats for two probability vectors."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
from scipy import special


def js_divergence_discrete(p: np.ndarray, q: np.ndarray) -> float:
    """JSD(p ‖ q) in nats for two probability vectors."""
    m = (p + q) / 2
    # rel_entr(a, b) = a log(a/b), and 0 where a = 0: the convention 0 log 0 = 0.
    return float(0.5 * special.rel_entr(p, m).sum() + 0.5 * special.rel_entr(q, m).sum())

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_js_divergence(js_divergence_discrete)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 3 (thí nghiệm): độ dốc của JSD ở xa.** Với $p = N(0, 1)$ và $q = N(\mu, 1)$, so đạo hàm của
# $\mathrm{JSD}(p \,\|\, q)$ theo $\mu$ tại $\mu = 5$ và tại $\mu = 20$ (ô kiểm tra tính bằng
# `js_divergence_shift_slope`). Hãy dự đoán trước:
#
# - (a) hai độ dốc gần bằng nhau (chênh nhau dưới 2 lần), giống $W_1$;
# - (b) độ dốc tại $\mu = 20$ nhỏ hơn trên 10 bậc độ lớn;
# - (c) một trường hợp khác.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 3 (experiment): the JSD's slope far away.** For $p = N(0, 1)$ and $q = N(\mu, 1)$, compare
# the derivative of $\mathrm{JSD}(p \,\|\, q)$ with respect to $\mu$ at $\mu = 5$ and at $\mu = 20$ (the
# check computes it with `js_divergence_shift_slope`). Predict first:
#
# - (a) the two slopes are about equal (within a factor 2), like those of $W_1$;
# - (b) the slope at $\mu = 20$ is more than 10 orders of magnitude smaller;
# - (c) something else.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
jsd_prediction = ...  # "a", "b" or "c"

# %% slideshow={"slide_type": "skip"} tags=["solution"]
jsd_prediction = "b"

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.experiment_jsd_slope(jsd_prediction)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Tìm hiểu thêm (không có ô kiểm tra).** Điều gì xảy ra với KL khi giá của hai phân phối rời nhau, ví
# dụ hai phân phối `stats.uniform`? Lặp lại phép khớp KL thuận và KL ngược với `start=(-1.0, 1.0)`, rồi
# với hai đỉnh sát nhau hơn (`mean1=-1`, `mean2=1`): khi nào KL ngược thôi chọn một đỉnh?
#
# ## Câu hỏi kiểm tra
#
# Chọn đáp án rồi bấm **Kiểm tra** khi bạn tự chạy notebook; trên GitHub, mở mục **Đáp án**.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **To explore (no check).** What happens to KL when the two supports are disjoint, for example two
# `stats.uniform` distributions? Repeat the forward and reverse KL fits with `start=(-1.0, 1.0)`, then with
# modes closer together (`mean1=-1`, `mean2=1`): when does reverse KL stop picking one mode?
#
# ## Quiz
#
# Pick an answer and press **Check** when you run the notebook; on GitHub, open **Answer**.

# %% slideshow={"slide_type": "skip"} tags=["quiz"]
exercises.show_quiz("03")
