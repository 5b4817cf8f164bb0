# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# # 02 — Bộ phân biệt tối ưu
#
# Ở bài 01, cảnh sát đã học dần cách phân biệt tiền thật với tiền giả. Bài này hỏi: nếu kẻ làm tiền giả,
# tức bộ sinh (*generator*), đứng yên, thì cảnh sát **giỏi nhất có thể** sẽ trả lời thế nào? Câu trả
# lời là bộ phân biệt tối ưu (*optimal discriminator*) $D^*$. Ta sẽ:
#
# 1. suy ra công thức $D^*(x) = \dfrac{p_{\text{data}}(x)}{p_{\text{data}}(x) + p_g(x)}$ từng bước, rồi
#    kiểm tra bằng tính toán số và bằng một bộ phân loại (*classifier*) mà ta huấn luyện thật sự;
# 2. thay $D^*$ vào hàm giá trị (*value function*) để được
#    $V(G, D^*) = -\log 4 + 2\,\mathrm{JSD}(p_{\text{data}} \,\|\, p_g)$, rồi kiểm tra trên nhiều cặp
#    phân phối;
# 3. chỉ ra điểm tối ưu toàn cục nằm ở đâu: tại đó $p_g = p_{\text{data}}$, $V = -\log 4$ và $D^* = 1/2$.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# # 02 — The optimal discriminator
#
# In lesson 01 the police gradually learned to tell real notes from counterfeits. This lesson asks: if
# the counterfeiter, that is the generator, stands still, how do the **best possible** police answer?
# The answer is the optimal discriminator $D^*$. We will:
#
# 1. derive the formula $D^*(x) = \dfrac{p_{\text{data}}(x)}{p_{\text{data}}(x) + p_g(x)}$ step by step,
#    then check it numerically and against a classifier that we actually train;
# 2. substitute $D^*$ into the value function to get
#    $V(G, D^*) = -\log 4 + 2\,\mathrm{JSD}(p_{\text{data}} \,\|\, p_g)$, then check it on many pairs of
#    distributions;
# 3. conclude where the global optimum is: there $p_g = p_{\text{data}}$, $V = -\log 4$ and $D^* = 1/2$.

# %% slideshow={"slide_type": "skip"} tags=["colab"]
# notebooks/build.py writes here the cell that installs ganlib where it is missing and picks the language

# %% slideshow={"slide_type": "skip"}
import math

import numpy as np
import torch
from scipy import special, stats

from ganlib import plots, toys

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Viết $V$ thành một tích phân
#
# Nhắc lại hàm giá trị của bài 01:
#
# $$V(G, D) = \mathbb E_{x \sim p_{\text{data}}}[\log D(x)] + \mathbb E_{z \sim p_z}[\log(1 - D(G(z)))].$$
#
# Số hạng thứ hai lấy kỳ vọng theo nhiễu $z$. Nhưng theo định nghĩa, $p_g$ chính là phân phối của
# $G(z)$, nên kỳ vọng của một hàm bất kỳ của $G(z)$ cũng là kỳ vọng theo $p_g$:
# $\mathbb E_{z \sim p_z}[f(G(z))] = \mathbb E_{x \sim p_g}[f(x)]$. Do đó
#
# $$V(G, D) = \int \Big[ p_{\text{data}}(x) \log D(x) + p_g(x) \log\big(1 - D(x)\big) \Big]\, dx.$$
#
# Ta kiểm tra phép đổi biến này với kẻ làm tiền giả của bài 01, $G(z) = 1.5 z$, và một cảnh sát
# $D(x) = \sigma(1 - x)$: trung bình trên một triệu mẫu nhiễu $z$ phải khớp với tích phân theo
# $p_g = N(0, 1.5^2)$, sai khác trong phạm vi sai số chuẩn (*standard error*) của phép lấy mẫu.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Writing $V$ as one integral
#
# Recall the value function from lesson 01:
#
# $$V(G, D) = \mathbb E_{x \sim p_{\text{data}}}[\log D(x)] + \mathbb E_{z \sim p_z}[\log(1 - D(G(z)))].$$
#
# The second term is an expectation over the noise $z$. But $p_g$ is by definition the distribution of
# $G(z)$, so the expectation of any function of $G(z)$ is also an expectation under $p_g$:
# $\mathbb E_{z \sim p_z}[f(G(z))] = \mathbb E_{x \sim p_g}[f(x)]$. Hence
#
# $$V(G, D) = \int \Big[ p_{\text{data}}(x) \log D(x) + p_g(x) \log\big(1 - D(x)\big) \Big]\, dx.$$
#
# We check this change of variables with the counterfeiter of lesson 01, $G(z) = 1.5 z$, and police
# $D(x) = \sigma(1 - x)$: the average over a million noise samples $z$ must match the integral under
# $p_g = N(0, 1.5^2)$, within the standard error of the sampling.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
def log_one_minus_d(x):
    return np.log1p(-special.expit(1.0 - x))  # log(1 - D(x)) with D(x) = sigmoid(1 - x)


