"""The exercise checks of ganlib.exercises: each passes the reference solution (the source's
``solution`` cell) and fails typical wrong answers, untouched stubs and code that raises, with one
line that does not give the answer away; exercises.BY_LESSON lists what each lesson calls (the quizzes are
in test_quiz.py)."""

import math
import re

import jupytext
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy import special, stats

import ganlib
from ganlib import exercises, toys
from ganlib.theory import wasserstein_1
from ganlib.metrics.images import precision_recall
from ganlib.toys import remedies

SOURCES = sorted((__import__("pathlib").Path(__file__).resolve().parent.parent / "notebooks" / "src").glob("0*.py"))


def solution(name: str) -> object:
    """The object ``name`` defined by the ``solution`` cells of the lesson sources."""
    for source in SOURCES:
        for cell in jupytext.read(source, fmt="py:percent").cells:
            if "solution" in cell.metadata.get("tags", []) and name in cell.source:
                namespace = {"torch": torch, "np": np, "math": math, "stats": stats, "toys": toys, "F": F}
                exec(cell.source, namespace)
                if name in namespace:
                    return namespace[name]
    raise LookupError(f"no solution cell defines {name}")


def verdict(capsys, check, answer) -> str:
    """The one line ``check(answer)`` prints; it must be one line starting with ✓ or ✗."""
    check(answer)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1, lines
    assert lines[0][0] in "✓✗", lines[0]
    return lines[0]


def stub(*args, **kwargs):
    raise NotImplementedError


def crashes(*args, **kwargs):
    return {}["oops"]


