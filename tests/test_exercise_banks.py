"""Banks of typical answers for every exercise check, lesson by lesson.

Each wrong answer must fail with *its* hint (the phrase given beside it belongs to that hint alone), in one
line, with no warning escaping; each alternative right form (float32, another library call, another order
of operations, the other convention a lesson presents) must pass. The stored notebooks run the lesson's
solution and the untouched stub, which tests/test_exercises.py covers."""

import math
import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy import special, stats
from scipy.spatial import distance
from test_exercises import solution
from test_exercises_convolutions import constant_gain, overlap_counts, transposed_side
from test_exercises_pictures import demodulation_scale, sliced_distance

import ganlib
from ganlib import exercises, toys
from ganlib.metrics.images import precision_recall
from ganlib.toys import remedies


def line_of(capsys, check, answer) -> str:
    """The one line ``check(answer)`` prints; nothing else may reach the notebook (no warning, no stderr)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check(answer)
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert len(lines) == 1 and lines[0][0] in "✓✗", lines
    assert not caught and not out.err, ([str(w.message) for w in caught], out.err)
    return lines[0]


# ---------------------------------------------------------------------------------------------- lesson 01

def _police_steps(kind):
    """A police_steps answer: right, or with the typical mistake ``kind``."""
    def police_steps(police, counterfeiter, optimizer, *, k, sample_real, sample_noise):
        real, noise = sample_real(), sample_noise()  # "one batch", "one noise" reuse these
        if kind == "own optimizer":
            optimizer = torch.optim.SGD(police.parameters(), lr=0.2)
        loss = None
        for step in range(k + (kind == "k+1")):
            batch = real if kind == "one batch" or step == 0 else sample_real()
            z = noise if kind == "one noise" or step == 0 else sample_noise()
            if kind == "no grad":
                with torch.no_grad():
                    fake = counterfeiter(z)
            else:
                fake = counterfeiter(z) if kind == "no detach" else counterfeiter(z).detach()
            loss = toys.counterfeiter.police_loss(police, *((fake, batch) if kind == "swapped" else (batch, fake)))
            if kind == "step outside":
                continue
            if kind not in ("no zero_grad", "zero_grad after"):
                optimizer.zero_grad()
            loss.backward()
            if kind != "no step":
                optimizer.step()
            if kind == "zero_grad after":
                optimizer.zero_grad(set_to_none=True)
        if kind == "step outside":
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return police_steps


def _police_slopes(kind="right"):
    """A police_slopes answer: right, or with the typical mistake ``kind``."""
    def police_slopes(real_logits, fake_logits):
        d_real, d_fake = torch.sigmoid(real_logits), torch.sigmoid(fake_logits)
        m_real, m_fake = len(real_logits), len(fake_logits)
        slopes = {"sign": (1 - d_real, -d_fake), "swapped": (d_real, d_fake - 1),
                  "slope of D": (-d_real * (1 - d_real), d_fake * (1 - d_fake)),
                  "per D": (-1 / d_real, 1 / (1 - d_fake))}.get(kind, (d_real - 1, d_fake))
        if kind == "no mean":
            return slopes
        if kind == "divisors swapped":
            return slopes[0] / m_fake, slopes[1] / m_real
        if kind == "pooled":
            return slopes[0] / (m_real + m_fake), slopes[1] / (m_real + m_fake)
        return slopes[0] / m_real, slopes[1] / m_fake
    return police_slopes


def _autograd_slopes(real_logits, fake_logits):
    """The slopes by autograd on the course's loss: right, if not derived."""
    real, fake = real_logits.clone().requires_grad_(True), fake_logits.clone().requires_grad_(True)
    return torch.autograd.grad(F.softplus(-real).mean() + F.softplus(fake).mean(), (real, fake))


# ---------------------------------------------------------------------------------------------- lesson 02

def _value_at_optimum(kind="right"):
    """A value_at_optimum answer: right (entropy terms), or with the typical mistake ``kind``."""
    def value_at_optimum(p_data, p_g, *, dx):
        if kind == "literal logs":
            terms = p_data * np.log(p_data / (p_data + p_g)) + p_g * np.log(p_g / (p_data + p_g))
        elif kind == "epsilon":
            d_star = p_data / (p_data + p_g + 1e-3)
            terms = special.xlogy(p_data, d_star) + special.xlogy(p_g, 1 - d_star)
        elif kind == "half everywhere":
            terms = (p_data + p_g) * math.log(0.5)
        else:
            both = p_data + p_g
            terms = special.xlogy(p_data, p_data) - special.xlogy(p_data, both)
            if kind != "real term only":
                terms = terms + special.xlogy(p_g, p_g) - special.xlogy(p_g, both)
        value = terms.sum() * (1.0 if kind == "no dx" else dx)
        return {"bits": value / math.log(2), "sign": -value}.get(kind, value)
    return value_at_optimum


def _value_at_optimum_torch(p_data, p_g, *, dx):
    """The right value in float32 torch arithmetic, returned as a float32 tensor."""
    p, q = torch.tensor(p_data, dtype=torch.float32), torch.tensor(p_g, dtype=torch.float32)
    return (torch.special.xlogy(p, p) + torch.special.xlogy(q, q) - torch.special.xlogy(p + q, p + q)).sum() * dx


# ---------------------------------------------------------------------------------------------- lesson 04

