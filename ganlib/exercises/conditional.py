"""Checks of lesson 08's exercises (the conditional GAN): conditional accuracy counted by hand, the
projection discriminator's logit, the projection form derived from the optimal discriminator, and an
experiment with the shipped conditional generator fed noise three times longer than in training.

The expected logit of D* is computed from the two class posteriors with ``log_softmax``, never from the
closed form the derive exercise asks for, so that check compares two independent computations."""

from collections.abc import Callable

import numpy as np
import torch

from ..gan.checkpoints import load_generator
from ..gan.sampling import fixed_labels, fixed_noise, generate
from ..i18n import tr
from ..metrics.classifier import NUM_CLASSES
from ..metrics.conditional import conditional_accuracy
from ..metrics.images import classify
from .core import as_array, as_float, call, close, hint, run_check
from .experiments import _experiment


def _accuracy_cases() -> list[tuple[torch.Tensor, torch.Tensor]]:
    """(predicted, labels) pairs: one counted by hand with digits 2 and 4..9 absent, two random ones
    whose digits have unequal counts (so the pooled share differs from the mean over digits)."""
    by_hand = (torch.tensor([0, 0, 0, 5, 1, 7, 3, 3, 3, 3]), torch.tensor([0, 0, 0, 0, 1, 1, 3, 3, 3, 3]))
    rng = torch.Generator().manual_seed(0)
    cases = [by_hand]
    for n in (60, 200):
        labels = torch.randint(0, NUM_CLASSES, (n,), generator=rng)
        wrong = torch.rand(n, generator=rng) < 0.3
        predicted = torch.where(wrong, torch.randint(0, NUM_CLASSES, (n,), generator=rng), labels)
        cases.append((predicted, labels))
    return cases


def _want_accuracy(predicted: torch.Tensor, labels: torch.Tensor) -> tuple[float, list[float | None]]:
    """Lesson 08's metric, fed one-hot probabilities of the predicted classes."""
    one_hot = np.eye(NUM_CLASSES)[predicted.numpy()]
    return conditional_accuracy(one_hot, labels.numpy())


def check_conditional_accuracy(conditional_accuracy_fn: Callable) -> None:
    """Exercise 1 of lesson 08: ``conditional_accuracy(predicted, labels)`` for two int64 tensors of N digits
    returns (mean over the digits present of their accuracies, list of the 10 per-digit accuracies with
    None for a digit without samples)."""
    def check() -> str:
        for predicted, labels in _accuracy_cases():
            got = call(conditional_accuracy_fn, predicted.clone(), labels.clone())
            if not isinstance(got, (tuple, list)) or len(got) != 2:
                raise hint(en="return a pair: (the mean, the list of 10 per-digit accuracies)",
                           vi="hãy trả về một cặp: (giá trị trung bình, danh sách 10 độ chính xác theo chữ số)")
            mean, per_digit = got
            if not isinstance(per_digit, (tuple, list)) or len(per_digit) != NUM_CLASSES:
                raise hint(en="the second value must be a list of 10 accuracies, one per digit 0..9",
                           vi="giá trị thứ hai phải là danh sách 10 độ chính xác, mỗi chữ số 0..9 một giá trị")
            want_mean, want_per_digit = _want_accuracy(predicted, labels)
            absent = [d for d in range(NUM_CLASSES) if want_per_digit[d] is None]
            present = [d for d in range(NUM_CLASSES) if d not in absent]
            got_present = as_array([per_digit[d] for d in present], shape=(len(present),),
                                   what=tr(en="the per-digit accuracies", vi="các độ chính xác theo chữ số"))
            grouped_by_read = [float((labels[predicted == d] == d).float().mean()) if (predicted == d).any() else 0.0
                               for d in present]
            if not close(got_present, [want_per_digit[d] for d in present], rtol=0, atol=1e-6):
                if close(got_present, grouped_by_read, rtol=0, atol=1e-6):
                    raise hint(en="group the samples by the digit asked for (labels), not by the digit read",
                               vi="hãy gom mẫu theo chữ số được yêu cầu (labels), không theo chữ số đọc ra")
                raise hint(en=f"per-digit accuracies wrong for N = {len(labels)}: for each digit y, the share of "
                              "the samples asked for y that are read as y",
                           vi=f"độ chính xác theo chữ số sai với N = {len(labels)}: với mỗi chữ số y, đó là tỉ lệ "
                              "mẫu được yêu cầu là y mà được đọc ra y")
            for digit in absent:
                if per_digit[digit] is not None:
                    raise hint(en=f"digit {digit} has no samples: its accuracy is None (not 0, not nan), and it "
                                  "stays out of the mean",
                               vi=f"chữ số {digit} không có mẫu nào: độ chính xác của nó là None (không phải 0 hay "
                                  "nan), và nó không được tính vào trung bình")
            got_mean = as_float(mean, what=tr(en="the mean", vi="giá trị trung bình"))
            if abs(got_mean - want_mean) < 1e-6:
                continue
            if abs(got_mean - float((predicted == labels).float().mean())) < 1e-6:
                raise hint(en="that is the pooled share over all samples: average the per-digit accuracies instead, "
                              "so that every digit weighs the same",
                           vi="đó là tỉ lệ gộp trên mọi mẫu: hãy lấy trung bình các độ chính xác theo chữ số, để "
                              "mỗi chữ số có trọng số như nhau")
            raise hint(en=f"the mean is wrong for N = {len(labels)}: average over the digits that have samples",
                       vi=f"giá trị trung bình sai với N = {len(labels)}: hãy lấy trung bình trên các chữ số có mẫu")
        return tr(en="matches ganlib.metrics, including digits without samples",
                  vi="khớp với ganlib.metrics, cả với chữ số không có mẫu")
    run_check(tr(en="conditional accuracy", vi="độ chính xác có điều kiện"), check)


