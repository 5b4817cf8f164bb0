"""Lesson 09's colour DCGAN: the networks at 32 and 64 px (one block more per doubling) beside lesson 07's,
which must stay exactly as they were, and ``python -m ganlib train --data FOLDER`` end to end on a tiny
folder of colour digits with an unreadable file: train, resume bit-exactly, sample, score --against.

Every run here is one or two epochs on 128 pictures with one torch thread: seconds on a CPU.
"""

import json
import subprocess
import sys

import matplotlib
import pytest
import torch
from PIL import Image
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm

from ganlib.cli import main
from ganlib.data import write_colour_digits
from ganlib.gan.checkpoints import load_generator
from ganlib.gan.models import DCGANDiscriminator, DCGANGenerator, build_gan
from ganlib.gan.sampling import fixed_noise, generate
from ganlib.plots import show_digits
from ganlib.runtime import one_torch_thread

matplotlib.use("Agg")

BASE = ["--model", "dcgan", "--device", "cpu", "--batch-size", "32", "--n-eval", "100", "--no-progress"]
RUN = [*BASE, "--eval-every", "0"]  # no scores: the sliced Wasserstein distance takes seconds


@pytest.fixture(autouse=True)
def single_thread():
    with one_torch_thread():
        yield


@pytest.fixture
def pictures(tmp_path, monkeypatch):
    """128 colour digits in the ImageFolder layout, plus a file that is not a picture; the cache in tmp_path."""
    monkeypatch.setenv("GANLIB_DATA_DIR", str(tmp_path / "cache"))
    folder = write_colour_digits(tmp_path / "pictures", n=128)
    (folder / "3" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    return folder


def lesson07_generator() -> nn.Sequential:
    """Lesson 07's generator as it was written before the networks learnt other sizes:
    100 → 64×7×7 → 32×14×14 → 1×28×28."""
    return nn.Sequential(nn.Linear(100, 64 * 7 * 7, bias=False), nn.Unflatten(1, (64, 7, 7)), nn.BatchNorm2d(64),
                         nn.ReLU(), nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1, bias=False),
                         nn.BatchNorm2d(32), nn.ReLU(), nn.ConvTranspose2d(32, 1, 4, stride=2, padding=1), nn.Tanh())


def lesson07_discriminator(*, batch: bool) -> nn.Sequential:
    """Lesson 07's discriminator as it was written before: 1 → 16 → 32 → 64 maps (kernels 4, 4, 3) → 256 → 1,
    spectral normalisation ("dcgan") or BatchNorm after the second and third convolutions ("dcgan-bn")."""
    wrap = (lambda layer: layer) if batch else spectral_norm
    norm = (lambda width: [nn.BatchNorm2d(width)]) if batch else (lambda width: [])
    return nn.Sequential(wrap(nn.Conv2d(1, 16, 4, stride=2, padding=1)), nn.LeakyReLU(0.2),
                         wrap(nn.Conv2d(16, 32, 4, stride=2, padding=1, bias=not batch)), *norm(32), nn.LeakyReLU(0.2),
                         wrap(nn.Conv2d(32, 64, 3, stride=2, padding=1, bias=not batch)), *norm(64), nn.LeakyReLU(0.2),
                         nn.Flatten(), wrap(nn.Linear(64 * 4 * 4, 256)), nn.LeakyReLU(0.2), wrap(nn.Linear(256, 1)))


def test_the_shipped_dcgan_draws_exactly_what_lesson_07s_networks_drew():
    shipped, _ = load_generator(model="dcgan")
    old = lesson07_generator()
    old.load_state_dict(shipped.net.state_dict())
    z = fixed_noise(64, 100, seed=0)
    assert torch.equal(generate(shipped, z), generate(old, z))


@pytest.mark.parametrize("model", ["dcgan", "dcgan-bn"])
def test_mnist_networks_start_from_the_same_weights_as_before(model):
    """Same seed, same layers in the same order: the same initial weights, so MNIST runs are unchanged."""
    torch.manual_seed(0)
    generator, discriminator = build_gan(model)
    torch.manual_seed(0)
    old_generator, old_discriminator = lesson07_generator(), lesson07_discriminator(batch=model == "dcgan-bn")
    for new, old in ((generator.net, old_generator), (discriminator.net, old_discriminator)):
        new_state, old_state = new.state_dict(), old.state_dict()
        assert new_state.keys() == old_state.keys()
        assert all(torch.equal(new_state[key], old_state[key]) for key in new_state)
    assert generator.sample_shape == (1, 28, 28)


