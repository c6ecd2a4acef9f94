"""The sans-IO vocabulary of the Runtime, Extensions and Telemetry APIs: values, paths, headers, tables.

Rule: modules here import nothing from the package but each other and ``lambda_runtime._record``; they
open no sockets and read no environment. The runtime, the emulator, the extension client and the test
harness all speak through them.

- ``runtime_api``: the Runtime API: version, paths, header names, limits, request-id quoting, the
  requests a runtime renders and the ``Invocation`` a /next answer carries.
- ``routes``: the server side of the same paths (which route a request line names).
- ``errors``: the error report: its JSON body, its stream-trailer form, and the faults the runtime names.
- ``lifecycle``, ``extensions_api``, ``telemetry``: the environment lifecycle table, the Extensions API and
  the Telemetry/Logs API vocabulary.
"""
