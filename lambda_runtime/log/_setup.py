"""What the runtime calls: ``configure()`` once at start, ``log_fault()`` for every fault it reports.

Cold start rule: with no log settings in the environment (format unset or TEXT, no level, no telemetry
descriptor) ``configure()`` has nothing to parse or warn about, and the emitter it would build is exactly
``Log``'s default. So when neither ``Log`` nor the stdlib ``logging`` is loaded yet, it only installs the
``logging`` import hook; the emitter's modules load when something first logs. Any setting, or an explicit
``config``, builds and installs the emitter at once.
"""

from __future__ import annotations

import contextlib
import os
import sys

from lambda_runtime.log._environment import FORMAT_ENV, LEVEL_ENV, TELEMETRY_FD_ENV

# typing stays unimported at run time (it costs cold start); mypy reads the guarded imports.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec
    from types import ModuleType

    from lambda_runtime.log._config import LogConfig
    from lambda_runtime.log._emitter import Emitter
    from lambda_runtime.log._sinks import Sink
    from lambda_runtime.protocol.errors import ErrorReport

__all__ = ["configure", "log_fault"]

_LOG_MODULE = "lambda_runtime.log._log"


def _open_sink(config: LogConfig, problems: list[str]) -> tuple[LogConfig, Sink]:
    from lambda_runtime.log._config import LogFormat
    from lambda_runtime.log._sinks import StreamSink, TelemetrySink

    text = config.format is LogFormat.TEXT
    if config.telemetry_fd is not None:
        try:
            return config, TelemetrySink(config.telemetry_fd, text=text)
        except OSError as exc:
            problems.append(
                f"_LAMBDA_TELEMETRY_LOG_FD={config.telemetry_fd} is not an open descriptor "
                f"({exc.strerror}); logging to stdout"
            )
            config = config.replace(telemetry_fd=None)
    return config, StreamSink(one_event_per_record=text)


def _install_stdlib_handler(emitter: Emitter | None) -> None:
    """Put our handler on the root logger, replacing (and keeping the filters of) one set up before.

    ``None`` stands for the emitter ``Log`` writes through.
    """
    import logging

    from lambda_runtime.log._levels import Level
    from lambda_runtime.log._log import active_emitter
    from lambda_runtime.log._stdlib import LambdaLogHandler

    if emitter is None:
        emitter = active_emitter()
    logging.addLevelName(Level.TRACE.to_stdlib(), "TRACE")
    root = logging.getLogger()
    level = emitter.config.level
    handler = LambdaLogHandler(emitter, logging.NOTSET if level is None else level.to_stdlib())
    for old in [h for h in root.handlers if isinstance(h, LambdaLogHandler)]:
        for log_filter in old.filters:
            handler.addFilter(log_filter)
        root.removeHandler(old)
    root.addHandler(handler)
    if level is not None:
        root.setLevel(level.to_stdlib())


class _InstallOnImport:
    """A meta-path finder that routes ``logging`` through our emitter as soon as something imports it.

    Importing ``logging`` costs a cold start ~4 ms, so the runtime does not import it itself: a function
    that never uses it never pays, and one that does gets the same handler as if installed at start.
    ``emitter`` None means ``Log``'s emitter at that moment (the default one, unless replaced since).
    """

    def __init__(self, emitter: Emitter | None) -> None:
        self.emitter = emitter

    def find_spec(self, name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        if name != "logging":
            return None
        _remove_import_hook()
        from importlib.util import find_spec

        spec = find_spec(name)
        loader = None if spec is None else spec.loader
        if spec is None or loader is None:
            return spec
        load = loader.exec_module
        emitter = self.emitter

        def exec_module(module: ModuleType) -> None:
            load(module)
            _install_stdlib_handler(emitter)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _remove_import_hook() -> None:
    for finder in [f for f in sys.meta_path if isinstance(f, _InstallOnImport)]:
        sys.meta_path.remove(finder)


def _environment_has_no_log_settings() -> bool:
    """True when ``LogConfig.from_env()`` would return the default config, with no problems."""
    environ = os.environ
    return (
        environ.get(FORMAT_ENV, "").strip().upper() in ("", "TEXT")
        and not environ.get(LEVEL_ENV, "").strip()
        and not environ.get(TELEMETRY_FD_ENV, "").strip()
    )


def configure(config: LogConfig | None = None) -> None:
    """Set up ``Log`` and the stdlib root logger from the environment (or from ``config``).

    Reads AWS_LAMBDA_LOG_FORMAT, AWS_LAMBDA_LOG_LEVEL and _LAMBDA_TELEMETRY_LOG_FD once. Invalid values
    fall back to their defaults, each with one WARN record. Calling it again replaces the setup.
    """
    _remove_import_hook()
    if (
        config is None
        and _LOG_MODULE not in sys.modules
        and "logging" not in sys.modules
        and _environment_has_no_log_settings()
    ):
        sys.meta_path.insert(0, _InstallOnImport(None))
        return

    from lambda_runtime.log._config import LogConfig
    from lambda_runtime.log._emitter import RUNTIME_LOGGER, Emitter
    from lambda_runtime.log._levels import Level
    from lambda_runtime.log._log import install_emitter

    config = LogConfig.from_env() if config is None else config
    problems = list(config.problems)
    config, sink = _open_sink(config, problems)
    emitter = Emitter(config, sink)
    install_emitter(emitter)
    if "logging" in sys.modules:
        _install_stdlib_handler(emitter)
    else:
        sys.meta_path.insert(0, _InstallOnImport(emitter))
    for problem in problems:
        # Written whatever the threshold: a setting that was ignored must be visible.
        emitter.emit(Level.WARN, problem, logger=RUNTIME_LOGGER)


def log_fault(error: ErrorReport, exc: BaseException | None = None, *, fatal: bool = False) -> None:
    """Log a fault the runtime reports (uncaught exception, init or marshal error) at ERROR or FATAL.

    The record carries the wire error's ``errorType``, ``errorMessage`` and ``stackTrace`` under the
    ``level`` key, so Lambda's level filter keeps it. Never raises.
    """
    level_name = "FATAL" if fatal else "ERROR"
    try:
        from lambda_runtime.log._emitter import RUNTIME_LOGGER
        from lambda_runtime.log._error_fields import ErrorFields
        from lambda_runtime.log._levels import Level
        from lambda_runtime.log._log import active_emitter

        level = Level.FATAL if fatal else Level.ERROR
        emitter = active_emitter()
        if level < emitter.threshold:
            return
        fields = ErrorFields.from_report(error, exc)
        emitter.emit(level, f"{error.error_type}: {error.error_message}", logger=RUNTIME_LOGGER, error=fields)
    except Exception:
        with contextlib.suppress(Exception):
            sys.stderr.write(f"[{level_name}]\t{error.error_type}: {error.error_message}\n")
