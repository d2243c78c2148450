"""Tools for the project, not the library: scoring against gold files and the benchmarks."""