def _projection_cases() -> list[tuple[torch.Tensor, torch.Tensor, torch.Tensor]]:
    """(features N×F, class_embedding N×F, unconditional_logit N): one by hand, two random (F ≠ N)."""
    by_hand = (torch.tensor([[1.0, 2.0], [0.5, -1.0]]), torch.tensor([[3.0, -1.0], [2.0, 2.0]]), torch.tensor([0.5, -2.0]))
    rng = torch.Generator().manual_seed(0)
    return [by_hand] + [(torch.randn(n, f, generator=rng), torch.randn(n, f, generator=rng), torch.randn(n, generator=rng))
                        for n, f in ((5, 7), (16, 3))]


def check_projection_logit(projection_logit: Callable) -> None:
    """Exercise 2 of lesson 08: ``projection_logit(features, class_embedding, unconditional_logit)`` =
    ψ(φ(x)) + e_y·φ(x) for a batch: N×F, N×F and N tensors in, N logits out."""
    def check() -> str:
        for features, embedding, unconditional in _projection_cases():
            got = call(projection_logit, features.clone(), embedding.clone(), unconditional.clone())
            n = len(features)
            if isinstance(got, torch.Tensor) and got.shape == (n, 1):
                got = got.squeeze(1)
            if isinstance(got, torch.Tensor) and got.shape != (n,):
                raise hint(en=f"one logit per sample: expected shape ({n},), got {tuple(got.shape)}; the product "
                              "is row by row (multiply elementwise, sum over the features), not a matrix product",
                           vi=f"mỗi mẫu một logit: cần kích thước ({n},), nhận được {tuple(got.shape)}; tích vô hướng "
                              "tính theo từng hàng (nhân từng phần tử, cộng theo đặc trưng), không phải tích ma trận")
            got = as_array(got, shape=(n,), what="projection_logit(...)")
            want = (unconditional + (embedding * features).sum(dim=1)).numpy()
            if close(got, want):
                continue
            if close(got, (embedding * features).sum(dim=1).numpy()):
                raise hint(en="the label-free part ψ(φ(x)) is missing", vi="thiếu phần không phụ thuộc nhãn ψ(φ(x))")
            if close(got, torch.sigmoid(torch.as_tensor(want)).numpy()):
                raise hint(en="return the logit, not a probability: no sigmoid",
                           vi="hãy trả về logit, không phải xác suất: không dùng sigmoid")
            raise hint(en=f"wrong for N = {n}, F = {features.shape[1]}",
                       vi=f"sai với N = {n}, F = {features.shape[1]}")
        return tr(en="ψ(φ(x)) + e_y·φ(x) for batches of 2, 5 and 16",
                  vi="ψ(φ(x)) + e_y·φ(x) cho các batch cỡ 2, 5 và 16")
    run_check(tr(en="projection logit", vi="logit của phép chiếu"), check)


