"""Seconds per epoch timed side by side (ganlib.gan.timing), lessons 07 and 09."""

import pytest
import torch

from ganlib.gan import TrainConfig
from ganlib.gan.timing import seconds_per_epoch


def test_every_config_gets_a_positive_time_from_one_epoch_in_turns():
    data = torch.randint(0, 256, (128, 1, 28, 28), dtype=torch.uint8)
    configs = {"small": TrainConfig(model="mlp", batch_size=64), "dcgan": TrainConfig(model="dcgan", batch_size=64)}
    times = seconds_per_epoch(configs, data, rounds=1)
    assert set(times) == {"small", "dcgan"} and all(0 < t < 60 for t in times.values())


def test_each_config_can_have_its_own_data():
    configs = {"28 px": TrainConfig(model="dcgan"), "32 px": TrainConfig(model="dcgan", image_size=32)}
    data = {"28 px": torch.zeros(64, 1, 28, 28, dtype=torch.uint8),
            "32 px": torch.zeros(64, 3, 32, 32, dtype=torch.uint8)}
    assert set(seconds_per_epoch(configs, data, rounds=1)) == {"28 px", "32 px"}


def test_no_round_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        seconds_per_epoch({"mlp": TrainConfig()}, torch.zeros(64, 1, 28, 28), rounds=0)