def _penalty(kind="right", *, scale=1.0):
    """A gradient_penalty answer: right, or with the typical mistake ``kind``."""
    def gradient_penalty(critic, real, fake, *, generator):
        n = real.shape[0]
        shape = {"per element": real.shape, "one ε": (1,) * real.dim()}.get(kind, (n,) + (1,) * (real.dim() - 1))
        epsilon = torch.rand(shape, generator=None if kind == "no generator" else generator)
        mixed = fake + epsilon * (real - fake)
        if kind == "no detach":
            mixed = mixed if not mixed.is_leaf else mixed.requires_grad_(True)
            mixed.retain_grad() if mixed.requires_grad else mixed.requires_grad_(True)
        else:
            mixed = mixed.detach().requires_grad_(True)
        (slopes,) = torch.autograd.grad(critic(mixed).sum(), mixed, create_graph=kind != "no create_graph")
        if kind == "batch norm":
            norms = slopes.norm().expand(n)
        elif kind == "last dim norm":
            norms = slopes.norm(dim=-1).reshape(n, -1)
        else:
            norms = torch.linalg.vector_norm(slopes.reshape(n, -1), dim=1)
        penalty = {"squared norm": (norms ** 2 - 1) ** 2, "no square": (norms - 1).abs(),
                   "one-sided": torch.clamp(norms - 1, min=0) ** 2}.get(kind, (norms - 1) ** 2)
        return scale * penalty.mean()
    return gradient_penalty


def _textbook_ns(logits):
    """The textbook stable −log σ(l): max(−l, 0) + log(1 + e^{−|l|}), with a kink at l = 0."""
    return torch.clamp(-logits, min=0) + torch.log1p(torch.exp(-logits.abs()))


# ---------------------------------------------------------------------------------------------- lesson 05

def _discriminator_step(kind):
    """A my_discriminator_step answer: right, or with the typical mistake ``kind``."""
    def discriminator_step(generator, discriminator, optimizer, real, noise):
        if kind == "own optimizer":
            optimizer = torch.optim.SGD(discriminator.parameters(), lr=0.2)
        for _ in range(1 + (kind == "two steps")):
            if kind == "no grad":
                with torch.no_grad():
                    fake = generator(noise)
            else:
                fake = generator(noise) if kind == "no detach" else generator(noise).detach()
            real_logits, fake_logits = discriminator(real), discriminator(fake)
            if kind == "sigmoid":
                real_logits, fake_logits = torch.sigmoid(real_logits), torch.sigmoid(fake_logits)
            ones, zeros = torch.ones_like(real_logits), torch.zeros_like(fake_logits)
            if kind == "swapped":
                ones, zeros = zeros, ones
            if kind == "pooled":
                loss = F.binary_cross_entropy_with_logits(torch.cat([real_logits, fake_logits]),
                                                          torch.cat([ones, zeros]))
            else:
                loss = (F.binary_cross_entropy_with_logits(real_logits, ones)
                        + F.binary_cross_entropy_with_logits(fake_logits, zeros))
            if kind != "no zero_grad":
                optimizer.zero_grad(set_to_none=kind == "set_to_none")
            loss.backward()
            if kind != "no step":
                optimizer.step()
        return float(loss) if kind == "float" else loss  # a loss still attached to the graph: torch warns
    return discriminator_step


def _knn_precision(column_shift=0):
    """knn_precision with each real ball reaching the (k + column_shift)-th column of its sorted distances."""
    def knn_precision(real, fake, *, k):
        distances = np.sqrt(((real[:, None, :] - real[None, :, :]) ** 2).sum(-1))
        radii = np.sort(distances, axis=1)[:, k + column_shift]
        cross = np.sqrt(((fake[:, None, :] - real[None, :, :]) ** 2).sum(-1))
        return float(np.mean([any(cross[i] <= radii) for i in range(len(fake))]))
    return knn_precision


def _collapsed_losses(kind="right"):
    """A losses_at_optimum answer (L_D, L_G at D* when G draws k of 10 digits): right, or with mistake ``kind``."""
    def losses_at_optimum(k):
        d_covered = (1 / 10) / (1 / 10 + (1 if kind == "not spread" else 1 / k))
        real_share = 1.0 if kind == "real weight 1" else k / 10
        loss_d = -real_share * math.log(d_covered) - math.log(1 - d_covered)
        loss_g = {"minimax": math.log(1 - d_covered), "minimax positive": -math.log(1 - d_covered)}.get(
            kind, -math.log(d_covered))
        if kind == "fake term wrong":
            loss_d = -real_share * math.log(d_covered) - real_share * math.log(1 - d_covered)
        pair = {"order": (loss_g, loss_d), "sign": (-loss_d, -loss_g), "bits": (loss_d / math.log(2), loss_g / math.log(2)),
                "halved": (loss_d / 2, loss_g)}.get(kind, (loss_d, loss_g))
        return pair[0] if kind == "one number" else pair
    return losses_at_optimum


# ---------------------------------------------------------------------------------------------- lesson 06

def _extragradient_f32(x, y, *, lr):
    """The right step in float32 torch arithmetic, returned as one float32 tensor."""
    point = torch.tensor([x, y], dtype=torch.float32)
    ahead = point + lr * torch.stack([-point[1], point[0]])
    return point + lr * torch.stack([-ahead[1], ahead[0]])


def _from_ahead(x, y, lr):
    xa, ya = x - lr * y, y + lr * x
    return xa - lr * ya, ya + lr * xa


# ---------------------------------------------------------------------------------------------- lesson 07

def _unbounded_counts(side, kernel, stride):
    """Counts as if input pixels went on forever on both sides: right in the middle, wrong at the edges."""
    length = (side - 1) * stride + kernel
    return torch.tensor([sum(1 for i in range(-kernel, side + kernel) if i * stride <= p < i * stride + kernel)
                         for p in range(length)])


# ---------------------------------------------------------------------------------------------- lesson 08

def _per_digit(predicted, labels, *, absent):
    """Per-digit accuracies grouped by ``labels``; ``absent`` for a digit without samples."""
    return [float((predicted[labels == y] == y).float().mean()) if (labels == y).any() else absent for y in range(10)]


