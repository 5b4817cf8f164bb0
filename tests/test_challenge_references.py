"""The theory challenge of lesson 04 is reachable: a reference solution, kept out of the student notebooks,
passes the scorer within the rules (about 30 s of CPU)."""

from test_exercise_banks import line_of

from ganlib import exercises

# A slow police (small police_lr) stays unsure long enough for the minimax gradient to reach the
# counterfeiter, and a fast counterfeiter uses it: W1 = 0.013 after 1000 rounds (seed 0).
GAME_REFERENCE = dict(police_lr=0.01, counterfeiter_lr=0.5, police_steps=5, batch_size=256, rounds=1000)


def test_the_theory_challenge_is_reachable(capsys):
    line = line_of(capsys, lambda settings: exercises.score_game_challenge(**settings), GAME_REFERENCE)
    assert line.startswith("✓"), line
