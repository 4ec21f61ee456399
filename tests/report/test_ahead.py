"""Chunks laid out ahead on threads come back as the serial loop gives them."""

from __future__ import annotations

import random
import threading
import time

import pytest

from validator.report.ahead import in_order


def _slow_square(x: int) -> int:
    time.sleep(random.random() / 500)  # later items often finish first
    return x * x


@pytest.mark.parametrize("workers", [0, 1, 2, 3])
def test_results_come_in_the_order_of_their_items(workers):
    assert list(in_order(_slow_square, range(60), workers)) == [x * x for x in range(60)]


def test_by_default_the_same_as_map():
    assert list(in_order(_slow_square, range(25))) == [x * x for x in range(25)]


def test_a_failure_is_raised_where_its_result_would_be():
    def make(x: int) -> int:
        if x == 5:
            raise ValueError("item 5")
        return x

    got = []
    with pytest.raises(ValueError, match="item 5"):
        for r in in_order(make, range(10), 2):
            got.append(r)
    assert got == [0, 1, 2, 3, 4]


def test_few_results_wait_and_a_consumer_that_stops_leaves_no_thread():
    started: list[int] = []

    def make(x: int) -> int:
        started.append(x)
        return x

    results = in_order(make, range(1000), 2)
    assert next(results) == 0
    time.sleep(0.05)
    assert len(started) <= 4  # the one yielded, two waiting and one being made at most
    results.close()
    assert not [t for t in threading.enumerate() if t.name.startswith("report")]
