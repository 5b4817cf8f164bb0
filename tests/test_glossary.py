"""The Vietnamese text follows the glossary: no wrong-sense terms, no mojibake, NFC, English on first use."""

import json
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "notebooks" / "GLOSSARY.md"
# Mis-decoded UTF-8 read as Latin-1/CP1252: "Ã¡", "Ä‘", "á»", "Æ°" and friends.
MOJIBAKE = re.compile("[ÃÄÆ][\u0080-\u00bf\u2018\u2019\u201a\u201c\u201d\u2020\u2021\u2022\u2026\u0152\u0153\u0160\u0161\u017d\u017e\u0178]|á»|áº")


# Wrong renderings that a plain substring cannot name, because the right rendering contains them or the same
# words are right in another sense (GLOSSARY.md, "Văn phong").
WRONG_IN_CONTEXT = {
    r"hạt giống(?! ngẫu nhiên)": "seed stays 'seed', glossed once as 'hạt giống ngẫu nhiên', never bare 'hạt giống'",
    r"độ chính xác\W{0,4}precision|precision\W{0,4}độ chính xác":
        "precision is not 'độ chính xác' (that is accuracy): keep 'precision', glossed at first use",
}


def glossary_rows() -> list[dict[str, str]]:
    lines = [line for line in GLOSSARY.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    return [dict(zip(header, (cell.strip() for cell in line.strip("|").split("|")))) for line in lines[2:]]


def avoided_terms() -> list[str]:
    return [term.strip() for row in glossary_rows() for term in row["Tránh"].split(";") if term.strip()]


def first_use_terms() -> list[str]:
    """The term of each marked row, without the gloss in parentheses: "epoch (*một lượt…*)" -> "epoch"."""
    return [row["Tiếng Việt"].split(";")[0].split("/")[0].split(" (")[0].strip()
            for row in glossary_rows() if row["Lần đầu"].strip()]


def package_files() -> list[Path]:
    """Every file of ganlib that can hold Vietnamese: its modules, sub-packages included, and its quiz files."""
    return sorted(path for pattern in ("*.py", "*.json") for path in (ROOT / "ganlib").rglob(pattern))


def vietnamese_texts() -> dict[str, str]:
    """Every Vietnamese text of the course: built notebooks, vi cells of sources, README, ganlib's vi strings
    and quizzes, the instructors' notes."""
    texts = {}
    for nb in sorted((ROOT / "notebooks" / "vi").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        texts[f"notebooks/vi/{nb.name}"] = "\n".join("".join(c["source"]) for c in cells)
    for source in sorted((ROOT / "notebooks" / "src").glob("*.py")):
        texts[f"notebooks/src/{source.name}"] = source.read_text(encoding="utf-8")
    for path in [ROOT / "README.vi.md", *package_files(),
                 *sorted((ROOT / "notebooks" / "teaching").glob("*.md"))]:
        if path.exists():
            texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    return texts


def vietnamese_prose(notebook: Path) -> str:
    """The markdown of a Vietnamese notebook without headings, table rows and inline code (`--epochs 50` is code,
    not the first use of a term)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    lines = [line for c in cells if c["cell_type"] == "markdown" for line in "".join(c["source"]).splitlines()]
    prose = "\n".join(line for line in lines if not line.lstrip().startswith(("#", "|")))
    return re.sub(r"`[^`]*`", "`…`", prose)  # a code span may wrap onto the next line


def test_glossary_has_the_core_terms():
    table = {row["English"]: row["Tiếng Việt"] for row in glossary_rows()}
    assert table["generator"] == "bộ sinh"
    assert table["discriminator"] == "bộ phân biệt"
    assert table["loss function"] == "hàm mất mát"
    assert table["divergence"] == "phân kỳ"
    assert table["Nash equilibrium"] == "cân bằng Nash"
    for wrong in ("máy phát điện", "phân biệt đối xử", "mạng đối thủ thế hệ"):
        assert wrong in avoided_terms()


@pytest.mark.parametrize("name", sorted(vietnamese_texts()))
def test_no_wrong_sense_terms(name):
    text = unicodedata.normalize("NFC", vietnamese_texts()[name]).lower()
    found = [term for term in avoided_terms() if term.lower() in text]
    assert not found, f"{name} uses {found}: see notebooks/GLOSSARY.md for the right terms"


@pytest.mark.parametrize("name", sorted(vietnamese_texts()))
def test_no_wrong_sense_terms_in_context(name):
    text = unicodedata.normalize("NFC", vietnamese_texts()[name]).lower()
    found = [f"{match.group(0)!r}: {why}" for pattern, why in WRONG_IN_CONTEXT.items()
             for match in re.finditer(pattern, text)]
    assert not found, f"{name}: {found}"


@pytest.mark.parametrize("name", sorted(vietnamese_texts()))
def test_no_mojibake_and_nfc(name):
    text = vietnamese_texts()[name]
    match = MOJIBAKE.search(text)
    assert match is None, f"{name} contains {match.group(0)!r}: mis-encoded Vietnamese (mojibake)"
    assert unicodedata.is_normalized("NFC", text), f"{name} is not NFC: normalise it with unicodedata"


@pytest.mark.parametrize("notebook", sorted((ROOT / "notebooks" / "vi").glob("*.ipynb")), ids=lambda p: p.name)
def test_english_term_follows_first_use(notebook):
    prose = vietnamese_prose(notebook)
    missing = []
    for term in first_use_terms():
        match = re.search(re.escape(term), prose, flags=re.IGNORECASE)
        if match and "(*" not in prose[match.end():match.end() + 40]:
            missing.append(f"{term!r} near {prose[match.start():match.end() + 40]!r}")
    assert not missing, f"first use without '(*English*)' in {notebook.name}: {missing}"


def test_every_file_of_ganlib_with_vietnamese_is_checked():
    """Found without package_files(): any file under ganlib/ with a Vietnamese letter, whatever its kind."""
    letters = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", flags=re.IGNORECASE)
    holders = {str(path.relative_to(ROOT)) for path in (ROOT / "ganlib").rglob("*")
               if path.is_file() and "__pycache__" not in path.parts
               and letters.search(path.read_bytes().decode("utf-8", errors="ignore"))}
    unchecked = holders - set(vietnamese_texts())
    assert len(holders) > 40 and not unchecked, f"Vietnamese the glossary test does not read: {sorted(unchecked)}"


def test_checks_catch_known_bad_text():
    """The patterns themselves work: d2l-vi's machine translation and a mis-decoded 'Hàm mất mát'."""
    machine = "Máy phát điện và người phân biệt đối xử của mạng đối thủ thế hệ".lower()
    assert {"máy phát điện", "phân biệt đối xử", "mạng đối thủ thế hệ"} <= {t for t in avoided_terms() if t in machine}
    mojibake = "Hàm mất mát".encode("utf-8").decode("cp1252", errors="replace")
    assert MOJIBAKE.search(mojibake)
    assert MOJIBAKE.search("Ä‘á»™ng")
    wrong = "chạy lại với hạt giống 1; độ chính xác (precision) là 0.9; 60 kỷ nguyên; tỷ lệ"
    assert [p for p in WRONG_IN_CONTEXT if re.search(p, wrong)] == list(WRONG_IN_CONTEXT)
    assert {"kỷ nguyên", "tỷ"} <= {t for t in avoided_terms() if t in wrong}
    right = "mỗi seed (*hạt giống ngẫu nhiên*); precision (*tỉ lệ mẫu sinh…*) và độ chính xác của bộ phân loại"
    assert not [p for p in WRONG_IN_CONTEXT if re.search(p, right)]
    assert {"epoch", "seed", "precision", "recall", "instance noise"} <= set(first_use_terms())
    assert not MOJIBAKE.search("bộ sinh, bộ phân biệt, hàm mất mát, phân kỳ, đỉnh, Ưu, Ứng")
