"""Benchmark of kb_builder: a synthetic knowledge base generator and the build benchmark.

Run `python -m bench.run` from the repository root; see README.md, "Performance".
"""
