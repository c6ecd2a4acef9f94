"""The cache extension: SSM parameters, secrets and DynamoDB items preloaded and served on localhost
(``python -m`` this package)."""
