"""The emulator's HTTP side: one server implementation and one module per API it serves."""
