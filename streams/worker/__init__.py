"""The Faust layer: the only package that imports faust. Agents move records between
topics and tables; the work itself is done by ``streams.stages``."""
