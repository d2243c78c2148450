"""Process helpers: the policy for the second core, forking, sharing work between two processes,
the cache file format, and the garbage collector paused while the pipeline builds its data."""
