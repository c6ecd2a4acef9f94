"""The Runtime API client side: protocol values, transport, Context, the invocation loop."""
