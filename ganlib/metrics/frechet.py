"""The Fréchet distance between two Gaussians fitted to feature vectors: the FD of lessons 05–08 and
``python -m ganlib score`` (``ganlib.metrics.images`` feeds it the classifier's penultimate features).

Those features are rank-deficient: 40 of the shipped classifier's 128 penultimate units never fire on
the reference digits (their ReLU outputs 0), so the covariances have about 40 zero eigenvalues. In
floating point these come out as rounding noise of about ±1e-12, and √(1e-12) = 1e-6 is not small:
summed over all of them, it biased the FD by about 6e-6. Eigenvalues within rounding of 0 are therefore
set to 0 before the square root, and an eigenvalue clearly below 0 (the matrix is not a covariance)
raises instead of being clamped.
"""

import numpy as np

from ..i18n import tr

NEGATIVE_TOLERANCE = np.sqrt(np.finfo(np.float64).eps)  # ≈ 1.5e-8: no rounding error gets this large


def gaussian_fit(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean (D) and unbiased covariance (D×D, divided by N − 1) of N×D features."""
    return features.mean(axis=0), np.cov(features, rowvar=False)


def check_gaussian(mu: object, sigma: object, *, name: str) -> tuple[np.ndarray, np.ndarray]:
    """``mu`` (D) and ``sigma`` (D×D) as float64 arrays; ValueError unless they have these shapes, hold
    finite numbers and ``sigma`` is symmetric (up to 1e-8 of its largest entry). ``name`` (e.g. "1")
    tells the caller's arguments apart in the message."""
    mu, sigma = np.asarray(mu, dtype=np.float64), np.asarray(sigma, dtype=np.float64)
    if mu.ndim != 1 or sigma.shape != (mu.size, mu.size) or mu.size == 0:
        raise ValueError(tr(
            en=f"mu{name} must be a vector of D ≥ 1 means and sigma{name} a D×D covariance matrix, got shapes "
               f"{mu.shape} and {sigma.shape}",
            vi=f"mu{name} phải là vector gồm D ≥ 1 giá trị trung bình và sigma{name} là ma trận hiệp phương sai "
               f"D×D, nhận được kích thước {mu.shape} và {sigma.shape}"))
    if not (np.isfinite(mu).all() and np.isfinite(sigma).all()):
        raise ValueError(tr(en=f"mu{name} and sigma{name} must hold finite numbers, got NaN or infinity",
                            vi=f"mu{name} và sigma{name} phải chứa số hữu hạn, nhận được NaN hoặc vô cùng"))
    asymmetry = np.abs(sigma - sigma.T).max()
    if asymmetry > 1e-8 * np.abs(sigma).max():
        raise ValueError(tr(
            en=f"sigma{name} must be symmetric, as a covariance matrix is, but it differs from its transpose by "
               f"up to {asymmetry:.3g}",
            vi=f"sigma{name} phải đối xứng như mọi ma trận hiệp phương sai, nhưng lệch so với ma trận chuyển vị "
               f"của chính nó tới {asymmetry:.3g}"))
    return mu, (sigma + sigma.T) / 2


def nonnegative_eigenvalues(eigenvalues: np.ndarray, *, scale: float, what: str) -> np.ndarray:
    """The eigenvalues (D) of a matrix that is positive semi-definite in exact arithmetic, with rounding
    noise set to 0.

    ``scale`` bounds the matrix's norm. Rounding leaves errors of about D · eps · scale (the tolerance
    of ``numpy.linalg.matrix_rank``): eigenvalues within it become 0, since their square roots would
    add √(D · eps · scale) each. An eigenvalue below −1.5e-8 · scale (√eps) cannot come from rounding:
    ValueError names ``what`` instead of clamping it to 0.
    """
    lowest = eigenvalues.min()
    if lowest < -NEGATIVE_TOLERANCE * scale:
        raise ValueError(tr(
            en=f"{what} has the eigenvalue {lowest:.3g}, clearly below 0 for a matrix of norm {scale:.3g}: it is "
               "not a covariance matrix, which has no negative eigenvalues; compute covariances with "
               "numpy.cov(features, rowvar=False)",
            vi=f"{what} có trị riêng {lowest:.3g}, âm rõ rệt so với chuẩn {scale:.3g} của ma trận: đây không phải "
               "ma trận hiệp phương sai, vì ma trận hiệp phương sai không có trị riêng âm; hãy tính ma trận hiệp "
               "phương sai bằng numpy.cov(features, rowvar=False)"))
    tolerance = eigenvalues.size * np.finfo(np.float64).eps * scale
    return np.where(eigenvalues > tolerance, eigenvalues, 0.0)


def covariance_root(sigma: np.ndarray, *, what: str = "sigma") -> np.ndarray:
    """The symmetric square root of a covariance matrix (D×D, positive semi-definite, symmetric).

    Eigenvalues within rounding of 0 count as 0 (see :func:`nonnegative_eigenvalues`); ``what``
    names the matrix in the error a clearly negative eigenvalue raises.
    """
    eigenvalues, eigenvectors = np.linalg.eigh(sigma)
    kept = nonnegative_eigenvalues(eigenvalues, scale=np.linalg.norm(sigma), what=what)
    return (eigenvectors * np.sqrt(kept)) @ eigenvectors.T


def frechet_distance(mu1: np.ndarray, sigma1: np.ndarray, mu2: np.ndarray, sigma2: np.ndarray, *,
                     root1: np.ndarray | None = None) -> float:
    """Fréchet (2-Wasserstein²) distance between N(mu1, sigma1) and N(mu2, sigma2); ≥ 0, in squared
    feature units.

    ‖mu1 − mu2‖² + tr(sigma1) + tr(sigma2) − 2 tr((sigma1 sigma2)^½), where the last trace is
    computed as Σ √λ over the eigenvalues λ of the symmetric matrix sigma1^½ sigma2 sigma1^½: real
    and stable even when a covariance is singular (fewer samples than features, or dead features).
    Eigenvalues within rounding of 0 count as 0 before the square root. mu: D; sigma: D×D, symmetric,
    positive semi-definite; ValueError otherwise. ``root1`` (sigma1^½, D×D) may be passed when
    already computed. Used by lessons 05–08 through :func:`ganlib.metrics.score_samples`.
    """
    mu1, sigma1 = check_gaussian(mu1, sigma1, name="1")
    mu2, sigma2 = check_gaussian(mu2, sigma2, name="2")
    if mu1.size != mu2.size:
        raise ValueError(tr(en=f"the two Gaussians must have the same dimension, got {mu1.size} and {mu2.size}",
                            vi=f"hai phân phối Gauss phải cùng số chiều, nhận được {mu1.size} và {mu2.size}"))
    if root1 is None:
        root1 = covariance_root(sigma1, what="sigma1")
    elif np.shape(root1) != sigma1.shape:
        raise ValueError(tr(
            en=f"root1 must be sigma1's square root, of shape {sigma1.shape}, got {np.shape(root1)}",
            vi=f"root1 phải là căn bậc hai của sigma1, có kích thước {sigma1.shape}, nhận được {np.shape(root1)}"))
    nonnegative_eigenvalues(np.linalg.eigvalsh(sigma2), scale=np.linalg.norm(sigma2), what="sigma2")
    cross = np.linalg.eigvalsh(root1 @ sigma2 @ root1)
    scale = np.linalg.norm(sigma1) * np.linalg.norm(sigma2)  # bounds ‖sigma1^½ sigma2 sigma1^½‖
    trace_root = np.sqrt(nonnegative_eigenvalues(cross, scale=scale, what="sigma1^½ sigma2 sigma1^½")).sum()
    distance = np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2) - 2.0 * trace_root
    return float(max(distance, 0.0))  # ≥ 0 in exact arithmetic: only rounding makes it negative
