"""Shared test settings: figures drawn off-screen and closed, the language reset after each test."""

import matplotlib
import matplotlib.pyplot as plt
import pytest

import ganlib

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def english_and_closed_figures():
    yield
    ganlib.set_language("en")
    plt.close("all")
