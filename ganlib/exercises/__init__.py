"""Checked exercises, quizzes and challenges of lessons 01–10.

Each ``check_*`` calls the student's function (or reads their number) on cases with known answers
and prints one line in the notebook's language: ``✓ …`` when right, ``✗ …`` with a hint when wrong,
unfinished or raising. Each ``experiment_*`` takes the student's prediction ("a", "b" or "c") and
runs the experiment only once a prediction is written. A check never raises and never prints the
solution. :func:`show_quiz` shows a lesson's quiz; ``score_*_challenge`` score the two challenges.
The modules are named by subject; :data:`BY_LESSON` lists what each lesson calls.

This sub-package sits at the top of ganlib, beside the plots: it may use everything below it, and
nothing in ganlib imports it.
"""

from collections.abc import Callable

from .challenges import score_game_challenge, score_ring_challenge
from .conditional import (check_conditional_accuracy, check_projection_logit, check_projection_parts,
                          experiment_long_noise)
from .convolutions import check_conv_gain, check_overlap_counts, check_transposed_side, experiment_batch_statistics
from .divergences import check_d_star_logit, check_js_divergence, check_kl_gaussians, check_uniform_value
from .dynamics import check_extragradient_step, check_spiral_radius
from .evaluation import check_knn_precision
from .experiments import (experiment_jsd_slope, experiment_minimax_start, experiment_one_class,
                          experiment_police_steps, experiment_smaller_steps, experiment_tiny_classifier)
from .logit_slopes import check_police_slopes
from .losses import check_gradient_penalty, check_ns_loss, check_police_loss, check_slope_ratio
from .optimum import check_collapsed_losses, check_value_at_optimum
from .pictures import check_demodulation_scale, check_sliced_distance, experiment_swapped_colours
from .quiz import show_quiz
from .steps import check_discriminator_step, check_police_steps
from .style import check_gram_invariance, check_gram_matrix, check_total_variation, experiment_style_weight

BY_LESSON: dict[str, tuple[Callable, ...]] = {
    "00": (),
    "01": (check_police_loss, check_police_steps, experiment_police_steps, check_police_slopes),
    "02": (check_d_star_logit, check_uniform_value, experiment_tiny_classifier, check_value_at_optimum),
    "03": (check_kl_gaussians, check_js_divergence, experiment_jsd_slope),
    "04": (check_ns_loss, check_slope_ratio, check_gradient_penalty, experiment_minimax_start, score_game_challenge),
    "05": (check_discriminator_step, check_knn_precision, experiment_one_class, check_collapsed_losses),
    "06": (check_spiral_radius, check_extragradient_step, experiment_smaller_steps, score_ring_challenge),
    "07": (check_transposed_side, check_overlap_counts, experiment_batch_statistics, check_conv_gain),
    "08": (check_conditional_accuracy, check_projection_logit, check_projection_parts, experiment_long_noise),
    "09": (check_sliced_distance, check_demodulation_scale, experiment_swapped_colours),
    "10": (check_gram_invariance, check_gram_matrix, check_total_variation, experiment_style_weight),
}
"""The checks, experiments and challenges each lesson calls, in the order it first calls them (the quiz
aside: every lesson NN calls ``show_quiz("NN")``). tests/test_exercises.py holds it to the lesson sources."""
