"""crp-checker speed and scale benchmarks (issue 4): `make bench` or `python -m benchmarks`."""
