"""Heavy core work in a separate process kept warm: the window's builds.

WeasyPrint and the PDF stack run Python code for seconds at a time; in a thread of the window's
process they hold the interpreter lock long enough to freeze the window (pauses of 300 ms were
measured). In another process they cannot, and a crash of a native library there does not take
the window down. That process is started once the window shows (`start`, never before its first
paint) and imports what a build needs then, so that « Générer » does not pay a process start and
WeasyPrint's import each time; it also starts its own helper for the build's second core.

One request at a time: the process reports progress through a queue and watches an event for
cancellation; a user error comes back as the LawdeskError itself (every one pickles); a bug is
written to the crash log there, then reported. Cancelling stops the build at once by ending the
process; a process that died (killed, crashed) is replaced on the next request. No Qt here.
"""

from __future__ import annotations

import atexit
import importlib
import multiprocessing
import queue
import threading
import traceback
from typing import Any

from lawdesk import scratch
from lawdesk.crashlog import record_crash
from lawdesk.errors import Cancelled, LawdeskError
from lawdesk.i18n import _, current_language, set_language
from lawdesk.lifeline import end_with_parent
from lawdesk.progress import CancelToken, Progress

POLL_SECONDS = 0.1
STOP_SECONDS = 5


class _QueueProgress:
    """The `Progress` protocol in the generation process: every call becomes a message to the window."""

    def __init__(self, messages: Any) -> None:
        self._messages = messages

    def start(self, total: int, label: str) -> None:
        self._messages.put(("start", total, label))

    def advance(self, done: int, label: str = "") -> None:
        self._messages.put(("advance", done, label))

    def finish(self) -> None:
        self._messages.put(("finish",))


class ChildCrash(RuntimeError):
    """A bug in the generation process; it already wrote its traceback to the crash log."""

    logged = True


class _Died(LawdeskError):
    """The generation process ended without answering."""


# What ends the generation process: a new one serves the next request.
_Replace = (Cancelled, ChildCrash, _Died, KeyboardInterrupt)


def _serve(requests: Any, messages: Any, stop: Any, scratch_folder: str, warm: bool) -> None:
    """The generation process: ready first (what a build imports, its own helper), then one request
    after the other until it is told to end (None) or killed."""
    scratch.use(scratch_folder)
    end_with_parent(_stop_helper)  # not a daemon (it has a helper): nothing else ends it with the window
    from lawdesk.evidence.cache import remember_made

    remember_made()  # what the evidence check makes (OCR) serves the build that follows
    if warm:
        from lawdesk import build, parallel  # noqa: F401 - imported now, not at the first « Générer »
        from lawdesk.htmlpdf import load_weasyprint

        load_weasyprint()
        parallel.start_helper_pool()
    messages.put(("ready",))
    while (request := requests.get()) is not None:
        target, args, language = request
        set_language(language)
        from lawdesk import parallel

        parallel.start_helper_pool()  # again, if a cancelled build stopped it
        try:
            module, name = target.split(":")
            function = getattr(importlib.import_module(module), name)
            result = function(*args, progress=_QueueProgress(messages), cancel=CancelToken(stop))
        except LawdeskError as exc:
            messages.put(("error", exc))
        except Exception as exc:  # noqa: BLE001 - a bug: logged here, where its traceback is, then reported
            record_crash(exc)
            messages.put(("crash", type(exc).__name__, str(exc), traceback.format_exc()))
        else:
            messages.put(("done", result))
    # Told to end. A child of multiprocessing skips atexit, where the helper would be stopped: ending
    # without it, this process took its queues away from a helper still starting (which then printed a
    # SemLock traceback); stopped here, the helper is ended first, whatever it was doing.
    _stop_helper()


def _stop_helper() -> None:
    from lawdesk import parallel

    parallel.stop_helper_pool()


class GenerationProcess:
    """The process that builds for the window. `run` is called from a worker thread, one at a time."""

    def __init__(self, warm: bool = True) -> None:
        self._warm = warm
        self._lock = threading.Lock()
        self._context = multiprocessing.get_context("spawn")
        self._process: Any = None
        self._folder: str | None = None
        self._requests: Any = None
        self._messages: Any = None
        self._stop: Any = None
        self.ready = threading.Event()

    def start(self) -> None:
        """Start the process if none runs (it gets ready in the background)."""
        if self._process is not None and self._process.is_alive():
            return
        self._end()
        self.ready.clear()
        self._folder = scratch.create("generation")
        self._requests, self._messages, self._stop = self._context.Queue(), self._context.Queue(), self._context.Event()
        self._process = self._context.Process(target=_serve, name="lawdesk-generation",
                                              args=(self._requests, self._messages, self._stop, self._folder, self._warm))
        self._process.start()

    def wait_ready(self, timeout: float) -> bool:
        """Whether the process is ready (its imports done), waiting at most `timeout` seconds."""
        with self._lock:
            self.start()
            if not self.ready.is_set():
                try:
                    if self._messages.get(timeout=timeout)[0] == "ready":
                        self.ready.set()
                except queue.Empty:
                    pass
            return self.ready.is_set()

    def run(self, target: str, args: tuple[Any, ...], progress: Progress, cancel: CancelToken) -> Any:
        """`module:function`(*args, progress=…, cancel=…) in the generation process; its result, or its
        error raised here (a bug as ChildCrash)."""
        with self._lock:
            self.start()
            self._stop.clear()
            self._requests.put((target, args, current_language()))
            try:
                return self._relay(progress, cancel)
            except _Replace:
                self._end()  # cancelled (stopped at once), died or crashed: the next request starts another
                raise

    def _relay(self, progress: Progress, cancel: CancelToken) -> Any:
        while True:
            if cancel.cancelled:
                self._stop.set()
                cancel.check()  # Cancelled: `run` ends the process now, whatever it is drawing
            try:
                kind, *payload = self._messages.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if not self._process.is_alive():
                    raise _Died(_("le moteur de génération s'est arrêté brutalement (code {code}) ; rien n'a été "
                                         "écrit. Réessayez, et signalez le problème s'il se reproduit").format(
                        code=self._process.exitcode)) from None
                continue
            if kind == "ready":
                self.ready.set()
            elif kind == "start":
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

    def _end(self) -> None:
        """End the process (asked nicely, then killed) and remove its temporary files."""
        process, self._process = self._process, None
        if process is not None:
            if process.is_alive() and self._requests is not None:
                try:
                    self._requests.put(None)
                except (OSError, ValueError):
                    pass
                process.join(timeout=0.2)
            if process.is_alive():
                process.kill()
            process.join(timeout=STOP_SECONDS)
        if self._folder is not None:
            scratch.remove(self._folder)
            self._folder = None

    def stop(self) -> None:
        with self._lock:
            self._end()


_process = GenerationProcess()
atexit.register(_process.stop)  # its temporary files go with it


def start_generation_process() -> None:
    """The window, once shown: the generation process gets ready in the background."""
    _process.start()


def generation_ready(timeout: float) -> bool:
    return _process.wait_ready(timeout)


def stop_generation_process() -> None:
    _process.stop()


def run_in_process(target: str, args: tuple[Any, ...], progress: Progress, cancel: CancelToken) -> Any:
    """Run `module:function`(*args, progress=…, cancel=…) in the generation process and return its result,
    relaying progress and cancellation; its errors are raised here."""
    return _process.run(target, args, progress, cancel)