z = np.random.default_rng(0).standard_normal(1_000_000)
samples = log_one_minus_d(1.5 * z)
standard_error = samples.std() / math.sqrt(len(samples))
over_p_g = ganlib.expectation(stats.norm(0, 1.5), log_one_minus_d)
print(f"E_z[log(1 - D(G(z)))] ({ganlib.tr(en='1e6 samples', vi='1e6 mẫu')}) = {samples.mean():.4f} +- {standard_error:.4f}")
print(f"E_pg[log(1 - D(x))] ({ganlib.tr(en='integral', vi='tích phân')}) = {over_p_g:.4f}")
print(ganlib.tr(en="difference within 3 standard errors:", vi="chênh lệch nằm trong 3 sai số chuẩn:"),
      abs(samples.mean() - over_p_g) < 3 * standard_error)

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Cực đại hóa tại từng điểm
#
# Với $G$ cố định, cảnh sát chọn hàm $D$ để cực đại hóa tích phân trên. Giả sử $D$ có thể là **bất kỳ**
# hàm nào (bộ phân biệt đủ mạnh). Khi đó ta chọn được giá trị $D(x)$ tại mỗi điểm $x$ độc lập với
# các điểm khác. Vì vậy, cực đại hóa tích phân cũng là cực đại hóa biểu thức dưới dấu tích phân tại từng
# $x$.
#
# Cố định một $x$ và đặt $a = p_{\text{data}}(x) \ge 0$, $b = p_g(x) \ge 0$, không đồng thời bằng 0.
# Ta cần tìm $y = D(x) \in (0, 1)$ để cực đại hóa hàm
#
# $$f(y) = a \log y + b \log(1 - y).$$
#
# Cho đạo hàm bằng 0:
#
# $$f'(y) = \frac{a}{y} - \frac{b}{1 - y} = 0 \iff a(1 - y) = b y \iff y = \frac{a}{a + b}.$$
#
# Đạo hàm cấp hai $f''(y) = -\dfrac{a}{y^2} - \dfrac{b}{(1 - y)^2} < 0$, nên $f$ lõm. Nếu $a > 0$ và
# $b > 0$ thì $f \to -\infty$ ở cả hai đầu của $(0, 1)$, nên điểm dừng duy nhất này là điểm cực đại.
# Hai trường hợp biên cần cẩn thận. Nếu $b = 0$ (một điểm chỉ có dữ liệu thật), $f(y) = a \log y$ tăng
# mãi khi $y \to 1$: $f$ tiến dần tới cận trên đúng (*supremum*) của nó là 0, nhưng không đạt được
# trong $(0, 1)$. Công thức cho $a/(a + 0) = 1$, đúng là giới hạn đó; một $D$ được phép trả về đúng 1 sẽ đạt
# được nó. Tương tự, $a = 0$ cho $y \to 0$. Thay $a, b$ trở lại:
#
# $$D^*(x) = \frac{p_{\text{data}}(x)}{p_{\text{data}}(x) + p_g(x)}.$$
#
# Ở những nơi cả $p_{\text{data}}$ lẫn $p_g$ đều bằng 0, $D(x)$ không ảnh hưởng đến $V$ nên giá trị
# nào cũng được; `ganlib` trả về $1/2$ ở đó.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Maximising point by point
#
# With $G$ fixed, the police choose the function $D$ that maximises the integral above. Suppose $D$
# can be **any** function (a discriminator with enough capacity). Then the value $D(x)$ at each point
# $x$ is chosen independently of the other points. So maximising the integral means maximising the
# integrand at each $x$.
#
# Fix one $x$ and write $a = p_{\text{data}}(x) \ge 0$, $b = p_g(x) \ge 0$, not both zero. We maximise
# over $y = D(x) \in (0, 1)$ the function
#
# $$f(y) = a \log y + b \log(1 - y).$$
#
# Setting the derivative to zero:
#
# $$f'(y) = \frac{a}{y} - \frac{b}{1 - y} = 0 \iff a(1 - y) = b y \iff y = \frac{a}{a + b}.$$
#
# The second derivative $f''(y) = -\dfrac{a}{y^2} - \dfrac{b}{(1 - y)^2} < 0$, so $f$ is concave. If
# $a > 0$ and $b > 0$, $f \to -\infty$ at both ends of $(0, 1)$, so this single stationary point is the
# maximum. The edge cases need care. If $b = 0$ (a point where only real data live), $f(y) = a \log y$
# keeps rising as $y \to 1$: the supremum 0 is approached but not attained inside $(0, 1)$. The formula
# gives $a/(a + 0) = 1$, exactly that limit; a $D$ allowed to output exactly 1 attains it. Likewise
# $a = 0$ gives $y \to 0$. Putting $a, b$ back:
#
# $$D^*(x) = \frac{p_{\text{data}}(x)}{p_{\text{data}}(x) + p_g(x)}.$$
#
# Where both $p_{\text{data}}$ and $p_g$ are zero, $D(x)$ does not affect $V$, so any value will do;
# `ganlib` returns $1/2$ there.

# %% slideshow={"slide_type": "subslide"}
plots.densities.plot_pointwise_maximum([(1.0, 1.0), (2.0, 1.0), (0.5, 2.0)]);

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Kiểm tra thứ nhất: tìm điểm cực đại của $f$ trên một lưới một triệu điểm trong $(0, 1)$ rồi so với
# $a/(a + b)$. Với $b = 0$, giá trị lớn nhất trên lưới phải nằm ở điểm cuối cùng của lưới: làm lưới mịn hơn
# thì nó dịch theo, không bao giờ dừng ở bên trong.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# First check: find the maximum of $f$ on a grid of a million points in $(0, 1)$ and compare it with
# $a/(a + b)$. With $b = 0$ the grid's largest value must be at its last point: refine the grid and it
# moves along, never stopping inside.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
y = np.linspace(1e-6, 1 - 1e-6, 999_999)
print(f"    a     b   {'argmax':>11s}   a/(a+b)")
gaps = []
for a, b in [(1.0, 1.0), (2.0, 1.0), (0.3, 0.9), (0.05, 0.4), (1e-3, 2.0)]:
    grid_argmax = y[np.argmax(a * np.log(y) + b * np.log1p(-y))]
    gaps.append(abs(grid_argmax - a / (a + b)))
    print(f"{a:5g} {b:5g}   {grid_argmax:.5f}      {a / (a + b):.5f}")
