"""``python -m lambda_runtime``: serve the handler named by ``_HANDLER`` (what ``bootstrap`` runs)."""

from lambda_runtime.runtime.runner import LambdaRuntime

if __name__ == "__main__":
    LambdaRuntime.run()