def _mean_of(per_digit):
    present = [value for value in per_digit if value is not None]
    return sum(present) / len(present)


def _accuracy_bincount(predicted, labels):
    asked = np.bincount(labels.numpy(), minlength=10)
    hits = np.bincount(labels.numpy()[predicted.numpy() == labels.numpy()], minlength=10)
    per_digit = [hits[y] / asked[y] if asked[y] else None for y in range(10)]
    return float(np.mean([a for a in per_digit if a is not None])), per_digit


# ---------------------------------------------------------------------------------------------- lesson 09

def _sorted_projections(a, b, directions):
    return torch.sort(a @ directions, dim=0)[0], torch.sort(b @ directions, dim=0)[0]


def _sliced_by_scipy(a, b, directions):
    """The right distance from scipy's 1-D Wasserstein distance, per direction, in NumPy."""
    a, b, directions = a.numpy(), b.numpy(), directions.numpy()
    return np.mean([stats.wasserstein_distance(a @ u, b @ u) for u in directions.T])


def _sliced_float32(a, b, directions):
    """The right distance computed in float32 with the sorted values of the concatenated projections."""
    projected = torch.cat([a, b]).float() @ directions.float()
    n = len(a)
    return (projected[:n].sort(dim=0).values - projected[n:].sort(dim=0).values).abs().mean(dim=0).mean()


def _scale(weight, *, dims=(1, 2, 3), power=torch.square, root=True, eps=1e-8, eps_inside=True, mean=False):
    """A demodulation_scale answer: right with the defaults, or with one typical mistake."""
    total = power(weight).mean(dim=dims) if mean else power(weight).sum(dim=dims)
    if not root:
        return 1.0 / (total + eps)
    return 1.0 / torch.sqrt(total + eps) if eps_inside else 1.0 / (torch.sqrt(total) + eps)


# ------------------------------------------------------------------------------------------------ the banks

# lesson → check → (right forms, [(wrong answer, phrase of its hint)])
def _parts(v, w, phi, log_ratio, *, normalisers=1, ratio=1, flip=1):
    """A projection_parts answer: E = flip·(V − W), ψ = ratio·log_ratio + normalisers·(lse(Wφ) − lse(Vφ))."""
    psi = ratio * log_ratio + normalisers * (torch.logsumexp(phi @ w.T, dim=1) - torch.logsumexp(phi @ v.T, dim=1))
    return flip * (v - w), flip * psi


def _parts_shifted(v, w, phi, log_ratio):
    """The right answer with every e_y moved by one common vector c and ψ moved by −c·φ(x)."""
    embedding, psi = _parts(v, w, phi, log_ratio)
    shift = torch.arange(v.shape[1], dtype=v.dtype)
    return embedding + shift, psi - phi @ shift


def _flat(f):
    """N×C×H×W features as N×C×(H·W)."""
    return f.reshape(f.shape[0], f.shape[1], -1)


def _mixed(f):
    """N×C×H×W read as N×(H·W)×C without moving the channels first: a reshape that mixes channels and positions."""
    return f.reshape(f.shape[0], -1, f.shape[1])


def _neighbour_gaps(x, dim):
    """|differences| between neighbours of images N×C×H×W along ``dim``."""
    return x.diff(dim=dim).abs()


