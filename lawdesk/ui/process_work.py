"""Heavy core work in a separate process, driven from a worker thread.

WeasyPrint and the PDF stack run Python code for seconds at a time; in a thread of the
window's process they hold the interpreter lock long enough to freeze the window (pauses of
300 ms were measured). In a spawned process they cannot, and a crash of a native library
there does not take the window down. The child reports progress through a queue and watches
an event for cancellation. A user error comes back as the LawdeskError itself (every one pickles);
a bug is written to the crash log by the child, which then reports it.
"""

from __future__ import annotations

import importlib
import multiprocessing
import queue
import traceback
from typing import Any

from lawdesk import scratch
from lawdesk.crashlog import record_crash
from lawdesk.errors import LawdeskError
from lawdesk.i18n import _, current_language, set_language
from lawdesk.progress import CancelToken, Progress

POLL_SECONDS = 0.1


class _QueueProgress:
    """The `Progress` protocol in the child: every call becomes a message to the parent."""

    def __init__(self, messages: Any) -> None:
        self._messages = messages

    def start(self, total: int, label: str) -> None:
        self._messages.put(("start", total, label))

    def advance(self, done: int, label: str = "") -> None:
        self._messages.put(("advance", done, label))

    def finish(self) -> None:
        self._messages.put(("finish",))


class ChildCrash(RuntimeError):
    """A bug in the generation process; the child already wrote its traceback to the crash log."""

    logged = True


def _child(target: str, args: tuple[Any, ...], language: str, messages: Any, stop: Any, scratch_folder: str) -> None:
    scratch.use(scratch_folder)
    set_language(language)
    module, name = target.split(":")
    function = getattr(importlib.import_module(module), name)
    try:
        result = function(*args, progress=_QueueProgress(messages), cancel=CancelToken(stop))
    except LawdeskError as exc:
        messages.put(("error", exc))
    except Exception as exc:  # noqa: BLE001 - a bug: logged here, where its traceback is, then reported
        record_crash(exc)
        messages.put(("crash", type(exc).__name__, str(exc), traceback.format_exc()))
    else:
        messages.put(("done", result))


def run_in_process(target: str, args: tuple[Any, ...], progress: Progress, cancel: CancelToken) -> Any:
    """Run `module:function`(*args, progress=…, cancel=…) in a new process and return its result,
    relaying progress and cancellation; its errors are raised here as LawdeskErrors."""
    context = multiprocessing.get_context("spawn")
    messages = context.Queue()
    stop = context.Event()
    folder = scratch.create("generation")
    try:
        process = context.Process(target=_child, args=(target, args, current_language(), messages, stop, folder),
                                  name="lawdesk-build", daemon=True)
        process.start()
        try:
            return _relay(process, messages, stop, progress, cancel)
        finally:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
    finally:
        scratch.remove(folder)


def _relay(process: Any, messages: Any, stop: Any, progress: Progress, cancel: CancelToken) -> Any:
    """The child's messages until its result: progress passed on, cancellation passed back."""
    while True:
        if cancel.cancelled:
            stop.set()
        try:
            kind, *payload = messages.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if not process.is_alive():
                raise LawdeskError(_("le moteur de génération s'est arrêté brutalement (code {code}) ; rien n'a été "
                                     "écrit. Réessayez, et signalez le problème s'il se reproduit").format(
                    code=process.exitcode)) from None
            continue
        if kind == "start":
            progress.start(*payload)
        elif kind == "advance":
            progress.advance(*payload)
        elif kind == "finish":
            progress.finish()
        elif kind == "done":
            return payload[0]
        elif kind == "error":
            raise payload[0]
        else:
            name, detail, details = payload
            raise ChildCrash(f"{name}: {detail}\n{details}")
