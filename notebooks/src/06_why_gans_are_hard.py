# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# # 06 — Vì sao GAN khó huấn luyện
#
# Bài 04 đã cho thấy một khó khăn: mất mát minimax bão hòa đúng lúc bộ sinh (*generator*) cần
# gradient nhất. Bài này xét hai khó khăn còn lại của mạng đối sinh (*generative adversarial
# network*, GAN), rồi đo xem các cách khắc phục quen thuộc giúp được bao nhiêu. Cụ thể, ta sẽ:
#
# 1. định nghĩa đúng cân bằng Nash (*Nash equilibrium*) và sửa một định nghĩa sai hay gặp;
# 2. chơi trò chơi nhỏ nhất không chịu dừng, $\min_x \max_y xy$: bước gradient đồng thời xoắn ra xa,
#    bước luân phiên quay vòng mãi, còn lấy trung bình hoặc bước extragradient thì hội tụ;
# 3. xem sụp đổ mode (*mode collapse*) xảy ra trên 8 Gaussian xếp thành vòng tròn, và đếm nó bằng
#    quy trình đánh giá của các bài báo VEEGAN và PacGAN;
# 4. so sánh năm cách khắc phục, trong đó có instance noise (*nhiễu cộng vào đầu vào của D*), với cùng
#    seed (*hạt giống ngẫu nhiên*) và cùng ngân sách tính toán, trong một bảng;
# 5. gây sụp đổ mode trên MNIST bằng một thiết lập mất cân bằng, đo trên nhiều seed;
# 6. rút ra lời khuyên thực hành từ các con số.
#
# Ở chế độ đầy đủ, bài chạy khoảng 5 phút trên CPU 2 nhân khi máy rảnh; phần lớn thời gian dành cho
# 30 lần huấn luyện nhỏ ở mục 4 và 6 lần huấn luyện trên MNIST ở mục 5.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# # 06 — Why GANs are hard to train
#
# Lesson 04 showed one difficulty: the minimax loss saturates exactly when the generator needs a
# gradient most. This lesson looks at the other two difficulties of generative adversarial networks
# (GANs), then measures how much the usual remedies help. We will:
#
# 1. define the Nash equilibrium correctly and fix a wrong definition that is often seen;
# 2. play the smallest game that will not settle, $\min_x \max_y xy$: simultaneous gradient steps
#    spiral outward, alternating steps circle forever, while averaging or an extragradient step
#    converges;
# 3. watch mode collapse happen on 8 Gaussians arranged in a ring, and count it with the protocol
#    of the VEEGAN and PacGAN papers;
# 4. compare five remedies, instance noise among them, with the same seeds and the same compute budget,
#    in one table;
# 5. provoke mode collapse on MNIST with an unbalanced setting, measured over several seeds;
# 6. draw practical advice from the numbers.
#
# In full mode the lesson runs for about 5 minutes on a 2-core CPU that is not busy; most of that
# time goes into the 30 small training runs of section 4 and the 6 MNIST runs of section 5.

# %% slideshow={"slide_type": "skip"} tags=["colab"]
# notebooks/build.py writes here the cell that installs ganlib where it is missing and picks the language

# %% slideshow={"slide_type": "skip"}
from dataclasses import replace

import numpy as np
import torch
from IPython.display import Markdown

from ganlib import build_gan, count_parameters, data, metrics, plots, toys, tr

QUICK = ganlib.is_quick()  # GANLIB_QUICK=1 (the tests): few seeds, few steps

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Cân bằng Nash là điểm yên ngựa
#
# Hai người chơi dùng chung một hàm $f(x, y)$: người chơi $x$ muốn $f$ nhỏ, người chơi $y$ muốn $f$ lớn.
# Một cặp $(x^*, y^*)$ là cân bằng Nash nếu không ai có lợi khi đơn phương đổi nước đi:
#
# $$f(x^*, y) \le f(x^*, y^*) \le f(x, y^*) \quad \text{với mọi } x, y.$$
#
# Bất đẳng thức trái: khi $x^*$ đứng yên, $y$ không tăng được $f$. Bất đẳng thức phải: khi $y^*$
# đứng yên, $x$ không giảm được $f$. Điểm như vậy là điểm yên ngựa (*saddle point*) của $f$ theo
# đúng chiều của trò chơi: cực đại theo $y$, cực tiểu theo $x$. GAN là trò chơi như thế, với $x$ là
# trọng số của bộ sinh $G$ và $y$ là trọng số của bộ phân biệt (*discriminator*) $D$.
#
# Ví dụ nhỏ nhất là $f(x, y) = xy$. Điểm $(0, 0)$ là cân bằng duy nhất: $f(0, y) = 0$ và
# $f(x, 0) = 0$ với mọi $x, y$, nên không người chơi nào có lợi khi đơn phương đổi nước đi.
#
# **Hessian có một trị riêng âm và một trị riêng dương là chưa đủ.** Hessian của $xy$ là
# $\begin{pmatrix} 0 & 1 \\ 1 & 0 \end{pmatrix}$, trị riêng $\pm 1$. Nhưng $f(x, y) = -x^2 + y^2$ có
# Hessian với trị riêng $\pm 2$, cũng có hình yên ngựa, vậy mà tại $(0, 0)$ cả hai người chơi đều có lợi khi
# đơn phương đổi nước đi: $x$ rời 0 thì $f$ giảm, $y$ rời 0 thì $f$ tăng. Yên ngựa này quay sai chiều:
# nó là cực đại theo $x$ và cực tiểu theo $y$. Điều kiện đúng, tại một điểm có gradient bằng 0, xét
# riêng từng người chơi: $f_{xx} \ge 0$ (người cực tiểu hóa đứng ở đáy theo hướng của mình) và
# $f_{yy} \le 0$ (người cực đại hóa đứng ở đỉnh theo hướng của mình). Đó là điều kiện cần; nếu
# $f_{xx} > 0$ và $f_{yy} < 0$ thì đủ để có một cân bằng cục bộ chặt. Với $xy$, $f_{xx} = f_{yy} = 0$:
# điều kiện chỉ thỏa ở dạng không chặt. Cân bằng $(0, 0)$ có thật nhưng không chặt: khi người kia đứng
# yên ở 0, mỗi người chơi đứng đâu cũng như nhau, vì $f(x, 0) = 0$ với mọi $x$.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The Nash equilibrium is a saddle point
#
# Two players share one function $f(x, y)$: player $x$ wants $f$ small, player $y$ wants $f$ large.
# A pair $(x^*, y^*)$ is a Nash equilibrium if neither gains by changing its move alone:
#
# $$f(x^*, y) \le f(x^*, y^*) \le f(x, y^*) \quad \text{for all } x, y.$$
#
# Left inequality: with $x^*$ fixed, $y$ cannot raise $f$. Right inequality: with $y^*$ fixed, $x$
# cannot lower $f$. Such a point is a saddle point of $f$ turned the game's way: a maximum along $y$,
# a minimum along $x$. A GAN is such a game, with $x$ the weights of the generator $G$ and $y$ the
# weights of the discriminator $D$.
#
# The smallest example is $f(x, y) = xy$. The point $(0, 0)$ is its only equilibrium:
# $f(0, y) = 0$ and $f(x, 0) = 0$ for all $x, y$, so neither player gains by changing its move alone.
#
# **One negative and one positive Hessian eigenvalue is not enough.** The Hessian of $xy$ is
# $\begin{pmatrix} 0 & 1 \\ 1 & 0 \end{pmatrix}$, with eigenvalues $\pm 1$. But $f(x, y) = -x^2 + y^2$
# has Hessian eigenvalues $\pm 2$, a saddle shape too, and yet at $(0, 0)$ both players gain by moving
# alone: $f$ falls when $x$ leaves 0 and rises when $y$ leaves 0. That saddle is turned the wrong way:
# a maximum along $x$ and a minimum along $y$. The right conditions, at a point where the gradient is
# zero, look at each player separately: $f_{xx} \ge 0$ (the minimiser sits at a bottom along its own
# direction) and $f_{yy} \le 0$ (the maximiser sits at a top along its own). They are necessary;
# $f_{xx} > 0$ and $f_{yy} < 0$ suffice for a strict local equilibrium. For $xy$, $f_{xx} = f_{yy} = 0$:
# the conditions hold only weakly. The equilibrium $(0, 0)$ is real but not strict: while the other
# player stays at 0, each player is indifferent to where it stands, since $f(x, 0) = 0$ for all $x$.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["vi"]
# > **Lỗi thường gặp.** Một số tài liệu viết: $(x^*, y^*)$ là cân bằng Nash nếu
# > $f(x^*, y^*) \ge f(x, y)$ với mọi $x, y$. Đó là định nghĩa **cực đại toàn cục** của $f$ theo cả
# > hai biến, không phải cân bằng. Người chơi $x$ muốn $f$ nhỏ, nên sẽ không bao giờ dừng ở cực đại
# > của $f$. Với $f(x, y) = xy$, cực đại toàn cục còn không tồn tại ($f(t, t) = t^2$ lớn tùy ý),
# > trong khi cân bằng $(0, 0)$ vẫn tồn tại. Tại đó $f(1, 1) = 1 > f(0, 0)$, nên định nghĩa sai loại
# > bỏ chính điểm cân bằng duy nhất của trò chơi. Bài 01 đã nêu lỗi này; ô dưới đây kiểm tra lại bằng số.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["en"]
# > **Common mistake.** Some texts write: $(x^*, y^*)$ is a Nash equilibrium if
# > $f(x^*, y^*) \ge f(x, y)$ for all $x, y$. That defines a **global maximum** of $f$ over both
# > variables, not an equilibrium. Player $x$ wants $f$ small, so it would never stop at a maximum of
# > $f$. For $f(x, y) = xy$ a global maximum does not even exist ($f(t, t) = t^2$ grows without
# > bound), while the equilibrium $(0, 0)$ does. There $f(1, 1) = 1 > f(0, 0)$: the wrong definition
# > rejects the only equilibrium. Lesson 01 pointed this out; the cell below checks it with numbers.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Trên lưới $[-2, 2]^2$, ta tính mỗi người chơi được lợi bao nhiêu nếu đơn phương rời một điểm.
# Với $f = xy$: tại $(0, 0)$ cả hai đều được 0; tại $(1, 1)$ người chơi $y$ được lợi, nên $(1, 1)$
# không phải cân bằng. Với $f = -x^2 + y^2$: tại $(0, 0)$ cả hai đều được lợi, dù Hessian cũng có một
# trị riêng âm và một trị riêng dương. Giá trị của $f_{xx}$ và $f_{yy}$ cho thấy điều kiện nào bị vi phạm.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# On the grid $[-2, 2]^2$ we compute how much each player gains by leaving a point alone. For
# $f = xy$: at $(0, 0)$ both gain 0; at $(1, 1)$ player $y$ gains, so $(1, 1)$ is not an equilibrium.
# For $f = -x^2 + y^2$: at $(0, 0)$ both gain, although its Hessian too has one negative and one
# positive eigenvalue. The values of $f_{xx}$ and $f_{yy}$ show which condition fails.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
grid = np.linspace(-2, 2, 41)
GAMES = {"x*y": lambda x, y: x * y, "-x^2 + y^2": lambda x, y: -x**2 + y**2}