# (check, name of the solution, wrong answers with a word the hint must contain)
CASES = {
    "police_loss": (exercises.check_police_loss, [
        (lambda r, f: -(F.softplus(-r).mean() + F.softplus(f).mean()), "sign"),
        (lambda r, f: -torch.log(torch.sigmoid(r)).mean() - torch.log(1 - torch.sigmoid(f)).mean(), "logits"),
        (lambda r, f: F.softplus(r).mean() + F.softplus(-f).mean(), "labels"),
        (lambda r, f: F.softplus(-r).sum() + F.softplus(f).sum(), "mean")]),
    "d_star_logit": (exercises.check_d_star_logit, [
        (lambda x, mu: mu * x - mu ** 2 / 2, "sign"),
        (lambda x, mu: special.expit(-mu * x + mu ** 2 / 2), "probability"),
        (lambda x, mu: np.log(stats.norm.pdf(x) / stats.norm.pdf(x, mu)), "nan"),
        (lambda x, mu: -mu * x, "mu/2")]),
    "kl_gaussians": (exercises.check_kl_gaussians, [
        (lambda m1, s1, m2, s2: math.log(s1 / s2) + (s2 ** 2 + (m1 - m2) ** 2) / (2 * s1 ** 2) - 0.5, "KL(q ‖ p)"),
        (lambda m1, s1, m2, s2: math.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2), "0"),
        (lambda m1, s1, m2, s2: math.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5 + (m1 == 0 and m2 == 30), "wrong")]),
    "js_divergence_discrete": (exercises.check_js_divergence, [
        (lambda p, q: 0.5 * (p * np.log(p / ((p + q) / 2))).sum() + 0.5 * (q * np.log(q / ((p + q) / 2))).sum(), "0·log 0"),
        (lambda p, q: (special.rel_entr(p, (p + q) / 2).sum() + special.rel_entr(q, (p + q) / 2).sum()) / 2 / math.log(2), "bits"),
        (lambda p, q: special.rel_entr(p, (p + q) / 2).sum() + special.rel_entr(q, (p + q) / 2).sum(), "1/2"),
        (lambda p, q: special.rel_entr(p, (p + q) / 2).sum(), "symmetric")]),
    "ns_generator_loss": (exercises.check_ns_loss, [
        (lambda l: -torch.log(torch.sigmoid(l)), "logits"),
        (lambda l: -F.softplus(l), "minimax"),
        (lambda l: -F.softplus(-l), "sign"),
        (lambda l: F.softplus(-l.detach()), "graph")]),
    "gradient_penalty": (exercises.check_gradient_penalty, [
        (lambda critic, real, fake, *, generator: ganlib.gradient_penalty(critic, real, fake, generator=generator) * 2, "4"),
        (lambda critic, real, fake, *, generator: _penalty_variant(critic, real, fake, generator, create_graph=False),
         "create_graph"),
        (lambda critic, real, fake, *, generator: _penalty_variant(critic, real, fake, generator, detach=False), "detach"),
        (lambda critic, real, fake, *, generator: _penalty_variant(critic, real, fake, generator, per_element=True),
         "ε"),
        (lambda critic, real, fake, *, generator: _penalty_variant(critic, real, fake, None), "generator")]),
    "police_steps": (exercises.check_police_steps, [
        ("no detach", "detach"), ("bug", "inside the loop"), ("k+1", "off-by-one"), ("no zero_grad", "zero_grad"),
        ("one batch", "fresh batch")]),
    "my_discriminator_step": (exercises.check_discriminator_step, [
        ("no detach", "detach"), ("no zero_grad", "zero_grad"), ("swapped", "labels"), ("sigmoid", "logits"),
        ("two steps", "2 times")]),
    "knn_precision": (exercises.check_knn_precision, [
        (lambda real, fake, *, k: precision_recall(real, fake, k=k + 1)[0], "its own"),
        (lambda real, fake, *, k: precision_recall(real, fake, k=k)[1], "recall")]),
    "conditional_accuracy": (exercises.check_conditional_accuracy, [
        (lambda p, l: (float((p == l).float().mean()), _per_digit(p, l, absent=None)), "pooled"),
        (lambda p, l: (_mean_of(_per_digit(p, l, absent=None)), _per_digit(p, l, absent=0.0)), "None"),
        (lambda p, l: (_mean_of(_per_digit(p, l, absent=None)), _per_digit(p, l, absent=float("nan"))), "None"),
        (lambda p, l: (_mean_of(_per_digit(l, p, absent=None)), _per_digit(l, p, absent=None)), "asked"),
        (lambda p, l: _per_digit(p, l, absent=None), "pair")]),
    "projection_logit": (exercises.check_projection_logit, [
        (lambda f, e, u: (e * f).sum(dim=1), "ψ(φ(x))"),
        (lambda f, e, u: u + f @ e.T, "matrix"),
        (lambda f, e, u: torch.sigmoid(u + (e * f).sum(dim=1)), "sigmoid"),
        (lambda f, e, u: u + (e * f).sum(dim=0), "wrong")]),
    "spiral_radius": (exercises.check_spiral_radius, [
        (lambda lr, steps, start: math.hypot(*start) * (1 + lr ** 2) ** steps, "square root"),
        (lambda lr, steps, start: math.hypot(*start) * (1 + lr ** 2) ** ((steps + 1) / 2), "off by one"),
        (lambda lr, steps, start: math.hypot(*start) * (1 + lr) ** steps, "determinant")]),
    "extragradient_step": (exercises.check_extragradient_step, [
        (lambda x, y, *, lr: (x - lr * y, y + lr * x), "simultaneous"),
        (lambda x, y, *, lr: (x - lr * y, y + lr * (x - lr * y)), "alternating"),
        (lambda x, y, *, lr: _from_ahead(x, y, lr), "look-ahead"),
        (lambda x, y, *, lr: (x + lr * (y + lr * x), y - lr * (x - lr * y)), "descends")]),
}


def _per_digit(predicted, labels, *, absent):
    """Per-digit accuracies grouped by ``labels``; ``absent`` for a digit without samples."""
    return [float((predicted[labels == y] == y).float().mean()) if (labels == y).any() else absent for y in range(10)]


def _mean_of(per_digit):
    present = [value for value in per_digit if value is not None]
    return sum(present) / len(present)


def test_conditional_accuracy_counted_by_hand(capsys):
    """The reference solution on a case counted by hand: digit 0 3/4, digit 1 1/2, digit 3 4/4, the rest absent."""
    mean, per_digit = solution("conditional_accuracy")(torch.tensor([0, 0, 0, 5, 1, 7, 3, 3, 3, 3]),
                                                       torch.tensor([0, 0, 0, 0, 1, 1, 3, 3, 3, 3]))
    assert per_digit == [0.75, 0.5, None, 1.0, None, None, None, None, None, None]
    assert mean == pytest.approx(0.75)


