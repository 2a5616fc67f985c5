"""Tasks for the pooled helper's tests (tests/test_parallel.py): a pooled helper imports what it runs,
so the tasks live in a module. The test's own process sets LAWDESK_TEST_PARENT before the pool starts."""

from __future__ import annotations

import os
import time

from lawdesk.errors import TemplateError


def _in_helper() -> bool:
    return str(os.getpid()) != os.environ["LAWDESK_TEST_PARENT"]


def pid(_item: object) -> int:
    time.sleep(0.1)
    return os.getpid()


def item_and_pid(item: int) -> tuple[int, int]:
    time.sleep(0.1)
    return item, os.getpid()


def fails_on_two(item: int) -> int:
    if item == 2:
        raise TemplateError("modèle illisible : ligne 3")
    return item


def fails_in_helper(item: int) -> int:
    if _in_helper():
        raise ValueError("only in the helper")
    return item


def dies_in_helper(item: int) -> int:
    if _in_helper():
        os._exit(3)
    return item * 10


def sleeps_in_helper(item: int) -> int:
    if _in_helper():
        time.sleep(60)
    return item