print(ganlib.tr(en="largest gap < 1e-5:", vi="chênh lệch lớn nhất < 1e-5:"), max(gaps) < 1e-5)
edge = np.argmax(1.0 * np.log(y) + 0.0 * np.log1p(-y))
print(ganlib.tr(en=f"a = 1, b = 0: the grid's largest value is at y = {y[edge]:.6f}, the last grid point:",
                vi=f"a = 1, b = 0: giá trị lớn nhất trên lưới nằm tại y = {y[edge]:.6f}, điểm cuối của lưới:"),
      edge == len(y) - 1)

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Kiểm tra thứ hai: $D^*$ cho hai mật độ cụ thể. Lấy $p_{\text{data}} = N(0, 1)$ và cho $p_g$ là hỗn
# hợp hai phân phối chuẩn, một mode ở $-2$, một mode ở $2$. Hàm `ganlib.optimal_discriminator` tính
# $D^*$ từ **log** mật độ: $D^*(x) = \sigma\big(\log p_{\text{data}}(x) - \log p_g(x)\big)$. Hai cách
# viết bằng nhau về toán học. Nhưng ở những điểm rất xa, mật độ nhỏ đến mức bị làm tròn thành 0 trong
# số dấu phẩy động. Khi đó phép chia trực tiếp cho ra $0/0 = \text{nan}$, còn công thức dùng log vẫn
# đúng.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# Second check: $D^*$ for two concrete densities. Take $p_{\text{data}} = N(0, 1)$ and let $p_g$ be a
# mixture of two normal distributions, one mode at $-2$ and one at $2$. `ganlib.optimal_discriminator`
# computes $D^*$ from **log** densities: $D^*(x) = \sigma\big(\log p_{\text{data}}(x) - \log p_g(x)\big)$.
# The two forms are equal mathematically. But far out, the densities are so small that they round to 0
# in floating point. There the direct ratio gives $0/0 = \text{nan}$, while the log form stays right.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
p_data = stats.norm(0, 1)
p_g = ganlib.two_gaussian_mixture(weight=0.5, mean1=-2.0, std1=0.5, mean2=2.0, std2=0.5)
d_star = ganlib.optimal_discriminator(p_data, p_g)

x = np.array([0.0, 1.0, 2.0, 3.0, 40.0])
with np.errstate(invalid="ignore"):  # 0/0 at x = 40: we want to see the nan, not a warning
    ratio = p_data.pdf(x) / (p_data.pdf(x) + p_g.pdf(x))
for xi, direct, from_logs in zip(x, ratio, d_star(x)):
    print(f"x = {xi:4.0f}   p_data/(p_data + p_g) = {direct:.6f}   D*(x)",
          ganlib.tr(en="from logpdf", vi="từ logpdf"), f"= {from_logs:.6f}")

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Kiểm tra thứ ba: một bộ phân loại thật. Ta huấn luyện một mạng nhỏ (hai tầng ẩn, mỗi tầng 16 đơn vị)
# với mất mát entropy chéo nhị phân (*binary cross-entropy*) trên 10000 mẫu của $p_{\text{data}}$
# (nhãn 1) và 10000 mẫu của $p_g$ (nhãn 0). Mạng không biết công thức nào cả, chỉ thấy mẫu. Nếu các
# bước biến đổi ở trên đúng, đầu ra của mạng phải gần $D^*$.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# Third check: a real classifier. We train a small network (two hidden layers of 16 units) with
# binary cross-entropy on 10000 samples of $p_{\text{data}}$ (label 1) and 10000 samples of $p_g$
# (label 0). The network knows no formula; it only sees samples. If the derivation is right, its
# output must be close to $D^*$.

# %% slideshow={"slide_type": "subslide"}
trained = toys.train_density_classifier(p_data, p_g, samples=10_000, hidden=16, steps=300, lr=0.03, seed=0)
plots.densities.plot_optimal_discriminator(p_data, p_g, trained=trained);

