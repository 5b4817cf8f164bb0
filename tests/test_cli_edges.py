"""``python -m ganlib`` at its edges: every bad place to write, a full disk, bad bench options, the
wrong file to sample from, an unbounded --n and a wrongly declared range each give one line on
stderr, a non-zero exit, no traceback and nothing half-written. ``--help`` and bad options answer
before torch is imported."""

import argparse
import os
from dataclasses import asdict
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from ganlib.cli import main
from ganlib.cli.sample import check_memory, check_request, max_samples
from ganlib.data import load_bundled_mnist, to_gan_range
from ganlib.gan.checkpoints import atomic_file
from ganlib.gan.config import IMAGE_MODELS, POINT_MODELS, TrainConfig, image_options
from ganlib.gan.mlp import IMAGE_SHAPE
from ganlib.gan.models import MODELS, build_gan

TINY = ["--data", "bundled", "--device", "cpu", "--batch-size", "1000", "--eval-every", "0", "--no-progress",
        "--epochs", "1"]
FILE_LIMIT = 1_000_000  # bytes: a training run's first grid (about 0.2 MB) fits, its checkpoint (30 MB) does not


def run_cli(*args: str, file_limit: int | None = None, memory_limit: int | None = None) -> subprocess.CompletedProcess:
    """``python -m ganlib ARGS`` in a fresh process. With ``file_limit`` no file it writes may grow
    past that many bytes, so a write fails midway, in the kernel, as on a full disk (EFBIG for
    ENOSPC); with ``memory_limit`` (bytes) an allocation past it fails instead of filling the machine."""
    def limit() -> None:
        if file_limit:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))
        if memory_limit:
            resource.setrlimit(resource.RLIMIT_DATA, (memory_limit, memory_limit))

    return subprocess.run([sys.executable, "-m", "ganlib", *args], capture_output=True, text=True, timeout=300,
                          preexec_fn=limit, env={**os.environ, "OMP_NUM_THREADS": "1"})


