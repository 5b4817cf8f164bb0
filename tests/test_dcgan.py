"""The convolutional GAN of lesson 07: shapes, parameter counts, spectral normalisation, the BatchNorm
switch, training with the same loop (determinism, bit-exact resume), the compiled step and the CLI.

Every run here is a few steps on 128–192 digits with one torch thread: seconds on a CPU.
"""

from dataclasses import replace

import pytest
import torch
from torch import nn

from ganlib.cli import main
from ganlib.data import load_bundled_mnist
from ganlib.gan.benchmark import format_table, run_benchmark
from ganlib.gan.checkpoints import load_generator
from ganlib.gan.config import TrainConfig, model_defaults
from ganlib.gan.dcgan import upsample_layer
from ganlib.gan.gain import conv_gains, conv_operator_norm, reshaped_sigma
from ganlib.gan.models import DCGANDiscriminator, DCGANGenerator, build_gan, count_parameters
from ganlib.gan.sampling import fixed_noise, generate
from ganlib.gan.train import train_gan
from ganlib.metrics import score_samples
from ganlib.runtime import one_torch_thread

TINY = TrainConfig(model="dcgan", epochs=2, batch_size=64, eval_every=0, n_eval=100, grid_every=0)


@pytest.fixture(scope="module")
def digits() -> torch.Tensor:
    return load_bundled_mnist().images[:128]


@pytest.fixture(autouse=True)
def single_thread():
    with one_torch_thread():
        yield


def conv_parameters(c_in: int, c_out: int, kernel: int, *, bias: bool) -> int:
    return c_in * c_out * kernel * kernel + (c_out if bias else 0)