# %% slideshow={"slide_type": "fragment"}
where_data_are = np.linspace(-3, 3, 601)
largest_gap = np.max(np.abs(trained(where_data_are) - d_star(where_data_are)))
print(ganlib.tr(en=f"largest |D(x) - D*(x)| for x in [-3, 3]: {largest_gap:.3f}",
                vi=f"|D(x) - D*(x)| lớn nhất với x trong [-3, 3]: {largest_gap:.3f}"))

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
print(ganlib.tr(en="largest gap on [-3, 3] < 0.05:", vi="chênh lệch lớn nhất trên [-3, 3] < 0.05:"), largest_gap < 0.05)

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Trên đoạn $[-3, 3]$, nơi có gần như toàn bộ dữ liệu, mạng bám sát $D^*$. Ngoài đoạn đó thì khác:
# $D^*$ lại tăng về 1, vì đuôi của $p_g$ (độ lệch chuẩn 0.5) giảm nhanh hơn đuôi của $p_{\text{data}}$.
# Nhưng ở đó gần như không có mẫu nào, nên mạng không có gì để học. Một bộ phân biệt chỉ xấp xỉ được
# $D^*$ ở những nơi nó thấy dữ liệu.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# On $[-3, 3]$, where nearly all the data are, the network follows $D^*$ closely. Outside it is a
# different story: $D^*$ climbs back to 1, because the tails of $p_g$ (standard deviation 0.5) fall off
# faster than those of $p_{\text{data}}$. But there are almost no samples out there, so the network has
# nothing to learn from. A discriminator can only approximate $D^*$ where it sees data.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Thay $D^*$ vào $V$
#
# Thay $D^*$ vào tích phân của $V$:
#
# $$V(G, D^*) = \mathbb E_{x \sim p_{\text{data}}}\Big[\log \frac{p_{\text{data}}(x)}{p_{\text{data}}(x) + p_g(x)}\Big] + \mathbb E_{x \sim p_g}\Big[\log \frac{p_g(x)}{p_{\text{data}}(x) + p_g(x)}\Big].$$
#
# Đặt $m = \tfrac12 (p_{\text{data}} + p_g)$, tức là $p_{\text{data}} + p_g = 2m$. Mỗi số hạng tách ra
# một $-\log 2$:
#
# $$V(G, D^*) = \mathbb E_{p_{\text{data}}}\Big[\log \frac{p_{\text{data}}}{m}\Big] - \log 2 + \mathbb E_{p_g}\Big[\log \frac{p_g}{m}\Big] - \log 2 = \mathrm{KL}(p_{\text{data}} \,\|\, m) + \mathrm{KL}(p_g \,\|\, m) - \log 4.$$
#
# Ở đây $\mathrm{KL}(p \,\|\, q) = \mathbb E_p[\log(p/q)]$ là phân kỳ Kullback–Leibler (*KL divergence*).
# Tổng hai số hạng KL chính là hai lần phân kỳ Jensen–Shannon:
# $\mathrm{JSD}(p \,\|\, q) = \tfrac12 \mathrm{KL}(p \,\|\, m) + \tfrac12 \mathrm{KL}(q \,\|\, m)$. Vậy
#
# $$V(G, D^*) = -\log 4 + 2\,\mathrm{JSD}(p_{\text{data}} \,\|\, p_g).$$
#
# Bài 03 sẽ nghiên cứu kỹ KL và JSD. Trước mắt, ta kiểm tra đẳng thức bằng hai con đường độc lập.
# Vế trái: `ganlib.gan_value` tính $V$ với $D^*$ bằng cầu phương (*quadrature*). Vế phải: ta ước lượng
# JSD bằng Monte Carlo, thẳng từ định nghĩa
#
# $$\mathrm{JSD} = \tfrac12 \mathbb E_{p_{\text{data}}}\Big[\log \frac{2\,p_{\text{data}}}{p_{\text{data}} + p_g}\Big] + \tfrac12 \mathbb E_{p_g}\Big[\log \frac{2\,p_g}{p_{\text{data}} + p_g}\Big],$$
#
# với $10^6$ mẫu của mỗi phân phối (hàm `rvs` của scipy), log tính bằng `logaddexp`. Hai vế không dùng
# chung phép tích phân nào, nên chúng chỉ khớp nhau trong phạm vi sai số Monte Carlo; ta đòi hỏi chênh
# lệch nhỏ hơn 4 sai số chuẩn. (Hàm `ganlib.js_divergence` tính tích phân của đúng các hàm dưới dấu
# tích phân ấy, trên đúng các nút cầu phương mà `gan_value` dùng: so hai hàm đó với nhau thì không chứng minh được
# gì.) Ta thử trên nhiều $p_g$, kể cả những phân phối không phải phân phối chuẩn và một phân phối cách
# xa $p_{\text{data}}$ 20 độ lệch chuẩn.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Substituting $D^*$ into $V$
#
# Substitute $D^*$ into the integral for $V$:
#
# $$V(G, D^*) = \mathbb E_{x \sim p_{\text{data}}}\Big[\log \frac{p_{\text{data}}(x)}{p_{\text{data}}(x) + p_g(x)}\Big] + \mathbb E_{x \sim p_g}\Big[\log \frac{p_g(x)}{p_{\text{data}}(x) + p_g(x)}\Big].$$
#
# Write $m = \tfrac12 (p_{\text{data}} + p_g)$, so that $p_{\text{data}} + p_g = 2m$. Each term gives
# off a $-\log 2$:
#
# $$V(G, D^*) = \mathbb E_{p_{\text{data}}}\Big[\log \frac{p_{\text{data}}}{m}\Big] - \log 2 + \mathbb E_{p_g}\Big[\log \frac{p_g}{m}\Big] - \log 2 = \mathrm{KL}(p_{\text{data}} \,\|\, m) + \mathrm{KL}(p_g \,\|\, m) - \log 4.$$
#
# Here $\mathrm{KL}(p \,\|\, q) = \mathbb E_p[\log(p/q)]$ is the Kullback–Leibler divergence. The two KL
# terms add up to twice the Jensen–Shannon divergence:
# $\mathrm{JSD}(p \,\|\, q) = \tfrac12 \mathrm{KL}(p \,\|\, m) + \tfrac12 \mathrm{KL}(q \,\|\, m)$. So
#
# $$V(G, D^*) = -\log 4 + 2\,\mathrm{JSD}(p_{\text{data}} \,\|\, p_g).$$
#
# Lesson 03 studies KL and JSD closely. For now we check the identity by two independent routes. Left
# side: `ganlib.gan_value` integrates $V$ with $D^*$ by quadrature. Right side: we estimate the JSD by
# Monte Carlo, straight from its definition
#
# $$\mathrm{JSD} = \tfrac12 \mathbb E_{p_{\text{data}}}\Big[\log \frac{2\,p_{\text{data}}}{p_{\text{data}} + p_g}\Big] + \tfrac12 \mathbb E_{p_g}\Big[\log \frac{2\,p_g}{p_{\text{data}} + p_g}\Big],$$
#
# with $10^6$ samples from each distribution (scipy's `rvs`) and the logs computed with `logaddexp`.
# The two sides share no integration, so they agree only within the Monte Carlo error; we require the
# difference to be below 4 standard errors. (`ganlib.js_divergence` integrates the very same integrands
# on the very same nodes as `gan_value`: comparing those two would prove nothing.) We try many $p_g$,
# including ones that are not normal distributions and one that is 20 standard deviations away from
# $p_{\text{data}}$.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
p_data = stats.norm(0, 1)
sweep = [
    ("N(0, 1)", stats.norm(0, 1)),
    ("N(0.5, 1)", stats.norm(0.5, 1)),
    ("N(1, 2^2)", stats.norm(1, 2)),
    ("N(3, 0.5^2)", stats.norm(3, 0.5)),
    ("N(-2, 1.5^2)", stats.norm(-2, 1.5)),
    ("N(6, 1)", stats.norm(6, 1)),
    ("N(20, 1)", stats.norm(20, 1)),
    ("Laplace(1, 1)", stats.laplace(1, 1)),
    ("0.5 N(-2, 0.5^2) + 0.5 N(2, 0.5^2)",
     ganlib.two_gaussian_mixture(weight=0.5, mean1=-2.0, std1=0.5, mean2=2.0, std2=0.5)),
]
def monte_carlo_jsd(p, q, *, samples, rng):
    """The JSD from its definition, averaged over samples of p and of q; returns (estimate, standard error)."""
    x_p, x_q = p.rvs(size=samples, random_state=rng), q.rvs(size=samples, random_state=rng)
    log_ratio_p = math.log(2) + p.logpdf(x_p) - np.logaddexp(p.logpdf(x_p), q.logpdf(x_p))  # log 2p/(p + q)
    log_ratio_q = math.log(2) + q.logpdf(x_q) - np.logaddexp(p.logpdf(x_q), q.logpdf(x_q))
    estimate = 0.5 * log_ratio_p.mean() + 0.5 * log_ratio_q.mean()
    return estimate, 0.5 * math.sqrt((log_ratio_p.var() + log_ratio_q.var()) / samples)