def _parts_cases() -> list[tuple[torch.Tensor, ...]]:
    """(V C×F, W C×F, phi N×F, log_ratio N) in float64: C = 3 classes with F = 2, then C = 10 with F = 6."""
    rng = torch.Generator().manual_seed(0)
    return [tuple(torch.randn(*shape, generator=rng, dtype=torch.float64) * scale
                  for shape, scale in (((c, f), 1.0), ((c, f), 1.0), ((n, f), 2.0), ((n,), 1.0)))
            for c, f, n in ((3, 2, 4), (10, 6, 12))]


def check_projection_parts(projection_parts: Callable) -> None:
    """Derive exercise of lesson 08: with p_data(y|x) = softmax(V φ(x))_y and p_G(y|x) = softmax(W φ(x))_y,
    the logit of D*(x, y), log p_data(x, y) − log p_G(x, y), is ψ(x) + e_y·φ(x).
    ``projection_parts(V, W, phi, log_ratio)`` (V, W: C×F; phi: N×F; log_ratio: the N values of
    log p_data(x)/p_G(x)) returns (E, psi): E C×F with row y = e_y, psi N values. Only the sum
    ψ(x) + e_y·φ(x) is checked, for every x and y, so any e_y shifted by one vector common to all y
    passes with the matching ψ."""
    def check() -> str:
        for v, w, phi, log_ratio in _parts_cases():
            (n, f), c = phi.shape, len(v)
            got = call(projection_parts, v.clone(), w.clone(), phi.clone(), log_ratio.clone())
            if not isinstance(got, (tuple, list)) or len(got) != 2:
                raise hint(en="return a pair: (E, one row e_y per class; psi, one value per sample)",
                           vi="hãy trả về một cặp: (E, mỗi lớp một hàng e_y; psi, mỗi mẫu một giá trị)")
            embedding, psi = got
            if tuple(np.shape(embedding)) == (f, c) and f != c:
                raise hint(en=f"E has one row e_y per class: shape ({c}, {f}), got ({f}, {c})",
                           vi=f"E có mỗi lớp một hàng e_y: cần kích thước ({c}, {f}), nhận được ({f}, {c})")
            embedding = as_array(embedding, shape=(c, f), what="E")
            psi = as_array(psi, shape=(n, 1) if tuple(np.shape(psi)) == (n, 1) else (n,), what="psi").reshape(n)
            got_logits = psi[:, None] + phi.numpy() @ embedding.T
            v_scores, w_scores = (phi @ v.T), (phi @ w.T)
            want = (torch.log_softmax(v_scores, dim=1) - torch.log_softmax(w_scores, dim=1)
                    + log_ratio[:, None]).numpy()
            if close(got_logits, want, rtol=1e-5, atol=1e-5):
                continue
            normalisers = (torch.logsumexp(w_scores, dim=1) - torch.logsumexp(v_scores, dim=1)).numpy()
            linear = (v_scores - w_scores).numpy()
            mistakes = (
                (linear + log_ratio.numpy()[:, None],
                 dict(en="the two softmax denominators do not cancel: they depend on x (not on y), so they belong "
                         "in ψ(x)",
                      vi="hai mẫu số của softmax không triệt tiêu nhau: chúng phụ thuộc x (không phụ thuộc y), nên "
                         "chúng thuộc về ψ(x)")),
                (linear - normalisers[:, None] + log_ratio.numpy()[:, None],
                 dict(en="the denominators come with the wrong sign: log p_data(y|x) = v_y·φ(x) − log Σ_c "
                         "exp(v_c·φ(x))",
                      vi="các mẫu số bị sai dấu: log p_data(y|x) = v_y·φ(x) − log Σ_c exp(v_c·φ(x))")),
                (linear + normalisers[:, None],
                 dict(en="log p_data(x)/p_G(x) is missing from ψ(x): the posteriors alone give only "
                         "log p_data(y|x)/p_G(y|x)",
                      vi="ψ(x) thiếu log p_data(x)/p_G(x): riêng hai phân phối hậu nghiệm chỉ cho "
                         "log p_data(y|x)/p_G(y|x)")),
                (-want,
                 dict(en="sign: the logit of D* is log p_data − log p_G, so e_y = v_y − w_y, not w_y − v_y",
                      vi="sai dấu: logit của D* là log p_data − log p_G, nên e_y = v_y − w_y, không phải "
                         "w_y − v_y")),
                (torch.log_softmax(v_scores, dim=1).numpy() + log_ratio.numpy()[:, None],
                 dict(en="the generated digits' posterior p_G(y|x) is missing: the logit holds the log of the ratio "
                         "of the two",
                      vi="thiếu phân phối hậu nghiệm của chữ số sinh ra p_G(y|x): logit chứa log của tỉ số hai "
                         "phân phối hậu nghiệm")))
            for logits, words in mistakes:
                if close(got_logits, logits, rtol=1e-5, atol=1e-5):
                    raise hint(**words)
            raise hint(en=f"ψ(x) + e_y·φ(x) is wrong for C = {c}, F = {f}: write log p_data(x, y) as "
                          "log p_data(y|x) + log p_data(x), the same for p_G, and subtract",
                       vi=f"ψ(x) + e_y·φ(x) sai với C = {c}, F = {f}: hãy viết log p_data(x, y) thành "
                          "log p_data(y|x) + log p_data(x), làm tương tự với p_G, rồi lấy hiệu của hai biểu thức")
        return tr(en="ψ(x) + e_y·φ(x) equals the logit of D* for every x and y (3 and 10 classes)",
                  vi="ψ(x) + e_y·φ(x) bằng logit của D* với mọi x và y (3 và 10 lớp)")
    run_check(tr(en="the projection form of D*", vi="dạng chiếu của D*"), check)


