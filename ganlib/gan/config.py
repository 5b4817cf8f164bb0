"""Everything that decides a training run, in one frozen dataclass: lessons 05–08 and ``python -m ganlib train``.

Each field carries its help text, which the command line shows: ``python -m ganlib train`` makes
one option per field, so the options, their help and their checks live here and nowhere else.
This module does not import torch, so the command line can parse its options before loading it.
"""

from dataclasses import dataclass, field, fields

from ..assets.registry import GENERATORS, generator_name

GRID_SIZE = 100  # samples in the 10×10 grids the loop writes
LOSSES = ("minimax", "ns", "wgan-gp")  # the pairs of losses; ganlib.gan.losses computes them
# The networks by name, with what sets them apart (ganlib.gan.models.MODELS builds them): those that
# draw MNIST digits, which python -m ganlib offers, and the one that draws 2-D points (lesson 06).
IMAGE_MODELS = {"mlp": "MLPs", "dcgan": "convolutional, spectral norm in D",
                "dcgan-bn": "convolutional, BatchNorm in D",
                "dcgan-style": "convolutional, StyleGAN-style G: mapping network, modulated convolutions",
                "cgan": "MLPs conditioned on the label: digits on demand"}
POINT_MODELS = {"toy2d": "MLPs for 2-D points"}
MNIST_SIZE = 28  # pixels on a side of an MNIST digit (1 channel)
IMAGE_SIZES = (MNIST_SIZE, 32, 64)  # 32 and 64: colour pictures from a folder (3 channels), lesson 09
# The convolutional networks, which grow one block per doubling of the side.
SIZED_MODELS = ("dcgan", "dcgan-bn", "dcgan-style")


def describe_models(models: dict[str, str]) -> str:
    """``models`` (name → what sets it apart) in words: "'mlp' (MLPs), 'dcgan' (…), …"."""
    return ", ".join(f"{name!r} ({what})" for name, what in models.items())