def show(v):
    return round(v, 6) + 0.0  # + 0.0 turns -0.0 into 0.0


rng = np.random.default_rng(0)
print(f"{'p_g':36s} {'V(G, D*)':>10s} {'-log 4 + 2 JSD':>15s} {'+-':>9s}")
values, jsds, within = [], [], []
for name, p_g in sweep:
    values.append(ganlib.gan_value(p_data, p_g, ganlib.optimal_discriminator(p_data, p_g)))
    jsds.append(ganlib.js_divergence(p_data, p_g))  # for the figure below
    jsd, error = monte_carlo_jsd(p_data, p_g, samples=1_000_000, rng=rng)
    right_side = -math.log(4) + 2 * jsd
    within.append(abs(values[-1] - right_side) < 4 * 2 * error + 1e-12)  # + 1e-12: rounding where error = 0
    print(f"{name:36s} {show(values[-1]):10.6f} {show(right_side):15.6f} {2 * error:9.6f}")
print(ganlib.tr(en="(left: quadrature; right: Monte Carlo, 1e6 samples per distribution, +- one standard error)",
                vi="(trái: cầu phương; phải: Monte Carlo, 1e6 mẫu mỗi phân phối, +- một sai số chuẩn)"))
print(ganlib.tr(en="every row: |V(G, D*) + log 4 - 2 JSD| < 4 standard errors:",
                vi="mọi hàng: |V(G, D*) + log 4 - 2 JSD| < 4 sai số chuẩn:"), all(within))

# %% slideshow={"slide_type": "subslide"}
plots.densities.plot_value_against_jsd(jsds, values);

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Điểm tối ưu toàn cục
#
# Đặt $C(G) = \max_D V(G, D) = V(G, D^*)$: điểm số của kẻ làm tiền giả khi đối mặt với cảnh sát giỏi
# nhất. Vì $\mathrm{JSD} \ge 0$, và $\mathrm{JSD}(p_{\text{data}} \,\|\, p_g) = 0$ khi và chỉ khi
# $p_g = p_{\text{data}}$, ta có
#
# $$C(G) = -\log 4 + 2\,\mathrm{JSD}(p_{\text{data}} \,\|\, p_g) \ge -\log 4,$$
#
# dấu bằng xảy ra khi và chỉ khi $p_g = p_{\text{data}}$. Tại đó
# $D^*(x) = \dfrac{p_{\text{data}}(x)}{2\,p_{\text{data}}(x)} = \dfrac12$ ở mọi nơi có dữ liệu. Nói
# chính xác:
#
# - **Điểm cực tiểu là một phân phối:** $\arg\min_{p_g} C(G) = p_{\text{data}}$. Mọi bộ sinh $G^*$
#   có $p_{g^*} = p_{\text{data}}$ đều tối ưu.
# - **Giá trị cực tiểu là một con số:** $\min_G \max_D V(G, D) = -\log 4 \approx -1.386$.
#
# Tại $p_g = p_{\text{data}}$, việc $D^* = 1/2$ và $V = \log\tfrac12 + \log\tfrac12 = -\log 4$ chỉ là
# phép tính số học, không cần ô code nào. Điều có thể sai là khẳng định "không $p_g$ nào làm tốt hơn". Ô
# dưới đây tính $C(G) = V(G, D^*)$ cho các bộ sinh có phân phối chuẩn $p_g = N(m, s^2)$ trên một lưới giá trị $m$ và $s$,
# rồi tìm giá trị nhỏ nhất trong bảng: giá trị đó phải nằm tại $p_g = p_{\text{data}} = N(0, 1)$ và bằng $-\log 4$.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The global optimum
#
# Let $C(G) = \max_D V(G, D) = V(G, D^*)$: the counterfeiter's score against the best police. Since
# $\mathrm{JSD} \ge 0$, and $\mathrm{JSD}(p_{\text{data}} \,\|\, p_g) = 0$ if and only if
# $p_g = p_{\text{data}}$, we have
#
# $$C(G) = -\log 4 + 2\,\mathrm{JSD}(p_{\text{data}} \,\|\, p_g) \ge -\log 4,$$
#
# with equality if and only if $p_g = p_{\text{data}}$. There
# $D^*(x) = \dfrac{p_{\text{data}}(x)}{2\,p_{\text{data}}(x)} = \dfrac12$ wherever there are data.
# Stated precisely:
#
# - **The minimiser is a distribution:** $\arg\min_{p_g} C(G) = p_{\text{data}}$. Every generator
#   $G^*$ with $p_{g^*} = p_{\text{data}}$ is optimal.
# - **The minimum is a number:** $\min_G \max_D V(G, D) = -\log 4 \approx -1.386$.
#
# At $p_g = p_{\text{data}}$, that $D^* = 1/2$ and $V = \log\tfrac12 + \log\tfrac12 = -\log 4$ is
# arithmetic; no code cell needed. What could be wrong is the claim that no $p_g$ does better. The cell
# below computes $C(G) = V(G, D^*)$ for normal generators $p_g = N(m, s^2)$ on a grid of $m$ and $s$, and
# finds the smallest entry: it must be $p_g = p_{\text{data}} = N(0, 1)$, with value $-\log 4$.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
p_data = stats.norm(0, 1)
means, stds = [-1.0, -0.5, 0.0, 0.5, 1.0], [0.5, 0.75, 1.0, 1.5, 2.0]
c_of_g = np.array([[ganlib.gan_value(p_data, stats.norm(m, s), ganlib.optimal_discriminator(p_data, stats.norm(m, s)))
                    for s in stds] for m in means])
