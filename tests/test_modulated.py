"""Lesson 09's StyleGAN-style generator ("dcgan-style"): demodulation against a computation of its own, the
network's shapes at every size, determinism, and ``python -m ganlib train --model dcgan-style`` on a tiny folder
of colour digits, resumed bit-exactly and sampled.

Every run here is one or two epochs on 128 pictures with one torch thread: seconds on a CPU.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from ganlib.cli import main
from ganlib.data import write_colour_digits
from ganlib.gan import demodulate
from ganlib.gan.dcgan import DCGANDiscriminator
from ganlib.gan.models import build_gan, sample_shape
from ganlib.gan.modulated import ModulatedConv2d, StyleGenerator
from ganlib.gan.sampling import fixed_noise, generate, refresh_batchnorm
from ganlib.runtime import one_torch_thread

RUN = ["--model", "dcgan-style", "--device", "cpu", "--batch-size", "32", "--n-eval", "100", "--no-progress",
       "--eval-every", "0"]


@pytest.fixture(autouse=True)
def single_thread():
    with one_torch_thread():
        yield


def demodulated_by_loops(weight: np.ndarray, styles: np.ndarray) -> np.ndarray:
    """StyleGAN2's equations 1 and 3 written out sample by sample and output channel by output channel."""
    out = np.empty((len(styles), *weight.shape))
    for n, style in enumerate(styles):
        for o in range(weight.shape[0]):
            modulated = weight[o] * style[:, None, None]
            out[n, o] = modulated / np.sqrt((modulated ** 2).sum() + 1e-8)
    return out


def test_demodulate_follows_the_equations():
    rng = torch.Generator().manual_seed(0)
    weight, styles = torch.randn(6, 5, 3, 3, generator=rng), torch.rand(4, 5, generator=rng) * 3
    expected = demodulated_by_loops(weight.double().numpy(), styles.double().numpy())
    assert np.allclose(demodulate(weight, styles).numpy(), expected, atol=1e-6)


def test_demodulated_outputs_keep_unit_variance_whatever_the_style():
    """Unit-variance iid input, styles spread over a factor of 30: each output channel of each sample has std 1
    (to 5 %, the sampling error of 60·60 pixels that are not independent is about 2 %)."""
    rng = torch.Generator().manual_seed(1)
    n, width_in, width_out = 4, 16, 8
    weight = torch.randn(width_out, width_in, 3, 3, generator=rng)
    styles = 0.1 + 3 * torch.rand(n, width_in, generator=rng)
    x = torch.randn(n, width_in, 62, 62, generator=rng)
    per_sample = [F.conv2d(x[i:i + 1], w) for i, w in enumerate(demodulate(weight, styles))]
    stds = torch.cat(per_sample).std(dim=(2, 3))
    assert stds.shape == (n, width_out)
    assert torch.allclose(stds, torch.ones_like(stds), atol=0.05), stds
    # Modulated but not demodulated, the styles do change the scale: the check can tell the two apart.
    loose = torch.cat([F.conv2d(x[i:i + 1], weight * s[None, :, None, None]) for i, s in enumerate(styles)])
    assert not torch.allclose(loose.std(dim=(2, 3)), torch.ones_like(stds), atol=0.05)


