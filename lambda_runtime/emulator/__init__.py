"""A local AWS Lambda service: Invoke, Runtime, Extensions and Telemetry APIs over real runtime processes.

Nothing is imported here; use ``lambda_runtime.emulator.service.Emulator`` or ``lambda-runtime emulate``.
"""

__all__: list[str] = []