def _option(default: object, help: str) -> object:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides a training run; saved in every checkpoint and in history.json.

    The remedies of lesson 06 (``label_smoothing``, ``instance_noise``, ``pack``, different
    ``lr_d`` and ``lr_g``) are all off by default. Invalid values raise ValueError saying which and why.
    """

    model: str = _option("mlp", f"the networks (ganlib.gan.models.MODELS): for MNIST {describe_models(IMAGE_MODELS)}; "
                                f"for 2-D points {describe_models(POINT_MODELS)}")
    epochs: int = _option(100, "passes over the training data")
    batch_size: int = _option(64, "samples per discriminator step on each process; under torchrun the global "
                                  "batch is batch_size × the number of processes")
    k: int = _option(1, "discriminator steps per generator step")
    loss: str = _option("ns", "the pair of losses (ganlib.gan.losses): 'ns' non-saturating, 'minimax', or "
                              "'wgan-gp' (D is a critic with a gradient penalty)")
    lr_g: float = _option(2e-4, "the generator's Adam learning rate")
    lr_d: float = _option(2e-4, "the discriminator's Adam learning rate (≠ lr_g: the two time-scale rule, TTUR)")
    betas: tuple[float, float] = _option((0.5, 0.999), "Adam's beta1 and beta2, each in [0, 1)")
    ema_decay: float = _option(0.999, "decay of the moving average of G's weights used for sampling "
                                      "(0: sample from G itself)")
    dropout: float = _option(0.0, "dropout probability in D's hidden layers, in [0, 1)")
    label_smoothing: float = _option(0.0, "one-sided label smoothing s: real samples get the target 1 − s in "
                                          "D's cross-entropy; in [0, 1), not with wgan-gp")
    instance_noise: float = _option(0.0, "σ of the Gaussian noise added to everything D sees, annealed "
                                         "linearly towards 0 over the run (0: off)")
    gp_weight: float = _option(10.0, "λ, the gradient penalty's weight (read only with loss wgan-gp)")
    pack: int = _option(1, "PacGAN: D judges groups of this many samples (models with a packing D only, "
                           "e.g. toy2d); must divide batch_size")
    seed: int = _option(0, "seeds the initial weights, the shuffling and the noise")
    eval_every: int = _option(10, "score samples from fixed noise every this many epochs (0: never)")
    n_eval: int = _option(1000, f"samples per score; at least {GRID_SIZE} (the grids use the first {GRID_SIZE})")
    grid_every: int = _option(10, "write a 10×10 grid every this many epochs, and at the first and last (0: "
                                  "only those)")
    max_loss: float = _option(50.0, "stop with an error when a mean loss grows past this (a run that blew up)")
    image_size: int = _option(MNIST_SIZE, f"pixels on a side of the images: {MNIST_SIZE} for MNIST (1 channel); "
                                          "32 or 64 for colour pictures from a folder (3 channels), models "
                                          f"{', '.join(SIZED_MODELS)} only")
    compile: bool = _option(False, "compile the networks of the training step with torch.compile (on CUDA in "
                                   "mode reduce-overhead, with CUDA graphs); off: eager")

    def __post_init__(self) -> None:
        object.__setattr__(self, "betas", tuple(self.betas))
        positive = {"epochs": self.epochs, "batch_size": self.batch_size, "k": self.k,
                    "lr_g": self.lr_g, "lr_d": self.lr_d, "n_eval": self.n_eval, "max_loss": self.max_loss}
        for name, value in positive.items():
            if not value > 0:
                raise ValueError(f"{name} must be positive, got {value!r}")
        if self.loss not in LOSSES:
            raise ValueError(f"loss must be one of {LOSSES}, got {self.loss!r}")
        if not 0.0 <= self.label_smoothing < 1.0:
            raise ValueError(f"label_smoothing must be in [0, 1), got {self.label_smoothing!r}")
        if self.label_smoothing and self.loss == "wgan-gp":
            raise ValueError("label_smoothing changes D's cross-entropy targets; a wgan-gp critic has none: "
                             "leave it at 0")
        if self.instance_noise < 0 or self.gp_weight < 0:
            raise ValueError(f"instance_noise and gp_weight must be non-negative, got "
                             f"{self.instance_noise!r} and {self.gp_weight!r}")
        if not isinstance(self.pack, int) or self.pack < 1 or self.batch_size % self.pack:
            raise ValueError(f"pack must be a positive integer that divides batch_size {self.batch_size}, "
                             f"got {self.pack!r}")
        if len(self.betas) != 2 or not all(0.0 <= beta < 1.0 for beta in self.betas):
            raise ValueError(f"betas must be two numbers in [0, 1), got {self.betas!r}")
        if not 0.0 <= self.dropout < 1.0:
            raise ValueError(f"dropout must be in [0, 1), got {self.dropout!r}")
        if not 0.0 <= self.ema_decay < 1.0:
            raise ValueError(f"ema_decay must be in [0, 1), got {self.ema_decay!r}")
        if self.eval_every < 0 or self.grid_every < 0 or self.seed < 0:
            raise ValueError("eval_every, grid_every and seed must be non-negative")
        if not isinstance(self.compile, bool):
            raise TypeError(f"compile must be True or False, got {self.compile!r}")
        if self.compile and self.loss == "wgan-gp":
            raise ValueError("compile cannot be used with loss wgan-gp: torch.compile does not differentiate "
                             "the gradient penalty twice; train wgan-gp eagerly (compile False)")
        if self.image_size not in IMAGE_SIZES:
            raise ValueError(f"image_size must be one of {IMAGE_SIZES} ({MNIST_SIZE}: MNIST; 32 or 64: colour "
                             f"pictures from a folder), got {self.image_size!r}")
        if self.image_size != MNIST_SIZE and self.model not in SIZED_MODELS:
            raise ValueError(f"model {self.model!r} is built for {MNIST_SIZE}×{MNIST_SIZE} digits only; train "
                             f"{self.image_size}-px pictures with model {' or '.join(map(repr, SIZED_MODELS))}, "
                             "whose convolutions grow one block per doubling of the side")
        if self.n_eval < GRID_SIZE:
            raise ValueError(f"n_eval must be at least {GRID_SIZE} (the grid uses the first {GRID_SIZE})")

    @classmethod
    def from_dict(cls, values: dict) -> "TrainConfig":
        """The config saved by ``asdict`` (in a checkpoint or history.json)."""
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in values.items() if key in known})


def image_options(config: TrainConfig) -> dict:
    """The keyword arguments that shape both networks of ``config`` for its images: none for MNIST's
    1×28×28 (the constructors' defaults), else ``channels`` 3 and ``image_size`` (lesson 09)."""
    return {} if config.image_size == MNIST_SIZE else {"channels": 3, "image_size": config.image_size}


# The training recipe common on blogs and in the PyTorch-GAN repository, as the TrainConfig fields it changes from
# the course's: Adam with its default betas, G slower than D, no moving average (its batch of 64, D's lr of 2e-4 and
# no dropout are the course's too). Lesson 05 compares it with the course's recipe (ganlib.toys.recipes);
# ``python -m ganlib bench`` times its DataLoader loop (ganlib.gan.benchmark).
BLOG_RECIPE = {"betas": (0.9, 0.999), "lr_g": 1e-4, "ema_decay": 0.0}

# A model without shipped weights trains with the laptop tier of the one it differs from in one network only:
# D's normalisation ("dcgan-bn") or G ("dcgan-style", which lesson 09 compares with "dcgan" at the same settings).
SIBLINGS = {"dcgan-bn": "dcgan", "dcgan-style": "dcgan"}


def model_defaults(model: str, *, folder: bool = False) -> dict:
    """The TrainConfig fields that ``model`` trains with by default (its laptop tier, beyond TrainConfig's
    own defaults), as keyword arguments: read from the registry of shipped generators
    (:data:`ganlib.assets.registry.GENERATORS`), whose entries were made with them. ``folder``: the tier
    for a folder of colour pictures (lesson 09, ``--data FOLDER``), tuned apart from MNIST's. Used by
    ``python -m ganlib train`` and lessons 05–09."""
    shipped = GENERATORS.get(generator_name(SIBLINGS.get(model, model), folder=folder))
    return {"model": model, **(shipped.config if shipped else {})}
