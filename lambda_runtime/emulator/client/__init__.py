"""The `lambda-runtime invoke` command: a client of the Invoke API."""
