"""Packaging for Lambda: ``lambda-runtime build`` and ``lambda-runtime deploy``.

Rule: nothing here is imported by the runtime; the function zip leaves this package out.
"""