def state_equal(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(torch.equal(a[key], b[key]) for key in a)


@pytest.mark.parametrize("upsample", ["transposed", "resize"])
def test_generator_maps_noise_to_28x28_images_in_tanh_range(upsample):
    generator = DCGANGenerator(upsample=upsample, latent_dim=16)
    images = generator(10 * torch.randn(5, 16, generator=torch.Generator().manual_seed(0)))
    assert images.shape == (5, 1, 28, 28)
    assert images.min() >= -1.0 and images.max() <= 1.0


@pytest.mark.parametrize("model", ["dcgan", "dcgan-bn"])
def test_discriminator_gives_one_logit_per_image(model):
    _, discriminator = build_gan(model)
    logits = discriminator(torch.rand(6, 1, 28, 28) * 2 - 1)
    assert logits.shape == (6,)
    assert not any(isinstance(m, nn.Sigmoid) for m in discriminator.modules())


def test_parameter_counts_follow_the_widths():
    generator, discriminator = build_gan("dcgan", generator={"widths": (8, 4), "latent_dim": 10},
                                         discriminator={"widths": (4, 8, 16)})
    # Linear 10 → 8·7·7 without bias, BatchNorm (2·8), ConvT 8 → 4 without bias, BatchNorm (2·4), ConvT 4 → 1.
    assert count_parameters(generator) == (10 * 8 * 49 + 2 * 8 + conv_parameters(8, 4, 4, bias=False) + 2 * 4
                                           + conv_parameters(4, 1, 4, bias=True))
    # Spectral normalisation adds no trainable parameter, only the power iteration's vectors as buffers.
    # The last maps are 16 of 4×4, then Linear 256 → 256 and Linear 256 → 1 (the default hidden layer).
    convolutions = conv_parameters(1, 4, 4, bias=True) + conv_parameters(4, 8, 4, bias=True) + conv_parameters(
        8, 16, 3, bias=True)
    assert count_parameters(discriminator) == convolutions + (16 * 16 * 256 + 256) + (256 + 1)
    _, no_hidden = build_gan("dcgan", discriminator={"widths": (4, 8, 16), "hidden": ()})
    assert count_parameters(no_hidden) == convolutions + 16 * 16 + 1
    _, batch_norm = build_gan("dcgan-bn", discriminator={"widths": (4, 8, 16), "hidden": (32, 8)})
    assert count_parameters(batch_norm) == (conv_parameters(1, 4, 4, bias=True) + conv_parameters(4, 8, 4, bias=False)
                                            + 2 * 8 + conv_parameters(8, 16, 3, bias=False) + 2 * 16
                                            + (16 * 16 * 32 + 32) + (32 * 8 + 8) + (8 + 1))


def test_discriminator_maps_shrink_28_14_7_4():
    _, discriminator = build_gan("dcgan")
    sides, images = [], torch.zeros(2, 1, 28, 28)
    for layer in discriminator.net:
        images = layer(images)
        if isinstance(layer, nn.Conv2d):
            sides.append(images.shape[-1])
    assert sides == [14, 7, 4]
    # After the maps: the hidden layer with its nonlinearity, then the logit (two Linear maps in a row would be one).
    head = list(discriminator.net)[[type(layer) for layer in discriminator.net].index(nn.Flatten) + 1:]
    assert [isinstance(layer, kind) for layer, kind in zip(head, (nn.Linear, nn.LeakyReLU, nn.Linear))] == [True] * 3
    assert len(head) == 3
    assert head[0].out_features == 256 and head[2].in_features == 256 and head[2].out_features == 1


def test_batchnorm_in_d_never_after_the_first_convolution():
    _, discriminator = build_gan("dcgan-bn")
    layers = list(discriminator.net)
    norms = [i for i, layer in enumerate(layers) if isinstance(layer, nn.BatchNorm2d)]
    convs = [i for i, layer in enumerate(layers) if isinstance(layer, nn.Conv2d)]
    assert len(convs) == 3 and norms == [convs[1] + 1, convs[2] + 1]
    _, spectral = build_gan("dcgan")
    assert not any(isinstance(m, nn.BatchNorm2d) for m in spectral.modules())


def test_spectral_normalisation_gives_every_reshaped_weight_sigma_1():
    """σ of each weight as a matrix, which is what spectral_norm bounds; a convolution's own gain is larger
    (test_the_true_gain_of_a_convolution_is_found_by_power_iteration)."""
    with torch.random.fork_rng():  # the power iteration starts from random vectors
        torch.manual_seed(0)
        discriminator = DCGANDiscriminator().train()
    images = torch.rand(4, 1, 28, 28, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        for _ in range(300):  # one power iteration per training forward
            discriminator(images)
    layers = [layer for layer in discriminator.net if isinstance(layer, (nn.Conv2d, nn.Linear))]
    assert len(layers) == 5  # three convolutions, the hidden layer and the logit
    for layer in layers:
        weight = layer.weight.reshape(layer.weight.shape[0], -1)  # the normalised weight
        assert torch.linalg.matrix_norm(weight, ord=2).item() == pytest.approx(1.0, abs=1e-3)


def test_kernel_4_stride_2_covers_evenly_and_kernel_3_does_not():
    ones = torch.ones(1, 1, 6, 6)

    def coverage(layer: nn.Module) -> torch.Tensor:
        for weight in layer.parameters():
            nn.init.ones_(weight) if weight.ndim > 1 else nn.init.zeros_(weight)
        with torch.no_grad():
            return layer(ones)[0, 0, 2:-2, 2:-2]  # away from the border

    uneven = coverage(nn.ConvTranspose2d(1, 1, kernel_size=3, stride=2, padding=1, output_padding=1))
    assert set(uneven.unique().tolist()) == {1.0, 2.0, 4.0}  # the checkerboard
    assert coverage(upsample_layer(1, 1, upsample="transposed")).unique().tolist() == [4.0]
    assert coverage(upsample_layer(1, 1, upsample="resize")).unique().tolist() == [9.0]


@pytest.mark.parametrize("options, message", [
    ({"generator": {"widths": (8,)}}, "widths must be 2 positive integers"),
    ({"discriminator": {"widths": (8, 16)}}, "widths must be 3 positive integers"),
    ({"discriminator": {"hidden": (256, 0)}}, "hidden must be positive integers, got"),
    ({"generator": {"upsample": "bilinear"}}, "upsample must be one of"),
    ({"discriminator": {"norm": "layer"}}, "norm must be one of"),
    ({"discriminator": {"dropout": 1.0}}, "dropout must be in [0, 1)"),
])
def test_bad_options_are_clear_errors(options, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace(")", r"\)")):
        build_gan("dcgan", **options)


def test_same_seed_same_run_and_resume_is_bit_exact(digits, tmp_path):
    straight = train_gan(digits, TINY, out_dir=tmp_path / "straight", progress=False)
    again = train_gan(digits, TINY, progress=False)
    assert state_equal(straight.generator.state_dict(), again.generator.state_dict())
    train_gan(digits, replace(TINY, epochs=1), out_dir=tmp_path / "stopped", progress=False)
    resumed = train_gan(digits, TINY, out_dir=tmp_path / "stopped", resume=True, progress=False)
    for name in ("generator", "discriminator", "sampler"):  # D's state holds the power iteration's vectors
        assert state_equal(getattr(straight, name).state_dict(), getattr(resumed, name).state_dict()), name
    assert straight.history["loss_D"] == resumed.history["loss_D"]
    other = train_gan(digits, replace(TINY, seed=1), progress=False)
    assert not state_equal(straight.generator.state_dict(), other.generator.state_dict())


def test_compiled_step_gives_the_eager_losses(monkeypatch):
    """The compiled step traces the networks into graphs (dynamo), derives their backward graphs
    (AOTAutograd) and runs those: the losses of three steps agree with the eager ones to 1e-5
    (relative), the weights after them to 1e-5 (absolute). Inductor's code generation is swapped for
    the "aot_eager" backend here: compiling C++ kernels takes minutes on a shared CPU, and it changes
    no graph, only how each graph's operations are executed."""
    compile_with = torch.compile
    try:
        compile_with(lambda t: t + 1, backend="aot_eager")(torch.zeros(1))
    except Exception as error:  # an unsupported Python or platform: the eager path is the default
        pytest.skip(f"torch.compile is unavailable here ({type(error).__name__}: {error})")
    monkeypatch.setattr(torch, "compile", lambda module, mode: compile_with(module, backend="aot_eager"))
    config = replace(TINY, epochs=1, ema_decay=0.0)
    data = load_bundled_mnist().images[:192]
    eager = train_gan(data, config, progress=False)
    compiled = train_gan(data, replace(config, compile=True), progress=False)
    for column in ("loss_D", "loss_G", "D_real", "D_fake"):
        assert compiled.history[column] == pytest.approx(eager.history[column], rel=1e-5), column
    for a, b in zip(eager.generator.state_dict().values(), compiled.generator.state_dict().values()):
        assert torch.allclose(a.float(), b.float(), atol=1e-5)


def test_compile_with_the_gradient_penalty_is_refused():
    with pytest.raises(ValueError, match="compile cannot be used with loss wgan-gp"):
        TrainConfig(loss="wgan-gp", compile=True)


def test_cli_trains_the_dcgan_with_its_laptop_defaults(tmp_path, capsys):
    laptop = TrainConfig(**model_defaults("dcgan"))
    assert laptop.model == "dcgan"
    out = tmp_path / "run"
    assert main(["train", "--model", "dcgan", "--data", "bundled", "--device", "cpu", "--epochs", "1",
                 "--batch-size", "1000", "--eval-every", "0", "--n-samples", "10", "--no-progress",
                 "--out", str(out)]) == 0
    saved = torch.load(out / "checkpoint.pt", weights_only=True)["config"]
    expected = replace(laptop, epochs=1, batch_size=1000, eval_every=0)
    assert TrainConfig.from_dict(saved) == expected
    assert torch.load(out / "samples.pt", weights_only=True).shape == (10, 1, 28, 28)
    assert "epoch 1:" in capsys.readouterr().out


def test_benchmark_times_the_dcgan_beside_the_dataloader_loop():
    data = load_bundled_mnist()
    rows = run_benchmark(data.images[:64], data.labels[:64], device=torch.device("cpu"), models=("dcgan",),
                         batch_sizes=(64,), repeats=1, length=128)
    assert [(row["model"], row["batch_size"]) for row in rows] == [("dcgan", 64)]
    row = rows[0]
    assert row["ganlib_s"] > 0 and row["blog_s"] > 0 and row["compiled_s"] is None
    assert row["ratio"] == pytest.approx(row["blog_s"] / row["ganlib_s"])
    table = format_table(rows).splitlines()
    assert len(table) == 2 and table[1].split()[:2] == ["dcgan", "64"] and " - " in table[1]


def test_the_shipped_dcgan_generator_loads_and_draws_digits():
    generator, history = load_generator(model="dcgan")
    assert isinstance(generator, DCGANGenerator) and not generator.training
    assert history["config"]["model"] == "dcgan" and history["epoch"][-1] == model_defaults("dcgan")["epochs"]
    images = generate(generator, fixed_noise(100, generator.latent_dim, seed=0))
    assert images.shape == (100, 1, 28, 28) and images.min() >= -1.0 and images.max() <= 1.0
    # Digits, read by the course's classifier: all ten (each in at least 2% of the samples), read
    # confidently (classifier score 7.3 here, real digits 9.5, an untrained generator 1.0).
    scores = score_samples(images)
    assert scores["classes_covered"] == 10 and scores["classifier_score"] > 5, scores


def test_the_true_gain_of_a_convolution_is_found_by_power_iteration():
    """A 1×1 kernel of weight 3 stretches every image by exactly 3; a kernel-4, stride-2 convolution whose
    weights are all 1/4 has reshaped σ 1 but a gain close to 4/2 = 2 (a little less at the edges)."""
    one = nn.Conv2d(1, 1, kernel_size=1, bias=False)
    nn.init.constant_(one.weight, 3.0)
    assert conv_operator_norm(one, side=8) == pytest.approx(3.0, rel=1e-5)
    wide = nn.Conv2d(1, 1, kernel_size=4, stride=2, padding=1, bias=False)
    nn.init.constant_(wide.weight, 0.25)
    assert reshaped_sigma(wide) == pytest.approx(1.0, rel=1e-6)
    assert 1.95 < conv_operator_norm(wide, side=28) < 2.0
    with pytest.raises(ValueError, match="nn.Conv2d"):
        conv_operator_norm(nn.Linear(2, 2), side=4)


@pytest.mark.parametrize("side", [5, 6])  # with stride 2, side 6 needs an output_padding in the adjoint
def test_the_gain_matches_the_dense_matrix_of_the_convolution(side):
    """On a small input the convolution is a matrix we can write down: its largest singular value is the gain."""
    torch.manual_seed(0)
    layer = nn.Conv2d(2, 3, kernel_size=3, stride=2, padding=1)
    basis = torch.eye(2 * side * side).reshape(-1, 2, side, side)
    with torch.no_grad():
        matrix = nn.functional.conv2d(basis, layer.weight, stride=2, padding=1).reshape(len(basis), -1).T
    exact = torch.linalg.matrix_norm(matrix, ord=2).item()
    assert conv_operator_norm(layer, side=side, iterations=300) == pytest.approx(exact, rel=1e-4)


def test_conv_gains_walks_the_discriminators_sides():
    torch.manual_seed(0)
    rows = conv_gains(DCGANDiscriminator(norm="none"), iterations=5)
    assert [row["layer"] for row in rows] == [1, 2, 3]
    assert all(row["operator_norm"] > 0 and row["reshaped_sigma"] > 0 for row in rows)
