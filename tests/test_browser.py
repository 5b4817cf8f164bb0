"""The course where people meet it: JupyterLab and the built website in a real, headless Chromium.

Needs Debian's ``chromium`` and ``chromium-driver`` (``apt-get install -y chromium chromium-driver``)
and selenium (``pip install -r requirements.txt``); without them these tests fail and say so.
Everything stays on this machine: JupyterLab listens on 127.0.0.1 and the site is opened from files.
``pytest -k browser`` runs them.
"""

import base64
import hashlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from notebooks import website

ROOT = Path(__file__).resolve().parents[1]
WIDGET_LESSON = "03_kl_js_vanishing_gradients"  # its μ slider redraws two densities, JSD and W1
WIDGET_TITLE = "KL, JS và tiêu biến gradient"
SITE_LESSON = "01_counterfeiter"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1280,900")
INSTALL = ("install them with `apt-get update && apt-get install -y chromium chromium-driver` (as root; "
           ".ci/run does this) and `pip install -r requirements.txt`")


def _browser_binaries() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.fail(f"the browser tests need Chromium and its driver, not found on PATH: {INSTALL}", pytrace=False)
    return chromium, driver


@pytest.fixture
def browser(tmp_path, monkeypatch):
    """A headless Chromium driven by selenium, with a fresh profile, logging the console."""
    chromium, driver_path = _browser_binaries()
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail(f"the browser tests need selenium: {INSTALL}", pytrace=False)
    monkeypatch.setenv("SE_OFFLINE", "true")  # selenium must use the driver given, never fetch one
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(180)  # running cells from the page waits for the kernel
    yield driver
    driver.quit()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(condition, *, timeout: float, what: str, interval: float = 0.25):
    """Call ``condition()`` until it returns something truthy; fail saying ``what`` was awaited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"waited {timeout:.0f} s for {what}", pytrace=False)


def _vietnamese_lesson(folder: Path) -> str:
    """Write the Vietnamese notebook of the widget lesson, as its source makes it (unexecuted), into
    ``folder``: the test runs today's source, never writes to the repository. Returns the file name."""
    from notebooks import build

    (source,) = build.source_paths([WIDGET_LESSON])
    name = f"{source.stem}.ipynb"
    build.nbformat.write(build.twin(source, "vi"), folder / name)
    return name