BANKS = {
    "01": {
        exercises.check_police_loss: (
            [lambda r, f: F.softplus(-r).mean() + F.softplus(f).mean(),
             lambda r, f: -F.logsigmoid(r).mean() - F.logsigmoid(-f).mean(),
             lambda r, f: (F.binary_cross_entropy_with_logits(r, torch.ones_like(r))
                           + F.binary_cross_entropy_with_logits(f, torch.zeros_like(f)))],
            [(lambda r, f: -(F.softplus(-r).mean() + F.softplus(f).mean()), "sign"),
             (lambda r, f: -torch.log(torch.sigmoid(r)).mean() - torch.log(1 - torch.sigmoid(f)).mean(), "rounds to 0"),
             (lambda r, f: (F.binary_cross_entropy(torch.sigmoid(r), torch.ones_like(r))
                            + F.binary_cross_entropy(torch.sigmoid(f), torch.zeros_like(f))), "rounds to 0"),
             (lambda r, f: (-torch.log(r.clamp(1e-7, 1 - 1e-7)).mean()
                            - torch.log(1 - f.clamp(1e-7, 1 - 1e-7)).mean()), "not probabilities"),
             (lambda r, f: F.softplus(r).mean() + F.softplus(-f).mean(), "labels swapped"),
             (lambda r, f: F.softplus(-r).mean() + F.softplus(-f).mean(), "scored as real notes"),
             (lambda r, f: F.softplus(r).mean() + F.softplus(f).mean(), "scored as counterfeits"),
             (lambda r, f: F.softplus(-r).sum() + F.softplus(f).sum(), "a sum instead of a mean")]),
        exercises.check_police_steps: (
            [_police_steps("right"), _police_steps("no grad"), _police_steps("zero_grad after")],
            [(_police_steps("no detach"), "detach the counterfeits"),
             (_police_steps("step outside"), "inside the loop"),
             (_police_steps("k+1"), "off-by-one"),
             (_police_steps("no zero_grad"), "pile up"),
             (_police_steps("one batch"), "sample_real() was called"),
             (_police_steps("one noise"), "sample_noise() was called"),
             (_police_steps("own optimizer"), "optimizer passed in"),
             (_police_steps("no step"), "did not change"),
             (_police_steps("swapped"), "is the loss police_loss")]),
        exercises.check_police_slopes: (
            [_police_slopes(), _autograd_slopes,
             lambda r, f: [-torch.sigmoid(-r) / r.numel(), torch.sigmoid(f) / f.numel()],
             lambda r, f: ((special.expit(r.numpy()) - 1) / len(r), special.expit(f.numpy()) / len(f)),
             lambda r, f: ((torch.sigmoid(r.float()) - 1) / len(r), torch.sigmoid(f.float()) / len(f))],
            [(_police_slopes("sign"), "sign"),
             (_police_slopes("swapped"), "labels swapped"),
             (_police_slopes("no mean"), "1/m of its batch's mean"),
             (_police_slopes("divisors swapped"), "divisors swapped"),
             (_police_slopes("slope of D"), "slope of D = σ(l) itself"),
             (_police_slopes("per D"), "differentiate each"),
             (lambda r, f: torch.sigmoid(r) - 1, "return a pair")]),
    },
    "02": {
        exercises.check_d_star_logit: (
            [lambda x, mu: stats.norm.logpdf(x) - stats.norm.logpdf(x, mu),
             lambda x, mu: mu ** 2 / 2 - mu * x],
            [(lambda x, mu: mu * x - mu ** 2 / 2, "sign"),
             (lambda x, mu: special.expit(-mu * x + mu ** 2 / 2), "probability"),
             (lambda x, mu: np.log(stats.norm.pdf(x) / stats.norm.pdf(x, mu)), "nan"),
             (lambda x, mu: -mu * x, "mu/2")]),
        exercises.check_uniform_value: (
            [-math.log(2), np.float32(-math.log(2)), torch.tensor(-math.log(2))],
            [(-math.log(4), "−log 4"), (math.log(2), "cannot be positive"), (-1.0, "split the line")]),
        exercises.check_value_at_optimum: (
            [_value_at_optimum(), _value_at_optimum_torch,
             lambda p, q, *, dx: (special.rel_entr(p, (p + q) / 2) + special.rel_entr(q, (p + q) / 2)).sum() * dx
             - math.log(4),
             lambda p, q, *, dx: -math.log(4) + 2 * distance.jensenshannon(p, q) ** 2],
            [(_value_at_optimum("literal logs"), "nan or inf"),
             (_value_at_optimum("no dx"), "spacing dx"),
             (_value_at_optimum("bits"), "bits"),
             (lambda p, q, *, dx: 0.5 * (special.rel_entr(p, (p + q) / 2) + special.rel_entr(q, (p + q) / 2)).sum()
              * dx, "that is the JSD"),
             (_value_at_optimum("half everywhere"), "D* = 1/2 only where"),
             (_value_at_optimum("real term only"), "E_{p_g}[log(1 − D*)]"),
             (_value_at_optimum("sign"), "cannot be positive"),
             (_value_at_optimum("epsilon"), "wrong for p_data = N(0, 1), p_g = N(1, 1)")]),
    },
    "03": {
        exercises.check_kl_gaussians: (
            [lambda m1, s1, m2, s2: 0.5 * (s1 ** 2 / s2 ** 2 + (m2 - m1) ** 2 / s2 ** 2 - 1 + 2 * math.log(s2 / s1))],
            [(lambda m1, s1, m2, s2: math.log(s1 / s2) + (s2 ** 2 + (m1 - m2) ** 2) / (2 * s1 ** 2) - 0.5, "KL(q ‖ p)"),
             (lambda m1, s1, m2, s2: math.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2), "−1/2"),
             (lambda m1, s1, m2, s2: math.log(s1 / s2) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5,
              "look at the signs"),
             (lambda m1, s1, m2, s2: (m1 - m2) ** 2 / (2 * s2 ** 2), "term by term")]),
        exercises.check_js_divergence: (
            [lambda p, q: distance.jensenshannon(p, q) ** 2,
             lambda p, q: 0.5 * stats.entropy(p, (p + q) / 2) + 0.5 * stats.entropy(q, (p + q) / 2),
             lambda p, q: 0.5 * (special.xlogy(p, p) + special.xlogy(q, q)).sum()
             - special.xlogy((p + q) / 2, (p + q) / 2).sum()],
            [(lambda p, q: 0.5 * (p * np.log(p / ((p + q) / 2))).sum() + 0.5 * (q * np.log(q / ((p + q) / 2))).sum(),
              "0·log 0"),
             (lambda p, q: (special.rel_entr(p, (p + q) / 2).sum() + special.rel_entr(q, (p + q) / 2).sum()) / 2
              / math.log(2), "bits"),
             (lambda p, q: special.rel_entr(p, (p + q) / 2).sum() + special.rel_entr(q, (p + q) / 2).sum(), "1/2"),
             (lambda p, q: special.rel_entr(p, (p + q) / 2).sum(), "symmetric"),
             (lambda p, q: (special.rel_entr(p, q) + special.rel_entr(q, p)).sum() / 2, "mixture m"),
             (lambda p, q: special.rel_entr(p, q).sum(), "mixture m")]),
    },
    "04": {
        exercises.check_ns_loss: (
            [lambda l: -F.logsigmoid(l), _textbook_ns,
             lambda l: F.binary_cross_entropy_with_logits(l, torch.ones_like(l), reduction="none"),
             lambda l: torch.logaddexp(torch.zeros_like(l), -l)],
            [(lambda l: -torch.log(torch.sigmoid(l)), "rounds to 0"),
             (lambda l: -F.softplus(l), "minimax"),
             (lambda l: -F.softplus(-l), "sign"),
             (lambda l: F.softplus(-l.detach()), "cut from the graph"),
             (lambda l: F.softplus(-l).detach() + 0 * l, "wrong gradient at logit"),
             (lambda l: torch.where(l < -20, -l, -torch.log(torch.sigmoid(l))), "nan or inf at the gradient")]),
        exercises.check_slope_ratio: (
            [math.exp(10), np.exp(10.0), torch.tensor(math.exp(10)), (1 - special.expit(-10)) / special.expit(-10)],
            [(math.exp(-10), "upside down"), (3.0, "both slopes")]),
        exercises.check_gradient_penalty: (
            [_penalty(), lambda critic, real, fake, *, generator: ganlib.gradient_penalty(critic, real, fake,
                                                                                         generator=generator)],
            [(_penalty(scale=10.0), "10 times too large"),
             (_penalty("no create_graph"), "create_graph"),
             (_penalty("no detach"), "detach the mixed points"),
             (_penalty("per element"), "not on the segments"),
             (_penalty("one ε"), "one ε for the whole batch"),
             (_penalty("no generator"), "from the generator argument"),
             (_penalty("batch norm"), "each sample's whole gradient"),
             (_penalty("last dim norm"), "each sample's whole gradient"),
             (_penalty("squared norm"), "not its square"),
             (_penalty("no square"), "square the distance"),
             (_penalty("one-sided"), "two-sided")]),
    },
    "05": {
        exercises.check_discriminator_step: (
            [_discriminator_step("right"), _discriminator_step("float"), _discriminator_step("no grad"),
             _discriminator_step("set_to_none"), solution("my_discriminator_step")],
            [(_discriminator_step("no detach"), "detach the fakes"),
             (_discriminator_step("no zero_grad"), "stale gradients"),
             (_discriminator_step("swapped"), "labels swapped"),
             (_discriminator_step("sigmoid"), "no sigmoid"),
             (_discriminator_step("two steps"), "2 times"),
             (_discriminator_step("pooled"), "half the loss"),
             (_discriminator_step("own optimizer"), "optimizer passed in"),
             (_discriminator_step("no step"), "did not change")]),
        exercises.check_knn_precision: (
            [_knn_precision(), lambda real, fake, *, k: precision_recall(real, fake, k=k)[0]],
            [(_knn_precision(-1), "leave the point itself out"),
             (_knn_precision(+1), "skip only the point itself"),
             (lambda real, fake, *, k: precision_recall(real, fake, k=k)[1], "that is the recall"),
             (_knn_precision(+2), "wrong for 10 real")]),
        exercises.check_collapsed_losses: (
            [_collapsed_losses(),
             lambda k: [k / 10 * math.log1p(10 / k) + math.log1p(k / 10), math.log1p(10 / k)],
             lambda k: tuple(torch.tensor([k / 10 * math.log1p(10 / k) + math.log1p(k / 10), math.log1p(10 / k)],
                                          dtype=torch.float32))],
            [(_collapsed_losses("order"), "order"),
             (_collapsed_losses("minimax"), "minimax loss of G"),
             (_collapsed_losses("minimax positive"), "minimax loss of G"),
             (_collapsed_losses("sign"), "look at the signs"),
             (_collapsed_losses("bits"), "bits"),
             (_collapsed_losses("halved"), "half of L_D"),
             (lambda k: (math.log(4), math.log(2)), "D = 1/2 only where"),
             (_collapsed_losses("not spread"), "spreads its samples over k digits"),
             (_collapsed_losses("real weight 1"), "all ten digits"),
             (_collapsed_losses("fake term wrong"), "each expectation over its own distribution"),
             (_collapsed_losses("one number"), "return a pair")]),
    },
    "06": {
        exercises.check_spiral_radius: (
            [lambda lr, steps, start: math.hypot(*start) * math.sqrt(1 + lr ** 2) ** steps,
             lambda lr, steps, start: float(torch.tensor(math.hypot(*start), dtype=torch.float32)
                                            * torch.tensor(1 + lr ** 2, dtype=torch.float32) ** (steps / 2))],
            [(lambda lr, steps, start: math.hypot(*start) * (1 + lr ** 2) ** steps, "square root"),
             (lambda lr, steps, start: math.hypot(*start) * (1 + lr ** 2) ** ((steps + 1) / 2), "off by one"),
             (lambda lr, steps, start: math.hypot(*start) * (1 + lr) ** steps, "determinant")]),
        exercises.check_extragradient_step: (
            [_extragradient_f32, lambda x, y, *, lr: np.array([x - lr * (y + lr * x), y + lr * (x - lr * y)]),
             lambda x, y, *, lr: [x - lr * (y + lr * x), y + lr * (x - lr * y)]],
            [(lambda x, y, *, lr: (x - lr * y, y + lr * x), "plain simultaneous step"),
             (lambda x, y, *, lr: (x - lr * y, y + lr * (x - lr * y)), "alternating"),
             (lambda x, y, *, lr: _from_ahead(x, y, lr), "starts from (x, y)"),
             (lambda x, y, *, lr: (x + lr * (y + lr * x), y - lr * (x - lr * y)), "descends")]),
    },
    "07": {
        exercises.check_transposed_side: (
            [transposed_side, lambda s, k, st, p: torch.tensor((s - 1) * st - 2 * p + (k - 1) + 1),
             lambda s, k, st, p: float(transposed_side(s, k, st, p))],
            [(lambda s, k, st, p: (s + 2 * p - k) // st + 1, "ordinary convolution"),
             (lambda s, k, st, p: s * st, "side·stride"),
             (lambda s, k, st, p: (s - 1) * st + k, "padding crops"),
             (lambda s, k, st, p: (s - 1) * st - p + k, "padding crops"),
             (lambda s, k, st, p: s * st - 2 * p + k, "one stride too many"),
             (lambda s, k, st, p: (s - 1) * st - 2 * p + k - 1, "wrong for side 7, kernel 4"),
             (lambda s, k, st, p: transposed_side(s, k, st, p) + 0.5, "whole number")]),
        exercises.check_overlap_counts: (
            [overlap_counts, lambda s, k, st: overlap_counts(s, k, st).numpy(),
             lambda s, k, st: F.conv_transpose1d(torch.ones(1, 1, s), torch.ones(1, 1, k), stride=st)[0, 0].long()],
            [(_unbounded_counts, "edges"),
             (lambda s, k, st: overlap_counts(s, k + 1, st)[:(s - 1) * st + k], "stamps its kernel"),
             (lambda s, k, st: overlap_counts(s, k, st)[:s * st], "one count per output position"),
             (lambda s, k, st: overlap_counts(s, k, st) / 2, "whole number")]),
        exercises.check_conv_gain: (
            [constant_gain, lambda k, s: torch.tensor(k / s, dtype=torch.float32), lambda k, s: np.float32(k) / s,
             lambda k, s: math.sqrt(k * k / (s * s))],
            [(lambda k, s: 1, "bounds the reshaped matrix"),
             (lambda k, s: k, "keeps only one output position"),
             (lambda k, s: (k / s) ** 2, "square root"),
             (lambda k, s: k * k / s, "not kernel²"),
             (lambda k, s: k / s ** 2, "under a square root"),
             (lambda k, s: s / k, "upside down"),
             (lambda k, s: k / s + 0.1, "wrong for kernel 4, stride 2"),
             (lambda k, s: torch.tensor([k / s, k / s]), "one number")]),
    },
    "08": {
        exercises.check_projection_parts: (
            [_parts_shifted,
             lambda v, w, phi, r: tuple(part.numpy().astype(np.float32) for part in _parts(v, w, phi, r)),
             lambda v, w, phi, r: (_parts(v, w, phi, r)[0], _parts(v, w, phi, r)[1][:, None])],
            [(lambda v, w, phi, r: _parts(v, w, phi, r, normalisers=0), "do not cancel"),
             (lambda v, w, phi, r: _parts(v, w, phi, r, normalisers=-1), "wrong sign"),
             (lambda v, w, phi, r: _parts(v, w, phi, r, ratio=0), "missing from ψ(x)"),
             (lambda v, w, phi, r: _parts(v, w, phi, r, flip=-1), "not w_y − v_y"),
             (lambda v, w, phi, r: (v, r - torch.logsumexp(phi @ v.T, dim=1)), "posterior p_G(y|x)"),
             (lambda v, w, phi, r: (_parts(v, w, phi, r)[0].T, _parts(v, w, phi, r)[1]), "one row e_y per class"),
             (lambda v, w, phi, r: (_parts(v, w, phi, r)[0], _parts(v, w, phi, r)[1] + 1), "wrong for C = 3")]),
        exercises.check_conditional_accuracy: (
            [_accuracy_bincount,
             lambda p, l: tuple([_mean_of(_per_digit(p, l, absent=None)), tuple(_per_digit(p, l, absent=None))])],
            [(lambda p, l: (float((p == l).float().mean()), _per_digit(p, l, absent=None)), "pooled share"),
             (lambda p, l: (_mean_of(_per_digit(p, l, absent=None)), _per_digit(p, l, absent=0.0)), "is None"),
             (lambda p, l: (_mean_of(_per_digit(p, l, absent=None)), _per_digit(p, l, absent=float("nan"))),
              "is None"),
             (lambda p, l: (_mean_of(_per_digit(l, p, absent=None)), _per_digit(l, p, absent=None)), "asked for"),
             (lambda p, l: _per_digit(p, l, absent=None), "return a pair")]),
        exercises.check_projection_logit: (
            [lambda f, e, u: u + torch.einsum("nf,nf->n", f, e),
             lambda f, e, u: (u[:, None] + (e * f).sum(dim=1, keepdim=True))],
            [(lambda f, e, u: (e * f).sum(dim=1), "ψ(φ(x)) is missing"),
             (lambda f, e, u: u + f @ e.T, "not a matrix product"),
             (lambda f, e, u: torch.sigmoid(u + (e * f).sum(dim=1)), "no sigmoid"),
             (lambda f, e, u: u + (e * f).sum(dim=0), "wrong for N = 2")]),
    },
    "09": {
        exercises.check_sliced_distance: (
            [sliced_distance, _sliced_by_scipy, _sliced_float32,
             lambda a, b, d: float(sliced_distance(a, b, d)),
             lambda a, b, d: torch.stack([(pa - pb).abs().mean() for pa, pb in
                                          zip(*(p.T for p in _sorted_projections(a, b, d)))]).mean()],
            [(lambda a, b, d: (a @ d - b @ d).abs().mean(), "in their given order"),
             (lambda a, b, d: (_sorted_projections(a, b, d)[0] - b @ d).abs().mean(), "sort both projections"),
             (lambda a, b, d: (a @ d - _sorted_projections(a, b, d)[1]).abs().mean(), "sort both projections"),
             (lambda a, b, d: ((a @ d).mean(dim=0) - (b @ d).mean(dim=0)).abs().mean(), "gap of the means"),
             (lambda a, b, d: torch.subtract(*_sorted_projections(a, b, d)).mean(), "absolute value of each gap"),
             (lambda a, b, d: torch.subtract(*_sorted_projections(a, b, d)).pow(2).mean(), "Wasserstein-2"),
             (lambda a, b, d: torch.subtract(*_sorted_projections(a, b, d)).pow(2).mean(dim=0).sqrt().mean(),
              "Wasserstein-2"),
             (lambda a, b, d: torch.subtract(*_sorted_projections(a, b, d)).abs().mean(dim=0).max(), "largest"),
             (lambda a, b, d: torch.subtract(*_sorted_projections(a, b, d)).abs().mean(dim=0).sum(),
              "sum over the directions"),
             (lambda a, b, d: torch.subtract(*_sorted_projections(a, b, d)).abs().sum(dim=0).mean(),
              "sum over the points"),
             (lambda a, b, d: (a.sort(dim=0).values - b.sort(dim=0).values).abs().mean(), "along the axes"),
             (lambda a, b, d: (a.flatten().sort().values - b.flatten().sort().values).abs().mean(),
              "mixes the coordinates"),
             (lambda a, b, d: torch.subtract(*_sorted_projections(a, b, d)).abs().mean(dim=0), "one number"),
             (lambda a, b, d: sliced_distance(a, b, d) * 1.5, "two different clouds"),
             (lambda a, b, d: sliced_distance(a, b, d) * (1 if a.mean().abs() > 1e-9 else 2), "stretched ×2")]),
        exercises.check_demodulation_scale: (
            [demodulation_scale, lambda w: demodulation_scale(w)[:, None, None, None],
             lambda w: demodulation_scale(w).numpy(), lambda w: torch.rsqrt(torch.einsum("oikl,oikl->o", w, w) + 1e-8),
             lambda w: [float(v) for v in demodulation_scale(w)],
             lambda w: 1.0 / np.sqrt((w.double().numpy() ** 2).reshape(len(w), -1).sum(axis=1) + 1e-8)],
            [(lambda w: _scale(w, root=False), "divides by the variance"),
             (lambda w: 1.0 / _scale(w), "std itself"),
             (lambda w: _scale(w, dims=(0, 2, 3)), "not one per input channel"),
             (lambda w: _scale(w, dims=(2, 3)), "(output, input) pair"),
             (lambda w: _scale(w, dims=(0, 1, 2, 3)), "one number for the whole weight"),
             (lambda w: _scale(w, mean=True), "I·k·k"),
             (lambda w: _scale(w, power=torch.abs), "not their absolute values"),
             (lambda w: _scale(w, power=torch.abs, root=False), "not their absolute values"),
             (lambda w: _scale(w, eps=0.0), "inside the square root"),
             (lambda w: _scale(w, eps_inside=False), "inside the square root"),
             (lambda w: 1.1 * _scale(w), "what is its variance")]),
    },
    "10": {
        exercises.check_gram_invariance: (
            [{"a", "b"}, "a, b", ["b", "a"], ("A", "B")],
            [({"a"}, "(b) leaves it unchanged"),
             ({"a", "b", "e"}, "(e) changes it"),
             ({"a", "b", "d"}, "(d) changes it"),
             ({"a", "b", "c"}, "(c) changes it"),
             (set(), "(a) leaves it unchanged"),
             ({"a", "z"}, "'a' to 'e'"),
             (42, "a set of letters")]),
        exercises.check_gram_matrix: (
            [lambda f: torch.einsum("nchw,ndhw->ncd", f, f) / (f.shape[2] * f.shape[3]),
             lambda f: torch.bmm(_flat(f).double(), _flat(f).double().transpose(1, 2)) / (f.shape[2] * f.shape[3]),
             lambda f: (_flat(f) @ _flat(f).transpose(1, 2) / (f.shape[2] * f.shape[3])).numpy()],
            [(lambda f: _flat(f) @ _flat(f).transpose(1, 2), "is a mean"),
             (lambda f: _flat(f) @ _flat(f).transpose(1, 2) / f[0].numel(), "not by C·H·W"),
             (lambda f: _flat(f) @ _flat(f).transpose(1, 2) / (f.shape[0] * f.shape[2] * f.shape[3]), "not by N·H·W"),
             (lambda f: _flat(f).transpose(1, 2) @ _flat(f) / (f.shape[2] * f.shape[3]), "compares positions"),
             (lambda f: (_flat(f) @ _flat(f).transpose(1, 2) / (f.shape[2] * f.shape[3]))[0], "one C×C matrix"),
             (lambda f: _mixed(f).transpose(1, 2) @ _mixed(f) / (f.shape[2] * f.shape[3]), "mean over the positions")]),
        exercises.check_total_variation: (
            [lambda x: 0.5 * (_neighbour_gaps(x, 2).mean() + _neighbour_gaps(x, 3).mean()),
             lambda x: 0.5 * (np.abs(np.diff(x.numpy(), axis=2)).mean() + np.abs(np.diff(x.numpy(), axis=3)).mean()),
             lambda x: float((_neighbour_gaps(x, 2).mean() + _neighbour_gaps(x, 3).mean()) / 2)],
            [(lambda x: _neighbour_gaps(x, 2).mean() + _neighbour_gaps(x, 3).mean(), "half the sum"),
             (lambda x: 0.5 * (x.diff(dim=2).pow(2).mean() + x.diff(dim=3).pow(2).mean()), "not squared"),
             (lambda x: 0.5 * (_neighbour_gaps(x, 2).sum() + _neighbour_gaps(x, 3).sum()), "instead of summing"),
             (lambda x: 0.5 * _neighbour_gaps(x, 3).mean(), "add the vertical"),
             (lambda x: 0.5 * _neighbour_gaps(x, 2).mean(), "add the horizontal"),
             (lambda x: 0.5 * ((x - x.roll(1, 2)).abs().mean() + (x - x.roll(1, 3)).abs().mean()), "wraps"),
             (lambda x: torch.cat([_neighbour_gaps(x, 2).flatten(), _neighbour_gaps(x, 3).flatten()]).mean(),
              "wrong for the")]),
    },
}