def experiment_long_noise(prediction: str) -> None:
    """Lesson 08: the shipped conditional generator on 100 fixed (z, y) pairs (10 per digit), with z as
    drawn and with z three times longer; the share the classifier reads as the digit asked for."""
    def measure() -> tuple[str, str]:
        generator, _ = load_generator(model="cgan")
        labels = fixed_labels(100)
        noise = fixed_noise(100, generator.latent_dim, seed=0)
        shares = []
        for scale in (1.0, 3.0):
            _, _, probabilities = classify(generate(generator, scale * noise, labels=labels), value_range=(-1.0, 1.0))
            shares.append(float((probabilities.argmax(axis=1) == labels.numpy()).mean()))
        usual, long = shares
        outcome = "a" if long >= 0.9 else ("b" if long < 0.7 else "c")
        return outcome, tr(en=f"{long:.0%} read as the digit asked for with 3·z, {usual:.0%} with z",
                           vi=f"{long:.0%} được đọc đúng chữ số yêu cầu với 3·z, {usual:.0%} với z")
    _experiment(tr(en="experiment with z three times longer", vi="thí nghiệm với z dài gấp ba"), prediction, measure,
                why=dict(en="the label decides the digit only where G was trained: z far outside N(0, I) also "
                            "changes what is drawn",
                         vi="nhãn chỉ quyết định chữ số trong vùng G đã được huấn luyện: z nằm xa ngoài vùng của "
                            "N(0, I) cũng làm thay đổi hình được vẽ ra"))
