"""The runtime: transport to the Runtime API, Context, config, the invocation loop, shutdown, and handlers/
(base classes, _HANDLER loading, adapters, codec, streaming output). Never imports the emulator."""