def test_projection_logit_is_the_lessons_discriminator(capsys):
    """The reference solution gives the ProjectionDiscriminator's own logits on its features."""
    _, discriminator = ganlib.build_gan("cgan")
    images, digits = torch.rand(6, 1, 28, 28, generator=torch.Generator().manual_seed(1)) * 2 - 1, torch.arange(6)
    with torch.no_grad():
        features = discriminator.features(images)
        got = solution("projection_logit")(features, discriminator.embed(digits),
                                           discriminator.unconditional(features).squeeze(1))
        assert torch.allclose(got, discriminator(images, digits), atol=1e-6)


def _from_ahead(x, y, lr):
    xa, ya = x - lr * y, y + lr * x
    return xa - lr * ya, ya + lr * xa


def _penalty_variant(critic, real, fake, generator, *, create_graph=True, detach=True, per_element=False):
    shape = real.shape if per_element else (real.shape[0],) + (1,) * (real.dim() - 1)
    epsilon = torch.rand(shape, generator=generator)
    mixed = epsilon * real + (1 - epsilon) * fake
    mixed = mixed.detach().requires_grad_(True) if detach else mixed.requires_grad_(True) if mixed.is_leaf else mixed
    (slopes,) = torch.autograd.grad(critic(mixed).sum(), mixed, create_graph=create_graph)
    return ((slopes.reshape(real.shape[0], -1).norm(dim=1) - 1) ** 2).mean()


def _police_steps_variant(kind):
    def police_steps(police, counterfeiter, optimizer, *, k, sample_real, sample_noise):
        real = sample_real() if kind == "one batch" else None
        for _ in range(k + (kind == "k+1")):
            batch = real if kind == "one batch" else sample_real()
            fake = counterfeiter(sample_noise())
            loss = toys.counterfeiter.police_loss(police, batch, fake if kind == "no detach" else fake.detach())
            if kind != "bug":
                if kind != "no zero_grad":
                    optimizer.zero_grad()
                loss.backward()
                optimizer.step()
        if kind == "bug":
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return police_steps


def _discriminator_step_variant(kind):
    def discriminator_step(generator, discriminator, optimizer, real, noise):
        for _ in range(1 + (kind == "two steps")):
            fake = generator(noise)
            real_logits = discriminator(real)
            fake_logits = discriminator(fake if kind == "no detach" else fake.detach())
            if kind == "sigmoid":
                real_logits, fake_logits = torch.sigmoid(real_logits), torch.sigmoid(fake_logits)
            ones, zeros = torch.ones_like(real_logits), torch.zeros_like(fake_logits)
            if kind == "swapped":
                ones, zeros = torch.zeros_like(real_logits), torch.ones_like(fake_logits)
            loss = (F.binary_cross_entropy_with_logits(real_logits, ones)
                    + F.binary_cross_entropy_with_logits(fake_logits, zeros))
            if kind != "no zero_grad":
                optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        return loss
    return discriminator_step


def _wrong(name, answer):
    if name == "police_steps":
        return _police_steps_variant(answer)
    if name == "my_discriminator_step":
        return _discriminator_step_variant(answer)
    return answer


@pytest.mark.parametrize("name", CASES)
def test_the_solution_passes(capsys, name):
    check, _ = CASES[name]
    assert verdict(capsys, check, solution(name)).startswith("✓")


@pytest.mark.parametrize("name", CASES)
def test_stubs_and_crashes_fail_without_crashing(capsys, name):
    check, _ = CASES[name]
    assert verdict(capsys, check, stub) == f"✗ {verdict_title(capsys, check, stub)}: not done yet"
    line = verdict(capsys, check, crashes)
    assert line.startswith("✗") and "KeyError" in line


def verdict_title(capsys, check, answer):
    check(answer)
    return capsys.readouterr().out.split(":")[0][2:]


@pytest.mark.parametrize("name,index", [(n, i) for n, (_, wrongs) in CASES.items() for i in range(len(wrongs))])
def test_typical_wrong_answers_fail_with_their_hint(capsys, name, index):
    check, wrongs = CASES[name]
    answer, word = wrongs[index]
    line = verdict(capsys, check, _wrong(name, answer))
    assert line.startswith("✗") and word in line, line


