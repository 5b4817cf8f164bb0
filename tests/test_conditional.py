"""The conditional GAN of lesson 08: its networks, the loop with labels (resume, determinism), the
conditional scores against hand-computed cases, and ``python -m ganlib sample``.

Every training run here is a few steps on 200 digits (20 per class): about a second on a CPU.
"""

import math
from dataclasses import replace

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

from ganlib import set_language
from ganlib.cli import main
from ganlib.data import load_bundled_mnist
from ganlib.gan import TrainConfig, build_gan, fixed_labels, fixed_noise, generate, load_generator, train_gan
from ganlib.gan.conditional import projection_logits_from_weights
from ganlib.gan.models import ConditionalMLPGenerator, ProjectionDiscriminator, is_conditional
from ganlib.metrics.classifier import accuracy, shipped_classifier, split_digits
from ganlib.metrics import score_samples
from ganlib.metrics.conditional import (classes_per_label, conditional_accuracy, real_conditional_scores,
                                        score_conditional)
from ganlib.plots import plot_digit_walk, show_conditional_grid, show_conditional_scores, widgets
from ganlib.plots.conditional import walk_noise

TINY = TrainConfig(model="cgan", epochs=2, batch_size=50, eval_every=0, n_eval=100, grid_every=1)


@pytest.fixture(scope="module")
def digits():
    bundled = load_bundled_mnist()
    keep = torch.cat([torch.nonzero(bundled.labels == d).flatten()[:20] for d in range(10)])
    return bundled.images[keep], bundled.labels[keep]