@pytest.mark.parametrize("demodulated, kernel_size", [(True, 3), (False, 1)])
def test_the_layer_is_a_convolution_with_each_samples_own_weights(demodulated, kernel_size):
    """The layer scales activations instead of building N sets of weights; the result must be the same."""
    torch.manual_seed(2)
    layer = ModulatedConv2d(5, 7, w_dim=6, kernel_size=kernel_size, demodulated=demodulated)
    bias = torch.randn(7)
    layer.bias.data.copy_(bias)
    x, w = torch.randn(3, 5, 8, 8), torch.randn(3, 6)
    styles = layer.affine(w)
    weights = demodulate(layer.weight, styles) if demodulated else layer.weight[None] * styles[:, None, :, None, None]
    expected = torch.cat([F.conv2d(x[i:i + 1], weights[i], bias, padding=kernel_size // 2) for i in range(3)])
    assert torch.allclose(layer(x, w), expected, atol=1e-5)


@pytest.mark.parametrize("channels, side, blocks", [(1, 28, 2), (3, 32, 3), (1, 32, 3), (3, 64, 4)])
def test_shapes_and_one_block_per_doubling(channels, side, blocks):
    generator = StyleGenerator(channels=channels, image_size=side)
    images = generator(torch.randn(5, generator.latent_dim))
    assert images.shape == (5, channels, side, side) and generator.sample_shape == (channels, side, side)
    assert len(generator.blocks) == blocks and images.abs().max() <= 1.0
    assert generator.constant.shape[-1] == side // 2 ** blocks
    pair = build_gan("dcgan-style", generator={"channels": channels, "image_size": side},
                     discriminator={"channels": channels, "image_size": side})
    assert isinstance(pair[1], DCGANDiscriminator) and pair[1](images).shape == (5,)


def test_the_default_sizes_are_those_of_the_dcgan():
    assert StyleGenerator.sample_shape == sample_shape("dcgan") == (1, 28, 28)
    assert sample_shape("dcgan-style", image_size=64) == (3, 64, 64)


def test_bad_widths_are_a_clear_error():
    with pytest.raises(ValueError, match="widths must be 5 positive integers"):
        StyleGenerator(channels=3, image_size=64, widths=(128, 64, 32, 16))


def test_same_seed_same_generator_same_pictures():
    z = fixed_noise(8, 100, seed=0)
    pictures = []
    for _ in range(2):
        torch.manual_seed(3)
        pictures.append(generate(StyleGenerator(channels=3, image_size=32), z))
    assert torch.equal(*pictures)
    torch.manual_seed(4)
    assert not torch.equal(generate(StyleGenerator(channels=3, image_size=32), z), pictures[0])


def test_a_fresh_generator_already_draws_a_different_picture_for_each_z():
    """w keeps z's unit rms through the mapping network, so the styles and the pictures vary with z from the
    start (with PyTorch's default initialisation the spread over z is about 0.007)."""
    torch.manual_seed(6)
    generator = StyleGenerator(channels=3, image_size=32)
    z = fixed_noise(256, 100, seed=0)
    with torch.no_grad():
        w = generator.mapping(z)
    assert 0.7 < w.pow(2).mean().sqrt() < 1.4
    assert generate(generator, z).std(dim=0).mean() > 0.1


def test_refreshing_batchnorm_leaves_a_generator_without_it_unchanged():
    torch.manual_seed(5)
    generator = StyleGenerator(channels=3, image_size=32)
    before = {name: t.clone() for name, t in generator.state_dict().items()}
    refresh_batchnorm(generator, torch.randn(16, 100))
    assert not generator.training
    assert all(torch.equal(before[name], t) for name, t in generator.state_dict().items())


def test_train_resume_and_sample_on_a_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_DATA_DIR", str(tmp_path / "cache"))
    pictures = write_colour_digits(tmp_path / "pictures", n=128)
    straight, stopped = tmp_path / "straight", tmp_path / "stopped"
    common = [*RUN, "--data", str(pictures), "--n-samples", "16"]
    assert main(["train", *common, "--epochs", "2", "--out", str(straight)]) == 0
    assert torch.load(straight / "samples.pt", weights_only=True).shape == (16, 3, 32, 32)
    checkpoint = torch.load(straight / "checkpoint.pt", weights_only=True)
    assert checkpoint["config"]["model"] == "dcgan-style" and checkpoint["config"]["image_size"] == 32
    # The moving average is not G itself.
    assert not torch.equal(checkpoint["sampler"]["constant"], checkpoint["generator"]["constant"])
    assert main(["train", *common, "--epochs", "1", "--out", str(stopped)]) == 0
    assert main(["train", *common, "--epochs", "2", "--out", str(stopped), "--resume"]) == 0
    resumed = torch.load(stopped / "checkpoint.pt", weights_only=True)
    for name in ("generator", "discriminator", "sampler"):
        assert resumed[name].keys() == checkpoint[name].keys()
        assert all(torch.equal(resumed[name][key], checkpoint[name][key]) for key in checkpoint[name]), name
    assert resumed["history"]["loss_D"] == checkpoint["history"]["loss_D"]
    capsys.readouterr()
    samples = tmp_path / "mine.pt"
    assert main(["sample", "--checkpoint", str(straight / "checkpoint.pt"), "--n", "8", "--out", str(samples)]) == 0
    assert torch.load(samples, weights_only=True).shape == (8, 3, 32, 32)
