"""The benchmark: real code paths on the shipped, province and national data (see docs/benchmark.md).

Run it with ``python bench/run.py [--quick]``; ``tests/test_bench_guard.py`` runs a cheap part of
it in CI and fails only on gross regressions of ratios, never on absolute timings.
"""