def gains(f, x0, y0):
    """What y gains by raising f alone, and what x gains by lowering f alone, from (x0, y0)."""
    return f(x0, grid).max() - f(x0, y0), f(x0, y0) - f(grid, y0).min()

def hessian(f, x0, y0, h=1e-3):
    """The Hessian of f at (x0, y0) by central differences (not from the formula of f)."""
    f_xx = (f(x0 + h, y0) - 2 * f(x0, y0) + f(x0 - h, y0)) / h**2
    f_yy = (f(x0, y0 + h) - 2 * f(x0, y0) + f(x0, y0 - h)) / h**2
    f_xy = (f(x0 + h, y0 + h) - f(x0 + h, y0 - h) - f(x0 - h, y0 + h) + f(x0 - h, y0 - h)) / (4 * h**2)
    return np.array([[f_xx, f_xy], [f_xy, f_yy]])

for name, f in GAMES.items():
    H = hessian(f, 0.0, 0.0)
    print(f"f = {name}:", tr(en="Hessian eigenvalues at (0, 0)", vi="trị riêng của Hessian tại (0, 0)"),
          np.round(np.linalg.eigvalsh(H), 4) + 0.0, f"  f_xx = {H[0, 0]:.4f}, f_yy = {H[1, 1]:.4f}")
    for point in ([(0.0, 0.0), (1.0, 1.0)] if name == "x*y" else [(0.0, 0.0)]):
        gain_y, gain_x = gains(f, *point)
        print(tr(en=f"   at {point}: y gains {gain_y:.1f}, x gains {gain_x:.1f}",
                 vi=f"   tại {point}: y được lợi {gain_y:.1f}, x được lợi {gain_x:.1f}"))
print(f"f = x*y: f(1, 1) = {GAMES['x*y'](1.0, 1.0):.1f} > f(0, 0) = {GAMES['x*y'](0.0, 0.0):.1f}")

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Gradient không dẫn tới cân bằng
#
# Huấn luyện GAN là cho hai người chơi cùng đi theo gradient: $x$ đi xuống, $y$ đi lên. Với
# $f = xy$ thì $\partial f / \partial x = y$ và $\partial f / \partial y = x$. Ta thử ba cách đi, mỗi
# cách với độ dài bước $\eta$:
#
# - **Bước đồng thời**: cả hai cùng bước từ một điểm,
#   $x_{t+1} = x_t - \eta y_t$, $y_{t+1} = y_t + \eta x_t$. Khi đó
#   $x_{t+1}^2 + y_{t+1}^2 = (1 + \eta^2)(x_t^2 + y_t^2)$: khoảng cách tới $(0, 0)$ nhân với
#   $\sqrt{1 + \eta^2} > 1$ sau mỗi bước. Đường đi xoắn ra xa.
# - **Bước luân phiên**: $x$ bước trước, $y$ bước sau khi đã thấy $x_{t+1}$:
#   $y_{t+1} = y_t + \eta x_{t+1}$. Đại lượng $x^2 + y^2 - \eta xy$ giữ nguyên sau mỗi bước, nên
#   đường đi là một elip khép kín quanh $(0, 0)$. Đường đi không trôi ra xa, nhưng cũng không bao giờ tới đích.
# - **Extragradient**: mỗi người chơi nhìn trước một bước, rồi bước bằng gradient tại điểm nhìn
#   trước đó. Khoảng cách nhân với $\sqrt{1 - \eta^2 + \eta^4} < 1$ sau mỗi bước: đường đi xoắn vào
#   cân bằng.
#
# Vòng xoắn có nguồn gốc từ ma trận Jacobi của trò chơi. Khi cả hai cùng đi theo gradient, điểm
# $(x, y)$ di chuyển theo trường vector $v(x, y) = (-\partial f/\partial x, \partial f/\partial y) = (-y, x)$.
# Ma trận Jacobi của trường này là $J = \begin{pmatrix} 0 & -1 \\ 1 & 0 \end{pmatrix}$, với trị riêng
# $\pm i$: thuần ảo, tức là một phép quay thuần túy, không có thành phần kéo về cân bằng. Một bước đồng
# thời nhân $(x, y)$ với $I + \eta J$, có trị riêng $1 \pm i\eta$ với môđun $\sqrt{1 + \eta^2} > 1$: quay
# và ra xa thêm một chút sau mỗi bước. Với một cực tiểu thông thường, Jacobi của $-\nabla f$ có trị riêng
# thực âm và gradient kéo thẳng về đích; phần ảo của trị riêng là dấu hiệu của vòng quay.
#
# Ta chơi 60 bước với $\eta = 0.2$ từ $(1, 1)$, rồi so tốc độ đo được với công thức. Ô dưới cũng dựng
# lại ma trận của một bước đồng thời từ chính hàm `play_bilinear` (một bước từ $(1, 0)$ và từ $(0, 1)$)
# và in trị riêng của nó.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Gradients do not lead to the equilibrium
#
# Training a GAN means both players follow their gradients: $x$ goes down, $y$ goes up. For
# $f = xy$ we have $\partial f / \partial x = y$ and $\partial f / \partial y = x$. We try three ways
# to step, each with step size $\eta$:
#
# - **Simultaneous steps**: both step from the same point,
#   $x_{t+1} = x_t - \eta y_t$, $y_{t+1} = y_t + \eta x_t$. Then
#   $x_{t+1}^2 + y_{t+1}^2 = (1 + \eta^2)(x_t^2 + y_t^2)$: the distance to $(0, 0)$ is multiplied by
#   $\sqrt{1 + \eta^2} > 1$ at every step. The path spirals outward.
# - **Alternating steps**: $x$ steps first, $y$ steps after seeing $x_{t+1}$:
#   $y_{t+1} = y_t + \eta x_{t+1}$. The quantity $x^2 + y^2 - \eta xy$ stays the same at every step,
#   so the path is a closed ellipse around $(0, 0)$. It does not drift away, but it never arrives
#   either.
# - **Extragradient**: each player looks one step ahead, then steps with the gradient at that
#   look-ahead point. The distance is multiplied by $\sqrt{1 - \eta^2 + \eta^4} < 1$ at every step:
#   the path spirals into the equilibrium.
#
# The spiral comes from the game's Jacobian. When both players follow their gradients, the point
# $(x, y)$ moves along the vector field $v(x, y) = (-\partial f/\partial x, \partial f/\partial y) = (-y, x)$.
# Its Jacobian is $J = \begin{pmatrix} 0 & -1 \\ 1 & 0 \end{pmatrix}$, with eigenvalues $\pm i$: purely
# imaginary, so a pure rotation with no pull towards the equilibrium. A simultaneous step multiplies
# $(x, y)$ by $I + \eta J$, whose eigenvalues $1 \pm i\eta$ have modulus $\sqrt{1 + \eta^2} > 1$: a turn
# and a little outward at every step. At an ordinary minimum the Jacobian of $-\nabla f$ has negative
# real eigenvalues and the gradient pulls straight in; imaginary parts are the signature of rotation.
#
# We play 60 steps with $\eta = 0.2$ from $(1, 1)$, then compare the measured rates with the
# formulas. The cell also rebuilds the matrix of one simultaneous step from `play_bilinear` itself (one
# step from $(1, 0)$ and one from $(0, 1)$) and prints its eigenvalues.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
eta, steps = 0.2, 60
paths = {method: toys.bilinear.play_bilinear(method, lr=eta, steps=steps) for method in toys.bilinear.METHODS}