RIGHT = [(lesson, check, i) for lesson, checks in BANKS.items() for check, (right, _) in checks.items()
         for i in range(len(right))]
WRONG = [(lesson, check, i) for lesson, checks in BANKS.items() for check, (_, wrong) in checks.items()
         for i in range(len(wrong))]


def _id(case):
    lesson, check, index = case
    return f"{lesson}-{check.__name__}-{index}"


@pytest.mark.parametrize("case", RIGHT, ids=map(_id, RIGHT))
def test_alternative_right_forms_pass(capsys, case):
    lesson, check, index = case
    line = line_of(capsys, check, BANKS[lesson][check][0][index])
    assert line.startswith("✓"), line


@pytest.mark.parametrize("case", WRONG, ids=map(_id, WRONG))
def test_typical_wrong_answers_fail_with_their_hint(capsys, case):
    lesson, check, index = case
    answer, phrase = BANKS[lesson][check][1][index]
    line = line_of(capsys, check, answer)
    assert line.startswith("✗") and phrase in line, line
    ganlib.set_language("vi")
    vietnamese = line_of(capsys, check, answer)
    assert vietnamese.startswith("✗") and vietnamese != line, vietnamese


def test_every_check_has_a_bank():
    banked = {check for checks in BANKS.values() for check in checks}
    every = {getattr(exercises, name) for name in dir(exercises) if name.startswith("check_")}
    assert banked == every, every - banked


