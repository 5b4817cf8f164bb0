"""Paired translation (pix2pix, lesson 10): the thumbnail pairs, the U-Net and the PatchGAN, the training
loop's guards and determinism, and the sharpness metric against closed forms. Tiny runs: seconds."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from ganlib.data import thumbnail_pairs
from ganlib.gan import translation
from ganlib.gan.translation import (PatchDiscriminator, UNetGenerator, receptive_field, train_translation,
                                    translate)
from ganlib.metrics.translation import sharpness, translation_scores


@pytest.fixture(autouse=True)
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def pairs(n: int = 16, *, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    images = torch.rand(n, 1, 28, 28, generator=torch.Generator().manual_seed(seed)) * 2 - 1
    return thumbnail_pairs(images)


def test_thumbnails_are_block_means_blown_up():
    images = torch.arange(2 * 16, dtype=torch.float32).reshape(2, 1, 4, 4)
    inputs, targets = thumbnail_pairs(images, factor=2)
    assert inputs.shape == targets.shape == images.shape and torch.equal(targets, images)
    first_block = images[0, 0, :2, :2].mean()
    assert torch.all(inputs[0, 0, :2, :2] == first_block) and inputs[0, 0, 0, 2] == images[0, 0, :2, 2:].mean()
    assert torch.allclose(inputs.mean(dim=(2, 3)), images.mean(dim=(2, 3)))  # the brightness is kept


@pytest.mark.parametrize("images, factor, error", [
    (torch.zeros(2, 1, 28, 28), 5, ValueError),  # 28 is not divisible by 5
    (torch.zeros(2, 28, 28), 4, ValueError),  # no channel axis
    (torch.zeros(2, 1, 28, 28), 0, ValueError),
    (torch.zeros(2, 1, 28, 28, dtype=torch.uint8), 4, TypeError),  # raw digits: to_gan_range first
])
def test_thumbnails_refuse_bad_input(images, factor, error):
    with pytest.raises(error):
        thumbnail_pairs(images, factor=factor)


def test_unet_keeps_the_shape_and_range_and_uses_its_skips():
    generator = UNetGenerator(width=8).eval()
    x = pairs(4)[0]
    out = generator(x)
    assert out.shape == x.shape and out.abs().max() <= 1
    # The last layer reads the 14×14 encoder maps directly: its input has twice the decoder's channels,
    # and zeroing the skip's half of its weights changes the output.
    assert generator.decode28.in_channels == 2 * generator.decode14[0].out_channels
    assert generator.decode14[0].in_channels == 2 * generator.middle[0].out_channels
    with torch.no_grad():
        generator.decode28.weight[8:] = 0  # the part that reads encode14's maps
    assert not torch.allclose(generator(x), out)


def test_patchgan_gives_one_logit_per_patch_with_the_stated_receptive_field():
    discriminator = PatchDiscriminator(width=8).eval()
    x, y = pairs(3)
    assert discriminator(x, y).shape == (3, 1, 7, 7)
    assert receptive_field(PatchDiscriminator.KERNELS_AND_STRIDES) == PatchDiscriminator.RECEPTIVE_FIELD_PX == 18
    # Measured: the pixels whose change moves the centre logit span exactly the receptive field.
    picture = y[:1].clone().requires_grad_(True)
    discriminator(x[:1], picture)[0, 0, 3, 3].backward()
    rows, cols = torch.nonzero(picture.grad[0, 0].abs() > 0, as_tuple=True)
    assert rows.max() - rows.min() + 1 == cols.max() - cols.min() + 1 == PatchDiscriminator.RECEPTIVE_FIELD_PX


def test_l1_alone_never_builds_or_trains_a_discriminator(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a discriminator was built for adversarial_weight=0")

    monkeypatch.setattr(translation, "PatchDiscriminator", refuse)
    run = train_translation(*pairs(), adversarial_weight=0, steps=3, batch_size=8, seed=0, width=8, log_every=1)
    assert run.discriminator is None and set(run.history) == {"step", "l1"} and run.history["step"] == [1, 2, 3]
    assert not run.generator.training


def test_the_adversarial_run_trains_both_players_and_logs_their_losses():
    run = train_translation(*pairs(), adversarial_weight=1.0, steps=2, batch_size=8, seed=0, width=8, log_every=1)
    assert run.discriminator is not None and len(run.history["discriminator"]) == len(run.history["adversarial"]) == 2
    assert all(np.isfinite(run.history["discriminator"])) and run.seconds > 0


@pytest.mark.parametrize("adversarial_weight", [0.0, 1.0])
def test_the_same_seed_gives_the_same_generator(adversarial_weight):
    settings = dict(adversarial_weight=adversarial_weight, steps=3, batch_size=8, width=8, log_every=1)
    first = train_translation(*pairs(), seed=5, **settings)
    torch.manual_seed(123)  # whatever the caller's global random state, the seed decides
    state = torch.get_rng_state()
    again = train_translation(*pairs(), seed=5, **settings)
    assert torch.equal(torch.get_rng_state(), state)  # and that state is left alone
    other = train_translation(*pairs(), seed=6, **settings)
    assert first.history == again.history
    for a, b, c in zip(first.generator.state_dict().values(), again.generator.state_dict().values(),
                       other.generator.state_dict().values()):
        assert torch.equal(a, b)
    assert any(not torch.equal(a, c) for a, c in zip(first.generator.parameters(), other.generator.parameters()))


@pytest.mark.parametrize("change, message", [
    (lambda x, y: (x[:8], y), "same shape"),
    (lambda x, y: (x, y[:, :, :, :27]), "same shape"),
    (lambda x, y: (x, (y + 1) / 2 * 255), "values in"),  # 0..255 targets, not [−1, 1]
    (lambda x, y: (x.to(torch.uint8), y), "float tensor"),
    (lambda x, y: (x[:, :, :26, :26], y[:, :, :26, :26]), "divisible by 4"),
])
def test_bad_pairs_are_refused(change, message):
    with pytest.raises(ValueError, match=message):
        train_translation(*change(*pairs()), adversarial_weight=1.0, steps=1, batch_size=8, seed=0, width=8)


@pytest.mark.parametrize("settings, message", [
    (dict(steps=0), "steps"),
    (dict(batch_size=17), "batch_size"),
    (dict(adversarial_weight=-1.0), "weights"),
    (dict(adversarial_weight=0.0, l1_weight=0.0), "weights"),
])
def test_bad_settings_are_refused(settings, message):
    with pytest.raises(ValueError, match=message):
        train_translation(*pairs(), **{"adversarial_weight": 1.0, "steps": 1, "batch_size": 8, "seed": 0, **settings})


def test_translate_restores_the_mode_and_matches_a_direct_call():
    generator = UNetGenerator(width=8).train()
    x = pairs(5)[0]
    out = translate(generator, x, batch_size=2)
    assert generator.training and torch.allclose(out, generator.eval()(x), atol=1e-6)


def test_sharpness_of_a_ramp_and_a_step_edge_is_the_closed_form():
    slope, height, side = 0.25, 2.0, 10
    ramp = (slope * torch.arange(side, dtype=torch.float64)).expand(1, 1, side, side)
    assert sharpness(ramp) == pytest.approx([slope])
    assert sharpness(ramp.transpose(-1, -2)) == pytest.approx([slope])  # a vertical ramp: dy instead of dx
    step = torch.zeros(1, 1, side, side)
    step[..., 4:] = height  # one jump of `height` in each of the (side − 1) rows of (side − 1) pixels
    assert sharpness(step) == pytest.approx([height / (side - 1)])
    diagonal = ramp + ramp.transpose(-1, -2)  # dx = dy = slope: √2·slope
    assert sharpness(diagonal) == pytest.approx([np.sqrt(2) * slope])


def test_blur_lowers_the_sharpness_of_a_thin_stroke_and_keeps_that_of_a_lone_edge():
    pictures = torch.zeros(2, 1, 28, 28)
    pictures[0, :, :, 13:15] = 1  # a stroke 2 pixels wide, as thin as a digit's
    pictures[1, :, :, 14:] = 1  # one straight edge: blur spreads its rise, the total rise stays 1
    blurred = F.avg_pool2d(pictures, 5, stride=1, padding=2, count_include_pad=False)
    stroke, edge = sharpness(blurred) / sharpness(pictures)
    assert stroke < 0.5 and edge == pytest.approx(1.0)
    with pytest.raises(ValueError, match="N×C×H×W"):
        sharpness(torch.zeros(28, 28))


def test_translation_scores_of_the_targets_are_the_ceiling_and_thumbnails_fall_below():
    from ganlib.data import to_gan_range
    from ganlib.metrics import split_digits
    reference = split_digits().reference
    inputs, targets = thumbnail_pairs(to_gan_range(reference.images[:200]))
    labels = reference.labels[:200]
    ceiling = translation_scores(targets, targets, labels)
    assert ceiling["l1"] == 0 and ceiling["sharpness_ratio"] == 1 and ceiling["reads_intended"] > 0.9
    baseline = translation_scores(inputs, targets, labels)
    assert baseline["l1"] > 0.1 and baseline["sharpness_ratio"] < 0.8
    unit = translation_scores((inputs + 1) / 2, (targets + 1) / 2, labels, value_range=(0, 1))
    assert unit == pytest.approx(baseline)  # L1 in [−1, 1] units whatever the declared range
    with pytest.raises(ValueError, match="same shape"):
        translation_scores(inputs, targets[:100], labels)