def rate(path):
    """Distance to (0, 0) is multiplied by this factor per step, on average over the path."""
    radius = np.hypot(*path.T)
    return (radius[-1] / radius[0]) ** (1 / (len(path) - 1))

step = np.column_stack([toys.bilinear.play_bilinear("simultaneous", lr=eta, steps=1, start=e)[-1] for e in ((1.0, 0.0), (0.0, 1.0))])
J = (step - np.eye(2)) / eta
print(tr(en="eigenvalues of J:", vi="trị riêng của J:"), np.round(np.linalg.eigvals(J), 6),
      "  " + tr(en="of I + eta J:", vi="của I + eta J:"), np.round(np.linalg.eigvals(step), 6),
      "  " + tr(en="modulus", vi="môđun"), f"{abs(np.linalg.eigvals(step)[0]):.6f}")
label = {"simultaneous": tr(en="simultaneous", vi="đồng thời"), "extragradient": "extragradient",
         "alternating": tr(en="alternating", vi="luân phiên")}
measured = tr(en="measured", vi="đo được")
print(f"{label['simultaneous'] + ':':<15}{measured} {rate(paths['simultaneous']):.6f}   sqrt(1 + eta^2)         = {np.sqrt(1 + eta**2):.6f}")
print(f"{label['extragradient'] + ':':<15}{measured} {rate(paths['extragradient']):.6f}   sqrt(1 - eta^2 + eta^4) = {np.sqrt(1 - eta**2 + eta**4):.6f}")

long_orbit = toys.bilinear.play_bilinear("alternating", lr=eta, steps=1000)
x, y = long_orbit.T
conserved = x**2 + y**2 - eta * x * y
checkpoints = (0, 1, 10, 100, 1000)
print(f"{label['alternating'] + ', t =':<30}", "  ".join(f"{t:>8}" for t in checkpoints))
print("  x^2 + y^2 - eta*x*y         ", "  ".join(f"{conserved[t]:.6f}" for t in checkpoints))
print("  |(x, y)|                    ", "  ".join(f"{np.hypot(x[t], y[t]):.6f}" for t in checkpoints))

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Hình dưới vẽ cả ba đường đi, thêm trung bình cộng dồn của các điểm trên quỹ đạo luân phiên
# (đường đỏ). Bên phải là khoảng cách tới cân bằng theo thang log; nét đứt là công thức.

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# The figure shows the three paths, plus the running average of the points of the alternating
# orbit (red). On the right: the distance to the equilibrium on a log scale; dashed: the formulas.

# %% slideshow={"slide_type": "subslide"}
paths["average"] = toys.bilinear.running_average(paths["alternating"])
plots.games.plot_bilinear_play(paths, lr=eta);

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# **Bước nhỏ hơn có cứu được bước đồng thời không?** Chỉ làm chậm việc xoắn ra. Ta so các $\eta$ khác
# nhau trên cùng một quãng "thời gian" $\eta T = 10$ (với $T$ là số bước). Sau $T$ bước, khoảng cách
# nhân với $(1 + \eta^2)^{T/2} \approx e^{\eta \cdot \eta T / 2}$. Khi $\eta \to 0$ thừa số này tiến
# về 1, không về 0: đường đi tiến tới một đường tròn, như nghiệm của phương trình vi phân
# $\dot x = -y$, $\dot y = x$. Bước nhỏ không bao giờ đưa bước đồng thời tới cân bằng.
#
# **Lấy trung bình thì khác.** Quỹ đạo luân phiên quay quanh $(0, 0)$, nên trung bình các điểm của
# nó tiến về tâm, với khoảng cách giảm cỡ $1/T$.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# **Can a smaller step rescue simultaneous steps?** It only slows the spiral down. We compare
# several $\eta$ over the same "time" $\eta T = 10$ ($T$ the number of steps). After $T$ steps the
# distance is multiplied by $(1 + \eta^2)^{T/2} \approx e^{\eta \cdot \eta T / 2}$. As $\eta \to 0$
# this factor tends to 1, not to 0: the path approaches a circle, like the differential equation
# $\dot x = -y$, $\dot y = x$. Small steps never bring simultaneous play to the equilibrium.
#
# **Averaging is different.** The alternating orbit circles around $(0, 0)$, so the average of its
# points moves to the centre, its distance shrinking like $1/T$.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
start = np.hypot(1.0, 1.0)
for step_size in (0.2, 0.1, 0.01, 0.001):
    n_steps = round(10 / step_size)
    end = toys.bilinear.play_bilinear("simultaneous", lr=step_size, steps=n_steps)[-1]
    print(f"{label['simultaneous']}, eta = {step_size:<5} T = {n_steps:>5}:  |(x, y)| / |(x_0, y_0)| = {np.hypot(*end) / start:.4f}"
          f"   (1 + eta^2)^(T/2) = {(1 + step_size**2) ** (n_steps / 2):.4f}")
orbit = toys.bilinear.play_bilinear("alternating", lr=eta, steps=10000)
averages = toys.bilinear.running_average(orbit)
for n_steps in (100, 1000, 10000):
    print(f"{label['alternating']}, T = {n_steps:>5}:  |(x_T, y_T)| = {np.hypot(*orbit[n_steps]):.4f}"
          f"   |" + tr(en="average", vi="trung bình") + f" (x_0..x_T, y_0..y_T)| = {np.hypot(*averages[n_steps]):.4f}")

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# **Điều này liên quan gì tới GAN?** `ganlib.train_gan` đi theo kiểu luân phiên: một bước của $D$,
# rồi một bước của $G$ qua $D$ vừa cập nhật. Gần cân bằng, GAN diễn biến phần nào giống trò chơi $xy$:
# hai mạng có thể quay vòng quanh cân bằng thay vì dừng ở đó. `train_gan` còn giữ sẵn một phép lấy
# trung bình: trung bình trượt lũy thừa (*exponential moving average*, EMA) của trọng số $G$ (`ema_decay`, bài 05), và lấy mẫu từ bản trung
# bình đó. Phần dưới sẽ cho thấy phép trung bình này giúp khi $G$ quay quanh một lời giải tốt, và
# không giúp khi $G$ nhảy giữa các lời giải tồi.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# **What does this have to do with GANs?** `ganlib.train_gan` steps in the alternating way: one step
# of $D$, then one step of $G$ through the $D$ just updated. Near an equilibrium a GAN behaves partly
# like the $xy$ game: the two networks may circle around the equilibrium instead of stopping there.
# `train_gan` also keeps an average at hand: the exponential moving average (EMA) of $G$'s weights
# (`ema_decay`, lesson 05), and it samples from that average. Below we will see that this average
# helps when $G$ circles around a good solution, and does not help when $G$ jumps between bad ones.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Sụp đổ mode trên vòng tròn 8 Gaussian
#
# Sụp đổ mode là khi bộ sinh chỉ tạo ra một phần của dữ liệu: vài kiểu mẫu, hoặc chỉ một, lặp đi
# lặp lại. Trên ảnh khó đếm hiện tượng này. Trên dữ liệu hai chiều thì đếm được chính xác. Dữ liệu
# chuẩn để thử là 8 Gaussian hẹp xếp đều trên đường tròn bán kính 2, mỗi Gaussian có độ lệch chuẩn
# $\sigma = 0.02$. Mỗi Gaussian là một mode.
#
# Quy trình đánh giá của VEEGAN (Srivastava và cộng sự, 2017) và PacGAN (Lin và cộng sự, 2018): lấy 2500
# mẫu từ $G$, gán mỗi mẫu cho tâm gần nhất.
#
# - Một mẫu có **chất lượng cao** nếu cách tâm đó không quá $3\sigma$.
# - Một mode **được bao phủ** nếu có ít nhất 20 mẫu chất lượng cao.
# - **KL của các mode**: phân kỳ (*divergence*) KL giữa histogram tâm gần nhất của các mẫu và phân
#   phối đều trên 8 mode. KL bằng 0 khi mọi mode nhận số mẫu như nhau, bằng $\log 8 \approx 2.079$
#   khi mọi mẫu cùng gần nhất với một tâm.
#
# `ganlib.metrics.mode_coverage` tính cả ba số. Ô dưới kiểm tra chúng trên dữ liệu thật và trên một
# bộ sinh sụp đổ hoàn toàn. Với dữ liệu thật, tỉ lệ chất lượng cao gần với
# $1 - e^{-9/2} \approx 0.989$: phần khối lượng của một Gaussian hai chiều nằm trong bán kính $3\sigma$.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Mode collapse on a ring of 8 Gaussians
#
# Mode collapse is when the generator produces only part of the data: a few kinds of samples, or
# just one, over and over. On images this is hard to count. On two-dimensional data it can be
# counted exactly. The standard test data are 8 narrow Gaussians evenly spaced on a circle of
# radius 2, each with standard deviation $\sigma = 0.02$. Each Gaussian is one mode.
#
# The protocol of VEEGAN (Srivastava et al., 2017) and PacGAN (Lin et al., 2018): draw 2500 samples
# from $G$ and assign each to its nearest centre.
#
# - A sample is **high quality** if it lies within $3\sigma$ of that centre.
# - A mode is **covered** if it holds at least 20 high-quality samples.
# - **KL of the modes**: the KL divergence between the samples' histogram of nearest centres and the
#   uniform distribution over the 8 modes. It is 0 when every mode gets the same number of samples
#   and $\log 8 \approx 2.079$ when every sample is nearest to the same centre.
#
# `ganlib.metrics.mode_coverage` computes all three. The cell below checks them on real data and on a
# generator that has collapsed completely. For real data the high-quality share is close to
# $1 - e^{-9/2} \approx 0.989$: the mass of a two-dimensional Gaussian within radius $3\sigma$.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
real = data.sample_ring(2500, generator=torch.Generator().manual_seed(0))
collapsed = data.ring_centres()[:1].repeat(2500, 1)  # every sample on the first mode
for name, samples in [(tr(en="real data", vi="dữ liệu thật"), real), (tr(en="one mode", vi="một mode"), collapsed)]:
    scores = metrics.mode_coverage(samples)
    print(tr(en=f"{name:>12}: modes covered {scores['modes_covered']}/8, high quality {scores['high_quality']:.4f}, "
                f"KL {scores['kl_modes']:.4f}",
             vi=f"{name:>12}: số mode bao phủ {scores['modes_covered']}/8, chất lượng cao {scores['high_quality']:.4f}, "
                f"KL {scores['kl_modes']:.4f}"))