def test_the_pooled_convention_of_lesson_01_passes_with_a_note(capsys):
    """Lesson 01 presents the pooled average −V/2 beside the course's sum; kept to throughout, it passes."""
    for pooled in (lambda r, f: (F.softplus(-r).mean() + F.softplus(f).mean()) / 2,
                   lambda r, f: F.binary_cross_entropy_with_logits(
                       torch.cat([r, f]), torch.cat([torch.ones_like(r), torch.zeros_like(f)]))):
        line = line_of(capsys, exercises.check_police_loss, pooled)
        assert line.startswith("✓") and "pooled average" in line, line
    mixed = lambda r, f: (F.softplus(-r).mean() + F.softplus(f).mean()) / (1 + (len(r) == len(f)))  # noqa: E731
    assert "keep to one convention" in line_of(capsys, exercises.check_police_loss, mixed)


# --------------------------------------------------------------------------------------------- challenges

@pytest.mark.parametrize("settings,phrase", [
    (dict(batch_size=0), "batch_size must be a whole number ≥ 1"),
    (dict(police_steps=2.5), "police_steps must be a whole number ≥ 1"),
    (dict(rounds="many"), "rounds must be a whole number ≥ 1"),
    (dict(seed=1.5), "seed must be a whole number ≥ 0"),
    (dict(police_lr=-0.1), "police_lr must be a learning rate ≥ 0"),
    (dict(counterfeiter_lr=float("nan")), "counterfeiter_lr must be a learning rate ≥ 0"),
    (dict(rounds=1001), "at most 1000 rounds"),
    (dict(police_lr=1e38, rounds=5), "the game diverged in round 1")])
