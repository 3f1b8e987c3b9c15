"""The benchmark: a deterministic national-scale data generator and one command that measures
every budget of DESIGN.md §4 (`kvalitet bench generate|run`, `make bench`)."""