@pytest.fixture
def jupyterlab(tmp_path):
    """JupyterLab on a free port of 127.0.0.1 with a token, serving the Vietnamese widget lesson;
    yields (base URL, token, notebook name)."""
    folder = tmp_path / "lab"
    folder.mkdir()
    name = _vietnamese_lesson(folder)
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, GANLIB_QUICK="1", GANLIB_DATA="bundled", OMP_NUM_THREADS="1",
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    env.pop("MPLBACKEND", None)  # the kernel draws with the inline backend, as a student's does
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={folder}", "--ServerApp.allow_root=True",
               "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}",
               f"--LabApp.user_settings_dir={tmp_path / 'settings'}"]
    log = (tmp_path / "jupyterlab.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        if server.poll() is not None:
            pytest.fail(f"JupyterLab exited with {server.returncode}:\n{(tmp_path / 'jupyterlab.log').read_text()}",
                        pytrace=False)
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as reply:
                return reply.status == 200
        except OSError:
            return False

    try:
        _wait(answers, timeout=90, what="JupyterLab to answer on 127.0.0.1")
        yield base, token, name
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


# JavaScript run in the page. The widget's figure is the <img> inside the ipywidgets Output of the
# cell whose code makes the widget; its digest changes exactly when the kernel sends a new figure.
FIGURE_JS = """
const slider = document.querySelector('.jp-OutputArea .widget-slider');
if (!slider) return null;
const box = slider.closest('.jp-OutputArea-output');
const img = box && box.querySelector('.widget-output img');
const readout = slider.querySelector('.widget-readout');
return img && img.complete && img.naturalWidth > 0
    ? {src: img.src, label: slider.querySelector('.widget-label').textContent,
       value: readout ? readout.textContent : null}
    : null;
"""


# Run, as a student would one by one, the code cells above the lesson's first section (the language and
# the imports) and the cell that makes a widget; resolve with their indices once all are queued.
RUN_SETUP_AND_WIDGET_JS = """
const done = arguments[arguments.length - 1];
const app = window.jupyterapp, notebook = app.shell.currentWidget.content, cells = notebook.widgets;
const source = c => c.model.sharedModel.getSource();
const firstSection = cells.findIndex(c => c.model.type === 'markdown' && /^## /m.test(source(c)));
const wanted = cells.map((c, i) => i).filter(i => cells[i].model.type === 'code'
    && (i < firstSection || /_widget\\(/.test(source(cells[i]))));
(async () => {
  for (const i of wanted) {
    notebook.activeCellIndex = i;
    await app.commands.execute('notebook:run-cell');
  }
  done(wanted);
})();
"""


def _figure(driver) -> dict | None:
    return driver.execute_script(FIGURE_JS)


def _digest(src: str) -> str:
    return hashlib.sha256(base64.b64decode(src.split(",", 1)[1]) if src.startswith("data:") else
                          src.encode()).hexdigest()


def test_browser_jupyterlab_widget_redraws(browser, jupyterlab):
    """Open the Vietnamese lesson 03 in JupyterLab, run its setup cells and its widget cell, press → on the
    slider and see a new figure."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    base, token, name = jupyterlab
    browser.get(f"{base}/lab/tree/{name}?token={token}")
    _wait(lambda: browser.execute_script(
        "const app = window.jupyterapp; const w = app && app.shell.currentWidget;"
        "return !!(w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel"
        " && w.sessionContext.session.kernel.connectionStatus === 'connected'"
        " && w.content && w.content.widgets.length > 0);"),
        timeout=120, what="JupyterLab to open the notebook and connect its kernel")
    title = _wait(lambda: browser.execute_script(
        "const h = document.querySelector('.jp-MarkdownOutput h1'); return h && h.textContent;"),
        timeout=30, what="JupyterLab to render the lesson's title")
    assert WIDGET_TITLE in title, f"the Vietnamese title is not rendered as written: {title!r}"
    ran = browser.execute_async_script(RUN_SETUP_AND_WIDGET_JS)
    assert len(ran) >= 2, f"found no setup cells and widget cell to run: {ran}"
    before = _wait(lambda: _figure(browser), timeout=180, what="the widget cell to show its slider and figure")
    _wait(lambda: browser.execute_script(
        "const w = window.jupyterapp.shell.currentWidget;"
        "return w.sessionContext.session.kernel.status === 'idle';"),
        timeout=180, what="the kernel to finish running the cells")

    handle = browser.find_element(By.CSS_SELECTOR, ".jp-OutputArea .widget-slider .noUi-handle")
    handle.click()
    handle.send_keys(Keys.ARROW_RIGHT)
    deadline = time.monotonic() + 30
    after = _figure(browser)
    while time.monotonic() < deadline and (not after or _digest(after["src"]) == _digest(before["src"])):
        time.sleep(0.25)
        after = _figure(browser)
    assert after and after["value"] != before["value"], f"the slider did not move: {before} then {after}"
    assert _digest(after["src"]) != _digest(before["src"]), (
        f"the slider moved from {before['value']} to {after['value']} but the figure stayed the same "
        "for 30 s: the widget did not redraw")


def _offline(driver) -> list[str]:
    """What the page loaded from anywhere but its own files or data: URLs."""
    return driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
        ".filter(n => !n.startsWith('file:') && !n.startsWith('data:'));")


def _errors(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


# Formulas count as typeset when the browser lays MathML out as mathematics: a fraction's numerator
# sits above its denominator. No raw TeX delimiters may remain in the rendered text.
PAGE_JS = """
const text = document.body.innerText;
const fraction = document.querySelector('mfrac');
let stacked = null;
if (fraction && fraction.children.length === 2) {
  const [top, bottom] = [...fraction.children].map(e => e.getBoundingClientRect());
  stacked = top.bottom <= bottom.top + 1 && top.height > 0;
}
const images = [...document.querySelectorAll('img')];
return {chars: text.trim().length, math: document.querySelectorAll('math').length, stacked: stacked,
        rawTeX: /\\$\\$|\\\\frac|\\\\log|\\\\mathbb/.test(text),
        images: images.length, broken: images.filter(i => !(i.complete && i.naturalWidth > 0)).length,
        links: [...document.querySelectorAll('a')].map(a => a.getAttribute('href'))};
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The whole website, every lesson in both languages, built from the committed notebooks into a fresh folder."""
    out = tmp_path_factory.mktemp("site")
    notebooks = ROOT / "notebooks"
    stems = sorted(path.stem for path in (notebooks / "src").glob("[0-9][0-9]_*.py"))
    website.build_site(out, stems=stems, notebooks=notebooks, teaching_folder=notebooks / "teaching")
    return out


# Raw TeX is a "$" or a backslash command left in the text a reader sees, outside formulas and code.
RAW_TEX_JS = """
const copy = document.body.cloneNode(true);
copy.querySelectorAll('math, pre, code, script, style').forEach(e => e.remove());
const text = copy.textContent, raw = text.match(/\\$|\\\\[A-Za-z]{2,}/);
const images = [...document.querySelectorAll('img')];
return {rawTeX: raw ? text.slice(Math.max(0, raw.index - 40), raw.index + 40) : null,
        badAlt: images.filter(i => !(i.alt || '').trim() || /no description/i.test(i.alt)).length,
        images: images.length};
"""

# Per slide of a reveal.js deck, each shown in turn: its words of prose (whitespace-separated tokens with a
# letter or digit, in the slide's text outside formulas, code, printed output, images and speaker notes;
# a Vietnamese syllable is a word), whether it is empty (no word, formula, image or output), what sticks
# out of the 1280x720 slide or scrolls inside it, raw TeX (notes included) and whether it has notes.
SLIDES_JS = r"""
// Per slide of a reveal.js deck: visible prose words, emptiness, overflow of the 1280x720 canvas, raw TeX.
const WORD = /[\p{L}\p{N}]/u;
const RAW_TEX = /\$|\\[A-Za-z]{2,}/;
const prose = (root, dropNotes) => {
  const copy = root.cloneNode(true);
  copy.querySelectorAll('math, pre, code, script, style, img, svg, .anchor-link'
                        + (dropNotes ? ', aside.notes' : '')).forEach(e => e.remove());
  return copy.textContent;
};
const words = text => text.split(/\s+/).filter(t => WORD.test(t)).length;
const out = [];
const box = document.querySelector('.reveal .slides').getBoundingClientRect();
const scale = Reveal.getScale();
for (const slide of Reveal.getSlides()) {
  const {h, v} = Reveal.getIndices(slide);
  Reveal.slide(h, v);
  Reveal.layout();
  const visible = prose(slide, true);
  const pictures = slide.querySelectorAll('img, math, svg, canvas, pre').length;
  const cut = [];
  for (const el of slide.querySelectorAll('*')) {
    if (el.closest('aside.notes')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.bottom > box.bottom + 2 || r.right > box.right + 2 || r.top < box.top - 2 || r.left < box.left - 2) {
      cut.push(el.tagName.toLowerCase() + ' ends at ' + Math.round((r.bottom - box.top) / scale) + ' px down, '
               + Math.round((r.right - box.left) / scale) + ' px across');
      break;
    }
    const style = getComputedStyle(el);
    if ((el.scrollHeight > el.clientHeight + 2 && style.overflowY !== 'visible')
        || (el.scrollWidth > el.clientWidth + 2 && style.overflowX !== 'visible')) {
      cut.push(el.tagName.toLowerCase() + ' scrolls (' + el.scrollWidth + 'x' + el.scrollHeight + ' in '
               + el.clientWidth + 'x' + el.clientHeight + ')');
      break;
    }
  }
  const everything = prose(slide, false);
  const raw = everything.match(RAW_TEX);
  const heading = slide.querySelector('h1, h2, h3, h4');
  out.push({h: h, v: v || 0, title: heading ? heading.textContent.replace('¶', '').trim() : '',
            words: words(visible), empty: words(visible) === 0 && pictures === 0,
            cut: cut, rawTeX: raw ? everything.slice(Math.max(0, raw.index - 30), raw.index + 30) : null,
            notes: [...slide.querySelectorAll('aside.notes')].some(a => words(a.textContent) > 0)});
}
Reveal.slide(0, 0);
return out;
"""
SLIDE_WORDS = 60  # the most words of prose a slide may show (website.DECK_WORDS)


def _open_deck(driver, path: Path) -> None:
    driver.get(path.as_uri())
    _wait(lambda: driver.execute_script("return !!(window.Reveal && Reveal.isReady());"), timeout=30,
          what=f"reveal.js to start {path.name}")


def _slide_problems(deck: str, slides: list[dict]) -> list[str]:
    """What is wrong with each slide of ``deck``, one line per slide at fault."""
    problems = []
    for number, slide in enumerate(slides, start=1):
        where = f"{deck} slide {number} ({slide['title'][:40]!r})"
        if slide["words"] > SLIDE_WORDS:
            problems.append(f"{where}: {slide['words']} words of prose, more than {SLIDE_WORDS}")
        if slide["empty"]:
            problems.append(f"{where}: empty")
        if slide["cut"]:
            problems.append(f"{where}: cut off at 1280x720: {slide['cut'][0]}")
        if slide["rawTeX"]:
            problems.append(f"{where}: raw TeX {slide['rawTeX']!r}")
    return problems


def test_browser_site_renders_offline(browser, site):
    """Index, one Vietnamese page and one English deck: text, typeset formulas, images, nothing from a network."""
    browser.get((site / "index.html").as_uri())
    index = browser.execute_script(PAGE_JS)
    assert index["chars"] > 200, f"the index is nearly blank: {index}"
    for lang in ("vi", "en"):
        for suffix in (".html", ".slides.html"):
            href = f"{lang}/{SITE_LESSON}{suffix}"
            assert href in index["links"], f"the index does not link {href}: {index['links']}"
            assert (site / href).exists(), f"the index links {href}, which the build did not write"
    assert f"teaching/{SITE_LESSON}.html" in index["links"], "the index does not link the instructor's path"

    browser.get((site / "vi" / f"{SITE_LESSON}.html").as_uri())
    page = browser.execute_script(PAGE_JS)
    assert page["chars"] > 2000 and "cảnh sát" in browser.find_element("tag name", "body").text, page
    assert page["math"] > 10 and page["stacked"], f"the page's formulas are not typeset: {page}"
    assert not page["rawTeX"], "raw TeX ($$, \\frac, ...) is showing on the page"
    assert page["images"] > 0 and page["broken"] == 0, f"the page's figures are missing or broken: {page}"
    assert not _offline(browser) and not _errors(browser), (_offline(browser), _errors(browser))

    browser.get((site / "en" / f"{SITE_LESSON}.slides.html").as_uri())
    _wait(lambda: browser.execute_script("return !!(window.Reveal && Reveal.isReady());"), timeout=30,
          what="reveal.js to start the deck")
    deck = browser.execute_script(PAGE_JS)
    slides = browser.execute_script("return Reveal.getTotalSlides();")
    assert slides >= 1 and deck["chars"] > 50, f"the deck is blank: {slides} slides, {deck}"
    assert deck["math"] > 0 and not deck["rawTeX"], f"the deck's formulas are not typeset: {deck}"
    assert deck["images"] > 0 and deck["broken"] == 0, f"the deck's figures are missing or broken: {deck}"
    assert not _offline(browser) and not _errors(browser), (_offline(browser), _errors(browser))


def test_browser_every_page_and_deck(browser, site):
    """Every page of every lesson in both languages shows no raw TeX and gives each figure alt text; every
    deck's every slide shows at most SLIDE_WORDS words of prose, is not empty, fits 1280x720 and shows no
    raw TeX, and some slides have speaker notes. One browser, one script per page."""
    problems, pages = [], sorted(site.glob("*/*.html")) + [site / "index.html"]
    slides = {}
    for path in pages:
        name = path.relative_to(site).as_posix()
        if path.name.endswith(".slides.html"):
            _open_deck(browser, path)
            found = browser.execute_script(SLIDES_JS)
            slides[name] = len(found)
            problems += _slide_problems(name, found)
            if not any(slide["notes"] for slide in found):
                problems.append(f"{name}: no slide has speaker notes")
        else:
            browser.get(path.as_uri())
        page = browser.execute_script(RAW_TEX_JS)
        if page["rawTeX"]:
            problems.append(f"{name}: raw TeX {page['rawTeX']!r}")
        if page["badAlt"]:
            problems.append(f"{name}: {page['badAlt']} of {page['images']} figures lack alt text")
    assert len(slides) == 2 * len(list((ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py"))), sorted(slides)
    assert not problems, "\n".join(problems)


def test_browser_slide_checks_catch_planted_mistakes(browser, tmp_path):
    """The per-slide checks flag a long slide, an empty one, raw TeX and a slide taller than 720 px, and
    pass a good one: a deck written straight from slide cells, without the deck maker."""
    import nbformat

    website.copy_reveal(tmp_path)
    slide = {"slideshow": {"slide_type": "slide"}}
    cells = [nbformat.v4.new_markdown_cell("## Good\n\nOne short line.\n\n$$x^2$$", metadata=slide),
             nbformat.v4.new_markdown_cell("## Long\n\n" + "word " * (SLIDE_WORDS + 1), metadata=slide),
             nbformat.v4.new_code_cell("", metadata=slide),
             nbformat.v4.new_markdown_cell("## Raw\n\nThe ratio \\$\\frac{a}{b}\\$.", metadata=slide),
             nbformat.v4.new_markdown_cell("## Tall\n\n$$\\begin{matrix}" + "\\\\".join(map(str, range(40)))
                                           + "\\end{matrix}$$", metadata=slide)]
    exporter = website._exporter(website.DeckExporter, website.DECK_TEMPLATE, "en", reveal_url_prefix="../reveal.js",
                                 reveal_theme="white", exclude_input=True)
    body, _ = exporter.from_notebook_node(nbformat.v4.new_notebook(cells=cells), resources={
        "course": {"css": website.CSS, "nav": ""}, "metadata": {"name": "planted"}})
    (tmp_path / "en").mkdir()
    deck = tmp_path / "en" / "planted.slides.html"
    deck.write_text(body, encoding="utf-8")
    _open_deck(browser, deck)
    problems = _slide_problems("planted", browser.execute_script(SLIDES_JS))
    assert not any("slide 1 " in p for p in problems), problems
    assert any("slide 2 " in p and "words of prose" in p for p in problems), problems
    assert any("slide 3 " in p and "empty" in p for p in problems), problems
    assert any("slide 4 " in p and "raw TeX" in p for p in problems), problems
    assert any("slide 5 " in p and "cut off" in p for p in problems), problems
