"""Benchmarks: each module prints ratios against awslambdaric and a floor measured in the same run."""
