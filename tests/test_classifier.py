"""Tests of ganlib.metrics.classifier: the split, the network, its training and the checked loading of its weights."""

import pickle

import pytest
import torch

from ganlib.metrics.classifier import (DigitSplit, MnistClassifier, accuracy, augment, load_classifier,
                                       shipped_classifier, split_digits, train_classifier)
from ganlib.data import Digits, load_bundled_mnist


def numbered_digits(per_class: int) -> Digits:
    """Fake digits whose first two pixels spell their index, so a split can be traced back."""
    n = 10 * per_class
    images = torch.zeros(n, 1, 28, 28, dtype=torch.uint8)
    images[:, 0, 0, 0] = torch.arange(n) // 256
    images[:, 0, 0, 1] = torch.arange(n) % 256
    return Digits(images, torch.arange(n) % 10, "bundled")


def indices(digits: Digits) -> set[int]:
    return set((digits.images[:, 0, 0, 0].long() * 256 + digits.images[:, 0, 0, 1].long()).tolist())


def test_split_is_stratified_disjoint_and_complete():
    split = split_digits(numbered_digits(per_class=500))
    for part, per_class in (("train", 300), ("reference", 100), ("fresh", 100)):
        counts = torch.bincount(getattr(split, part).labels, minlength=10)
        assert counts.tolist() == [per_class] * 10, part
    parts = [indices(part) for part in split]
    assert sum(len(p) for p in parts) == 5000
    assert set.union(*parts) == set(range(5000))


def test_split_is_seeded():
    digits = numbered_digits(per_class=250)
    same = [indices(split_digits(digits, seed=1).reference) for _ in range(2)]
    other = indices(split_digits(digits, seed=2).reference)
    assert same[0] == same[1]
    assert other != same[0]


def test_split_keeps_labels_with_their_images():
    bundled = load_bundled_mnist()
    split = split_digits(bundled)
    assert isinstance(split, DigitSplit)
    first = split.fresh.images[0]
    matches = torch.nonzero((bundled.images == first).flatten(1).all(dim=1)).flatten()
    assert split.fresh.labels[0] in bundled.labels[matches]


def test_split_refuses_too_few_digits_per_class():
    with pytest.raises(ValueError, match="class 0 has 150 digits"):
        split_digits(numbered_digits(per_class=150))


def test_representations_shapes_and_ranges():
    model = MnistClassifier().eval()
    conv, features, logits = model.representations(torch.rand(4, 1, 28, 28))
    assert conv.shape == (4, 800) and features.shape == (4, 128) and logits.shape == (4, 10)
    assert (conv >= 0).all() and (features >= 0).all()
    assert torch.equal(model(torch.ones(2, 1, 28, 28)), model.representations(torch.ones(2, 1, 28, 28))[2])


def test_augment_without_change_is_identity_and_keeps_the_background():
    x = torch.rand(3, 1, 28, 28)
    generator = torch.Generator().manual_seed(0)
    same = augment(x, generator=generator, max_shift_px=0.0, max_rotation_deg=0.0, max_scale=0.0)
    assert torch.allclose(same, x, atol=1e-5)
    blank = augment(torch.zeros(3, 1, 28, 28), generator=generator)
    assert torch.equal(blank, torch.zeros(3, 1, 28, 28))


def test_training_is_deterministic_for_a_seed():
    digits = numbered_digits(per_class=2)
    first, second = (train_classifier(digits, epochs=1, batch_size=10, seed=3, verbose=False) for _ in range(2))
    assert all(torch.equal(a, b) for a, b in zip(first.state_dict().values(), second.state_dict().values()))
    assert not first.training


def test_shipped_weights_pass_their_checksum_and_classify_held_out_digits():
    split = split_digits()
    model = shipped_classifier()
    held_out = Digits(torch.cat([split.reference.images, split.fresh.images]),
                      torch.cat([split.reference.labels, split.fresh.labels]), "bundled")
    assert not model.training
    assert accuracy(model, held_out) > 0.96


def test_weights_are_read_as_tensors_only(tmp_path):
    # A file that would run code when unpickled is refused, whatever its checksum.
    path = tmp_path / "pickled.pt"
    torch.save({"payload": Digits(torch.zeros(1), torch.zeros(1), "bundled")}, path)
    with pytest.raises(pickle.UnpicklingError):
        load_classifier(path.read_bytes())