print("m \\ s".rjust(7) + "".join(f"{s:>10}" for s in stds))
for m, row in zip(means, c_of_g):
    print(f"{m:7}" + "".join(f"{value:10.4f}" for value in row))
i, j = np.unravel_index(np.argmin(c_of_g), c_of_g.shape)
print(ganlib.tr(en=f"smallest C(G) = {c_of_g[i, j]:.6f} at p_g = N({means[i]}, {stds[j]}^2);",
                vi=f"C(G) nhỏ nhất = {c_of_g[i, j]:.6f} tại p_g = N({means[i]}, {stds[j]}^2);"),
      f"-log 4 = {-math.log(4):.6f}")

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["vi"]
# > **Lỗi thường gặp.** Một bài viết phổ biến ghi "$G^* = \arg\min V = -\log 4$". Câu này gộp hai thứ
# > khác nhau làm một. $\arg\min$ là **điểm** đạt cực tiểu: một bộ sinh, hay chính xác hơn là một phân
# > phối $p_{g^*} = p_{\text{data}}$. Còn $-\log 4$ là **giá trị** cực tiểu: một con số. Thêm nữa, đại
# > lượng được cực tiểu hóa là $C(G) = \max_D V(G, D)$, không phải $V$ với một $D$ cố định. Nếu giữ
# > nguyên một $D$, bộ sinh tốt nhất chỉ cần dồn hết mẫu vào chỗ $D$ lớn nhất. Viết đúng:
# > $p_{g^*} = \arg\min_{p_g} \max_D V(G, D) = p_{\text{data}}$ và $\min_G \max_D V(G, D) = -\log 4$.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["en"]
# > **Common mistake.** A popular write-up says "$G^* = \arg\min V = -\log 4$". This merges two
# > different things. $\arg\min$ is the **point** where the minimum is reached: a generator, or more
# > precisely a distribution $p_{g^*} = p_{\text{data}}$. $-\log 4$ is the minimum **value**: a number.
# > Moreover, what is minimised is $C(G) = \max_D V(G, D)$, not $V$ with some fixed $D$. Against a fixed
# > $D$, the best generator would simply pile all its samples where $D$ is highest.
# > Correctly: $p_{g^*} = \arg\min_{p_g} \max_D V(G, D) = p_{\text{data}}$ and
# > $\min_G \max_D V(G, D) = -\log 4$.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Bài 01 đã nói rằng cân bằng là một điểm yên ngựa (*saddle point*):
# $V(G^*, D) \le V(G^*, D^*) \le V(G, D^*)$. Giờ ta kiểm tra được điều đó, với $G^*$ có
# $p_{g^*} = p_{\text{data}} = N(0, 1)$ và $D^* = 1/2$. Bất đẳng thức bên phải là phép tính số học: khi
# cảnh sát luôn trả lời $1/2$, kẻ làm tiền giả nào cũng nhận đúng $\log\tfrac12 + \log\tfrac12 = -\log 4$,
# nên bất đẳng thức này xảy ra dấu bằng và không có gì để tính. Bất đẳng thức bên trái thì có thể sai:
# ô dưới đây kiểm tra rằng, đối mặt với $G^*$, những cảnh sát khác đều đạt giá trị thấp hơn $-\log 4$.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# Lesson 01 said that the equilibrium is a saddle point:
# $V(G^*, D) \le V(G^*, D^*) \le V(G, D^*)$. Now we can check it, with $G^*$ such that
# $p_{g^*} = p_{\text{data}} = N(0, 1)$ and $D^* = 1/2$. The right side is arithmetic: police who always
# answer $1/2$ give every counterfeiter exactly $\log\tfrac12 + \log\tfrac12 = -\log 4$, so it holds
# with equality and there is nothing to compute. The left side could fail: the cell below checks that,
# against $G^*$, other police all score below $-\log 4$.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
def constant(c):
    return lambda x: np.full(np.shape(x), c)


print(ganlib.tr(en="V(G*, D) for other police D:", vi="V(G*, D) với những cảnh sát D khác:"))
others = [("D = 0.9", constant(0.9)), ("D = 0.45", constant(0.45)), ("D = sigmoid(x)", special.expit),
          ("D = sigmoid(x / 100)", lambda x: special.expit(x / 100)),
          (ganlib.tr(en="D = D* of N(1, 1)", vi="D = D* của N(1, 1)"), ganlib.optimal_discriminator(p_data, stats.norm(1, 1)))]
below = []
for name, d in others:
    value = ganlib.gan_value(p_data, p_data, d)
    below.append(value < -math.log(4))
    print(f"  {name:22s} {value:.6f}")
