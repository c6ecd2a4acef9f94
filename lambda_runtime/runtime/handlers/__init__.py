"""Handler base classes, _HANDLER loading, streaming output, typed event decoding and result encoding."""
