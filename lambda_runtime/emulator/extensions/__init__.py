"""Extensions inside an execution environment: the extensions host and telemetry delivery."""
