"""The MLP generator and discriminator: shapes, ranges, parameter counts, configuration, bad input."""

import pytest
import torch
from torch import nn

from ganlib.gan.models import MLPDiscriminator, MLPGenerator, build_gan, count_parameters


def linear_parameters(widths: list[int]) -> int:
    """Weights and biases of a chain of Linear layers through ``widths``."""
    return sum(a * b + b for a, b in zip(widths, widths[1:]))


def test_generator_maps_noise_to_images_in_tanh_range():
    generator = MLPGenerator()
    images = generator(torch.randn(8, 100, generator=torch.Generator().manual_seed(0)) * 10)
    assert images.shape == (8, 1, 28, 28)
    assert images.min() >= -1.0 and images.max() <= 1.0


def test_discriminator_returns_one_logit_per_image_without_sigmoid():
    discriminator = MLPDiscriminator()
    assert not any(isinstance(m, nn.Sigmoid) for m in discriminator.modules())
    last = discriminator.net[-1]
    with torch.no_grad():
        last.bias.fill_(50.0)  # a probability could not exceed 1; a logit can
        logits = discriminator(torch.zeros(5, 1, 28, 28))
    assert logits.shape == (5,)
    assert (logits > 1.0).all()


def test_parameter_counts_match_the_layer_widths():
    generator, discriminator = build_gan("mlp")
    batch_norm = 2 * (256 + 512 + 1024)  # scale and shift of each normalised hidden layer
    assert count_parameters(generator) == linear_parameters([100, 256, 512, 1024, 784]) + batch_norm
    assert count_parameters(discriminator) == linear_parameters([784, 512, 256, 1])


def test_batchnorm_uses_the_default_eps_and_only_in_the_generator():
    generator, discriminator = build_gan("mlp")
    norms = [m for m in generator.modules() if isinstance(m, nn.BatchNorm1d)]
    assert len(norms) == 3 and all(m.eps == 1e-5 and m.momentum == 0.1 for m in norms)
    assert not any(isinstance(m, nn.BatchNorm1d) for m in discriminator.modules())


def test_keyword_configuration_reaches_the_layers():
    generator, discriminator = build_gan("mlp", generator={"latent_dim": 16, "hidden": (32,), "batch_norm": False},
                                         discriminator={"hidden": (64,), "dropout": 0.5})
    assert generator.latent_dim == 16
    assert count_parameters(generator) == linear_parameters([16, 32, 784])
    assert generator(torch.randn(3, 16)).shape == (3, 1, 28, 28)
    assert [m.p for m in discriminator.modules() if isinstance(m, nn.Dropout)] == [0.5]
    assert count_parameters(discriminator) == linear_parameters([784, 64, 1])


def test_dropout_is_active_in_training_and_off_in_eval():
    discriminator = MLPDiscriminator(dropout=0.5)
    x = torch.rand(4, 1, 28, 28)
    discriminator.eval()
    assert torch.equal(discriminator(x), discriminator(x))
    discriminator.train()
    torch.manual_seed(0)
    assert not torch.equal(discriminator(x), discriminator(x))


def test_unknown_model_and_bad_dropout_are_clear_errors():
    with pytest.raises(ValueError, match="unknown model 'dcgan9'.*mlp"):
        build_gan("dcgan9")
    with pytest.raises(ValueError, match="dropout"):
        MLPDiscriminator(dropout=1.0)
    with pytest.raises(TypeError):
        MLPGenerator(100)  # hyperparameters are keyword-only
