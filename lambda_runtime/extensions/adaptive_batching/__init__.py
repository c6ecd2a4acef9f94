"""The adaptive-batching log shipper: Lambda's logs to S3 in batches (``python -m`` this package)."""