def state_equal(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(torch.equal(a[key], b[key]) for key in a)


def test_shapes_and_ranges():
    generator, discriminator = build_gan("cgan")
    z, y = torch.randn(6, generator.latent_dim), torch.tensor([0, 1, 2, 7, 8, 9])
    images = generator(z, y)
    assert images.shape == (6, 1, 28, 28) and images.min() >= -1 and images.max() <= 1
    assert discriminator(images, y).shape == (6,)
    assert is_conditional("cgan") and not is_conditional("mlp")


def test_the_label_routes_through_both_networks():
    torch.manual_seed(0)
    generator, discriminator = ConditionalMLPGenerator(), ProjectionDiscriminator()
    generator.eval()
    z = torch.randn(1, generator.latent_dim).repeat(10, 1)
    with torch.no_grad():
        images = generator(z, torch.arange(10))
        scores = discriminator(images[:1].repeat(10, 1, 1, 1), torch.arange(10))
    # z fixed: every label gives another image, and D scores one image differently under every label.
    assert len({tuple(image.flatten().tolist()) for image in images}) == 10
    assert len(set(scores.tolist())) == 10
    # The projection: the logit is ψ(φ(x)) + e_y·φ(x), rebuilt from the weights without calling a submodule.
    with torch.no_grad():
        by_hand = projection_logits_from_weights(discriminator, images, torch.arange(10))
        assert torch.allclose(discriminator(images, torch.arange(10)), by_hand, atol=1e-5)


class _Planted(ProjectionDiscriminator):
    """A projection discriminator whose forward pass makes one typical mistake."""

    def __init__(self, mistake: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.mistake = mistake

    def forward(self, images, labels):
        features = self.features(images)
        if self.mistake == "label shifted":
            labels = (labels + 1) % self.embed.num_embeddings
        if self.mistake == "features before the last activation":
            last = max(i for i, layer in enumerate(self.features) if isinstance(layer, torch.nn.LeakyReLU))
            features = self.features[:last](images)
        conditional = (self.embed(labels) * features).sum(dim=1)
        if self.mistake == "no psi":
            return conditional
        if self.mistake == "embedding of all labels":
            conditional = (self.embed.weight.sum(0) * features).sum(dim=1)
        return self.unconditional(features).squeeze(1) + conditional


@pytest.mark.parametrize("dropout", [0.0, 0.3])
def test_the_projection_formula_by_hand_tells_a_right_discriminator_from_wrong_ones(dropout):
    """The lesson's check can fail: planted forward passes that route the label wrong, skip ψ or read
    another layer's features differ from the logits rebuilt from the weights; the right one matches."""
    images = torch.rand(12, 1, 28, 28, generator=torch.Generator().manual_seed(2)) * 2 - 1
    labels = torch.arange(12) % 10
    mistakes = ("label shifted", "features before the last activation", "no psi", "embedding of all labels")
    for mistake in ("none", *mistakes):
        torch.manual_seed(0)
        discriminator = _Planted(mistake, dropout=dropout).eval()
        with torch.no_grad():
            same = torch.allclose(discriminator(images, labels),
                                  projection_logits_from_weights(discriminator, images, labels), atol=1e-5)
        assert same == (mistake == "none"), mistake
    with pytest.raises(TypeError, match="eval mode"):
        projection_logits_from_weights(_Planted("none", dropout=0.3).train(), images, labels)


def test_fixed_labels_make_one_digit_per_grid_row():
    labels = fixed_labels(1000)
    assert labels[:100].reshape(10, 10).tolist() == [[d] * 10 for d in range(10)]
    assert torch.bincount(labels).tolist() == [100] * 10


def test_training_with_labels_is_deterministic_and_resumes_bit_exactly(digits, tmp_path):
    images, labels = digits
    straight = train_gan(images, TINY, labels=labels, out_dir=tmp_path / "straight", progress=False)
    again = train_gan(images, TINY, labels=labels, progress=False)
    train_gan(images, replace(TINY, epochs=1), labels=labels, out_dir=tmp_path / "stopped", progress=False)
    resumed = train_gan(images, TINY, labels=labels, out_dir=tmp_path / "stopped", resume=True, progress=False)
    for name in ("generator", "discriminator", "sampler"):
        assert state_equal(getattr(straight, name).state_dict(), getattr(again, name).state_dict()), name
        assert state_equal(getattr(straight, name).state_dict(), getattr(resumed, name).state_dict()), name
    assert straight.history["loss_D"] == resumed.history["loss_D"]
    other = train_gan(images, replace(TINY, epochs=1, seed=1), labels=labels, progress=False)
    assert not state_equal(straight.generator.state_dict(), other.generator.state_dict())


@pytest.mark.parametrize("options", [{"loss": "wgan-gp"}, {"instance_noise": 0.1, "label_smoothing": 0.1},
                                     {"k": 2, "dropout": 0.2}])
def test_the_losses_and_remedies_of_lessons_04_and_06_train_a_conditional_gan_too(digits, options):
    images, labels = digits
    run = train_gan(images, replace(TINY, epochs=1, **options), labels=labels, progress=False)
    assert all(math.isfinite(value) for value in run.history["loss_D"] + run.history["loss_G"])


def test_labels_are_required_checked_and_refused_where_unused(digits):
    images, labels = digits
    with pytest.raises(ValueError, match="needs the label"):
        train_gan(images, TINY, progress=False)
    with pytest.raises(ValueError, match="0..9"):
        train_gan(images, TINY, labels=labels + 10, progress=False)
    with pytest.raises(ValueError, match="one label per"):
        train_gan(images, TINY, labels=labels[:-1], progress=False)
    with pytest.raises(ValueError, match="does not read labels"):
        train_gan(images, replace(TINY, model="mlp"), labels=labels, progress=False)


def test_the_loop_scores_with_the_labels_of_its_fixed_noise(digits):
    images, labels = digits
    seen = {}

    def score(samples, labels):
        seen["labels"] = labels
        return {"n": len(samples)}

    train_gan(images, replace(TINY, epochs=1, eval_every=1), labels=labels, score=score, progress=False)
    assert torch.equal(seen["labels"], fixed_labels(100))


def test_conditional_accuracy_and_classes_per_label_by_hand():
    # Six samples: asked 0, 0, 0, 1, 1, 2; read as 0, 0, 5, 1, 3, 2.
    labels = np.array([0, 0, 0, 1, 1, 2])
    probabilities = np.eye(10)[[0, 0, 5, 1, 3, 2]] * 0.9 + 0.01
    mean, per_digit = conditional_accuracy(probabilities, labels)
    assert per_digit[:3] == pytest.approx([2 / 3, 1 / 2, 1.0]) and per_digit[3:] == [None] * 7
    assert mean == pytest.approx((2 / 3 + 1 / 2 + 1) / 3)
    assert classes_per_label(probabilities, labels)[:3] == [2, 2, 1]


def test_real_digits_score_the_classifier_accuracy():
    fresh = split_digits().fresh
    real = real_conditional_scores()
    per_digit = [accuracy(shipped_classifier(), fresh._replace(images=fresh.images[fresh.labels == d],
                                                               labels=fresh.labels[fresh.labels == d]))
                 for d in range(10)]
    assert real["accuracy_per_digit"] == pytest.approx(per_digit)
    assert real["conditional_accuracy"] == pytest.approx(np.mean(per_digit))
    assert all(0.5 < r <= 1.0 for r in real["recall_per_digit"])


def test_score_conditional_refuses_bad_labels():
    images = torch.zeros(40, 1, 28, 28)
    with pytest.raises(ValueError, match="one per image"):
        score_conditional(images, torch.zeros(39, dtype=torch.int64))
    with pytest.raises(ValueError, match="0..9"):
        score_conditional(images, torch.full((40,), 10))
    with pytest.raises(ValueError, match="more than 3"):
        score_conditional(images, torch.tensor([0] * 37 + [1] * 3))


def test_sample_cli_draws_the_asked_digit_from_the_shipped_generator(tmp_path, capsys):
    out = tmp_path / "sevens.pt"
    assert main(["sample", "--model", "cgan", "--digit", "7", "--n", "20", "--seed", "3", "--out", str(out)]) == 0
    samples = torch.load(out, weights_only=True)
    assert samples.dtype == torch.float32 and samples.shape == (20, 1, 28, 28)
    assert samples.min() >= -1 and samples.max() <= 1
    generator, _ = load_generator(model="cgan")
    expected = generate(generator, fixed_noise(20, generator.latent_dim, seed=3), labels=torch.full((20,), 7))
    assert torch.equal(samples, expected)
    read = shipped_classifier()((samples + 1) / 2).argmax(dim=1)
    assert (read == 7).float().mean() >= 0.8
    assert "20 samples of digit 7" in capsys.readouterr().out


def test_sample_cli_draws_from_the_mlp_and_from_a_checkpoint(digits, tmp_path):
    assert main(["sample", "--model", "mlp", "--n", "100", "--out", str(tmp_path / "mlp.pt")]) == 0
    samples = torch.load(tmp_path / "mlp.pt", weights_only=True)
    assert samples.shape == (100, 1, 28, 28)
    # Digits, read by the course's classifier: all ten (each in at least 2% of the samples), read
    # confidently (classifier score 7.4 here, real digits 9.5, an untrained generator 1.0).
    scores = score_samples(samples)
    assert scores["classes_covered"] == 10 and scores["classifier_score"] > 5, scores
    images, labels = digits
    run = train_gan(images, replace(TINY, epochs=1), labels=labels, out_dir=tmp_path / "run", progress=False)
    out = tmp_path / "threes.pt"
    assert main(["sample", "--checkpoint", str(tmp_path / "run" / "checkpoint.pt"), "--digit", "3", "--n", "4",
                 "--out", str(out)]) == 0
    expected = generate(run.sampler, fixed_noise(4, 100, seed=0), labels=torch.full((4,), 3))
    assert torch.equal(torch.load(out, weights_only=True), expected)


@pytest.mark.parametrize("args, message", [
    (["--model", "cgan", "--digit", "10"], "--digit must be one of the digits 0 to 9, got 10"),
    (["--model", "cgan", "--digit", "-1"], "--digit must be one of the digits 0 to 9, got -1"),
    (["--model", "cgan"], "add --digit"),
    (["--model", "mlp", "--digit", "3"], "leave out --digit"),
    (["--model", "mlp", "--n", "0"], "--n must be from 1 to 60000"),
])
def test_sample_cli_refuses_bad_requests_in_one_line(args, message, tmp_path, capsys):
    assert main(["sample", *args, "--out", str(tmp_path / "x.pt")]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and message in error
    assert not (tmp_path / "x.pt").exists()


def test_walk_noise_runs_on_the_quarter_circle_between_the_ends():
    z0, z1 = torch.randn(2, 100, generator=torch.Generator().manual_seed(0))
    path = walk_noise(z0, z1, torch.tensor([0.0, 0.5, 1.0]))
    assert torch.allclose(path[0], z0) and torch.allclose(path[2], z1, atol=1e-6)
    assert torch.allclose(path[1], (z0 + z1) / math.sqrt(2), atol=1e-6)  # cos(π/4) = sin(π/4) = 1/√2
    # Orthogonal ends of equal length: every point keeps that length (a straight line would shrink).
    e0, e1 = torch.eye(100)[:2] * 3.0
    lengths = walk_noise(e0, e1, torch.linspace(0, 1, 7)).norm(dim=1)
    assert torch.allclose(lengths, torch.full((7,), 3.0))


def test_conditional_figures_draw_in_both_languages():
    torch.manual_seed(0)
    generator = ConditionalMLPGenerator()
    grid = generate(generator, torch.randn(100, 100), labels=fixed_labels(100))
    for language in ("en", "vi"):
        set_language(language)
        figure = show_conditional_grid(grid, title="t")
        assert [label.get_text() for label in figure.axes[0].get_yticklabels()] == [str(d) for d in range(10)]
        scores = {"accuracy_per_digit": [1.0] * 10, "recall_per_digit": [0.5] * 10}
        figure = show_conditional_scores(scores, scores)
        assert [bar.get_height() for bar in figure.axes[1].patches[:10]] == [0.5] * 10
        plot_digit_walk(generator, digit=3, z_start=torch.randn(100), z_end=torch.randn(100))
        plt.close("all")
    set_language("en")
    with pytest.raises(ValueError, match="100×1×28×28"):
        show_conditional_grid(grid[:50])
    with pytest.raises(ValueError, match="digit must be 0..9"):
        plot_digit_walk(generator, digit=10, z_start=torch.randn(100), z_end=torch.randn(100))


def test_digit_walk_widget_redraws_for_the_new_digit_and_position(monkeypatch):
    drawn = []

    def record(generator, *, digit, z_start, z_end, t):
        drawn.append((digit, t))
        return plt.figure()

    monkeypatch.setattr(widgets, "plot_walk_point", record)
    box = widgets.digit_walk_widget(ConditionalMLPGenerator(), z_start=torch.randn(100), z_end=torch.randn(100))
    digit, position = box.children[:2]
    assert drawn == [(4, 0.0)]
    digit.value = 7
    position.value = 0.5
    assert drawn == [(4, 0.0), (7, 0.0), (7, 0.5)]