print(ganlib.tr(en="all below -log 4 =", vi="tất cả nhỏ hơn -log 4 ="), f"{-math.log(4):.6f}:", all(below))

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["vi"]
# > **Lỗi thường gặp.** "Ở trạng thái cân bằng, mất mát của bộ phân biệt phải bằng 0.5." Đại lượng bằng
# > $1/2$ là **đầu ra** $D(x)$. Mất mát là entropy chéo nhị phân, nên mỗi số hạng bằng
# > $-\log \tfrac12 = \log 2 \approx 0.693$. Nếu cộng số hạng của dữ liệu thật với số hạng của dữ liệu
# > giả (như `police_loss` ở bài 01 hay hướng dẫn DCGAN của PyTorch), tổng là $\log 4 \approx 1.386$.
# > Nếu lấy trung bình hai số hạng, kết quả là $\log 2$. Không trường hợp nào ra 0.5. Ở bài 01, mất mát
# > cuối cùng của cảnh sát xấp xỉ 1.386.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["en"]
# > **Common mistake.** "At equilibrium the discriminator's loss should reach 0.5." What reaches $1/2$
# > is the **output** $D(x)$. The loss is binary cross-entropy, so each term is
# > $-\log \tfrac12 = \log 2 \approx 0.693$. If the real-data term and the fake-data term are added (as
# > in lesson 01's `police_loss` or PyTorch's DCGAN tutorial), the total is $\log 4 \approx 1.386$. If
# > the two terms are averaged, it is $\log 2$. In no case is it 0.5. Lesson 01 saw the police's final
# > loss at about 1.386.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
logits = torch.zeros(4)  # D(x) = sigmoid(0) = 1/2 for every note
per_term = torch.nn.functional.binary_cross_entropy_with_logits(logits, torch.ones(4)).item()
total = toys.counterfeiter.police_loss(toys.counterfeiter.Police(), torch.randn(4), torch.randn(4)).item()
print(ganlib.tr(en=f"D = 1/2: BCE per term = {per_term:.6f}", vi=f"D = 1/2: BCE mỗi số hạng = {per_term:.6f}"),
      f"(log 2 = {math.log(2):.6f})")
print(ganlib.tr(en=f"police_loss, real + fake = {total:.6f}", vi=f"police_loss, thật + giả = {total:.6f}"),
      f"(log 4 = {math.log(4):.6f})")

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Tóm tắt
#
# - Với $G$ cố định, bộ phân biệt tốt nhất là
#   $D^*(x) = p_{\text{data}}(x) / \big(p_{\text{data}}(x) + p_g(x)\big)$: điểm cực đại của
#   $a \log y + b \log(1 - y)$ tại từng điểm. Trong code, nên tính hàm này từ log mật độ.
# - Một bộ phân loại huấn luyện trên mẫu sẽ xấp xỉ $D^*$, nhưng chỉ ở nơi có dữ liệu.
# - $V(G, D^*) = -\log 4 + 2\,\mathrm{JSD}(p_{\text{data}} \,\|\, p_g)$. Vậy khi $D$ tối ưu, bộ sinh
#   thực chất đang cực tiểu hóa phân kỳ Jensen–Shannon.
# - Tối ưu toàn cục: $p_{g^*} = p_{\text{data}}$ (một phân phối), $\min_G \max_D V = -\log 4$ (một con
#   số), $D^* = 1/2$, và mất mát BCE của $D$ bằng $\log 2$ cho mỗi số hạng.
#
# Bài 03 nhìn kỹ hơn vào JSD: khi $p_g$ ở rất xa $p_{\text{data}}$, điều gì xảy ra với gradient mà bộ
# sinh nhận được?

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Summary
#
# - With $G$ fixed, the best discriminator is
#   $D^*(x) = p_{\text{data}}(x) / \big(p_{\text{data}}(x) + p_g(x)\big)$: the maximum of
#   $a \log y + b \log(1 - y)$ at each point. In code, compute it from log densities.
# - A classifier trained on samples approximates $D^*$, but only where there are data.
# - $V(G, D^*) = -\log 4 + 2\,\mathrm{JSD}(p_{\text{data}} \,\|\, p_g)$. So with an optimal $D$, the
#   generator is in effect minimising the Jensen–Shannon divergence.
# - The global optimum: $p_{g^*} = p_{\text{data}}$ (a distribution), $\min_G \max_D V = -\log 4$ (a
#   number), $D^* = 1/2$, and the BCE loss of $D$ is $\log 2$ per term.
#
# Lesson 03 looks closer at the JSD: when $p_g$ is very far from $p_{\text{data}}$, what happens to the
# gradient the generator receives?

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Bài tập
#
# Điền vào mỗi ô bài tập (thay `raise NotImplementedError` hoặc `...`), chạy nó, rồi chạy ô kiểm tra ngay
# sau: `✓` là đúng, `✗` kèm gợi ý là chưa. Lời giải nằm trong `solutions/02_optimal_discriminator.ipynb`.
#
# **Bài 1 (suy ra rồi tính): logit của $D^*$.** Với $p_{\text{data}} = N(0, 1)$ và $p_g = N(\mu, 1)$, suy
# ra công thức đóng của $\log D^*(x) - \log(1 - D^*(x))$, rồi viết `d_star_logit(x, mu)` tính nó trên một
# mảng NumPy `x`. Kết quả phải hữu hạn cả khi $\mu = 30$ và $x = 40$, nơi cả hai mật độ đều làm tròn
# thành 0.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Exercises
#
# Fill in each exercise cell (replace `raise NotImplementedError` or `...`), run it, then run the check
# right after it: `✓` means right, `✗` comes with a hint. Solutions are in
# `solutions/02_optimal_discriminator.ipynb`.
#
# **Exercise 1 (derive and compute): the logit of $D^*$.** For $p_{\text{data}} = N(0, 1)$ and
# $p_g = N(\mu, 1)$, derive $\log D^*(x) - \log(1 - D^*(x))$ in closed form, then write
# `d_star_logit(x, mu)` computing it on a NumPy array `x`. It must stay finite for $\mu = 30$ and
# $x = 40$, where both densities round to 0.

# %% slideshow={"slide_type": "skip"}
import math

import numpy as np
import torch

