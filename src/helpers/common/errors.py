"""The project's errors: one base class, and the exit code each kind gives at the command line.

Every error the project raises on purpose derives from :class:`LaocaiError`. Its message is
one sentence that names the file, line, figure or parameter at fault and says what to do; the
command line prints it as one line (``laocai COMMAND: error: MESSAGE``) and exits with
:attr:`LaocaiError.exit_code`. A traceback is shown only with ``laocai --debug``.

Exit codes (documented in the README):

====  =====================================================================
0     success
1     bad input data or a failed run (:class:`InputError` and the default)
2     a bad parameter or configuration: nothing ran (:class:`UsageError`)
3     ``add-source`` registered a document whose figures need a look
130   interrupted (Ctrl-C)
====  =====================================================================
"""

from __future__ import annotations


class LaocaiError(Exception):
    """Base class of the project's errors; ``exit_code`` is what the command line returns."""

    exit_code: int = 1


class InputError(LaocaiError, ValueError):
    """A file or a figure cannot be used as it is (missing, unreadable, malformed, inconsistent)."""

    exit_code = 1


class UsageError(LaocaiError, ValueError):
    """A parameter or a configuration value is not accepted; nothing was run or written."""

    exit_code = 2


EXIT_INTERRUPTED = 130


class Interrupted(LaocaiError):
    """The user stopped a command (Ctrl-C); the message says what was stopped and what was kept."""

    exit_code = EXIT_INTERRUPTED


def input_error(exc: Exception, path: object = None) -> LaocaiError:
    """``exc`` as the project's error of a bad input: a project error as it is, any other as an
    :class:`InputError` whose message names ``path`` (the file at fault) unless it already does."""
    if isinstance(exc, LaocaiError):
        return exc
    text = str(exc)
    return InputError(text if path is None or str(path) in text else f"{path}: {text}")


def ctrl_c_can_reach_here() -> bool:
    """Whether a Ctrl-C can arrive in the code running now: Python delivers signals to the
    main thread only, and a process started with Ctrl-C ignored (``nohup``, or ``&`` in a
    script, where the shell sets that) keeps ignoring it. Where it cannot, code that handles
    Ctrl-C leaves the signal alone."""
    import signal
    import threading

    return threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) != signal.SIG_IGN


def yaml_problem(where: object, exc: Exception) -> str:
    """A YAML syntax error of the file ``where`` in one line: ``FILE:LINE: not valid YAML: the
    problem (and its context, with its line); fix the file``, for the message of an error
    (PyYAML's own text runs over several lines and repeats the file's text)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = f":{mark.line + 1}" if mark is not None else ""
    problem = getattr(exc, "problem", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
    context, cmark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    said = f"{problem} ({context}, line {cmark.line + 1})" if context and cmark is not None else problem
    return f"{where}{line}: not valid YAML: {' '.join(str(said).split())}; fix the file"
