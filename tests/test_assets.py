"""The one verified reader of shipped files: every file passes its checksum; a damaged, missing or
unknown one is refused with a message that says how to restore it; nothing is rebuilt silently."""

import hashlib
from importlib import resources

import pytest

from ganlib import assets


@pytest.mark.parametrize("name", sorted(assets.SHIPPED))
def test_every_shipped_file_passes_its_checksum(name):
    blob = assets.read_asset(name)
    assert hashlib.sha256(blob).hexdigest() == assets.SHIPPED[name] and len(blob) > 1000


def test_every_file_in_the_assets_folder_is_listed():
    folder = resources.files("ganlib.asset_files")
    shipped = {entry.name for entry in folder.iterdir() if entry.name.endswith((".npz", ".pt"))}
    assert shipped == set(assets.SHIPPED)


def test_a_damaged_file_is_refused_with_the_way_to_restore_it(monkeypatch):
    name = "mnist_5k.npz"
    monkeypatch.setitem(assets.SHIPPED, name, hashlib.sha256(b"another file").hexdigest())
    with pytest.raises(assets.AssetError, match=r"damaged.*git checkout assets/mnist_5k\.npz.*reinstall"):
        assets.read_asset(name)


def test_a_missing_file_is_refused_with_the_way_to_restore_it(monkeypatch):
    monkeypatch.setitem(assets.SHIPPED, "absent.pt", "0" * 64)
    with pytest.raises(assets.AssetError, match=r"missing.*git checkout assets/absent\.pt"):
        assets.read_asset("absent.pt")


def test_an_unknown_name_is_a_value_error():
    with pytest.raises(ValueError, match="not a shipped file"):
        assets.read_asset("../pyproject.toml")


def test_the_loaders_go_through_the_checked_reader(monkeypatch):
    """Data, classifier and generator all refuse a file whose checksum is wrong."""
    import ganlib
    from ganlib.metrics import classifier

    for name in assets.SHIPPED:
        monkeypatch.setitem(assets.SHIPPED, name, "0" * 64)
    classifier.shipped_classifier.cache_clear()
    try:
        for load in (ganlib.load_bundled_mnist, classifier.shipped_classifier, ganlib.load_generator):
            with pytest.raises(assets.AssetError, match="damaged"):
                load()
    finally:
        classifier.shipped_classifier.cache_clear()