@pytest.mark.parametrize("side, blocks", [(32, 3), (64, 4)])
def test_colour_networks_grow_one_block_per_doubling(side, blocks):
    generator = DCGANGenerator(channels=3, image_size=side)
    discriminator = DCGANDiscriminator(channels=3, image_size=side, norm="batch")
    images = generator(torch.randn(5, generator.latent_dim))
    assert images.shape == (5, 3, side, side) and generator.sample_shape == (3, side, side)
    assert sum(isinstance(m, nn.ConvTranspose2d) for m in generator.modules()) == blocks
    convolutions = [m for m in discriminator.net if isinstance(m, nn.Conv2d)]
    assert len(convolutions) == blocks and all(conv.kernel_size == (4, 4) for conv in convolutions)
    sides, maps = [], images
    for layer in discriminator.net:
        maps = layer(maps)
        if isinstance(layer, nn.Conv2d):
            sides.append(maps.shape[-1])
    assert sides == [side // 2 ** (i + 1) for i in range(blocks)] and sides[-1] == 4
    # BatchNorm in D never after the first convolution, which sees the raw pictures.
    assert not isinstance(discriminator.net[1], nn.BatchNorm2d)
    assert discriminator(images).shape == (5,)


@pytest.mark.parametrize("options, message", [
    ({"image_size": 48}, "image_size must be one of (28, 32, 64)"),
    ({"channels": 4}, "channels must be one of (1, 3)"),
    ({"image_size": 64, "widths": (128, 64, 32)}, "widths must be 4 positive integers"),
])
def test_bad_shapes_are_clear_errors(options, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        DCGANGenerator(**options)


def test_show_digits_draws_colour_pictures_in_colour():
    red = torch.zeros(4, 3, 32, 32)
    red[:, 0] = 1.0
    figure = show_digits(red, nrow=2, value_range=(0.0, 1.0))
    drawn = figure.axes[0].images[0].get_array()
    assert drawn.shape[-1] == 3 and drawn[5, 5].tolist() == [1.0, 0.0, 0.0]


def test_train_resume_sample_and_score_a_folder(pictures, tmp_path, capsys):
    straight, stopped = tmp_path / "straight", tmp_path / "stopped"
    assert main(["train", *RUN, "--data", str(pictures), "--image-size", "32", "--epochs", "2",
                 "--n-samples", "16", "--out", str(straight)]) == 0
    printed = capsys.readouterr()
    assert "Read 128 pictures of 32×32 px" in printed.out and "broken.png" in printed.err
    assert torch.load(straight / "samples.pt", weights_only=True).shape == (16, 3, 32, 32)
    grid = Image.open(straight / "grid_epoch_002.png")
    assert grid.mode == "RGB"
    checkpoint = torch.load(straight / "checkpoint.pt", weights_only=True)
    assert checkpoint["config"]["image_size"] == 32
    # Stopped after one epoch and resumed: exactly the run that never stopped.
    assert main(["train", *RUN, "--data", str(pictures), "--epochs", "1", "--n-samples", "16",
                 "--out", str(stopped)]) == 0
    assert main(["train", *RUN, "--data", str(pictures), "--epochs", "2", "--n-samples", "16",
                 "--out", str(stopped), "--resume"]) == 0
    resumed = torch.load(stopped / "checkpoint.pt", weights_only=True)
    for name in ("generator", "discriminator", "sampler"):
        assert resumed[name].keys() == checkpoint[name].keys()
        assert all(torch.equal(resumed[name][key], checkpoint[name][key]) for key in checkpoint[name]), name
    assert resumed["history"]["loss_D"] == checkpoint["history"]["loss_D"]
    capsys.readouterr()
    # Sampled from the checkpoint alone, then scored against the folder without a pretrained network.
    samples = tmp_path / "mine.pt"
    assert main(["sample", "--checkpoint", str(straight / "checkpoint.pt"), "--n", "32", "--out", str(samples)]) == 0
    assert torch.load(samples, weights_only=True).shape == (32, 3, 32, 32)
    capsys.readouterr()
    assert main(["score", str(samples), "--range=-1,1", "--against", str(pictures)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["distance"] > report["floor"] > 0 and report["distance_name"].startswith("SWD")


def test_a_folder_is_scored_while_training_and_trains_at_64_px(pictures, tmp_path, capsys):
    out = tmp_path / "run64"
    assert main(["train", *BASE, "--eval-every", "1", "--data", str(pictures), "--image-size", "64",
                 "--epochs", "1", "--n-samples", "10", "--out", str(out)]) == 0
    assert "sliced Wasserstein distance from the training pictures at epoch 1" in capsys.readouterr().out
    history = json.loads((out / "history.json").read_text())
    assert history["metrics"]["distance"][0] > 0
    assert torch.load(out / "samples.pt", weights_only=True).shape == (10, 3, 64, 64)


@pytest.mark.parametrize("arguments, message", [
    (["--data", "FEW", "--batch-size", "64"],
     "holds 40 readable pictures (0 files skipped); training needs at least 64"),
    (["--data", "PICTURES", "--image-size", "48"], "image_size must be one of (28, 32, 64)"),
    (["--data", "bundled", "--image-size", "32"], "MNIST digits are 28×28: --image-size 32 is for a folder"),
    (["--data", "PICTURES", "--image-size", "28"], "trained in colour at --image-size 32 or 64, not 28"),
    (["--data", "PICTURES", "--model", "mlp"], "model 'mlp' is built for 28×28 digits only"),
    (["--data", "NOWHERE"], "does not exist; give the folder that holds your pictures"),
])
def test_bad_input_is_refused_in_one_line(pictures, tmp_path, capsys, arguments, message):
    few = write_colour_digits(tmp_path / "few", n=40)
    places = {"FEW": str(few), "PICTURES": str(pictures), "NOWHERE": str(tmp_path / "nowhere")}
    arguments = [places.get(argument, argument) for argument in arguments]
    assert main(["train", *RUN, "--epochs", "1", "--out", str(tmp_path / "run"), *arguments]) == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.startswith("ganlib train: error: ") and message in error
    assert not (tmp_path / "run" / "checkpoint.pt").exists()


@pytest.mark.parametrize("arguments", [["--image-size", "48"], ["--data", "bundled", "--image-size", "64"],
                                       ["--data", ".", "--image-size", "28"], ["--data", ".", "--model", "mlp"]])
def test_a_size_that_does_not_fit_is_refused_before_torch_is_imported(arguments):
    probe = ("import sys\nfrom ganlib.cli import main\ncode = main(sys.argv[1:])\n"
             "print(code, 'torch' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe, "train", "--model", "dcgan", *arguments],
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.splitlines()[-1] == "2 False", result.stdout[-300:] + result.stderr[-300:]
