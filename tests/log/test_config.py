from __future__ import annotations

from lambda_runtime.log import Level, LogConfig, LogFormat


def test_defaults_when_nothing_is_set() -> None:
    config = LogConfig.from_env({})
    assert config == LogConfig(LogFormat.TEXT, None, None, ())
    assert config.threshold is Level.INFO


def test_reads_format_level_and_descriptor_case_insensitively() -> None:
    config = LogConfig.from_env(
        {"AWS_LAMBDA_LOG_FORMAT": "json", "AWS_LAMBDA_LOG_LEVEL": "debug", "_LAMBDA_TELEMETRY_LOG_FD": "7"}
    )
    assert config == LogConfig(LogFormat.JSON, Level.DEBUG, 7, ())
    assert config.threshold is Level.DEBUG
    assert LogConfig.from_env({"AWS_LAMBDA_LOG_FORMAT": "Text"}).format is LogFormat.TEXT


def test_invalid_format_falls_back_to_text_with_a_problem() -> None:
    config = LogConfig.from_env({"AWS_LAMBDA_LOG_FORMAT": "yaml", "AWS_LAMBDA_LOG_LEVEL": "ERROR"})
    assert config.format is LogFormat.TEXT
    assert config.level is Level.ERROR
    assert config.problems == ("AWS_LAMBDA_LOG_FORMAT='yaml' is not TEXT or JSON; using TEXT",)


def test_invalid_level_falls_back_to_info_with_a_problem() -> None:
    config = LogConfig.from_env({"AWS_LAMBDA_LOG_LEVEL": "LOUD"})
    assert config.level is None
    assert config.threshold is Level.INFO
    assert len(config.problems) == 1
    assert "AWS_LAMBDA_LOG_LEVEL" in config.problems[0]
    assert "'LOUD'" in config.problems[0]
    assert config.problems[0].endswith("using INFO")


def test_invalid_descriptors_fall_back_to_stdout_with_a_problem() -> None:
    for text in ("three", "-1", "3.5"):
        config = LogConfig.from_env({"_LAMBDA_TELEMETRY_LOG_FD": text})
        assert config.telemetry_fd is None
        assert len(config.problems) == 1
        assert config.problems[0].endswith("logging to stdout")


def test_every_invalid_value_is_reported_once() -> None:
    config = LogConfig.from_env(
        {"AWS_LAMBDA_LOG_FORMAT": "x", "AWS_LAMBDA_LOG_LEVEL": "y", "_LAMBDA_TELEMETRY_LOG_FD": "z"}
    )
    assert len(config.problems) == 3


def test_empty_values_mean_unset() -> None:
    env = {"AWS_LAMBDA_LOG_FORMAT": "", "AWS_LAMBDA_LOG_LEVEL": " ", "_LAMBDA_TELEMETRY_LOG_FD": ""}
    assert LogConfig.from_env(env) == LogConfig()
