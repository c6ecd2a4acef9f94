"""The sans-IO vocabulary of the Runtime, Extensions and Telemetry APIs: values, paths, headers, tables.

Rule: modules here import nothing from the package but each other and ``lambda_runtime._record``.
"""