print(f"1 - exp(-9/2) = {1 - np.exp(-4.5):.4f}, log 8 = {np.log(8):.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["vi"]
# ### Hai mạng nhỏ
#
# Mô hình `"toy2d"` của `ganlib.gan.models` là một cặp mạng nhỏ, cỡ bằng các mạng trong những thí nghiệm vòng tròn đầu tiên
# (GAN unrolled, Metz và cộng sự, 2017): $G$ biến nhiễu 16 chiều thành một điểm trong mặt phẳng qua
# hai tầng ẩn 128 nút; $D$ chỉ có một tầng ẩn 128 nút. Với PacGAN, $D$ nhận hai điểm cùng lúc nên
# tầng đầu có 4 đầu vào. Dòng cuối của ô dưới đây đếm xem trong 1250 cặp điểm thật, bao nhiêu cặp rơi
# vào cùng một mode: với 8 mode đều nhau, xác suất đó là 1/8.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["en"]
# ### Two small networks
#
# The `"toy2d"` model of `ganlib.gan.models` is a pair of small networks, the size of those in the first
# ring experiments (unrolled GANs, Metz et al., 2017): $G$ maps 16-dimensional noise to a point in
# the plane through two hidden layers of 128 units; $D$ has a single hidden layer of 128 units. For
# PacGAN, $D$ takes two points at once, so its first layer has 4 inputs. The last line of the cell
# below counts how many of 1250 pairs of real points fall in the same mode: with 8 equally likely
# modes, the probability is 1/8.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
G, D = build_gan("toy2d")
_, packed_D = build_gan("toy2d", discriminator={"pack": 2})
print(G)
print(D)
print(tr(en="parameters:", vi="số tham số:"), f"G {count_parameters(G)}, D {count_parameters(D)},"
      f" D (pack=2) {count_parameters(packed_D)}")
print(f"G(z): {tuple(G(torch.randn(5, 16)).shape)} <- z: (5, 16);   D (pack=2): {tuple(packed_D(torch.randn(6, 2)).shape)} <- (6, 2)")
nearest = torch.cdist(real, data.ring_centres()).argmin(dim=1)  # the mode of each real point
same = (nearest[0::2] == nearest[1::2]).double().mean().item()
print(tr(en=f"pairs of real points in the same mode: {same:.3f}   (1/8 = {1 / 8:.3f})",
         vi=f"cặp điểm thật cùng một mode: {same:.3f}   (1/8 = {1 / 8:.3f})"))

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Mọi lần chạy dùng chung một cấu hình gốc, `toys.remedies.RING_BASE`: Adam với tốc độ học (*learning
# rate*) $10^{-3}$ cho cả hai mạng, batch 256, 30 epoch (*một lượt qua toàn bộ dữ liệu huấn luyện*), mỗi
# epoch 100 bước của $D$, tức 3000 bước.
# Đây là GAN gốc: mất mát không bão hòa của bài 04, một bước $G$ sau mỗi bước $D$, và trung bình
# trượt của trọng số $G$ như mặc định của `train_gan`.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# Every run starts from one base configuration, `toys.remedies.RING_BASE`: Adam with learning rate
# $10^{-3}$ for both networks, batch 256, 30 epochs of 100 steps of $D$, so 3000 steps. This is the
# vanilla GAN: the non-saturating loss of lesson 04, one step of $G$ after each step of $D$, and the
# moving average of $G$'s weights that `train_gan` keeps by default.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
print(toys.remedies.RING_BASE)
print(tr(en=f"{toys.remedies.RING_BASE.epochs * toys.remedies.STEPS_PER_EPOCH} steps of D per run,"
            f" {len(toys.remedies.ring_data(0))} training points per seed",
         vi=f"{toys.remedies.RING_BASE.epochs * toys.remedies.STEPS_PER_EPOCH} bước của D mỗi lần chạy,"
            f" {len(toys.remedies.ring_data(0))} điểm huấn luyện mỗi seed"))

# %% slideshow={"slide_type": "skip"}
SEEDS = range(2) if QUICK else range(5)
BASE = replace(toys.remedies.RING_BASE, epochs=2, eval_every=1) if QUICK else toys.remedies.RING_BASE
SNAPSHOT_EPOCHS = [1, 2] if QUICK else [1, 3, 10, 20, 30]

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["vi"]
# ### Xem sụp đổ mode xảy ra
#
# Ta huấn luyện GAN gốc với seed 0 và chụp mẫu ở vài thời điểm: mẫu của chính $G$ (hàng trên) và
# của trung bình trượt của nó (hàng thứ hai). Để so sánh, hai hàng cuối là PacGAN, một cách khắc phục
# ở mục sau, với cùng seed.

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["en"]
# ### Watching mode collapse happen
#
# We train the vanilla GAN with seed 0 and take snapshots of its samples at a few moments: samples of
# $G$ itself (top row) and of its moving average (second row). For comparison, the last two rows are
# PacGAN, one of the remedies of the next section, with the same seed.

# %% slideshow={"slide_type": "subslide"}
snapshots = {remedy: toys.remedies.snapshots(remedy, seed=0, epochs=SNAPSHOT_EPOCHS, base=BASE)
             for remedy in ("vanilla", "PacGAN")}
plots.collapse.plot_ring_snapshots(snapshots, epochs=SNAPSHOT_EPOCHS, steps_per_epoch=toys.remedies.STEPS_PER_EPOCH);

# %% [markdown] slideshow={"slide_type": "notes"} tags=["vi"]
# Hàng đầu là sụp đổ mode điển hình. Ở mọi thời điểm, mẫu của $G$ gom thành một đám duy nhất, và
# đám đó nhảy từ chỗ này sang chỗ khác trên vòng tròn giữa hai lần chụp. $D$ học cách loại chỗ $G$
# đang đứng, $G$ chuyển sang chỗ khác, $D$ đuổi theo, cứ thế mãi. Đây chính là vòng quay của trò chơi
# $xy$, nhưng giờ nó diễn ra giữa các mode.
#
# Hàng thứ hai cho thấy giới hạn của phép lấy trung bình. Trung bình trượt của trọng số một $G$ đang
# nhảy khắp vòng tròn không rơi vào mode nào, mà co về **tâm** vòng tròn, nơi không có dữ liệu. Trong
# trò chơi $xy$, tâm là cân bằng. Ở đây $G$ là một mạng phi tuyến, nên trung bình các trọng số
# không phải là trung bình các phân phối.
#
# PacGAN thì khác hẳn. Sau 1000 bước, mẫu rải khắp mặt phẳng. Sau 2000 bước, chúng nằm trên vòng
# tròn. Sau 3000 bước, chúng dồn về 8 mode, nối với nhau bằng những dải mỏng. Các dải này khó tránh:
# $G$ là hàm liên tục, biến một đám nhiễu liên thông thành một tập liên thông.

# %% [markdown] slideshow={"slide_type": "notes"} tags=["en"]
# The top row is mode collapse as it is usually seen. At every moment the samples of $G$ form a
# single blob, and the blob jumps from one place on the ring to another between snapshots. $D$
# learns to reject the place where $G$ stands, $G$ moves elsewhere, $D$ follows, and so on. This is the
# circling of the $xy$ game, now happening between modes.
#
# The second row shows the limit of averaging. The moving average of the weights of a $G$ that
# jumps around the ring lands on no mode: it shrinks to the **centre** of the ring, where there is no
# data. In the $xy$ game the centre was the equilibrium. Here $G$ is a nonlinear network, so the
# average of its weights is not the average of its distributions.
#
# PacGAN is another story. After 1000 steps its samples are spread over the plane. After 2000
# steps they lie on the ring. After 3000 steps they gather on the 8 modes, joined by thin bridges.
# The bridges are hard to avoid: $G$ is a continuous function and maps a connected cloud of noise to
# a connected set.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Các cách khắc phục, đo bằng số
#
# Mỗi cách khắc phục là một tùy chọn của `TrainConfig`, đổi so với `RING_BASE` và không gì khác,
# với một giá trị thường gặp trong các bài báo:
#
# | cách khắc phục | tùy chọn | ý tưởng |
# |---|---|---|
# | quy tắc cập nhật hai thang thời gian (*two time-scale update rule*, TTUR; Heusel và cộng sự, 2017) | `lr_d=4e-3` | $D$ học nhanh gấp 4 lần $G$, nên luôn gần với $D$ tốt nhất cho $G$ hiện tại. Bài báo TTUR chỉ yêu cầu hai tốc độ học khác nhau và chỉnh tỉ số cho từng thí nghiệm; tỉ số 4 là lựa chọn của SAGAN (Zhang và cộng sự, 2019: $10^{-4}$ cho $G$, $4 \cdot 10^{-4}$ cho $D$) |
# | làm mượt nhãn một phía (Salimans và cộng sự, 2016) | `label_smoothing=0.1` | nhãn của mẫu thật là 0.9 thay vì 1, để $D$ bớt tự tin |
# | instance noise (Sønderby và cộng sự, 2017) | `instance_noise=0.1` | cộng nhiễu Gaussian vào mọi đầu vào của $D$, thật lẫn giả; độ lệch chuẩn giảm tuyến tính về 0 |
# | WGAN-GP (Gulrajani và cộng sự, 2017) | `loss="wgan-gp"`, `k=5`, `betas=(0.5, 0.9)` | $D$ thành critic (bộ chấm điểm) ước lượng khoảng cách Wasserstein; phạt gradient với $\lambda = 10$ (giá trị bài báo dùng cho ảnh); 5 bước critic cho mỗi bước $G$. Thí nghiệm 8 Gaussian của chính các tác giả dùng thiết lập khác hẳn: $\lambda = 0.1$, tốc độ học $10^{-4}$, critic và $G$ có ba tầng ẩn 512 nút, và 100000 bước của $G$ |
# | PacGAN (Lin và cộng sự, 2018) | `pack=2` | $D$ chấm từng cặp mẫu, cả cặp cùng thật hoặc cùng giả, nên thấy được phân phối của các cặp: hai mẫu của một $G$ đã sụp đổ luôn rơi vào cùng một mode, còn hai mẫu thật chỉ cùng mode với xác suất 1/8 |
#
# Mỗi cách chạy với 5 seed. Seed quyết định dữ liệu, trọng số ban đầu và nhiễu, giống nhau giữa các
# cách. Ngân sách như nhau: 3000 bước của $D$. Với WGAN-GP, điều đó có nghĩa là $G$ chỉ được 600 bước.
# Ta chấm điểm cả $G$ lẫn trung bình trượt của nó, trên cùng 2500 vector nhiễu cố định.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## The remedies, measured
#
# Each remedy is an option of `TrainConfig`, changed from `RING_BASE` and nothing else, with a value
# common in the literature:
#
# | remedy | option | idea |
# |---|---|---|
# | two time-scale update rule (TTUR; Heusel et al., 2017) | `lr_d=4e-3` | $D$ learns 4 times faster than $G$, so it stays close to the best $D$ for the current $G$. The TTUR paper only asks for two different learning rates and tunes the ratio per experiment; the ratio 4 is SAGAN's choice (Zhang et al., 2019: $10^{-4}$ for $G$, $4 \cdot 10^{-4}$ for $D$) |
# | one-sided label smoothing (Salimans et al., 2016) | `label_smoothing=0.1` | real samples get the label 0.9 instead of 1, so that $D$ is less confident |
# | instance noise (Sønderby et al., 2017) | `instance_noise=0.1` | Gaussian noise is added to everything $D$ sees, real and fake; its standard deviation falls linearly to 0 |
# | WGAN-GP (Gulrajani et al., 2017) | `loss="wgan-gp"`, `k=5`, `betas=(0.5, 0.9)` | $D$ becomes a critic that estimates the Wasserstein distance; gradient penalty with $\lambda = 10$ (the paper's value for images); 5 critic steps per step of $G$. The authors' own 8-Gaussian experiment used very different settings: $\lambda = 0.1$, learning rate $10^{-4}$, a critic and a $G$ of three hidden layers of 512 units, and 100000 steps of $G$ |
# | PacGAN (Lin et al., 2018) | `pack=2` | $D$ judges pairs of samples, both real or both fake, so it sees the distribution of pairs: two samples of a collapsed $G$ always fall in the same mode, two real samples only with probability 1/8 |
#
# Each remedy runs with 5 seeds. A seed fixes the data, the initial weights and the noise, the same
# for every remedy. The budget is the same: 3000 steps of $D$. For WGAN-GP this means $G$ gets only
# 600 steps. We score both $G$ and its moving average, on the same 2500 fixed noise vectors.

# %% slideshow={"slide_type": "fragment"} tags=["nbval-check-output"]
width = max(len(toys.remedies.remedy_label(remedy)) for remedy in toys.remedies.REMEDIES)
print(f"{tr(en='remedy', vi='cách khắc phục'):<{width}}", tr(en="options changed from RING_BASE", vi="tùy chọn khác với RING_BASE"))
for remedy, options in toys.remedies.REMEDIES.items():
    print(f"{toys.remedies.remedy_label(remedy):<{width}} {options}")

# %% slideshow={"slide_type": "skip"}
runs = toys.remedies.compare_remedies(seeds=SEEDS, base=BASE)
Markdown(toys.remedies.format_table(runs))

# %% slideshow={"slide_type": "fragment"}
print(tr(en="modes covered, seed by seed (G | EMA):", vi="số mode bao phủ theo từng seed (G | EMA):"))
for remedy in toys.remedies.REMEDIES:
    chosen = [run for run in runs if run.remedy == remedy]
    print(f"  {toys.remedies.remedy_label(remedy):<{width}}", [run.scores["generator"]["modes_covered"] for run in chosen], "|",
          [run.scores["average"]["modes_covered"] for run in chosen])

# %% slideshow={"slide_type": "subslide"}
plots.collapse.plot_remedy_scores(runs);

# %% slideshow={"slide_type": "subslide"}
plots.collapse.plot_coverage_over_training(runs, steps_per_epoch=toys.remedies.STEPS_PER_EPOCH);

# %% slideshow={"slide_type": "subslide"}
plots.collapse.plot_final_samples(runs, seed=0);

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["vi"]
# ### Các con số nói gì
#
# Các số dưới đây lấy từ lần chạy đầy đủ: 5 seed, mỗi lần 3000 bước.
#
# - **GAN gốc sụp đổ hoàn toàn.** $G$ bao phủ trung bình 0.2 trên 8 mode, KL 1.95, gần mức tối đa
#   $\log 8 \approx 2.08$. Bài báo VEEGAN ghi nhận 1 trên 8 mode cho GAN gốc; PacGAN chạy lại với
#   mạng lớn hơn thì được 6.3. Với $D$ chỉ một tầng ẩn và 3000 bước, kết quả của ta nằm ở phía
#   sụp đổ nặng nhất.
# - **Làm mượt nhãn và instance noise không giúp gì ở đây.** Mỗi cách bao phủ 0.2 mode, KL 1.77
#   và 2.07, không khá hơn GAN gốc. Hai cách này chữa một bệnh khác: $D$ quá tự tin, khiến gradient
#   gửi về $G$ tắt dần (bài 03 và 04). Chúng làm $D$ mềm đi, nhưng không cho $D$ biết gì về độ đa
#   dạng của mẫu.
# - **WGAN-GP không sụp về một điểm, nhưng chưa sắc nét trong ngân sách này.** Không mode nào được bao
#   phủ, nhưng KL chỉ 1.00 với $G$ và 0.40 với trung bình trượt: mẫu là một đám mây trải khắp vòng
#   tròn (xem hình các mẫu cuối cùng). Với cùng 3000 bước của critic, $G$ chỉ được 600 bước. Đây là kết quả của
#   ngân sách và thiết lập của ta, không phải phán quyết về WGAN-GP: các tác giả chạy thí nghiệm này
#   với $\lambda = 0.1$, tốc độ học $10^{-4}$, mạng lớn hơn nhiều và 100000 bước của $G$.
# - **TTUR giúp nhiều, nhưng không đều.** $G$ bao phủ 5.2 ± 3.3 mode, và số mode thay đổi nhiều giữa
#   các seed: từ 0 đến 8 (danh sách trên). Hình độ bao phủ theo quá trình huấn luyện cho biết đường cong
#   của từng seed đã ngừng đi lên hay chưa khi hết ngân sách.
# - **PacGAN cùng trung bình trượt thắng rõ.** Đây là cách duy nhất có KL 0.00 ở mọi seed: mọi mode
#   nhận số mẫu như nhau. Trung bình trượt của $G$ bao phủ 7.6 ± 0.9 trên 8 mode, với 43% mẫu chất
#   lượng cao; ở từng seed, nó bao phủ nhiều mode hơn trung bình trượt của mọi cách khác (cách gần nhất
#   là TTUR, trung bình 4.4 mode). Riêng bản thân $G$ thì PacGAN (5.0 ± 1.0 mode) và TTUR (5.2 ± 3.3)
#   chồng lấn nhau: với 5 seed, ta không phân định được
#   hai cách này. Lý do PacGAN giúp: $D$ nhìn từng cặp mẫu, nên thấy được phân phối của các cặp. Hai mẫu
#   của một $G$ đã sụp đổ luôn rơi vào cùng một mode; hai mẫu thật chỉ cùng mode với xác suất 1/8 (8 mode
#   đều nhau; ô kiểm tra ở mục "Hai mạng nhỏ" đo được tỉ lệ này). Nhờ đó $D$ phạt thẳng vào sự thiếu đa
#   dạng.
# - **Lấy trung bình giúp khi $G$ đã đi đúng hướng.** Với PacGAN, trung bình trượt tăng tỉ lệ chất
#   lượng cao từ 0.18 lên 0.43, và ở mọi seed nó bao phủ ít nhất nhiều mode bằng $G$. Với GAN gốc, nó
#   cho ra đám mẫu ở tâm vòng tròn. KL của đám đó thấp hơn (0.99 so với 1.95) chỉ vì tâm cách mọi mode gần như đều nhau, trong khi không có mẫu tốt nào. Vì vậy cần
#   đọc cả ba con số cùng lúc.
#
# Ngay cả cách tốt nhất cũng còn xa dữ liệu thật: 43% mẫu chất lượng cao, so với 98.6% của dữ liệu
# thật. Ngưỡng $3\sigma = 0.06$ rất chặt, và 3000 bước là ngân sách nhỏ. Bạn có thể tăng `epochs`
# để xem các con số thay đổi (phần bài tập).

# %% [markdown] slideshow={"slide_type": "subslide"} tags=["en"]
# ### What the numbers say
#
# The numbers below are those of the full run: 5 seeds, 3000 steps each.
#
# - **The vanilla GAN collapses completely.** $G$ covers 0.2 of 8 modes on average, with KL 1.95,
#   close to the maximum $\log 8 \approx 2.08$. The VEEGAN paper reported 1 of 8 modes for its vanilla
#   GAN; PacGAN's re-run with larger networks found 6.3. With a $D$ of one hidden
#   layer and 3000 steps, we are at the collapsed end of that range.
# - **Label smoothing and instance noise do not help here.** Each covers 0.2 modes, with KL 1.77
#   and 2.07: no better than the vanilla GAN. These two treat a different illness: a $D$ so
#   confident that the gradients it sends to $G$ die out (lessons 03 and 04). They soften $D$, but they
#   tell $D$ nothing about how diverse the samples are.
# - **WGAN-GP does not collapse to a point, but it is not sharp within this budget.** No mode is
#   covered, yet the KL is only 1.00 for $G$ and 0.40 for its moving average: the samples are a cloud
#   spread across the ring (figure of final samples). With the same 3000 critic steps, $G$ gets only
#   600 steps. This is a result of our budget and settings, not a verdict on WGAN-GP: its authors ran
#   this experiment with $\lambda = 0.1$, learning rate $10^{-4}$, much larger networks and 100000 steps
#   of $G$.
# - **TTUR helps a lot, but unevenly.** $G$ covers 5.2 ± 3.3 modes, and the count varies widely from
#   seed to seed: from 0 to 8 (list above). The figure of coverage during training shows whether each
#   seed's curve has stopped rising when the budget runs out.
# - **PacGAN with the moving average wins clearly.** It is the only remedy with KL 0.00 in every seed:
#   every mode gets the same number of samples. The moving average of $G$ covers 7.6 ± 0.9 of 8 modes,
#   with 43% high-quality samples, and in every seed more modes than any other remedy's moving average
#   (the nearest is TTUR's, 4.4 on average). For $G$ itself, PacGAN (5.0 ± 1.0 modes) and TTUR
#   (5.2 ± 3.3) overlap: with 5 seeds we cannot tell these two
#   apart. Why PacGAN helps: $D$ looks at pairs of samples, so it sees the distribution of pairs. Two
#   samples of a collapsed $G$ always fall in the same mode; two real samples do so only with
#   probability 1/8 (8 equally likely modes; the check in "Two small networks" measures this share).
#   So $D$ can penalise a lack of diversity directly.
# - **Averaging helps once $G$ is on the right track.** With PacGAN the moving average raises the
#   high-quality share from 0.18 to 0.43, and in every seed it covers at least as many modes as $G$.
#   With the vanilla GAN it produces the blob at the centre of the ring. That blob has a lower KL (0.99 against 1.95) only because the centre is about as close to
#   every mode, while not one sample is good. This is why the three numbers must be read together.
#
# Even the best remedy is far from real data: 43% high-quality samples, against 98.6% for real data.
# The threshold $3\sigma = 0.06$ is strict, and 3000 steps is a small budget. You can raise `epochs`
# and watch the numbers change (see the exercises).

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Sụp đổ mode trên MNIST
#
# Trên MNIST, bộ phân loại của bài 05 cho ta histogram các chữ số trong mẫu sinh ra: một dạng độ bao
# phủ mode. Ta lặp lại cấu hình của bài 05, chỉ đổi một thứ: tốc độ học của $G$ tăng 50 lần, từ
# $2 \cdot 10^{-4}$ lên $10^{-2}$, còn $D$ giữ nguyên. Đây là TTUR theo chiều ngược lại: $G$ chạy
# nhanh hơn hẳn $D$. Cạnh đó là cấu hình cân bằng của bài 05, cùng tốc độ học $2 \cdot 10^{-4}$ cho cả
# hai mạng. Mỗi cấu hình chạy với 3 seed (2 seed ở chế độ nhanh), 10 epoch trên 5000 chữ số đi kèm, và
# được chấm trên 1000 mẫu sau mỗi 2 epoch. Ngoài FD, hai cột đáng xem là số lớp có mặt và KL của tỉ lệ
# các lớp so với phân phối đều: 0 khi mười lớp đều nhau, $\log 10 \approx 2.303$ khi chỉ còn một lớp.
# Cột "FD so với" dùng cùng quy tắc như bài 05: chỉ kết luận khi mọi seed nằm hẳn về một phía.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Mode collapse on MNIST
#
# On MNIST the classifier of lesson 05 gives us the histogram of digits among the generated samples:
# a kind of mode coverage. We repeat the configuration of lesson 05 and change one thing only: $G$'s
# learning rate goes up 50 times, from $2 \cdot 10^{-4}$ to $10^{-2}$, while $D$'s stays. This is
# TTUR the wrong way round: $G$ runs much faster than $D$. Next to it runs lesson 05's balanced
# configuration, the same learning rate $2 \cdot 10^{-4}$ for both networks. Each configuration runs
# with 3 seeds (2 in quick mode), for 10 epochs on the 5000 bundled digits, and is scored on 1000
# samples every 2 epochs. Besides FD, the two columns to watch are the classes covered and the KL of
# the class shares from the uniform distribution: 0 when the ten classes are balanced, $\log 10 \approx
# 2.303$ when a single class is left. The "FD against" column follows the rule of lesson 05: a claim
# only when every seed lies on one side.

# %% slideshow={"slide_type": "skip"}
digits = ganlib.load_mnist()
mnist = ({"digits": 500, "epochs": 2, "eval_every": 1, "early": 1, "seeds": (0, 1)} if QUICK
         else {"digits": 5000, "epochs": 10, "eval_every": 2, "early": 4, "seeds": (0, 1, 2)})
settings = {"lr_g = lr_d": {}, "lr_g = 50 lr_d": {"lr_g": 1e-2}}
mnist_runs = toys.recipes.compare_recipes(digits.images[:mnist["digits"]], recipes=settings, seeds=mnist["seeds"],
                                          base=ganlib.TrainConfig(epochs=mnist["epochs"], eval_every=mnist["eval_every"]),
                                          device=ganlib.pick_device())
Markdown(toys.recipes.format_table(mnist_runs))

# %% slideshow={"slide_type": "fragment"}
print(tr(en="classes covered after each scoring, seed by seed:", vi="số lớp có mặt sau mỗi lần chấm, theo từng seed:"))
for run in mnist_runs:
    scored = run.history["metrics"]
    epochs, covered, kl, histogram = scored["epoch"], scored["classes_covered"], scored["kl_class"][-1], scored["class_histogram"][-1]
    print(tr(en=f"  {run.recipe:<15} seed {run.seed}:  epoch {epochs}  -> {covered}   KL {kl:.3f} {histogram}",
             vi=f"  {run.recipe:<15} seed {run.seed}:  epoch {epochs}  -> số lớp {covered};  KL {kl:.3f}; số mẫu mỗi lớp {histogram}"))
print(tr(en=f"KL after {mnist['early']} epochs, mean ± standard deviation over {len(mnist['seeds'])} seeds:",
         vi=f"KL sau {mnist['early']} epoch, trung bình ± độ lệch chuẩn trên {len(mnist['seeds'])} seed:"))
for recipe in settings:
    early_kl = [run.history["metrics"]["kl_class"][run.history["metrics"]["epoch"].index(mnist["early"])]
                for run in mnist_runs if run.recipe == recipe]
    print(f"  {recipe:<15} {toys.seeds.format_spread(early_kl, digits=2)}")

# %% slideshow={"slide_type": "subslide"}
fast_g = next(run for run in mnist_runs if run.recipe == "lr_g = 50 lr_d" and run.seed == 0)
ganlib.show_class_histograms(fast_g.history);

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["vi"]
# Và 50 mẫu đầu tiên của bộ sinh đó (seed 0, lấy từ trung bình trượt của $G$) trong số các mẫu đã chấm:

# %% [markdown] slideshow={"slide_type": "fragment"} tags=["en"]
# And the first 50 scored samples of that generator (seed 0, from the moving average of $G$):

# %% slideshow={"slide_type": "subslide"}
ganlib.show_digits(fast_g.samples[:50], value_range=(-1, 1));

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# Hãy đọc cột KL và các dòng theo từng seed. Sụp đổ mode hiện ra khi KL của các lần chạy $G$ học nhanh
# vẫn cao và histogram lớp của chúng giữ những cột trống, trong khi các lần chạy cân bằng trải dần ra
# đủ các lớp. Đừng kết luận quá sớm: hai dòng cuối của ô trên cho biết KL của mỗi cấu hình sau 4 epoch,
# tính trên các seed. Nếu hai khoảng trung bình ± độ lệch chuẩn chồng lên nhau thì 4 epoch chưa đủ để
# phân định. Vì vậy bài chạy 10 epoch; cột so sánh và các dòng theo từng seed cho biết khác biệt ở
# epoch 10 có đúng ở mọi seed hay không.
#
# Trên MNIST, ta không đếm mode chính xác như trên vòng tròn. Histogram lớp của bộ phân loại là cách
# đo gần nhất, và một lưới mẫu từ nhiễu cố định là cách nhìn nhanh nhất.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# Read the KL column and the seed-by-seed lines. Mode collapse shows when the KL of the fast-$G$ runs
# stays high and their class histograms keep empty columns, while the balanced runs spread over all the
# classes. Do not conclude too early: the last two lines of the cell above give each configuration's
# KL after 4 epochs over the seeds. Where the two mean ± standard deviation ranges overlap, 4 epochs
# do not decide. So the lesson trains 10 epochs; the comparison column and the seed-by-seed lines
# say whether the difference at epoch 10 holds in every seed.
#
# On MNIST we cannot count modes as exactly as on the ring. The classifier's class histogram is the
# closest measure, and a grid of samples from fixed noise is the quickest look.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Lời khuyên thực hành
#
# Những gì bài này đo được dẫn tới vài quy tắc đơn giản:
#
# 1. **Đo độ đa dạng, không chỉ chất lượng.** Sụp đổ mode không làm từng mẫu xấu đi; nó làm các mẫu
#    giống nhau. Hãy theo dõi độ bao phủ mode (histogram mode, histogram lớp của bộ phân loại) và xem
#    một lưới mẫu từ **cùng** nhiễu cố định qua các epoch. Nghi ngờ sụp đổ khi nhiều ô trong lưới
#    giống nhau, hoặc khi histogram có những cột trống.
# 2. **Giữ $D$ và $G$ cân bằng; đừng để $G$ chạy nhanh hơn $D$.** Tăng tốc độ học của $G$ lên 50 lần
#    là đủ để đẩy MNIST về phía sụp đổ (bảng ở trên; hãy đọc cả cột so sánh giữa các seed). Cho $D$ học nhanh gấp 4 lần (TTUR) giúp đáng kể trên
#    vòng tròn. Khi thấy sụp đổ, việc đầu tiên nên kiểm tra là tốc độ học và số bước của mỗi mạng.
# 3. **Nếu sụp đổ vẫn còn, hãy cho $D$ nhìn thấy độ đa dạng.** Đóng gói mẫu (PacGAN) chỉ làm tầng đầu
#    của $D$ rộng hơn, nhưng cùng trung bình trượt, nó cho hiệu quả lớn nhất ở đây.
# 4. **Đừng trông vào làm mượt nhãn hay instance noise để chữa sụp đổ.** Chúng chống một $D$ quá tự tin
#    và có ích cho việc đó, nhưng ở đây chúng không giảm sụp đổ chút nào.
# 5. **Đừng kết luận về WGAN-GP từ một ngân sách nhỏ.** Ở đây WGAN-GP trải mẫu ra thay vì dồn về một
#    điểm, nhưng với 5 bước critic cho mỗi bước $G$ và thiết lập khác hẳn thiết lập của các tác giả, 600 bước
#    của $G$ chưa đủ để mẫu sắc nét. Nếu dùng nó, hãy dành cho nó nhiều bước hơn và thử lại các siêu
#    tham số của bài báo trước khi so sánh.
# 6. **Lấy mẫu từ trung bình trượt của $G$, nhưng vẫn nhìn vào chính $G$.** Trung bình làm mẫu tốt hơn
#    khi $G$ đã đi đúng hướng. Phép trung bình không chữa được sụp đổ, và còn có thể che giấu việc $G$
#    nhảy giữa các mode.
# 7. **Luôn dùng nhiều seed và báo cáo độ trải.** Với TTUR, một seed đơn lẻ có thể kể bất kỳ câu
#    chuyện nào, từ 0 đến 8 mode. Chỉ trung bình và độ trải trên nhiều seed mới đáng tin.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Practical advice
#
# What this lesson measured leads to a few simple rules:
#
# 1. **Measure diversity, not only quality.** Mode collapse does not make each sample worse; it makes
#    the samples alike. Track mode coverage (the mode histogram, the classifier's class histogram) and
#    look at a grid of samples from the **same** fixed noise over the epochs. Suspect collapse when many
#    cells of the grid look alike, or when the histogram has empty columns.
# 2. **Keep $D$ and $G$ balanced; do not let $G$ run faster than $D$.** Raising $G$'s learning rate 50
#    times is enough to push MNIST towards collapse (table above; read the column that compares seeds too). Letting $D$ learn 4 times faster (TTUR) helped a
#    lot on the ring. When you see collapse, check the learning rates and the steps of each network first.
# 3. **If collapse persists, let $D$ see diversity.** Packing (PacGAN) only widens the first layer of
#    $D$, yet together with the moving average it had by far the largest effect here.
# 4. **Do not count on label smoothing or instance noise to cure collapse.** They fight an
#    overconfident $D$ and are useful for that, but here they did not reduce collapse at all.
# 5. **Do not judge WGAN-GP on a small budget.** Here it spreads the samples instead of piling them
#    onto a point, but with 5 critic steps per step of $G$ and settings far from its authors', 600 steps
#    of $G$ were not enough to make them sharp. If you use it, give it more steps and try the paper's
#    hyperparameters before you compare.
# 6. **Sample from the moving average of $G$, but keep looking at $G$ itself.** The average improves
#    the samples once $G$ is on the right track. It does not cure collapse, and it can even hide a $G$
#    that jumps between modes.
# 7. **Always use several seeds and report the spread.** With TTUR a single seed could tell any story,
#    from 0 to 8 modes. Only a mean and a spread over several seeds can be trusted.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Tóm tắt
#
# - Cân bằng Nash của $\min_x \max_y f$ là điểm yên ngựa: $f(x^*, y) \le f(x^*, y^*) \le f(x, y^*)$.
#   Cân bằng không phải là cực đại toàn cục của $f$.
# - Trên $f = xy$, bước gradient đồng thời xoắn ra với hệ số $\sqrt{1 + \eta^2}$ mỗi bước; bước nhỏ
#   hơn chỉ làm chậm lại. Bước luân phiên quay vòng mãi, giữ nguyên $x^2 + y^2 - \eta xy$.
#   Extragradient xoắn vào với hệ số $\sqrt{1 - \eta^2 + \eta^4}$, và trung bình của quỹ đạo luân
#   phiên hội tụ về cân bằng.
# - Trên vòng tròn 8 Gaussian, GAN gốc sụp đổ: $G$ nhảy từ mode này sang mode khác, bao phủ 0.2 trên
#   8 mode. Trung bình trượt của một $G$ như vậy co về tâm vòng tròn.
# - Với cùng seed và cùng 3000 bước: PacGAN (trung bình trượt) bao phủ 7.6 ± 0.9 mode; TTUR 5.2 ± 3.3
#   (với $G$); làm mượt nhãn, instance noise và WGAN-GP bao phủ trung bình không quá 0.2 mode với $G$
#   và không mode nào với trung bình trượt, trong ngân sách này.
# - Trên MNIST, so sánh tốc độ học của $G$ gấp 50 lần của $D$ với cấu hình cân bằng trên 3 seed, và chỉ
#   kết luận khi mọi seed cùng một hướng (bảng ở mục MNIST).

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Summary
#
# - The Nash equilibrium of $\min_x \max_y f$ is a saddle point: $f(x^*, y) \le f(x^*, y^*) \le f(x, y^*)$.
#   It is not a global maximum of $f$.
# - On $f = xy$, simultaneous gradient steps spiral outward by a factor $\sqrt{1 + \eta^2}$ per step;
#   smaller steps only slow this down. Alternating steps circle forever, keeping $x^2 + y^2 - \eta xy$
#   fixed. Extragradient spirals inward by a factor $\sqrt{1 - \eta^2 + \eta^4}$, and the average of
#   the alternating orbit converges to the equilibrium.
# - On the ring of 8 Gaussians the vanilla GAN collapses: $G$ jumps from mode to mode and covers 0.2
#   of 8 modes. The moving average of such a $G$ shrinks to the centre of the ring.
# - With the same seeds and the same 3000 steps: PacGAN (moving average) covers 7.6 ± 0.9 modes; TTUR
#   5.2 ± 3.3 (for $G$); label smoothing, instance noise and WGAN-GP cover at most 0.2 modes on average
#   with $G$ and none with the moving average, within this budget.
# - On MNIST, compare a learning rate of $G$ 50 times that of $D$ with the balanced configuration over
#   3 seeds, and conclude only where every seed agrees (table of the MNIST section).

# %% [markdown] slideshow={"slide_type": "slide"} tags=["vi"]
# ## Bài tập
#
# Điền vào mỗi ô bài tập, chạy nó, rồi chạy ô kiểm tra ngay sau: `✓` là đúng, `✗` kèm gợi ý là chưa.
# Lời giải nằm trong `solutions/06_why_gans_are_hard.ipynb`.
#
# **Bài 1 (suy ra rồi tính): bán kính của vòng xoắn.** Trên $f = xy$, viết một bước gradient đồng thời
# dưới dạng ma trận, suy ra khoảng cách tới $(0, 0)$ sau `steps` bước từ `start`, rồi viết
# `spiral_radius(lr, steps, start)` tính nó bằng công thức tường minh (không dùng vòng lặp).

# %% [markdown] slideshow={"slide_type": "slide"} tags=["en"]
# ## Exercises
#
# Fill in each exercise cell, run it, then run the check right after it: `✓` means right, `✗` comes with
# a hint. Solutions are in `solutions/06_why_gans_are_hard.ipynb`.
#
# **Exercise 1 (derive and compute): the radius of the spiral.** On $f = xy$, write one simultaneous
# gradient step as a matrix, derive the distance from $(0, 0)$ after `steps` steps from `start`, and write
# `spiral_radius(lr, steps, start)` computing it in closed form (no loop).

# %% slideshow={"slide_type": "skip"}
import math

import numpy as np
import torch

from ganlib import exercises

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def spiral_radius(lr: float, steps: int, start: tuple[float, float]) -> float:
    """Distance from (0, 0) after `steps` simultaneous gradient steps on x·y from `start`."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
def spiral_radius(lr: float, steps: int, start: tuple[float, float]) -> float:
    """Distance from (0, 0) after `steps` simultaneous gradient steps on x·y from `start`."""
    # One step is [[1, −lr], [lr, 1]] = √(1 + lr²) × a rotation: every step scales the radius by √(1 + lr²).
    return math.hypot(*start) * (1 + lr ** 2) ** (steps / 2)

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_spiral_radius(spiral_radius)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 2 (cài đặt): một bước extragradient.** Viết `extragradient_step(x, y, *, lr)` trả về điểm
# $(x, y)$ tiếp theo trên $f = xy$ ($x$ đi xuống, $y$ đi lên): trước hết nhìn trước bằng một bước đồng thời,
# rồi từ $(x, y)$ bước với gradient lấy tại điểm nhìn trước.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 2 (implement): one extragradient step.** Write `extragradient_step(x, y, *, lr)` returning
# the next point $(x, y)$ on $f = xy$ ($x$ descends, $y$ ascends): first look ahead with one simultaneous
# step, then step from $(x, y)$ with the gradients taken at the look-ahead point.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
def extragradient_step(x: float, y: float, *, lr: float) -> tuple[float, float]:
    """The next (x, y) of extragradient play on f = x·y."""
    raise NotImplementedError

# %% slideshow={"slide_type": "skip"} tags=["solution"]
def extragradient_step(x: float, y: float, *, lr: float) -> tuple[float, float]:
    """The next (x, y) of extragradient play on f = x·y."""
    x_ahead, y_ahead = x - lr * y, y + lr * x  # ∂f/∂x = y, ∂f/∂y = x at (x, y)
    return x - lr * y_ahead, y + lr * x_ahead  # the same step from (x, y), gradients from the look-ahead point

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.check_extragradient_step(extragradient_step)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Bài 3 (thí nghiệm): độ dài bước giảm một nửa.** Chơi trò chơi $xy$ bằng bước gradient đồng thời từ $(1, 1)$: một lần với
# `lr=0.1` trong 200 bước, một lần với `lr=0.05` trong 400 bước (cùng "thời gian" `lr × steps`). Hãy dự
# đoán trước, với `lr=0.05`:
#
# - (a) quỹ đạo hội tụ: bán kính cuối nhỏ hơn lúc đầu;
# - (b) vẫn xoắn ra ngoài, nhưng không xa bằng khi `lr=0.1`;
# - (c) xoắn ra xa hơn so với khi `lr=0.1`.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **Exercise 3 (experiment): half the step size.** Play simultaneous gradient steps on $xy$ from $(1, 1)$:
# once with `lr=0.1` for 200 steps, once with `lr=0.05` for 400 steps (the same "time" `lr × steps`).
# Predict first, for `lr=0.05`:
#
# - (a) it converges: the final radius is smaller than the start;
# - (b) it still spirals out, but less far than with `lr=0.1`;
# - (c) it spirals out further than with `lr=0.1`.

# %% slideshow={"slide_type": "skip"} tags=["exercise"]
step_prediction = ...  # "a", "b" or "c"

# %% slideshow={"slide_type": "skip"} tags=["solution"]
step_prediction = "b"

# %% slideshow={"slide_type": "skip"} tags=["nbval-check-output"]
exercises.experiment_smaller_steps(step_prediction)

# %% [markdown] slideshow={"slide_type": "skip"} tags=["vi"]
# **Tìm hiểu thêm (không có ô kiểm tra).**
#
# 1. Chạy lại `toys.remedies.compare_remedies(["vanilla", "TTUR"], seeds=range(5), base=replace(toys.remedies.RING_BASE, epochs=60))`.
#    TTUR có vượt 7.5 mode khi có gấp đôi ngân sách không? GAN gốc thì sao?
# 2. PacGAN với `pack=4`: thêm một mục vào `toys.remedies.REMEDIES` hoặc dùng `replace` trên cấu hình, và so
#    với `pack=2`.
# 3. Tìm một giá trị `instance_noise` giúp được trên vòng tròn. Ghi lại mọi giá trị bạn đã thử: nếu chỉ
#    báo cáo giá trị tốt nhất, bạn đang chỉnh tham số theo chính các seed dùng để đánh giá.
#
# ## Thử thách phần thực hành (bài 05–08)
#
# Không dùng PacGAN (`pack=1`) và giữ ngân sách của bài: tối đa 3000 bước của bộ phân biệt (tức 30 epoch, mỗi
# epoch 100 bước với batch 256; batch nhỏ hơn thì mỗi epoch có nhiều bước hơn, nên chỉ được chạy ít epoch
# hơn), batch tối đa 256. **Mục tiêu:** trung bình trượt của $G$ bao phủ ít nhất 7.5 trên 8 mode, trung
# bình trên các seed 0–4. Bạn được đổi mọi trường khác của `TrainConfig`: tốc độ học, `betas`, `k`, mất
# mát, `dropout`, `ema_decay`… Chấm một cấu hình (mất vài phút trên CPU, nên ô này không chạy sẵn):
#
# ```python
# from dataclasses import replace
# exercises.score_ring_challenge(replace(toys.remedies.RING_BASE, lr_d=2e-3, betas=(0.0, 0.9)))
# ```
#
# Báo cáo mọi cấu hình đã thử, kèm trung bình ± độ lệch chuẩn mà hàm in ra.
#
# ## Câu hỏi kiểm tra
#
# Chọn đáp án rồi bấm **Kiểm tra** khi bạn tự chạy notebook; trên GitHub, mở mục **Đáp án**.

# %% [markdown] slideshow={"slide_type": "skip"} tags=["en"]
# **To explore (no check).**
#
# 1. Run `toys.remedies.compare_remedies(["vanilla", "TTUR"], seeds=range(5), base=replace(toys.remedies.RING_BASE, epochs=60))`
#    again. Does TTUR pass 7.5 modes with twice the budget? And the vanilla GAN?
# 2. PacGAN with `pack=4`: add an entry to `toys.remedies.REMEDIES` or use `replace` on a configuration, and
#    compare with `pack=2`.
# 3. Look for an `instance_noise` value that helps on the ring. Write down every value you try: if you
#    report only the best one, you are tuning on the very seeds you evaluate on.
#
# ## Practice challenge (lessons 05–08)
#
# Without PacGAN (`pack=1`) and within the lesson's budget: at most 3000 discriminator steps (30 epochs of
# 100 steps at batch 256; a smaller batch means more steps per epoch, so fewer epochs), batches of at most 256.
# **Goal:** the moving average of $G$ covers at least 7.5 of the 8 modes, mean over
# seeds 0–4. You may change every other field of `TrainConfig`: learning rates, `betas`, `k`, the loss,
# `dropout`, `ema_decay`… Score a configuration (a few minutes on a CPU, so this cell is not run for you):
#
# ```python
# from dataclasses import replace
# exercises.score_ring_challenge(replace(toys.remedies.RING_BASE, lr_d=2e-3, betas=(0.0, 0.9)))
# ```
#
# Report every configuration you tried, with the mean ± standard deviation the function prints.
#
# ## Quiz
#
# Pick an answer and press **Check** when you run the notebook; on GitHub, open **Answer**.

# %% slideshow={"slide_type": "skip"} tags=["quiz"]
exercises.show_quiz("06")