from ganlib import exercises

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def d_star_logit(x: np.ndarray, mu: float) -> np.ndarray:
    """log D*(x) − log(1 − D*(x)) for p_data = N(0, 1), p_g = N(mu, 1), elementwise."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
def d_star_logit(x: np.ndarray, mu: float) -> np.ndarray:
    """log D*(x) − log(1 − D*(x)) for p_data = N(0, 1), p_g = N(mu, 1), elementwise."""
    # log D* − log(1 − D*) = log p_data − log p_g = −x²/2 + (x − mu)²/2: a straight line in x.
    return mu * (mu / 2 - x)

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_d_star_logit(d_star_logit)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 2 (suy ra rồi tính): $V(G, D^*)$ cho hai phân phối đều.** Cho $p_{\text{data}} = U(0, 1)$ và
# $p_g = U(0.5, 1.5)$. Tìm $D^*$ trên từng đoạn $[0, 0.5)$, $[0.5, 1)$, $[1, 1.5)$, rồi tính tay
# $V(G, D^*)$ và ghi con số vào `v_uniform`.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 2 (derive and compute): $V(G, D^*)$ for two uniform distributions.** Let
# $p_{\text{data}} = U(0, 1)$ and $p_g = U(0.5, 1.5)$. Find $D^*$ on each of $[0, 0.5)$, $[0.5, 1)$ and
# $[1, 1.5)$, then compute $V(G, D^*)$ by hand and put the number in `v_uniform`.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
v_uniform = ...

# %% slideshow={"slide_type": "skip"} tags=["solution"]
# D* = 1 on [0, 0.5) (only real data), 1/2 on [0.5, 1), 0 on [1, 1.5) (only fakes); log 1 = 0 there.
# V = E_data[log D*] + E_g[log(1 − D*)] = ½ log ½ + ½ log ½ = −log 2.
v_uniform = -math.log(2)

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_uniform_value(v_uniform)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 3 (thí nghiệm): một đơn vị mỗi tầng.** Huấn luyện lại bộ phân loại của bài với `hidden=1` thay vì
# 16 (cùng $p_{\text{data}}$, $p_g$ và các tham số khác). Hãy dự đoán trước, rồi chạy ô kiểm tra:
#
# - (a) mạng vẫn bám $D^*$: $\max |D - D^*| < 0.05$ trên $[-3, 3]$;
# - (b) mạng trượt xa $D^*$ ở đâu đó: $\max |D - D^*| > 0.3$;
# - (c) ở giữa hai trường hợp trên.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 3 (experiment): one unit per layer.** Train the lesson's classifier again with `hidden=1`
# instead of 16 (same $p_{\text{data}}$, $p_g$ and other settings). Predict first, then run the check:
#
# - (a) the network still follows $D^*$: $\max |D - D^*| < 0.05$ on $[-3, 3]$;
# - (b) it misses $D^*$ badly somewhere: $\max |D - D^*| > 0.3$;
# - (c) something in between.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
hidden1_prediction = ...  # "a", "b" or "c"

# %% slideshow={"slide_type": "skip"} tags=["solution"]
hidden1_prediction = "b"

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.experiment_tiny_classifier(hidden1_prediction)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 4 (cài đặt): $V(G, D^*)$ trên lưới.** Khi chỉ biết giá trị của hai mật độ tại các điểm của một
# lưới đều, ta tính $V(G, D^*)$ bằng tổng Riemann. Viết `value_at_optimum(p_data, p_g, *, dx)`: `p_data` và
# `p_g` là hai mảng NumPy cùng kích thước chứa mật độ tại các điểm lưới, hai điểm lưới liền kề cách nhau
# `dx`; hàm trả về
#
# $$\sum_x \Bigl[p_{\text{data}}(x)\log D^*(x) + p_g(x)\log\bigl(1 - D^*(x)\bigr)\Bigr]\,dx, \qquad
# D^* = \frac{p_{\text{data}}}{p_{\text{data}} + p_g},$$
#
# tính bằng nat. Nơi một mật độ bằng 0, số hạng của nó bằng 0; nơi cả hai bằng 0, điểm lưới đó không góp
# gì. Ô kiểm tra thử năm cặp phân phối, từ hai phân phối trùng nhau đến hai phân phối gần như không chồng
# lên nhau. Với cặp phân phối đều của bài 2, giá trị trên lưới có gần $-\log 2$ không?

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 4 (implement): $V(G, D^*)$ on a grid.** When all we know are the values of two densities at
# the points of an even grid, we compute $V(G, D^*)$ as a Riemann sum. Write
# `value_at_optimum(p_data, p_g, *, dx)`: `p_data` and `p_g` are NumPy arrays of the same shape holding
# the densities at the grid points, neighbouring points `dx` apart; it returns
#
# $$\sum_x \Bigl[p_{\text{data}}(x)\log D^*(x) + p_g(x)\log\bigl(1 - D^*(x)\bigr)\Bigr]\,dx, \qquad
# D^* = \frac{p_{\text{data}}}{p_{\text{data}} + p_g},$$
#
# in nats. Where a density is 0 its term is 0; where both are 0 the grid point adds nothing. The check
# tries five pairs, from two identical distributions to two that barely overlap. For the uniform pair of
# exercise 2, is the grid value close to $-\log 2$?

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def value_at_optimum(p_data: np.ndarray, p_g: np.ndarray, *, dx: float) -> float:
    """V(G, D*) = Σ [p_data log D* + p_g log(1 − D*)]·dx with D* = p_data/(p_data + p_g), in nats."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
from scipy import special


def value_at_optimum(p_data: np.ndarray, p_g: np.ndarray, *, dx: float) -> float:
    """V(G, D*) = Σ [p_data log D* + p_g log(1 − D*)]·dx with D* = p_data/(p_data + p_g), in nats."""
    both = p_data + p_g
    # p log(p/(p + q)) = p log p − p log(p + q), and xlogy(0, ·) = 0: a density of 0 adds 0, never nan.
    terms = (special.xlogy(p_data, p_data) - special.xlogy(p_data, both)
             + special.xlogy(p_g, p_g) - special.xlogy(p_g, both))
    return float(terms.sum() * dx)

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_value_at_optimum(value_at_optimum)

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Câu hỏi kiểm tra
#
# Chọn đáp án rồi bấm **Kiểm tra** khi bạn tự chạy notebook; trên GitHub, mở mục **Đáp án**.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Quiz
#
# Pick an answer and press **Check** when you run the notebook; on GitHub, open **Answer**.

# %% slideshow={"slide_type": "-"} tags=["quiz"]
exercises.show_quiz("02")
