"""Benchmarks: synthetic park generator and a numpy/highspy reference model."""
