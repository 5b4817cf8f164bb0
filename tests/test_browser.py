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
    """The website of one lesson, built by the README's command into a fresh folder."""
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, str(ROOT / "notebooks" / "build.py"), "site", str(out), SITE_LESSON[:2]],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"the site build failed:\n{done.stdout}\n{done.stderr}"
    return out


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