def test_the_game_challenge_names_an_invalid_setting_and_does_not_blame_the_student(capsys, settings, phrase):
    line = line_of(capsys, lambda _: exercises.score_game_challenge(**settings), None)
    assert line.startswith("✗") and phrase in line and "your code raised" not in line, line


@pytest.mark.parametrize("config,seeds,phrase", [
    (remedies.RING_BASE.__class__(**{**remedies.RING_BASE.__dict__, "batch_size": 64}), (0,), "12000 steps"),
    (remedies.RING_BASE.__class__(**{**remedies.RING_BASE.__dict__, "batch_size": 128, "epochs": 16}), (0,),
     "at most 3000, so 15 epochs"),
    (remedies.RING_BASE.__class__(**{**remedies.RING_BASE.__dict__, "batch_size": 512, "epochs": 15}), (0,),
     "batches of at most 256"),
    ("lr_d=2e-3", (0,), "pass a TrainConfig"),
    (remedies.RING_BASE, (), "seeds must be"),
    (remedies.RING_BASE, "01234", "seeds must be")])
def test_the_ring_challenge_holds_the_step_budget_and_does_not_blame_the_student(capsys, config, seeds, phrase):
    """The budget is 3000 discriminator steps: a smaller batch buys more steps per epoch, not more steps."""
    line = line_of(capsys, lambda _: exercises.score_ring_challenge(config, seeds=seeds), None)
    assert line.startswith("✗") and phrase in line and "your code raised" not in line, line


