"""``python -m ganlib``: the command line (:mod:`ganlib.cli`)."""

import sys

from .cli import main

sys.exit(main())