def one_line(stderr: str, *needles: str) -> str:
    """The single line of ``stderr``, which must hold every needle and no traceback."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def refuses(capsys, args: list[str], *needles: str) -> str:
    """Run ``python -m ganlib ARGS`` in this process: a non-zero exit and one line on stderr."""
    assert main(args) != 0
    return one_line(capsys.readouterr().err, *needles)


def read_only_folder() -> Path:
    """A folder that even root cannot write into (tests run as root, so chmod would not do)."""
    folder = Path("/sys")
    try:
        (folder / "ganlib-probe").open("xb").close()
    except OSError:
        return folder
    (folder / "ganlib-probe").unlink()
    pytest.skip("no read-only folder on this machine")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".partial"))


# sample --out


def test_sample_refuses_a_folder_as_out(tmp_path, capsys):
    refuses(capsys, ["sample", "--n", "10", "--out", str(tmp_path)], "is a folder", "samples.pt")
    assert list(tmp_path.iterdir()) == []


def test_sample_refuses_a_read_only_place(capsys):
    folder = read_only_folder()
    refuses(capsys, ["sample", "--n", "10", "--out", str(folder / "samples.pt")], "cannot write into", str(folder))
    assert not (folder / "samples.pt").exists()


def test_sample_refuses_a_device(capsys):
    refuses(capsys, ["sample", "--n", "10", "--out", "/dev/full"], "--out /dev/full is not a regular file")
    assert Path("/dev/full").is_char_device()


def test_sample_under_a_file_says_so(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    refuses(capsys, ["sample", "--n", "10", "--out", str(tmp_path / "notes.txt" / "s.pt")], "notes.txt", "--out")
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_sample_onto_a_full_disk_leaves_the_old_file(tmp_path):
    out = tmp_path / "samples.pt"
    out.write_bytes(b"the samples of yesterday")
    result = run_cli("sample", "--n", "1000", "--out", str(out), file_limit=100_000)  # 3.1 MB to write
    assert result.returncode != 0
    one_line(result.stderr, "cannot write", "samples.pt")
    assert out.read_bytes() == b"the samples of yesterday" and leftovers(tmp_path) == []


# train --out


def test_train_refuses_a_file_as_out(tmp_path, capsys):
    (tmp_path / "run").write_text("mine")
    refuses(capsys, ["train", *TINY, "--out", str(tmp_path / "run")], "is a file, not a folder", "--out")
    assert (tmp_path / "run").read_text() == "mine"


def test_train_refuses_a_read_only_place(capsys):
    folder = read_only_folder()
    refuses(capsys, ["train", *TINY, "--out", str(folder / "run")], "cannot write into", "--out")
    assert not (folder / "run").exists()


def test_train_onto_a_full_disk_says_which_file_and_leaves_no_partial_file(tmp_path):
    result = run_cli("train", *TINY, "--out", str(tmp_path), file_limit=FILE_LIMIT)
    assert result.returncode != 0
    one_line(result.stderr, "cannot write", "checkpoint.pt")
    assert leftovers(tmp_path) == [] and not (tmp_path / "checkpoint.pt").exists()


def test_atomic_file_keeps_the_old_file_on_any_error(tmp_path):
    path = tmp_path / "history.json"
    path.write_text("old")
    with pytest.raises(KeyboardInterrupt), atomic_file(path) as file:
        file.write(b"half of the new")
        raise KeyboardInterrupt
    assert path.read_text() == "old" and list(tmp_path.iterdir()) == [path]
    with atomic_file(path) as file:
        file.write(b"new")
    assert path.read_text() == "new" and list(tmp_path.iterdir()) == [path]


def test_atomic_file_never_replaces_a_folder_or_a_device(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    for target, reason in ((tmp_path, "it is a folder"), (tmp_path / "pipe", "not a regular file")):
        with pytest.raises(OSError, match=reason), atomic_file(target) as file:
            file.write(b"x")
    assert (tmp_path / "pipe").is_fifo() and tmp_path.is_dir() and leftovers(tmp_path) == []


# bench


@pytest.mark.parametrize("args, needle", [
    (["--batch-sizes", "0"], "--batch-sizes"), (["--batch-sizes", "64", "-64"], "-64"),
    (["--batch-sizes", "60001"], "60000"), (["--repeats", "0"], "--repeats"),
])
def test_bench_refuses_sizes_and_repeats_below_one(capsys, args, needle):
    refuses(capsys, ["bench", "--data", "bundled", "--device", "cpu", *args], "must", needle)


# sample --checkpoint, --n


def test_sample_says_a_samples_file_is_not_a_generator(tmp_path):
    torch.save(torch.zeros(12, *IMAGE_SHAPE), tmp_path / "samples.pt")
    result = run_cli("sample", "--checkpoint", str(tmp_path / "samples.pt"), "--out", str(tmp_path / "s.pt"))
    assert result.returncode != 0
    line = one_line(result.stderr, "samples.pt holds a Tensor, not a generator", "checkpoint.pt")
    assert "Warning" not in result.stderr and "IndexError" not in line
    assert not (tmp_path / "s.pt").exists()


def test_sample_says_a_missing_checkpoint_does_not_exist(tmp_path, capsys):
    line = refuses(capsys, ["sample", "--checkpoint", str(tmp_path / "missing.pt"), "--out", str(tmp_path / "s.pt")],
                   "no such file", "missing.pt")
    assert "export_generator" not in line


@pytest.mark.parametrize("n", ["0", "60001"])
def test_sample_refuses_n_outside_its_documented_limit(tmp_path, capsys, n):
    refuses(capsys, ["sample", "--n", n, "--out", str(tmp_path / "s.pt")], "--n must be from 1 to 60000", n)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("n", ["20000000", "1000000000"])
def test_sample_never_exhausts_memory(tmp_path, n):
    """Asked for 62 GB or 3 TB of samples, in a process held to 2 GB: refused at once, in one line."""
    result = run_cli("sample", "--n", n, "--out", str(tmp_path / "s.pt"), memory_limit=2 * 2**30)
    assert result.returncode != 0
    one_line(result.stderr, "--n must be from 1 to 60000", n)
    assert list(tmp_path.iterdir()) == []


def test_sample_accepts_n_at_its_limit(tmp_path):
    check_request(argparse.Namespace(digit=None, n=60000, seed=0, out=tmp_path / "s.pt"))


def test_sample_bounds_the_bytes_so_bigger_pictures_fit_fewer(tmp_path, capsys):
    """The bound is 188 MB in one tensor: 60000 digits of 1×28×28, 3828 colour pictures of 3×64×64 (lesson
    09). A 64-px generator asked for one more is refused in one line, before any sample is drawn."""
    assert max_samples(IMAGE_SHAPE) == 60000 and max_samples((3, 32, 32)) == 15312 and max_samples((3, 64, 64)) == 3828
    check_memory(60000, IMAGE_SHAPE)
    check_memory(3828, (3, 64, 64))
    config = TrainConfig(model="dcgan", image_size=64)
    generator, _ = build_gan("dcgan", generator=image_options(config))
    torch.save({"config": asdict(config), "generator": generator.state_dict(), "history": {"config": asdict(config)}}, tmp_path / "g.pt")
    refuses(capsys, ["sample", "--checkpoint", str(tmp_path / "g.pt"), "--n", "3829", "--out", str(tmp_path / "s.pt")],
            "--n 3829 samples of 3×64×64 do not fit", "188 MB", "at most 3828 do", "--seed")
    assert not (tmp_path / "s.pt").exists()


# score --range


@pytest.fixture(scope="module")
def real_digits() -> torch.Tensor:
    """100 real digits in [−1, 1], ten of each class."""
    digits = load_bundled_mnist()
    pick = torch.cat([torch.nonzero(digits.labels == c).flatten()[:10] for c in range(10)])
    return to_gan_range(digits.images[pick])


@pytest.mark.parametrize("shift, warned", [(False, False), (True, True)])
def test_score_warns_when_the_values_cannot_use_the_declared_range(tmp_path, capsys, real_digits, shift, warned):
    """[0, 1] digits declared as -1,1 read as grey on grey: warned; the same digits in [−1, 1]: not."""
    images = (real_digits + 1) / 2 if shift else real_digits
    torch.save(images, tmp_path / "digits.pt")
    assert main(["score", str(tmp_path / "digits.pt"), "--range=-1,1"]) == 0
    captured = capsys.readouterr()
    assert '"fd"' in captured.out
    if warned:
        one_line(captured.err, "warning", "upper half", "[-1, 1]", "0,1")
    else:
        assert captured.err == ""


# --help and bad options: fast, and what they offer is what is accepted


@pytest.mark.parametrize("args", [["--help"], ["train", "--help"], ["bench", "--help"], ["score", "--help"],
                                  ["sample", "--help"], ["train", "--model", "toy2d"], ["train", "--epochs", "0"],
                                  ["bench", "--repeats", "0"], ["sample", "--n", "0", "--out", "s.pt"],
                                  ["stylize", "--help"],
                                  ["stylize", "--content", "a.jpg", "--style", "b.jpg", "--out", "c.png", "--size", "0"]])
def test_help_and_bad_options_answer_before_torch_is_imported(args):
    probe = ("import sys\nfrom ganlib.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "print('torch' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120)
    assert result.stdout.splitlines()[-1] == "False", result.stdout[-300:]


def test_help_texts_offer_only_what_is_accepted(capsys):
    texts = {}
    for command in ([], ["train"], ["bench"]):
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        texts[" ".join(command)] = " ".join(capsys.readouterr().out.split())
    assert "Each command lives" not in texts[""] and "imports this package" not in texts[""]
    offered = texts["train"].split("--model ")[-1].split("--epochs")[0]  # --model's entry in the list of options
    assert "mlp" in offered and "toy2d" not in offered and "2-D points" not in offered
    assert "(default: None)" not in texts["bench"]


def test_the_model_names_without_torch_agree_with_the_networks():
    """ganlib.gan.config names the networks for the command line; MODELS builds them."""
    assert set(MODELS) == set(IMAGE_MODELS) | set(POINT_MODELS)
    assert all((MODELS[name][0].sample_shape == IMAGE_SHAPE) == (name in IMAGE_MODELS) for name in MODELS)
