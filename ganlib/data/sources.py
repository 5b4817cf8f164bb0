"""Where the MNIST digits come from, by name (what :func:`ganlib.data.load_mnist` and the ``--data``
option of ``python -m ganlib`` accept), and the size of MNIST's training set. Without torch, so the
command line can parse its options before importing it."""

SOURCES = ("auto", "mnist", "bundled")
MNIST_TRAIN_SIZE = 60000  # digits in MNIST's training set
