"""The language: set_language for the session, ``with ganlib.language(...)`` for a block (its own thread or task
only), and a choice that survives a kernel running each cell in a fresh context."""

import contextvars
import threading

import pytest

import ganlib


def test_a_block_speaks_its_language_and_restores_the_one_before():
    ganlib.set_language("en")
    with ganlib.language("vi"):
        assert ganlib.tr(en="generator", vi="bộ sinh") == "bộ sinh"
        with ganlib.language("en"):
            assert ganlib.get_language() == "en"
        assert ganlib.get_language() == "vi"
    assert ganlib.get_language() == "en"


def test_a_block_is_left_even_when_it_raises():
    with pytest.raises(KeyError), ganlib.language("vi"):
        raise KeyError("oops")
    assert ganlib.get_language() == "en"


def test_a_refused_language_changes_nothing():
    with pytest.raises(ValueError, match="language must be one of"), ganlib.language("fr"):
        pass
    assert ganlib.get_language() == "en"


def test_a_block_changes_its_own_thread_only():
    seen = []
    with ganlib.language("vi"):
        worker = threading.Thread(target=lambda: seen.append(ganlib.get_language()))
        worker.start()
        worker.join()
    assert seen == ["en"]


def test_the_session_language_outlives_the_context_it_was_set_in():
    """ipykernel 5 (Colab's) runs every cell in a fresh copy of the context: the first cell's choice must last."""
    contextvars.Context().run(ganlib.set_language, "vi")
    assert contextvars.Context().run(ganlib.get_language) == "vi"
    assert ganlib.get_language() == "vi"