def test_the_pooled_convention_of_lesson_01_passes_the_slopes_with_a_note(capsys):
    """The slopes of the pooled BCE (D − y)/(m_real + m_fake), kept to throughout, pass with a note; mixed, they fail."""
    line = line_of(capsys, exercises.check_police_slopes, _police_slopes("pooled"))
    assert line.startswith("✓") and "pooled average" in line, line
    right, pooled = _police_slopes(), _police_slopes("pooled")
    mixed = lambda r, f: (right if len(r) == 5 else pooled)(r, f)  # noqa: E731  (the first case has 5 real logits)
    assert "keep to one convention" in line_of(capsys, exercises.check_police_slopes, mixed)


def test_the_references_of_the_optimum_checks_are_the_theory():
    """The grid value the lesson 02 check expects is −log 4 + 2·JSD (ganlib.theory, numerical integration) for the
    smooth pairs, and the lesson 05 check's losses at k = 10 are the lesson's log 4 and log 2."""
    from ganlib.exercises import optimum
    from ganlib.theory import js_divergence
    for data, generated, *_ in optimum.GRID_PAIRS:
        if data.dist.name == "norm":
            got = optimum.grid_value(optimum.grid_density(data), optimum.grid_density(generated), dx=optimum.GRID_DX)
            assert got == pytest.approx(-math.log(4) + 2 * js_divergence(data, generated), abs=1e-6)
    assert optimum.collapsed_losses(10) == pytest.approx((math.log(4), math.log(2)))
    assert optimum.collapsed_losses(1) == pytest.approx((0.1 * math.log(11) + math.log(1.1), math.log(11)))