def test_numbers_and_their_typical_mistakes(capsys):
    assert verdict(capsys, exercises.check_uniform_value, solution("v_uniform")).startswith("✓")
    assert "−log 4" in verdict(capsys, exercises.check_uniform_value, -math.log(4))
    assert "positive" in verdict(capsys, exercises.check_uniform_value, math.log(2))
    assert verdict(capsys, exercises.check_uniform_value, ...).endswith("not done yet")
    assert verdict(capsys, exercises.check_slope_ratio, solution("ratio")).startswith("✓")
    assert "upside down" in verdict(capsys, exercises.check_slope_ratio, math.exp(-10))
    assert verdict(capsys, exercises.check_slope_ratio, "many").startswith("✗")


def test_hints_speak_the_notebook_language(capsys):
    ganlib.set_language("vi")
    assert verdict(capsys, exercises.check_slope_ratio, ...) == "✗ tỉ số hai độ dốc tại logit −10: chưa làm"
    assert "bị đảo ngược" in verdict(capsys, exercises.check_slope_ratio, math.exp(-10))


def test_a_check_never_prints_the_expected_value(capsys):
    line = verdict(capsys, exercises.check_uniform_value, 0.0)
    assert "0.69" not in line and "log 2" not in line
    line = verdict(capsys, exercises.check_slope_ratio, 3.0)
    assert "22026" not in line


@pytest.mark.parametrize("experiment", [exercises.experiment_police_steps, exercises.experiment_tiny_classifier,
                                        exercises.experiment_jsd_slope, exercises.experiment_minimax_start,
                                        exercises.experiment_one_class, exercises.experiment_smaller_steps,
                                        exercises.experiment_long_noise])
def test_experiments_wait_for_a_prediction(capsys, experiment):
    assert verdict(capsys, experiment, ...).endswith("not done yet")
    assert "'a', 'b' or 'c'" in verdict(capsys, experiment, "d")


def test_cheap_experiments_agree_with_their_solution_only(capsys):
    for experiment, name in ((exercises.experiment_jsd_slope, "jsd_prediction"),
                             (exercises.experiment_smaller_steps, "step_prediction"),
                             (exercises.experiment_long_noise, "long_noise_prediction")):
        right = solution(name)
        assert verdict(capsys, experiment, right).startswith("✓")
        for other in set("abc") - {right}:
            assert verdict(capsys, experiment, other).startswith("✗")


def test_challenges_reject_changed_rules(capsys):
    assert "start_shift" in verdict(capsys, lambda _: exercises.score_game_challenge(start_shift=0.0), None)
    assert "1000" in verdict(capsys, lambda _: exercises.score_game_challenge(rounds=5000), None)
    assert "pack=1" in verdict(capsys, exercises.score_ring_challenge, remedies.remedy_config("PacGAN", seed=0))


def test_game_challenge_scores_a_short_game(capsys):
    line = verdict(capsys, lambda rounds: exercises.score_game_challenge(rounds=rounds), 2)
    distance = float(line.split("W1 = ")[1].split(";")[0])
    assert line.startswith("✗") and distance > 8  # two rounds from −6 leave the counterfeiter far away
    assert distance == pytest.approx(wasserstein_1(stats.norm(float(line.split("N(")[1].split(",")[0]),
                                                              float(line.split(", ")[1].split("²")[0])),
                                                   stats.norm(3.0, 0.75)), abs=2e-3)


def called_in_lesson(source) -> list[str]:
    """The names of ``exercises.NAME(...)`` a lesson source calls, in its code or in code it gives the student
    to run (lesson 06's ring challenge), first call first."""
    return list(dict.fromkeys(re.findall(r"\bexercises\.(\w+)\s*\(", source.read_text(encoding="utf-8"))))


def test_the_index_by_lesson_lists_what_each_lesson_calls():
    called = {source.name[:2]: [name for name in called_in_lesson(source) if name != "show_quiz"]
              for source in sorted(SOURCES[0].parent.glob("[0-9][0-9]_*.py"))}
    listed = {lesson: [check.__name__ for check in checks] for lesson, checks in exercises.BY_LESSON.items()}
    assert listed == called
    public = {name for name in dir(exercises) if name.startswith(("check_", "experiment_", "score_"))}
    assert sorted(public) == sorted(name for names in listed.values() for name in names), "a check no lesson calls"
