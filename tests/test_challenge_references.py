"""Each open challenge is reachable: a reference solution, kept out of the student notebooks, passes the
scorer within the rules (lessons 04 and 06). About 30 s and 2 min of one CPU core."""

from dataclasses import replace

from test_exercise_banks import line_of

from ganlib import exercises
from ganlib.toys.remedies import RING_BASE

# A slow police (small police_lr) stays unsure long enough for the minimax gradient to reach the
# counterfeiter, and a fast counterfeiter uses it: W1 = 0.013 after 1000 rounds (seed 0).
GAME_REFERENCE = dict(police_lr=0.01, counterfeiter_lr=0.5, police_steps=5, batch_size=256, rounds=1000)

# Within the 3000 discriminator steps of batch 256: D four times faster than G (TTUR), Adam without momentum
# (β1 = 0) and a moving average of G over about 100 steps instead of 1000: 8 of 8 modes on each of seeds 0–4
# (the fifth setting tried on those seeds; 8.0 on seeds 5–9 too, which it was not tuned on).
RING_REFERENCE = replace(RING_BASE, lr_d=8e-3, lr_g=2e-3, betas=(0.0, 0.9), ema_decay=0.99)


def test_the_theory_challenge_is_reachable(capsys):
    line = line_of(capsys, lambda settings: exercises.score_game_challenge(**settings), GAME_REFERENCE)
    assert line.startswith("✓"), line


def test_the_practice_challenge_is_reachable(capsys):
    line = line_of(capsys, exercises.score_ring_challenge, RING_REFERENCE)
    assert line.startswith("✓"), line
