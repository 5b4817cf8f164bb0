"""The lesson notebooks and the scripts that make them: ``from notebooks import build`` in the tests."""
